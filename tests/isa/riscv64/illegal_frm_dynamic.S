/* frm may hold an invalid value; an FP instruction with rm = dyn executed
 * then is illegal (vol. I, "Floating-Point Control and Status Register").
 * SIGILL (status 132) at the fadd.d, not at the fsrmi.
 * TEST-EXIT: 132
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
	fsrmi 5                     /* frm = 101: invalid, but writing it is allowed */
fault_here:
	fadd.d ft0, ft0, ft0, dyn   /* using it raises an illegal instruction */
	PUTS msg, 17                /* not reached */
	EXIT 0
