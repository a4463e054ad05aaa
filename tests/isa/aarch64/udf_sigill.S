/* the permanently undefined encoding (UDF) is SIGILL (ILL_ILLOPC): status 132; ferry's message names the pc.
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
	udf #0x1234
	PUTS msg, 17                /* not reached */
	EXIT 0
