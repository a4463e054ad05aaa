/* The all-zero 16-bit parcel is reserved as illegal (vol. I, "C" chapter:
 * an instruction of all zeros is an illegal instruction); ferry must
 * die of SIGILL (status 132) and name the pc in its message.
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
	.2byte 0x0000               /* the all-zero parcel is defined illegal */
	PUTS msg, 17                /* not reached */
	EXIT 0
