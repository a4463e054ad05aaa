/* ecall as the system call instruction, from a freestanding program:
 * write to stdout, getpid/getppid (positive, different), a short write's
 * return value, an unknown syscall number giving -ENOSYS (-38), a bad
 * buffer giving -EFAULT (-14), and exit_group's status.  No libc runs.
 * TEST-EXIT: 7 */
#include "asm.h"

	.section .rodata
hello:	.ascii "hello from ecall\n"
	.set hello_len, . - hello
newline: .ascii "\n"

	.text
	.globl _start
_start:
	PUTS hello, hello_len

	li a7, SYS_getpid
	ecall
	mv s1, a0
	sgtz a0, a0
	call puthex                 /* 1: pid > 0 */

	li a7, SYS_getppid
	ecall
	sub a0, a0, s1
	snez a0, a0
	call puthex                 /* 1: ppid != pid */

	li a7, SYS_write            /* write returns the byte count */
	li a0, 1
	la a1, hello
	li a2, 3
	ecall
	mv s2, a0
	PUTS newline, 1
	mv a0, s2
	call puthex                 /* 3 */

	li a7, 4000                 /* no such system call */
	li a0, 1
	ecall
	call puthex                 /* -38 */

	li a7, SYS_write            /* bad pointer: -EFAULT, no crash */
	li a0, 1
	li a1, 16
	li a2, 8
	ecall
	call puthex                 /* -14 */

	li a7, SYS_write            /* bad descriptor: -EBADF (-9) */
	li a0, 12345
	la a1, hello
	li a2, 1
	ecall
	call puthex

	/* registers other than a0 survive an ecall */
	li s3, 0x1234
	li t4, 0x5678
	li a7, SYS_getpid
	ecall
	slli s3, s3, 16
	or a0, s3, t4
	call puthex                 /* 12345678 */

	EXIT 7

	DEFINE_PUTHEX

