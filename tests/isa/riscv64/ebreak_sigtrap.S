/* ebreak raises a breakpoint exception, which Linux delivers as SIGTRAP:
 * status 133, and ferry's message names the pc.
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
	ebreak
	PUTS msg, 17                /* not reached */
	EXIT 0
