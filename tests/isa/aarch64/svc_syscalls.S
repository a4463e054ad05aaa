/* SVC: the number in x8, arguments in x0..x5, the result in x0; the
 * immediate is ignored; other registers survive; an unknown number gives
 * -ENOSYS.  Exits with status 7. 
 * TEST-EXIT: 7 */
#include "asm.h"

	.section .rodata
msg:	.ascii "svc ok\n"
bad:	.ascii "svc wrong\n"

	.text
	.globl _start
_start:
	mov x19, #0x1234
	mov x8, #SYS_write
	mov x0, #1
	adr x1, msg
	mov x2, #7
	svc #0x42                   /* the immediate does not matter */
	cmp x0, #7
	b.ne fail
	mov x20, #0x1234
	cmp x19, x20
	b.ne fail
	mov x8, #4000               /* no such system call */
	svc #0
	cmn x0, #38                 /* -ENOSYS */
	b.ne fail
	EXIT 7
fail:
	PUTS bad, 10
	EXIT 1
