/* a write to the read-only CTR_EL0: SIGILL; ferry's message names the pc.
 * TEST-EXIT: 132
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
fault_here:
	.inst 0xd51b0020            /* msr ctr_el0, x0 */
	PUTS msg, 17                /* not reached */
	EXIT 0
