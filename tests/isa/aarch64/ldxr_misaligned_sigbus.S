/* An exclusive load from an address that is not naturally aligned is an
 * alignment fault: SIGBUS (BUS_ADRALN), status 135; the pc is the LDXR's.
 * TEST-EXIT: 135
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.data
	.balign 16
cell:	.quad 0, 0

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
	adr x1, cell
	add x1, x1, #4
	ldr x2, [x1]                /* plain loads may be unaligned */
fault_here:
	ldxr x0, [x1]
	PUTS msg, 17                /* not reached */
	EXIT 0
