#!/usr/bin/env bash
# --quiet / FERRY_QUIET: a guest killed by a signal dies the same way (the
# status tells), without ferry's one-line report.
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

run() { # prints "status stderr-lines"; stderr kept in err.txt
	{ "$@" >/dev/null 2>err.txt; } 2>/dev/null
	echo "$? $(wc -l <err.txt)"
}
out=$(run "$FERRY" ./segv)
check "without --quiet: SIGSEGV status and one report line" "139 1" "$out"
check_match "the report" '^ferry: guest killed by SIGSEGV' "$(cat err.txt)"
out=$(run "$FERRY" --quiet ./segv)
check "--quiet: the same status, nothing on stderr" "139 0" "$out"
out=$(FERRY_QUIET=1 run "$FERRY" ./segv)
check "FERRY_QUIET=1: the same status, nothing on stderr" "139 0" "$out"
out=$(FERRY_QUIET=0 run "$FERRY" ./segv)
check "FERRY_QUIET=0 is off" "139 1" "$out"
finish
