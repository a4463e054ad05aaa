/* Helpers for the freestanding assembly tests (no libc: _start talks to
 * the kernel with ecall; a7 = number, a0..a5 = arguments, a0 = result,
 * Linux asm-generic/unistd.h numbering). */
#define SYS_write 64
#define SYS_exit_group 94
#define SYS_getpid 172
#define SYS_getppid 173
#define SYS_uname 160

/* write(1, label, len) */
.macro PUTS label, len
	li a7, SYS_write
	li a0, 1
	la a1, \label
	li a2, \len
	ecall
.endm

.macro EXIT code
	li a7, SYS_exit_group
	li a0, \code
	ecall
.endm

/* Prints a0 as 16 hex digits and a newline; clobbers t0-t3, a0-a2, a7. */
.macro DEFINE_PUTHEX
puthex:
	addi sp, sp, -32
	mv t0, a0
	li t1, 15
1:	andi t2, t0, 15
	li t3, 10
	blt t2, t3, 2f
	addi t2, t2, 'a' - 10 - '0'
2:	addi t2, t2, '0'
	add t3, sp, t1
	sb t2, 0(t3)
	srli t0, t0, 4
	addi t1, t1, -1
	bgez t1, 1b
	li t2, '\n'
	sb t2, 16(sp)
	li a7, SYS_write
	li a0, 1
	mv a1, sp
	li a2, 17
	ecall
	addi sp, sp, 32
	ret
.endm
