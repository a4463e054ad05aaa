#!/usr/bin/env bash
# Debian's own arm64 programs, unmodified: the bookworm packages of
# tests/debian/arm64-packages.txt (busybox, bash, coreutils, grep, sed,
# gawk, perl, python3.11, sqlite3, gcc 12 with binutils, Node.js 18, and
# the libraries they need) downloaded
# with apt-get and unpacked into a sysroot, the way a user tests
# cross-built packages.  Each program runs under ferry -L <that sysroot>;
# the expected output is the host's amd64 build of the same Debian
# program run natively where the host is sure to have it (bash,
# coreutils, grep, sed, perl), else a known answer.  The scripts start
# further programs (pipelines, subprocesses), which run as guests too.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd apt-get dpkg dpkg-deb flock aarch64-linux-gnu-gcc aarch64-linux-gnu-objdump
LIST=$SRC/tests/debian/arm64-packages.txt
# the packages and the sysroot outlive the work directory, shared by every
# build directory and backend job (the first one fetches them)
DC=/tmp/ferry-debian-arm64-$(id -u)
R=$DC/root
mkdir -p "$DC" || exit 2

fetch() {
	local pkgs
	# a name without an architecture is the arm64 package (":all" ones as written)
	pkgs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e '/:/!s/$/:arm64/' "$LIST" | tr '\n' ' ')
	[ -e "$R/.complete" ] && [ "$(cat "$R/.complete")" = "$pkgs" ] && return 0
	[ "$(id -u)" -eq 0 ] || skip "fetching arm64 packages needs root (dpkg --add-architecture arm64, apt-get update)"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64 && apt-get update -qq >"$DC/update.log" 2>&1 ||
			{ echo "FAIL: cannot add Debian's arm64 architecture:"; cat "$DC/update.log"; exit 1; }
	fi
	rm -rf "$DC/debs" "$R"
	mkdir -p "$DC/debs" "$R"
	# shellcheck disable=SC2086
	download() { (cd "$DC/debs" && apt-get download $pkgs) >"$DC/download.log" 2>&1; }
	if ! download; then
		# an index older than the mirror names versions it no longer has
		apt-get update -qq >"$DC/update.log" 2>&1
		download || { echo "FAIL: apt-get download failed:"; tail -5 "$DC/download.log"; exit 1; }
	fi
	for d in "$DC"/debs/*.deb; do
		dpkg-deb -x "$d" "$R" || { echo "FAIL: cannot unpack $d"; exit 1; }
	done
	echo "$pkgs" >"$R/.complete"
}
exec 8>"$DC/lock"
flock -w 900 8 || { echo "FAIL: $DC/lock is held elsewhere for 15 minutes"; exit 1; }
fetch
exec 8>&-

cd "$W" || exit 2
export TMPDIR=$W
guest() { "$FERRY" -L "$R" "$R$1" "${@:2}"; }

# same LABEL PROGRAM ARGS... < input: the arm64 PROGRAM of the sysroot
# under ferry and the host's at the same path: stdout and exit status.
same() {
	local label=$1 prog=$2 exp got
	shift 2
	cat >"$W/in"
	exp=$("$prog" "$@" <"$W/in" 2>&1; echo "exit $?")
	got=$(guest "$prog" "$@" <"$W/in" 2>&1; echo "exit $?")
	check "$label" "$exp" "$got"
}

# busybox: static, its own sh running a pipeline of further guests
check "busybox sh" "42
a b c 
busybox: exit 3" "$(guest /bin/busybox sh -c 'echo $((6 * 7)); printf "%s\n" c a b | busybox sort | busybox tr "\n" " "; echo; (exit 3); echo "busybox: exit $?"' 2>&1)"
check "busybox sha256sum" "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -" \
	"$(guest /bin/busybox sha256sum </dev/null 2>&1)"

cat >"$W/script.bash" <<'SCRIPT'
declare -A colour=([apple]=red [banana]=yellow [cherry]=red)
for k in $(printf '%s\n' "${!colour[@]}" | sort); do echo "$k=${colour[$k]}"; done
fact() { local n=$1; if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi; }
echo "12! = $(fact 12)"
seq 1 1000 | { s=0; while read -r i; do s=$((s + i)); done; echo "sum $s"; }
trap 'echo "trapped USR1"' USR1
kill -USR1 $$
sleep 0.1 & wait $!; echo "background job: $?"
( exit 7 ); echo "subshell: $?"
cmp -s <(printf 'a\nb\n') <(printf 'a\nb\n') && echo "process substitution: same"
exec 3>"$TMPDIR/fd3"; echo "through fd 3" >&3; exec 3>&-; cat "$TMPDIR/fd3"
read -r first rest <<< "one two three"; echo "$first|$rest"
printf '%05.1f|%x|%s\n' 3.14159 255 "$(echo shout | tr a-z A-Z)"
x=$(printf 'l1\nl2\nl3\n' | grep -c l); echo "grep counted $x"
echo "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"
SCRIPT
same "bash: arrays, functions, pipes, traps, jobs, redirections" /bin/bash "$W/script.bash" </dev/null

seq 1 2000 | sed 's/$/ item/' >"$W/text"
same "sort -rn | head" /bin/bash -c 'sort -rn | head -3' <"$W/text"
same "sha256sum" /usr/bin/sha256sum <"$W/text"
same "factor" /usr/bin/factor 1234567890 600851475143 <"$W/text"
same "seq -f" /usr/bin/seq -f '%.3e' 1 0.5 3 </dev/null
same "date" /bin/date -u -d @1000000000 '+%F %T %A' </dev/null
same "wc" /usr/bin/wc <"$W/text"
same "ls of a directory" /bin/ls -1 "$SRC/tests/debian" </dev/null
same "stat" /usr/bin/stat -c '%s %F' "$W/text" </dev/null
same "grep -E" /bin/grep -E -c '^1[0-9]*5 ' <"$W/text"
same "sed -E" /bin/sed -E -n 's/^(1)([0-9]+)5 item$/\2-\1/p' <"$W/text"
same "perl" /usr/bin/perl -e 'my @a = map { $_ * $_ } 1 .. 10; print "@a\n"; printf "%.6f\n", atan2(1, 1) * 4;
	my %h; $h{$_}++ for split //, "mississippi"; print join(",", map { "$_=$h{$_}" } sort keys %h), "\n";
	my $n = 0; $n += $_ while <STDIN>; print "$n\n"; print join(" ", sort { $b <=> $a } (3, 11, 2)), "\n"' <"$W/text"

check "gawk" "3.1415926536 1099511627776
01234 5 ABC ell
2001000" "$(guest /usr/bin/gawk 'BEGIN { printf "%.10f %d\n", atan2(0, -1), 2^40; s = ""; for (i = 0; i < 5; i++) s = s i; print s, length(s), toupper("abc"), substr("hello", 2, 3) } { t += $1 } END { print t }' <"$W/text" 2>&1)"

cat >"$W/py.py" <<'PY'
import hashlib, json, os, queue, signal, subprocess, sys, threading, zlib
print(hashlib.sha256(b"abc").hexdigest())
print(json.dumps({"b": [1, 2.5, None], "a": "x"}, sort_keys=True))
q = queue.Queue()
threads = [threading.Thread(target=lambda i=i: q.put(i * i)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(q.get() for _ in range(8)))
child = subprocess.run([sys.executable, "-c", "import os; print(os.uname().machine)"], capture_output=True, text=True)
print("child:", child.stdout.strip(), child.returncode)
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
os.kill(os.getpid(), signal.SIGUSR1)
print("signal handled:", got == [signal.SIGUSR1])
print(hex(zlib.crc32(b"123456789")), sum(i * i for i in range(10 ** 5)))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(w, b"from the forked child")
    os._exit(5)
_, status = os.waitpid(pid, 0)
print(os.read(r, 100).decode(), os.waitstatus_to_exitcode(status))
PY
check "python3.11: threads, subprocess, signals, fork" "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
{\"a\": \"x\", \"b\": [1, 2.5, null]}
[0, 1, 4, 9, 16, 25, 36, 49]
child: aarch64 0
signal handled: True
0xcbf43926 333328333350000
from the forked child 5" "$(guest /usr/bin/python3.11 "$W/py.py" 2>&1)"

check "sqlite3 in memory" "1000|500500|500.5" "$(guest /usr/bin/sqlite3 :memory: \
	'create table t(x integer); with recursive c(i) as (select 1 union all select i + 1 from c where i < 1000) insert into t select i from c; select count(*), sum(x), avg(x) from t;' 2>&1)"
guest /usr/bin/sqlite3 "$W/db.sqlite" 'pragma journal_mode=wal; create table kv(k text primary key, v); insert into kv values ("a", 1), ("b", 2);' >/dev/null 2>&1
check "sqlite3 file database, WAL, reopened" "a|1
b|2
2" "$(guest /usr/bin/sqlite3 "$W/db.sqlite" 'select * from kv order by k; select count(*) from kv;' 2>&1)"
cat >"$W/node.js" <<'JS'
const crypto = require('crypto');
const { execFileSync } = require('child_process');
const { Worker, isMainThread, parentPort } = require('worker_threads');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
if (!isMainThread) {
  parentPort.postMessage(fib(20));
} else {
  console.log(fib(25), crypto.createHash('sha256').update('abc').digest('hex'));
  console.log('child:', execFileSync(process.execPath, ['-e', 'console.log(process.arch)']).toString().trim());
  new Worker(__filename).on('message', m => console.log('worker:', m));
}
JS
check "node: V8's generated code, a worker thread, a child process" "75025 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
child: arm64
worker: 6765" "$(guest /usr/bin/node "$W/node.js" 2>&1)"

# Debian's native arm64 gcc 12 (cc1, as, collect2, ld: large programs, each
# started by the one before) against Debian's x86-64-hosted cross gcc of
# the same version: the same machine code for the same source and flags
for src in bench/sha256.c tests/guest/bytecode_vm.c; do
	o=$(basename "$src" .c)
	guest /usr/bin/aarch64-linux-gnu-gcc-12 -O2 -I"$SRC" -c -o "$W/$o.guest.o" "$SRC/$src" >"$W/$o.log" 2>&1
	aarch64-linux-gnu-gcc -O2 -I"$SRC" -c -o "$W/$o.cross.o" "$SRC/$src" 2>>"$W/$o.log"
	check "gcc -O2 -c $src: the cross compiler's code" \
		"$(aarch64-linux-gnu-objdump -d "$W/$o.cross.o" 2>&1 | tail -n +3)" \
		"$(aarch64-linux-gnu-objdump -d "$W/$o.guest.o" 2>&1 | tail -n +3; cat "$W/$o.log")"
done
guest /usr/bin/aarch64-linux-gnu-gcc-12 -O2 -I"$SRC" -o "$W/sha256" "$SRC/bench/sha256.c" >"$W/link.log" 2>&1
check "gcc compiles and links a program that runs" "sha256(\"abc\"): ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" \
	"$("$FERRY" -L "$R" "$W/sha256" 0.001 2>&1 | head -n 1; cat "$W/link.log")"
finish
