/* Jumping into a readable but non-executable page (.data) is an
 * instruction page fault: SIGSEGV (status 139) with the pc in .data.
 * TEST-EXIT: 139
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
	la t0, fault_here
	jr t0
	.section .data
	.align 2
fault_here:
	.4byte 0x00000013           /* a nop, but in a non-executable page */
	.text
	PUTS msg, 17                /* not reached */
	EXIT 0
