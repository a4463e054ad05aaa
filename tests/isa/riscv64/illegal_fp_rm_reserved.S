/* An FP instruction whose static rm field holds a reserved value (5 or 6)
 * is illegal (vol. I, "Floating-Point Control and Status Register"):
 * SIGILL (status 132) at that pc.
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
	.4byte 0x02005053           /* fadd.d ft0, ft0, ft0 with rm = 101 (reserved) */
	PUTS msg, 17                /* not reached */
	EXIT 0
