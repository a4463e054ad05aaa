/* Writing a read-only CSR (cycle) raises an illegal instruction exception
 * (vol. I, "Zicsr": CSRRW always writes; the assembler's unimp is exactly
 * this encoding): SIGILL (status 132) at that pc.
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
	csrrw zero, cycle, zero     /* writing a read-only CSR: the unimp pseudo */
	PUTS msg, 17                /* not reached */
	EXIT 0
