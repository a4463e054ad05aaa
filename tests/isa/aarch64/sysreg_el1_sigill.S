/* an EL1 system register read at EL0: SIGILL; ferry's message names the pc.
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
	mrs x0, sctlr_el1
	PUTS msg, 17                /* not reached */
	EXIT 0
