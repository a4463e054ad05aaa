#!/usr/bin/env bash
# -g: a gdb session on a -g -O0 riscv64 program: a breakpoint on a
# function, continue, next and step, a local variable, registers (x and
# pc), finish, info proc mappings (vFile and the guest's /proc/PID/maps),
# kill.  On every backend.
. "$(dirname "$0")/helpers.bash"
. "$(dirname "$0")/gdb_lib.bash"
cat >"$W/prog.c" <<'C'
#include <stdio.h>

int add(int a, int b)
{
	int sum = a + b;
	int twice = sum * 2;
	return twice;
}

int main(int argc, char **argv)
{
	int local = 40 + argc;
	int r = add(local, 1);
	printf("r=%d\n", r);
	return r == 84 ? 0 : 1;
}
C
gdb_cc "$W/prog" "$W/prog.c"
cat >"$W/session.gdb" <<'G'
break add
continue
next
print sum
print $pc
print/x $a1
info registers sp
finish
info proc mappings
kill
G
cat >"$W/step.gdb" <<'G'
break main
continue
next
step
info frame
print a + b
kill
G
cd "$W" || exit 2
for be in $(backends); do
	hook_works "$be" ./prog || continue
	export FERRY_BACKEND=$be
	ferry_gdb_start ./prog
	out=$(gdb_batch ./prog session.gdb)
	st=$(ferry_gdb_wait)
	check_match "$be: stopped at the breakpoint with the arguments" '^Breakpoint 1, add \(a=41, b=1\) at (.*/)?prog\.c:5' "$out"
	check_match "$be: next runs line 5" '^6[[:space:]]+int twice = sum \* 2;' "$out"
	check_match "$be: print a local" '^\$1 = 42$' "$out"
	check_match "$be: pc inside add" '^\$2 = \(void \(\*\)\(\)\) 0x[0-9a-f]+ <add\+[0-9]+>' "$out"
	check_match "$be: an x register (a1 = b)" '^\$3 = 0x1$' "$out"
	check_match "$be: sp" '^sp +0x[0-9a-f]+' "$out"
	check_match "$be: finish returns the value" '^Value returned is \$4 = 84$' "$out"
	check_match "$be: mappings: the program's text" '0x[0-9a-f]+ +0x[0-9a-f]+ +0x[0-9a-f]+ +0x0 +r-xp +.*/prog$' "$out"
	check_match "$be: mappings: the stack" '\[stack\]$' "$out"
	check_match "$be: kill" '^\[Inferior 1 \(process [0-9]+\) killed\]$' "$out"
	check "$be: ferry died by SIGKILL" "137" "$st"
	check_no_match "$be: no stray r= output (killed before printf)" '^r=' "$(cat ferry.out)"

	ferry_gdb_start ./prog
	out=$(gdb_batch ./prog step.gdb)
	st=$(ferry_gdb_wait)
	check_match "$be: break main" '^Breakpoint 1, main \(argc=1, argv=0x[0-9a-f]+\) at (.*/)?prog\.c:12' "$out"
	check_match "$be: step into add" '^add \(a=41, b=1\) at (.*/)?prog\.c:5' "$out"
	check_match "$be: the frame is add's" 'in add \((.*/)?prog\.c:5\); saved pc = 0x[0-9a-f]+' "$out"
	check_match "$be: expression on arguments" '^\$1 = 42$' "$out"
	check "$be: ferry died by SIGKILL" "137" "$st"
done
finish
