/* c.ebreak, the compressed breakpoint: SIGTRAP (status 133) at that pc.
 * TEST-EXIT: 133
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
fault_here:
	c.ebreak
	PUTS msg, 17                /* not reached */
	EXIT 0
