/* A 32-bit instruction in the custom-0 major opcode, which no standard
 * extension uses: SIGILL (status 132) at that pc.
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
	.4byte 0x0000000b           /* custom-0 major opcode: no such instruction */
	PUTS msg, 17                /* not reached */
	EXIT 0
