#!/usr/bin/env bash
# binfmt_misc's F flag with the static ferry (make static): the kernel opens
# ferry when the entry is registered, so a foreign program runs inside a
# chroot that holds nothing but that program (no ferry, no libraries, no
# /proc).  Also checks that the static ferry runs programs directly.
# Skipped without root, binfmt_misc or chroot.
# TEST-SERIAL: registers binfmt_misc entries, which are machine-wide
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd readelf chroot riscv64-linux-gnu-gcc
. "$(dirname "$0")/binfmt_lib.bash"
cd "$W" || exit 2

# The static ferry: $FERRY itself if static, else FERRY_STATIC, else make static.
if is_static_elf "$FERRY"; then
	static=$FERRY
elif [ -n "${FERRY_STATIC:-}" ]; then
	static=$FERRY_STATIC
else
	echo "building the static ferry: make static (log: $W/make-static.log)"
	(cd "$SRC" && unset MAKEFLAGS MFLAGS MAKELEVEL && make --no-print-directory static) >"$W/make-static.log" 2>&1 ||
		{ tail -20 "$W/make-static.log"; echo "FAIL: make static"; exit 1; }
	static=$SRC/build-static/ferry
fi
static=$(readlink -f "$static")
check "$static is statically linked" yes "$(is_static_elf "$static" && echo yes || echo no)"

riscv64-linux-gnu-gcc -O2 -static -o show show.c && riscv64-linux-gnu-gcc -O2 -o show-dyn show.c ||
	{ echo "FAIL: cannot build show.c"; exit 1; }

# ---- make static runs programs ----
out=$("$static" ./show a | sed -n '1p;2p')
check "static ferry runs a static program" "argv[0]=./show
argv[1]=a" "$out"
out=$("$static" ./show-dyn b | sed -n '1p;2p')
check "static ferry runs a dynamic program (sysroot found by itself)" "argv[0]=./show-dyn
argv[1]=b" "$out"

# ---- F: the chroot holds only the program ----
root=$W/root
mkdir -p "$root/bin"
cp show "$root/bin/show"
out=$("$static" --binfmt install riscv64)
check "install with the static ferry defaults to flags PF" \
	"ferry-riscv64: registered: riscv64 programs run with $static, flags PF" "$out"
check_match "status" "^ferry-riscv64: enabled, interpreter $static \\(this ferry\\), flags PF\$" \
	"$("$static" --binfmt status riscv64)"
check "the chroot has no ferry, no libraries, no /proc" "bin bin/show" "$(cd "$root" && find . -mindepth 1 | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')"
out=$(chroot "$root" /bin/show inside "the chroot")
check "a riscv64 program runs inside the chroot (F)" "argv[0]=/bin/show
argv[1]=inside
argv[2]=the chroot
execfn=/bin/show
VIA=-
first fd=3
uid=0 euid=0 secure=0" "$out"
out=$(cd "$root" && FERRY_UNAME_RELEASE=1.2.3 FERRY_STRACE=1 chroot . /bin/show 2>&1 >/dev/null | grep -c exit_group)
check "FERRY_* variables reach ferry inside the chroot" 1 "$out"
check_backend_reaches "chroot . /bin/show" chroot "$root" /bin/show

# a dynamic ferry with F: registered, but it warns that chroots will not work
if ! is_static_elf "$FERRY"; then
	err=$("$FERRY" --binfmt install --binfmt-flags PF riscv64 2>&1 >/dev/null)
	check_match "F with a dynamic ferry warns" '^ferry: note: .* is dynamically linked: with F .*make static' "$err"
fi

out=$("$static" --binfmt uninstall)
check "uninstall" "ferry-riscv64: removed" "$out"
no_ferry_entries_left
finish
