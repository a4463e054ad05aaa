#!/usr/bin/env bash
# --cpu / FERRY_CPU chooses riscv64's optional extensions (zba, zbb, zbs):
# a disabled extension's instructions raise SIGILL, /proc/cpuinfo leaves it
# out of the isa line; the default (max) has all of them.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc
cat >"$W/ext.c" <<'C'
#include <stdio.h>
#include <string.h>
/* One instruction of the extension named by argv[1]. */
int main(int argc, char **argv)
{
	long a = 5, b = 3, r = -1;
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "isa")) { /* the isa line of /proc/cpuinfo */
		char line[512];
		FILE *f = fopen("/proc/cpuinfo", "r");
		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "isa", 3)) {
				fputs(strchr(line, ':') + 2, stdout);
				return 0;
			}
		return 1;
	}
	if (!strcmp(argv[1], "zba"))
		__asm__ volatile("sh1add %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
	else if (!strcmp(argv[1], "zbb"))
		__asm__ volatile("andn %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
	else if (!strcmp(argv[1], "zbs"))
		__asm__ volatile("bset %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
	printf("%s %ld\n", argv[1], r);
	return 0;
}
C
guest_cc "$W/ext" "$W/ext.c" -static -march=rv64gc_zba_zbb_zbs
cd "$W" || exit 2

# "ext=status" for the three extensions under the given ferry options
results() {
	local s=""
	for e in zba zbb zbs; do
		{ "$FERRY" "$@" ./ext $e >/dev/null 2>&1; } 2>/dev/null
		s="$s $e=$?"
	done
	echo $s
}
isa() {
	"$FERRY" "$@" ./ext isa 2>/dev/null
}
check "reference values (default: max)" "zba 13
zbb 4
zbs 13" "$(for e in zba zbb zbs; do "$FERRY" ./ext $e; done)"
check "default: all three" "zba=0 zbb=0 zbs=0" "$(results)"
check "--cpu max" "zba=0 zbb=0 zbs=0" "$(results --cpu max)"
check "--cpu none: SIGILL (132) for each" "zba=132 zbb=132 zbs=132" "$(results --cpu none)"
check "--cpu none,zba" "zba=0 zbb=132 zbs=132" "$(results --cpu none,zba)"
check "--cpu -zbb" "zba=0 zbb=132 zbs=0" "$(results --cpu -zbb)"
check "FERRY_CPU=none,ZBS (names are case-insensitive)" "zba=132 zbb=132 zbs=0" "$(FERRY_CPU=none,ZBS results)"
check "--cpu wins over FERRY_CPU" "zba=0 zbb=0 zbs=0" "$(FERRY_CPU=none results --cpu max)"
check_match "/proc/cpuinfo by default has zba, zbb, zbs" '_zba_zbb_zbs' "$(isa)"
check_no_match "/proc/cpuinfo under --cpu none has none of them" '_zb[abs]' "$(isa --cpu none)"
check_match "/proc/cpuinfo under --cpu -zbb has zba and zbs only" '_zba_zbs' "$(isa --cpu -zbb)"
finish
