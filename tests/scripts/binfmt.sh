#!/usr/bin/env bash
# binfmt_misc for real: ferry --binfmt install registers ferry-<arch> for
# every guest CPU, the kernel then runs foreign programs as ./prog through
# ferry with the caller's argv[0] (P), FERRY_* variables apply, O hands
# the program over as a descriptor, status and uninstall see and remove
# only ferry's entries.  Skipped without root or binfmt_misc.
# TEST-SERIAL: registers binfmt_misc entries, which are machine-wide
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd readelf
. "$(dirname "$0")/binfmt_lib.bash"
cd "$W" || exit 2

self=$(readlink -f "$FERRY")
flags=P
is_static_elf "$self" && flags=PF

# A static and a dynamic program for every guest CPU with a cross compiler.
arches=""
for a in $("$FERRY" --version | sed -n 's/^guest CPUs: //p'); do
	if ! command -v "$a-linux-gnu-gcc" >/dev/null; then
		echo "note: no $a-linux-gnu-gcc: $a programs are not run"
		continue
	fi
	"$a-linux-gnu-gcc" -O2 -static -o "show-$a" show.c && "$a-linux-gnu-gcc" -O2 -o "show-$a-dyn" show.c ||
		{ echo "FAIL: cannot build show.c for $a"; exit 1; }
	# Through binfmt_misc must equal ferry run directly; a CPU whose
	# frontend cannot run the program yet is that frontend's test's business.
	if ! "$FERRY" "./show-$a" >/dev/null 2>&1; then
		echo "note: ferry ./show-$a fails when run directly: $a is not checked here"
		continue
	fi
	arches="$arches $a"
done
[ -n "$arches" ] || skip "no guest CPU has both a cross compiler and a working ferry"

# ---- install ----
out=$("$FERRY" --binfmt install 2>&1)
check "install: exit status" 0 $?
echo "$out"
for a in $("$FERRY" --version | sed -n 's/^guest CPUs: //p'); do
	check_match "install registers ferry-$a" "^ferry-$a: registered: $a programs run with $self, flags $flags\$" "$out"
done
st=$("$FERRY" --binfmt status)
check "status: exit status with everything registered" 0 $?
echo "$st"
check_match "status names this ferry" "^ferry-riscv64: enabled, interpreter $self \(this ferry\), flags $flags\$" "$st"
check "the kernel's magic for riscv64 (EM_RISCV 0xf3, ET_EXEC/ET_DYN, any OS ABI)" \
	"magic 7f454c460201010000000000000000000200f300
mask ffffffffffffff0000fffffffffffffffeffffff" "$(grep -E '^(magic|mask) ' "$BM/ferry-riscv64")"

for a in $arches; do
	# ./prog: argv[0] as typed, the path in AT_EXECFN, ferry's variables apply
	out=$(FERRY_SET_ENV=VIA=ferry "./show-$a" one "two words")
	check "$a: ./show-$a runs through ferry (P)" "argv[0]=./show-$a
argv[1]=one
argv[2]=two words
execfn=./show-$a
VIA=ferry
first fd=3
uid=0 euid=0 secure=0" "$out"
	out=$(exec -a custom-name "./show-$a" x | head -2)
	check "$a: argv[0] chosen by the caller survives (P)" "argv[0]=custom-name
argv[1]=x" "$out"
	out=$(PATH=$W:$PATH "show-$a-dyn" | sed -n '1p;2p')
	check "$a: dynamic program found on PATH: argv[0] as typed, the kernel's path in AT_EXECFN" \
		"argv[0]=show-$a-dyn
execfn=$W/show-$a-dyn" "$out"
	out=$(FERRY_UNAME_RELEASE=9.9.9 FERRY_STRACE=1 "./show-$a" 2>&1 >/dev/null | grep -c 'exit_group')
	check "$a: FERRY_STRACE applies under binfmt_misc" 1 "$out"
	check_backend_reaches "$a: ./show-$a" "./show-$a"
	# ferry's own options are not taken from the guest's arguments
	out=$("./show-$a" --strace -L /x 2>&1 | head -3)
	check "$a: guest arguments that look like ferry options stay the guest's" "argv[0]=./show-$a
argv[1]=--strace
argv[2]=-L" "$out"
done

# ---- O: the program arrives as a descriptor, which the guest must not see ----
"$FERRY" --binfmt install --binfmt-flags PO riscv64 >/dev/null
check "install --binfmt-flags PO" 0 $?
check_match "status shows flags PO" '^ferry-riscv64: enabled, .* flags PO$' "$("$FERRY" --binfmt status riscv64)"
out=$(./show-riscv64 o | sed -n '1p;2p;5p')
check "O: runs, no extra descriptor" "argv[0]=./show-riscv64
argv[1]=o
first fd=3" "$out"
# without P the kernel drops the caller's argv[0]: the path stands for it
"$FERRY" --binfmt install --binfmt-flags O riscv64 >/dev/null
out=$(./show-riscv64 o | sed -n '1p;2p;3p')
check "O without P: argv[0] is the path" "argv[0]=./show-riscv64
argv[1]=o
execfn=./show-riscv64" "$out"
"$FERRY" --binfmt install --binfmt-flags '' riscv64 >/dev/null
out=$(./show-riscv64 -x | sed -n '1p;2p')
check "no flags at all: still recognised as a binfmt start" "argv[0]=./show-riscv64
argv[1]=-x" "$out"

# ---- another interpreter's entry is not ferry's ----
# It matches exactly what ferry-riscv64 matches (nothing of the host's),
# and being the newest it takes riscv64 programs until it is removed.
printf ':%s:M::%s:%s:/bin/false:' "$RIVAL" \
	'\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00' \
	'\xff\xff\xff\xff\xff\xff\xff\x00\x00\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff' >"$BM/register"
check "a rival entry for riscv64 only is registered" yes "$([ -e "$BM/$RIVAL" ] && echo yes || echo no)"
st=$("$FERRY" --binfmt status riscv64)
check_match "status names rival entries" "^  also claimed by $RIVAL \\(enabled, interpreter /bin/false\\)" "$st"

# ---- uninstall: ferry's entries only ----
out=$("$FERRY" --binfmt uninstall)
check "uninstall: exit status" 0 $?
check_match "uninstall reports what it removed" '^ferry-riscv64: removed$' "$out"
check "uninstall leaves other entries" yes "$([ -e "$BM/$RIVAL" ] && echo yes || echo no)"
echo -1 >"$BM/$RIVAL"
no_ferry_entries_left
"$FERRY" --binfmt status >/dev/null
check "status: exit status with nothing registered" 1 $?
out=$("$FERRY" --binfmt uninstall)
check "uninstall with nothing registered" "no ferry entries were registered" "$out"
if ! grep -qs '^magic 7f454c46020101' "$BM"/* 2>/dev/null; then
	./show-riscv64 >/dev/null 2>&1
	check "after uninstall the kernel refuses ./show-riscv64 again (126)" 126 $?
fi
finish
