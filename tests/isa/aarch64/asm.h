/* Helpers for the freestanding aarch64 assembly tests (no libc: _start
 * talks to the kernel with svc #0; x8 = number, x0..x5 = arguments, x0 =
 * result, asm-generic/unistd.h numbering). */
#define SYS_write 64
#define SYS_exit_group 94

/* write(1, label, len) */
.macro PUTS label, len
	mov x8, #SYS_write
	mov x0, #1
	adr x1, \label
	mov x2, #\len
	svc #0
.endm

.macro EXIT code
	mov x8, #SYS_exit_group
	mov x0, #\code
	svc #0
.endm
