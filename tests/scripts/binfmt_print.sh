#!/usr/bin/env bash
# ferry --binfmt print: one entry per guest CPU in every format, with the
# magic and mask derived from the CPU's ELF machine, class and byte order;
# the checks on flags, interpreter and architecture names.  Needs nothing
# of the kernel.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd readelf
cd "$W" || exit 2

self=$(readlink -f "$FERRY")
flags=P
readelf -lW "$self" | grep -q 'Requesting program interpreter' || flags=PF
cpus=$("$FERRY" --version | sed -n 's/^guest CPUs: //p')

# ---- proc: one register line per guest CPU ----
out=$("$FERRY" --binfmt print)
check "print: exit status" 0 $?
check "one line per guest CPU ($cpus)" "$(echo $cpus | wc -w)" "$(printf '%s\n' "$out" | wc -l)"
for a in $cpus; do
	check_match "print has ferry-$a" "^:ferry-$a:M::\\\\x7f\\\\x45\\\\x4c\\\\x46.*:$self:$flags\$" "$out"
done
# Values from the ELF specification: EM_RISCV 243, EM_AARCH64 183; class
# 2 (64-bit), data 1 (little-endian), version 1; e_type 2 with the low bit
# masked (ET_EXEC and ET_DYN); OS ABI and ABI version masked out.
mask='\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
check "riscv64's register line" \
	":ferry-riscv64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:$mask:$self:$flags" \
	"$("$FERRY" --binfmt print riscv64)"
if echo " $cpus " | grep -q ' aarch64 '; then
	check "aarch64's register line" \
		":ferry-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:$mask:$self:$flags" \
		"$("$FERRY" --binfmt print aarch64)"
fi

# Every entry's magic really matches that CPU's programs: compare it,
# under its mask, with the first 20 bytes of a binary built for it.
for a in $cpus; do
	command -v "$a-linux-gnu-gcc" >/dev/null || { echo "note: no $a-linux-gnu-gcc"; continue; }
	echo 'int main(void) { return 0; }' >m.c
	for kind in -static -static-pie "-pie -fPIE" -no-pie; do
		# shellcheck disable=SC2086
		"$a-linux-gnu-gcc" $kind -o m m.c 2>/dev/null || continue
		line=$("$FERRY" --binfmt print "$a")
		magic=$(printf '%s' "$line" | cut -d: -f5)
		emask=$(printf '%s' "$line" | cut -d: -f6)
		head=$(od -An -tx1 -N20 m | tr -d ' \n')
		m=$(printf '%s' "$magic" | sed 's/\\x//g')
		k=$(printf '%s' "$emask" | sed 's/\\x//g')
		ok=yes
		for i in $(seq 0 19); do
			hb=$((16#${head:$((2 * i)):2})) mb=$((16#${m:$((2 * i)):2})) kb=$((16#${k:$((2 * i)):2}))
			[ $((hb & kb)) -eq $((mb & kb)) ] || ok="no: byte $i is ${head:$((2 * i)):2}"
		done
		check "ferry-$a matches a $a program built with $kind" yes "$ok"
	done
done

# ---- systemd and debian ----
out=$("$FERRY" --binfmt print --format=systemd riscv64)
check "systemd: a comment, then the register line" "2 :ferry-riscv64:M::" \
	"$(printf '%s\n' "$out" | wc -l) $(printf '%s\n' "$out" | sed -n '2s/\\.*//p')"
check_match "systemd: the comment names the file" '^# .*/etc/binfmt.d/ferry.conf' "$out"
out=$("$FERRY" --binfmt print --format debian --binfmt-flags PCF riscv64)
check "debian: binfmt-support's format file" "package ferry
interpreter $self
magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00
mask $mask
offset 0
credentials yes
preserve yes
fix_binary yes" "$out"
out=$(FERRY_BINFMT_FORMAT=debian FERRY_BINFMT_FLAGS=O "$FERRY" --binfmt print riscv64 2>&1 >/dev/null)
check_match "debian: O alone cannot be expressed, and ferry says so" '^ferry: note: the Debian format has no open-binary' "$out"

# ---- interpreter and flags ----
out=$("$FERRY" --binfmt print --binfmt-interpreter /opt/ferry/bin/ferry --binfmt-flags POCF riscv64)
check_match "--binfmt-interpreter and --binfmt-flags" ':/opt/ferry/bin/ferry:POCF$' "$out"
out=$(FERRY_BINFMT_INTERPRETER=/usr/bin/ferry FERRY_BINFMT_FLAGS=F "$FERRY" --binfmt print riscv64)
check_match "their variables" ':/usr/bin/ferry:F$' "$out"
bad() { # LABEL REGEX command...
	local label=$1 re=$2 err st
	shift 2
	err=$("$@" 2>&1 >/dev/null)
	st=$?
	check "$label: exit status 1, one line" "1 1" "$st $(printf '%s\n' "$err" | wc -l)"
	check_match "$label: message" "$re" "$err"
}
bad "relative interpreter" "^ferry: binfmt interpreter 'bin/ferry' is not an absolute path" \
	"$FERRY" --binfmt print --binfmt-interpreter bin/ferry
bad "':' in the interpreter" "contains ':'" "$FERRY" --binfmt print --binfmt-interpreter /a:b/ferry
bad "interpreter over 127 characters" "longer than the kernel's 127 characters" \
	"$FERRY" --binfmt print --binfmt-interpreter "/$(printf 'x%.0s' $(seq 1 130))"
bad "unknown flag" "^ferry: bad binfmt flags 'PX'" "$FERRY" --binfmt print --binfmt-flags PX
bad "repeated flag" "^ferry: bad binfmt flags 'PP'" "$FERRY" --binfmt print --binfmt-flags PP
bad "unknown architecture" "^ferry: unknown architecture 'vax' \\(ferry runs: riscv64" "$FERRY" --binfmt print vax
host=$(uname -m)
if echo " $cpus " | grep -q " $host "; then
	bad "the host's own architecture" "^ferry: $host is this host's own architecture" "$FERRY" --binfmt print "$host"
	check "the host's own architecture is left out by default" "" "$("$FERRY" --binfmt print | grep ":ferry-$host:")"
fi
finish
