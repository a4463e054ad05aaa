/* a breakpoint (BRK, as __builtin_trap) is SIGTRAP (TRAP_BRKPT): status 133; ferry's message names the pc.
 * TEST-EXIT: 133
 * TEST-PC-SYMBOL: fault_here */
#include "asm.h"

	.section .rodata
msg:	.ascii "before the fault\n"

	.text
	.globl _start, fault_here
_start:
	PUTS msg, 17
fault_here:
	brk #0x3e8
	PUTS msg, 17                /* not reached */
	EXIT 0
