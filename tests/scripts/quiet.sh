#!/usr/bin/env bash
# --quiet / FERRY_QUIET: a guest killed by a signal dies the same way (the
# status tells), without ferry's crash report (signal line, symbol,
# instruction, registers, backtrace).
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc
cat >"$W/segv.c" <<'C'
int main(void)
{
	*(volatile int *)0 = 1;
	return 0;
}
C
guest_cc "$W/segv" "$W/segv.c" -static
cd "$W" || exit 2

run() { # prints "status report?"; stderr kept in err.txt
	{ "$@" >/dev/null 2>err.txt; } 2>/dev/null
	local st=$?
	if [ -s err.txt ]; then echo "$st report"; else echo "$st silent"; fi
}
out=$(run "$FERRY" ./segv)
check "without --quiet: SIGSEGV status and a report" "139 report" "$out"
check_match "the report names the signal" '^ferry: guest killed by SIGSEGV \(SEGV_MAPERR\)' "$(head -n1 err.txt)"
check_match "the report names the function" '^ferry:   in main\+0x[0-9a-f]+ \(segv\)' "$(sed -n 2p err.txt)"
check_match "the report has a backtrace" 'backtrace' "$(cat err.txt)"
out=$(run "$FERRY" --quiet ./segv)
check "--quiet: the same status, nothing on stderr" "139 silent" "$out"
out=$(FERRY_QUIET=1 run "$FERRY" ./segv)
check "FERRY_QUIET=1: the same status, nothing on stderr" "139 silent" "$out"
out=$(FERRY_QUIET=0 run "$FERRY" ./segv)
check "FERRY_QUIET=0 is off" "139 report" "$out"
finish
