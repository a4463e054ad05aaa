#!/usr/bin/env bash
# clone3 is what tests/guest/clone3_direct.c's direct calls reach (not a
# fallback to clone): --strace shows successful clone3 calls for the fork
# and the thread on every backend.  (Debian 12's riscv64/aarch64 glibc 2.36
# itself still uses clone for pthread_create and posix_spawn.)
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd riscv64-linux-gnu-gcc
guest_cc "$W/prog" "$SRC/tests/guest/clone3_direct.c" -lpthread
for be in $(backends); do
	err=$(timeout 60 "$FERRY" --backend "$be" --strace "$W/prog" 2>&1 >"$W/out")
	check_match "$be: a fork-like clone3 returns a pid" '^[0-9]+ clone3\(0x[0-9a-f]+,64\) = [1-9][0-9]*$' "$err"
	check_match "$be: its child sees 0" '^[0-9]+ clone3\(0x[0-9a-f]+,64\) = 0$' "$err"
	check_match "$be: the thread's clone3 (size 88) returns a tid" '^[0-9]+ clone3\(0x[0-9a-f]+,88\) = [1-9][0-9]*$' "$err"
	check_match "$be: the program finished" '^fork: status 9$' "$(cat "$W/out")"
done
finish
