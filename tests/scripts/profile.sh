#!/usr/bin/env bash
# --profile / FERRY_PROFILE: at exit, the guest functions by samples.  A
# program that spends nearly all its time in one function must show it on
# top, by name, with most of the samples.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc
grep -q profile_report "$SRC/core/run.c" ||
	skip "core/run.c's process_exit does not call profile_report() yet: ferry prints no profile"
cat >"$W/hot.c" <<'C'
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) unsigned long spin_here(unsigned long n)
{
	unsigned long x = 1;
	for (unsigned long i = 0; i < n; i++)
		x = x * 2862933555777941757ul + i;
	return x;
}

/* argv[1]: rounds of a million iterations (200) */
int main(int argc, char **argv)
{
	unsigned long r = 0;
	int rounds = argc > 1 ? atoi(argv[1]) : 200;
	for (int k = 0; k < rounds; k++)
		r ^= spin_here(1000000ul + (unsigned long)argc * (unsigned long)k);
	printf("%lu\n", r & 1);
	return 0;
}
C
guest_cc "$W/hot" "$W/hot.c"
cd "$W" || exit 2
"$FERRY" --profile ./hot >out.txt 2>err.txt
check "the guest ran" "0 1" "$? $(wc -l <out.txt)"
prof=$(cat err.txt)
check_match "a header with the sample count" '^ferry: profile: [0-9]+ samples of guest code' "$prof"
top=$(sed -n '2p' err.txt)
check_match "spin_here (hot) is the hottest" '^ferry: +[0-9.]+% +[0-9]+  spin_here \(hot\)$' "$top"
pct=$(echo "$top" | sed -n 's/^ferry: *\([0-9]*\)\..*/\1/p')
check "it has most of the samples (more than 50%)" "yes" "$([ "${pct:-0}" -gt 50 ] && echo yes || echo "no: $top")"
# The runs below check only whether there is a profile: a short spin (the
# interpreters under ASan take minutes for four long ones).
FERRY_PROFILE=1 "$FERRY" ./hot 4 >/dev/null 2>err2.txt
check_match "FERRY_PROFILE=1" '^ferry: profile: ' "$(cat err2.txt)"
"$FERRY" ./hot 4 >/dev/null 2>err3.txt
check "no profile without the option" "" "$(cat err3.txt)"
"$FERRY" --profile --log prof.txt ./hot 4 >/dev/null 2>err4.txt
check_match "--log takes the profile" '^ferry: profile: ' "$(cat prof.txt 2>/dev/null)"
finish
