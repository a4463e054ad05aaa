#!/usr/bin/env bash
# Every option has a FERRY_* variable that works like it (the command line
# wins), every one is documented in docs/usage.md and docs/ferry.1, and bad
# values give one "ferry:" line naming the option or variable.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc

cat >"$W/show.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
int main(int argc, char **argv)
{
	struct utsname u;
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	uname(&u);
	printf("argv0=%s\n", argv[0]);
	printf("A=%s B=%s HOME=%s\n", getenv("A") ? getenv("A") : "-", getenv("B") ? getenv("B") : "-",
	       getenv("HOME") ? "set" : "unset");
	printf("release=%s\n", u.release);
	printf("random=");
	for (int i = 0; i < 8; i++)
		printf("%02x", r[i]);
	printf("\n");
	return 0;
}
C
guest_cc "$W/show" "$W/show.c"
guest_cc "$W/show-static" "$W/show.c" -static
cd "$W" || exit 2

# ---- documentation: every option and variable --help names ----
help=$("$FERRY" --help)
vars=$(printf '%s\n' "$help" | grep -o '\[FERRY_[A-Z0-9_]*\]' | tr -d '[]' | sort -u)
spellings=$(printf '%s\n' "$help" | grep '^  -' | cut -c1-29 | tr ',' '\n' | awk '{print $1}' | grep '^-' | sort -u)
check "--help names at least 20 variables" yes "$([ "$(echo "$vars" | wc -l)" -ge 20 ] && echo yes || echo "only: $vars")"
for doc in docs/usage.md docs/ferry.1; do
	missing=""
	for v in $vars QEMU_LD_PREFIX; do
		grep -q "$v" "$SRC/$doc" || missing="$missing $v"
	done
	check "$doc documents every variable" "" "$missing"
	missing=""
	for s in $spellings; do
		# man pages escape the dashes: \-\-seed
		grep -qF -- "$s" "$SRC/$doc" || grep -qF -- "$(printf '%s' "$s" | sed 's/-/\\-/g')" "$SRC/$doc" ||
			missing="$missing $s"
	done
	check "$doc documents every option" "" "$missing"
done

# ---- each variable, and the command line winning over it ----
out=$(FERRY_UNAME_RELEASE=1.2.3 "$FERRY" ./show | grep release)
check "FERRY_UNAME_RELEASE" "release=1.2.3" "$out"
out=$(FERRY_UNAME_RELEASE=1.2.3 "$FERRY" -r 4.5.6 ./show | grep release)
check "-r wins over FERRY_UNAME_RELEASE" "release=4.5.6" "$out"
out=$(FERRY_ARGV0=zero "$FERRY" ./show | grep argv0)
check "FERRY_ARGV0" "argv0=zero" "$out"
out=$(FERRY_ARGV0=zero "$FERRY" -0 one ./show | grep argv0)
check "-0 wins over FERRY_ARGV0" "argv0=one" "$out"
out=$(HOME=/h FERRY_SET_ENV=A=1,B=2 FERRY_UNSET_ENV=HOME "$FERRY" ./show | grep '^A=')
check "FERRY_SET_ENV (comma separated), FERRY_UNSET_ENV" "A=1 B=2 HOME=unset" "$out"
out=$(HOME=/h "$FERRY" -E A=x -U HOME ./show | grep '^A=')
check "-E, -U" "A=x B=- HOME=unset" "$out"
r1=$(FERRY_SEED=7 "$FERRY" ./show | grep random)
r2=$(FERRY_SEED=7 "$FERRY" ./show | grep random)
r3=$("$FERRY" --seed=8 ./show | grep random)
check "FERRY_SEED gives the same AT_RANDOM twice" "$r1" "$r2"
check "--seed=8 (the --name=value form) differs from seed 7" "differ" "$([ "$r1" != "$r3" ] && echo differ || echo "same: $r1")"
err=$(FERRY_STRACE=1 "$FERRY" ./show-static 2>&1 >/dev/null)
check_match "FERRY_STRACE=1 logs system calls" 'exit_group\(0\)' "$err"
err=$(FERRY_TRACE=exec "$FERRY" ./show-static 2>&1 >/dev/null)
check_match "FERRY_TRACE=exec" '^loader: ' "$err"
rm -f log.txt
err=$(FERRY_LOG=log.txt FERRY_STRACE=1 "$FERRY" ./show-static 2>&1 >/dev/null)
check "FERRY_LOG: nothing on stderr" "" "$err"
check_match "FERRY_LOG: the log file has the calls" 'exit_group' "$(cat log.txt 2>/dev/null)"
err=$(FERRY_STATS=1 "$FERRY" ./show-static 2>&1 >/dev/null)
check_match "FERRY_STATS=1" 'guest instructions' "$err"
err=$(FERRY_STATS=0 "$FERRY" ./show-static 2>&1 >/dev/null)
check "FERRY_STATS=0 is off" "" "$err"
for be in $("$FERRY" --list-backends); do
	out=$(FERRY_BACKEND=$be "$FERRY" ./show-static | grep release)
	check_match "FERRY_BACKEND=$be runs" '^release=' "$out"
done
err=$(FERRY_BACKEND=nonesuch "$FERRY" ./show-static 2>&1)
check "FERRY_BACKEND=nonesuch: one ferry: line with a hint" "ferry: unknown backend 'nonesuch' (see ferry --list-backends)" "$err"
out=$(FERRY_STACK_SIZE=1M FERRY_TCACHE_SIZE=4M FERRY_RESERVE=64G "$FERRY" ./show | grep release)
check_match "FERRY_STACK_SIZE, FERRY_TCACHE_SIZE, FERRY_RESERVE" '^release=' "$out"
out=$(FERRY_GUEST_BASE=0x500000000000 FERRY_RESERVE=64G "$FERRY" ./show-static | grep release)
check_match "FERRY_GUEST_BASE" '^release=' "$out"
out=$(FERRY_SYSROOT=/usr/riscv64-linux-gnu "$FERRY" ./show | grep release)
check_match "FERRY_SYSROOT" '^release=' "$out"
err=$(FERRY_SYSROOT=/nonexistent "$FERRY" ./show 2>&1 >/dev/null)
check_match "FERRY_SYSROOT=/nonexistent: the error names -L" '^ferry: .*-L DIR' "$err"
err=$(QEMU_LD_PREFIX=/nonexistent "$FERRY" ./show 2>&1 >/dev/null)
check_match "QEMU_LD_PREFIX is the sysroot too" '^ferry: .*nonexistent' "$err"
out=$(FERRY_CPU=none,zba FERRY_QUIET=1 "$FERRY" ./show-static | grep release)
check_match "FERRY_CPU and FERRY_QUIET accepted" '^release=' "$out"

# ---- bad values: one ferry: line, status 1, naming where it came from ----
bad() { # LABEL EXPECTED-REGEX command...
	local label=$1 re=$2
	shift 2
	local err st
	err=$("$@" 2>&1 >/dev/null)
	st=$?
	check "$label: exit status" 1 "$st"
	check "$label: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	check_match "$label: message" "$re" "$err"
}
bad "FERRY_STACK_SIZE=lots" "^ferry: bad value 'lots' for FERRY_STACK_SIZE" env FERRY_STACK_SIZE=lots "$FERRY" ./show
bad "-s -1" "^ferry: bad value '-1' for -s" "$FERRY" -s -1 ./show
bad "-R 99999999T" "^ferry: value '99999999T' for -R is too large" "$FERRY" -R 99999999T ./show
bad "FERRY_SEED=x" "^ferry: bad value 'x' for FERRY_SEED" env FERRY_SEED=x "$FERRY" ./show
bad "FERRY_TRACE=bogus" "^ferry: unknown trace event 'bogus' in FERRY_TRACE" env FERRY_TRACE=bogus "$FERRY" ./show
bad "FERRY_SET_ENV=novalue" "^ferry: bad value 'novalue' for FERRY_SET_ENV: expected VAR=VALUE" env FERRY_SET_ENV=novalue "$FERRY" ./show
bad "--cpu 'zb a'" "^ferry: bad item 'zb a' in --cpu" "$FERRY" --cpu 'zb a' ./show
bad "unknown option" "^ferry: unknown option --frobnicate \(see ferry --help\)" "$FERRY" --frobnicate ./show
bad "missing value" "^ferry: option --seed needs a value" "$FERRY" --seed
bad "no program" "^ferry: no program to run .*ferry --help" "$FERRY"
bad "value for a flag" "^ferry: option --stats takes no value" "$FERRY" --stats=1 ./show
bad "--binfmt bogus" "^ferry: unknown --binfmt action 'bogus'" "$FERRY" --binfmt bogus
bad "--format bogus" "^ferry: unknown format 'bogus' for --format" "$FERRY" --binfmt print --format bogus

# ---- --help, --version ----
check_match "--help shows the usage" '^usage: ferry \[options\] program' "$help"
ver=$("$FERRY" --version)
check_match "--version" '^ferry [0-9]+\.[0-9]+' "$ver"
check_match "--version lists riscv64" '^guest CPUs:.* riscv64' "$ver"
finish
