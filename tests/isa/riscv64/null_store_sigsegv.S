/* A store to address 0: SIGSEGV (status 139) at the store's pc.
 * TEST-EXIT: 139
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
	li t0, 0
fault_here:
	sd t0, 0(t0)                /* store to address 0 */
	PUTS msg, 17                /* not reached */
	EXIT 0
