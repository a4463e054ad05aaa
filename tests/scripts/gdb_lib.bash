# Sourced by the gdb_*.sh tests (after helpers.bash): ferry -g 0 picks a
# free port and names it on stderr; gdb-multiarch connects in batch mode.
# Everything runs under timeout, so a stub that hangs fails the test.

need_ferry
need_cmd riscv64-linux-gnu-gcc gdb-multiarch timeout
SYSROOT=/usr/riscv64-linux-gnu

# gdb_cc OUT SRC [FLAGS...]: a -g -O0 riscv64 program, as one debugs.
gdb_cc() {
	local out=$1 src=$2
	shift 2
	riscv64-linux-gnu-gcc -g -O0 -o "$out" "$src" "$@" || { echo "FAIL: cannot build $src"; exit 1; }
}

# ferry runs under timeout, inside a subshell that records its status in
# ferry.status (so the shell reports no "Killed" job when gdb kills it).
FERRY_PID=
gdb_cleanup() {
	[ -n "$FERRY_PID" ] && kill "$FERRY_PID" 2>/dev/null
	return 0
}
trap gdb_cleanup EXIT

# ferry_gdb_start PROGRAM [ARGS...]: starts ferry -g 0 in the background;
# sets PORT once ferry listens (else fails, showing ferry's stderr).
ferry_gdb_start() {
	: >"$W/ferry.err"
	rm -f "$W/ferry.status" "$W/ferry.pid"
	(
		timeout 120 "$FERRY" -g 0 "$@" >"$W/ferry.out" 2>"$W/ferry.err" &
		echo $! >"$W/ferry.pid"
		wait $!
		echo $? >"$W/ferry.status"
	) 2>/dev/null &
	PORT=
	for _ in $(seq 100); do
		FERRY_PID=$(cat "$W/ferry.pid" 2>/dev/null)
		PORT=$(sed -n 's/^ferry: waiting for gdb on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$W/ferry.err")
		[ -n "$PORT" ] && return 0
		[ -e "$W/ferry.status" ] && break
		sleep 0.1
	done
	echo "FAIL: ferry -g 0 did not listen; its stderr:"
	sed 's/^/    /' "$W/ferry.err"
	exit 1
}

# gdb_batch PROGRAM CMDFILE: runs gdb's commands against the started
# ferry; prints gdb's output (stdout and stderr).
gdb_batch() {
	local prog=$1 cmds=$2
	timeout 90 gdb-multiarch -nx -batch \
		-ex 'set pagination off' -ex 'set confirm off' -ex "set sysroot $SYSROOT" \
		-ex "file $prog" -ex "target remote 127.0.0.1:$PORT" -x "$cmds" 2>&1
}

# ferry_gdb_wait: ferry's exit status once gdb is done with it (124: it
# did not end within 10 s and was killed).
ferry_gdb_wait() {
	for _ in $(seq 100); do
		[ -e "$W/ferry.status" ] && break
		sleep 0.1
	done
	if [ ! -e "$W/ferry.status" ]; then
		kill "$FERRY_PID" 2>/dev/null
		FERRY_PID=
		wait
		echo 124
		return
	fi
	FERRY_PID=
	wait
	cat "$W/ferry.status"
}

# hook_works BACKEND PROGRAM: the debug hook (run_debug_hook, one-instruction
# blocks) runs PROGRAM to its end on BACKEND; else fails that backend once
# with the reason instead of letting every gdb command time out.
hook_works() {
	if timeout 20 "$FERRY" --backend "$1" --trace=insn --log /dev/null "$2" >/dev/null 2>&1; then
		return 0
	fi
	echo "FAIL: $1: ferry --trace=insn $2 does not finish: the debug hook does not work on this backend; its gdb checks are left out"
	FAILED=$((FAILED + 1))
	return 1
}

# Whether the process-exit hooks are wired into core/run.c (W/X replies).
exit_hooks_wired() {
	grep -q gdb_notify_exit "$SRC/core/run.c"
}
