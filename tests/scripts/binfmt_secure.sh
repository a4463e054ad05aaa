#!/usr/bin/env bash
# binfmt_misc's C flag: a setuid-root riscv64 program started by an
# unprivileged user runs with root's effective uid (ferry keeps the
# credentials the kernel computed), the guest sees AT_SECURE, and ferry
# ignores the caller's FERRY_* variables, which would otherwise let the
# caller write files (FERRY_LOG) or load code (FERRY_SYSROOT) as root.
# Skipped without root, binfmt_misc, setpriv or a suid-capable directory.
# TEST-SERIAL: registers binfmt_misc entries, which are machine-wide
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd setpriv riscv64-linux-gnu-gcc
. "$(dirname "$0")/binfmt_lib.bash"

# The programs must be reachable by the unprivileged user and the file
# system must honour setuid: a private directory under /tmp.
D=$(mktemp -d "${TMPDIR:-/tmp}/ferry-binfmt-secure.XXXXXX") || exit 2
trap 'rm -rf "$D"; binfmt_cleanup' EXIT
chmod 755 "$D"
riscv64-linux-gnu-gcc -O2 -static -o "$D/show" "$W/show.c" || { echo "FAIL: cannot build show.c"; exit 1; }
chmod 4755 "$D/show"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
nobody test -x "$D/show" || skip "user 65534 cannot reach $D"
findmnt -no OPTIONS --target "$D" 2>/dev/null | grep -qw nosuid && skip "$D is on a nosuid file system"

"$FERRY" --binfmt install --binfmt-flags PC riscv64 >/dev/null
check "install --binfmt-flags PC" 0 $?
check_match "status shows the kernel's flags (C implies O)" '^ferry-riscv64: enabled, .* flags POC$' \
	"$("$FERRY" --binfmt status riscv64)"

# (FERRY_BACKEND too: a setuid guest runs on ferry's default backend)
out=$(cd "$D" && nobody env FERRY_LOG="$D/evil.log" FERRY_STRACE=1 FERRY_SET_ENV=VIA=caller FERRY_BACKEND=nonesuch \
	./show 2>"$D/err")
check "setuid program: argv, the owner's euid, no caller's variables" "argv[0]=./show
execfn=./show
VIA=-
first fd=3" "$(printf '%s\n' "$out" | sed -n '1,4p')"
check "setuid program: ferry keeps the kernel's credentials" "uid=65534 euid=0" \
	"$(printf '%s\n' "$out" | sed -n 's/^\(uid=[0-9]* euid=[0-9]*\).*/\1/p')"
check "setuid program: the guest sees AT_SECURE like a native one" "secure=1" \
	"$(printf '%s\n' "$out" | grep -o 'secure=[0-9]*')"
check "FERRY_STRACE from the caller ignored" "" "$(cat "$D/err")"
check "FERRY_LOG from the caller ignored (no file written as root)" no "$([ -e "$D/evil.log" ] && echo yes || echo no)"

# the same program without the setuid bit is an ordinary one
chmod 755 "$D/show"
out=$(cd "$D" && nobody env FERRY_SET_ENV=VIA=caller ./show | grep -E '^(VIA|uid)=')
check "without setuid: the caller's variables apply, no AT_SECURE" "VIA=caller
uid=65534 euid=65534 secure=0" "$out"
check_backend_reaches "without setuid" nobody "$D/show"

"$FERRY" --binfmt uninstall >/dev/null
no_ferry_entries_left
finish
