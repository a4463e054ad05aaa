/* A branch to a register holding an address that is not a multiple of 4
 * takes a PC alignment fault at the target: SIGBUS (BUS_ADRALN), status 135.
 * TEST-EXIT: 135 */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start
_start:
	PUTS msg, 17
	adr x1, target
	add x1, x1, #2
	br x1
target:
	PUTS msg, 17                /* not reached */
	EXIT 0
