/* RETAA (pointer authentication is not advertised): SIGILL; ferry's message names the pc.
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
	.inst 0xd65f0bff
	PUTS msg, 17                /* not reached */
	EXIT 0
