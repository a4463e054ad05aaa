#!/bin/sh
# ferry's benchmark suite: builds bench/*.c natively and for riscv64, runs each
# program natively, under qemu-riscv64 and under ferry, checks that the three
# outputs agree, and prints one table.  See bench/README.md.
#
#   bench/run.sh <builddir>          (make bench)
#   FERRY_BENCH_FILTER=sha256,hello  only these benchmarks (shell patterns)
#   FERRY_BENCH_SCALE=0.1            scale the compute work (quick runs)
#   FERRY_BENCH_STARTUP_RUNS=20      runs averaged for start-up times
#   FERRY_BENCH_TIMEOUT=900          seconds before a run is killed
#
# Timings are reported, never judged: the exit status is 1 only when a
# program failed to build or run, or outputs disagree.
set -u
set -f  # FERRY_BENCH_FILTER holds patterns: no pathname expansion anywhere

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
mkdir -p "$build"
build=$(cd "$build" && pwd)
ferry=$build/ferry
out=$build/bench
scale=${FERRY_BENCH_SCALE:-1}
filter=${FERRY_BENCH_FILTER:-*}
startup_runs=${FERRY_BENCH_STARTUP_RUNS:-20}
timeout=${FERRY_BENCH_TIMEOUT:-900}
sysroot=/usr/riscv64-linux-gnu
rvcc=riscv64-linux-gnu-gcc
a64cc=aarch64-linux-gnu-gcc

compute="intmix sha256 sort strparse fp"
system="syscall futex futex1 signal"
benches="$compute $system hello"

# -ffp-contract=off: riscv64 gcc would otherwise fuse a*b+c into fmadd while
# x86-64 (no FMA in the baseline ISA) rounds twice, and checksums would differ.
CFLAGS="-O2 -ffp-contract=off -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter"

status=0
notes=""
note() { notes="$notes$1
"; }

selected() {
	old_ifs=$IFS
	IFS=,
	for pat in $filter; do
		# shellcheck disable=SC2254
		case $1 in $pat) IFS=$old_ifs; return 0 ;; esac
	done
	IFS=$old_ifs
	return 1
}

# stale <target> <source>: the target needs rebuilding.
stale() { [ ! -e "$1" ] || [ -n "$(find "$2" "$here/bench.h" "$here/run.sh" -newer "$1")" ]; }

# build <cc> <output> <source> [flags...]
build() {
	cc=$1 dst=$2 src=$3
	shift 3
	stale "$dst" "$src" || return 0
	# shellcheck disable=SC2086  # CFLAGS is a list of options
	if ! "$cc" $CFLAGS "-I$root" "$@" -o "$dst" "$src" -lm -pthread 2>"$dst.log"; then
		echo "bench: cannot build $dst:" >&2
		cat "$dst.log" >&2
		status=1
		rm -f "$dst"
		return 1
	fi
	rm -f "$dst.log"
}

mkdir -p "$out/native" "$out/riscv64" "$out/aarch64" "$out/runs"
build gcc "$out/timeit" "$here/timeit.c" -static || exit 1
for b in $benches; do
	selected "$b" || continue
	[ "$b" = futex1 ] && b=futex # the same program, pinned (row below)
	build gcc "$out/native/$b" "$here/$b.c"
	build "$rvcc" "$out/riscv64/$b" "$here/$b.c" -static
	[ "$b" = hello ] || build "$a64cc" "$out/aarch64/$b" "$here/$b.c" -static
done
if selected hello; then
	build gcc "$out/native/hello-static" "$here/hello.c" -static
	build "$rvcc" "$out/riscv64/hello-dyn" "$here/hello.c"
fi

have_ferry=1
if [ ! -x "$ferry" ]; then
	have_ferry=0
	note "ferry: $ferry not built; its columns show n/a"
fi

# run <name> <runner> [timeit options] -- cmd...: sets st, ns, rss from one
# timed run; the command's output is kept in $out/runs/<name>.<runner>.*.
# (sh has no locals: helpers use their own r_ variables.)
run() {
	r_p=$out/runs/$1.$2
	shift 2
	r_opts=""
	while [ "$1" != "--" ]; do
		r_opts="$r_opts $1"
		shift
	done
	shift
	rm -f "$r_p.res"
	# shellcheck disable=SC2086
	"$out/timeit" -t "$timeout" -r "$r_p.res" $r_opts "$@" >"$r_p.out" 2>"$r_p.err" </dev/null
	if [ -s "$r_p.res" ]; then
		read -r st ns _min rss <"$r_p.res"
	else
		st=spawn ns=0 rss=0
	fi
}

# ferry_run <name> <runner> [timeit options] -- cmd...: run under ferry, or n/a.
ferry_run() {
	if [ "$have_ferry" = 1 ]; then
		r_name=$1 r_runner=$2
		shift 2
		run "$r_name" "$r_runner" "$@"
	else
		st=n/a ns=0 rss=0
	fi
}

# Formatting: seconds, milliseconds and ratios from nanoseconds.
secs() { awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e9 }'; }
msecs() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# Marks a failed run: its status and the first line of its stderr.
failed() {
	status=1
	r_err=$(head -n 1 "$out/runs/$1.$2.err" 2>/dev/null)
	note "$1 under $2: $3${r_err:+: $r_err}"
}

# compare <name> <runner>: the runner's output equals native's.
compare() { cmp -s "$out/runs/$1.native.out" "$out/runs/$1.$2.out"; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "ferry benchmarks  scale $scale  $(date '+%Y-%m-%d %H:%M')  $cpu, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "targets: compute throughput >= 0.50x qemu-riscv64 (geomean); static hello start-up <= 4 ms; hello peak RSS below qemu's"
echo "vs qemu = qemu time / ferry time (> 1: ferry faster); vs native = ferry time / native time (slowdown)"
echo
fmt_row='%-12s %10s %10s %10s %9s %10s  %s\n'
for b in $compute $system; do
	if selected "$b"; then
		# shellcheck disable=SC2059
		printf "$fmt_row" benchmark "native s" "qemu s" "ferry s" "vs qemu" "vs native" check
		break
	fi
done

# row <benchmark> <arch>: one line of the table.  The native run is made
# once (for riscv64) and serves both guest architectures.
# futex1 is futex with every run pinned to one CPU: the handoff then costs
# the system calls and a context switch, not a cross-CPU wake-up, whose
# latency on a virtual machine varies from run to run by more than ferry's
# own overhead.
row() {
	b=$1 arch=$2 prog=$1 pin=""
	qr=qemu fr=ferry
	[ "$arch" = aarch64 ] && qr=qemu-aarch64 fr=ferry-aarch64
	[ "$b" = futex1 ] && prog=futex pin="taskset -c 0"
	if [ ! -x "$out/native/$prog" ] || [ ! -x "$out/$arch/$prog" ]; then
		# shellcheck disable=SC2059
		printf "$fmt_row" "$b" FAIL FAIL FAIL - - "not built"
		return
	fi
	if [ "$arch" = riscv64 ] || [ ! -s "$out/runs/$b.native.res" ]; then
		run "$b" native -- $pin "$out/native/$prog" "$scale"
		n_st=$st n_ns=$ns
		eval "nat_st_$b=\$st nat_ns_$b=\$ns"
	else
		eval "n_st=\$nat_st_$b n_ns=\$nat_ns_$b"
	fi
	run "$b" "$qr" -- $pin "qemu-$arch" "$out/$arch/$prog" "$scale"
	q_st=$st q_ns=$ns
	ferry_run "$b" "$fr" -- $pin "$ferry" "$out/$arch/$prog" "$scale"
	f_st=$st f_ns=$ns

	check=ok
	n_col=$(secs "$n_ns") q_col=$(secs "$q_ns") f_col=$(secs "$f_ns") vq=- vn=-
	if [ "$n_st" != ok ]; then
		n_col=FAIL check="FAIL(native)"
		failed "$b" native "$n_st"
	fi
	if [ "$q_st" != ok ]; then
		q_col=FAIL check="FAIL($qr)"
		failed "$b" "$qr" "$q_st"
	elif [ "$n_st" = ok ] && ! compare "$b" "$qr"; then
		check="MISMATCH($qr)" status=1
	fi
	case $f_st in
	ok)
		if [ "$n_st" = ok ] && ! compare "$b" "$fr"; then
			check="MISMATCH($fr)" status=1
			note "$b: diff $out/runs/$b.native.out $out/runs/$b.$fr.out"
		fi
		[ "$q_st" = ok ] && vq=$(ratio "$q_ns" "$f_ns")
		[ "$n_st" = ok ] && vn=$(ratio "$f_ns" "$n_ns")
		;;
	n/a) f_col=n/a ;;
	*)
		f_col=FAIL
		[ "$check" = ok ] && check="FAIL($fr)"
		failed "$b" "$fr" "$f_st"
		;;
	esac
	case " $system " in *" $b "*) check="$check (not in geomean)" ;; esac
	case " $compute " in *" $b "*)
		geo_total=$((geo_total + 1))
		if [ "$check" = ok ] && [ "$f_st" = ok ] && [ "$vq" != - ] && [ "$vn" != - ]; then
			geo_n=$((geo_n + 1))
			geo_q=$(awk -v s="$geo_q" -v a="$q_ns" -v b="$f_ns" 'BEGIN { printf "%.12g", s + log(a / b) }')
			geo_nat=$(awk -v s="$geo_nat" -v a="$f_ns" -v b="$n_ns" 'BEGIN { printf "%.12g", s + log(a / b) }')
		fi
		;;
	esac
	# shellcheck disable=SC2059
	printf "$fmt_row" "$b" "$n_col" "$q_col" "$f_col" "$vq" "$vn" "$check"
}

geomean_row() {
	geo_vq=- geo_vn=-
	if [ "$geo_n" -gt 0 ]; then
		geo_vq=$(awk -v s="$geo_q" -v n="$geo_n" 'BEGIN { printf "%.2fx", exp(s / n) }')
		geo_vn=$(awk -v s="$geo_nat" -v n="$geo_n" 'BEGIN { printf "%.2fx", exp(s / n) }')
	fi
	if [ "$geo_total" -gt 0 ]; then
		# shellcheck disable=SC2059
		printf "$fmt_row" geomean "" "" "" "$geo_vq" "$geo_vn" "compute, $geo_n of $geo_total benchmarks"
	fi
}

geo_n=0 geo_q=0 geo_nat=0 geo_total=0
for b in $compute $system; do
	selected "$b" && row "$b" riscv64
done
geomean_row
rv_geo_vq=$geo_vq

# aarch64 guests: the same programs against qemu-aarch64 and native.
a64_any=0
for b in $compute $system; do selected "$b" && a64_any=1; done
if [ "$a64_any" = 1 ]; then
	echo
	echo "aarch64 guests (qemu = qemu-aarch64):"
	# shellcheck disable=SC2059
	printf "$fmt_row" benchmark "native s" "qemu s" "ferry s" "vs qemu" "vs native" check
	geo_n=0 geo_q=0 geo_nat=0 geo_total=0
	for b in $compute $system; do
		selected "$b" && row "$b" aarch64
	done
	geomean_row
fi
geo_vq=$rv_geo_vq

# go test: one package's test binary (go test -c), riscv64 under qemu and
# ferry against the same tests built for the host; run in the package's
# source directory (its testdata).
gopkg=${FERRY_BENCH_GO_PKG:-strconv}
if selected gotest; then
	echo
	if ! command -v go >/dev/null 2>&1; then
		note "gotest: go is not installed"
	else
		goroot=$(go env GOROOT)
		mkdir -p "$out/go"
		for ga in amd64 riscv64; do
			[ -x "$out/go/$gopkg.$ga" ] && continue
			if ! GOARCH=$ga CGO_ENABLED=0 GOCACHE=$out/go/cache go test -c -o "$out/go/$gopkg.$ga" "$gopkg" \
				>"$out/go/$gopkg.$ga.log" 2>&1; then
				note "gotest: cannot build the $gopkg tests for $ga (see $out/go/$gopkg.$ga.log)"
				status=1
			fi
		done
		fmt_go='%-16s %10s %10s %10s %9s %10s  %s\n'
		# shellcheck disable=SC2059
		printf "$fmt_go" "go test -short" "native s" "qemu s" "ferry s" "vs qemu" "vs native" check
		if [ -x "$out/go/$gopkg.amd64" ] && [ -x "$out/go/$gopkg.riscv64" ]; then
			cd "$goroot/src/$gopkg" || exit 1
			run gotest native -- "$out/go/$gopkg.amd64" -test.short
			n_st=$st n_ns=$ns
			run gotest qemu -- qemu-riscv64 "$out/go/$gopkg.riscv64" -test.short
			q_st=$st q_ns=$ns
			ferry_run gotest ferry -- "$ferry" "$out/go/$gopkg.riscv64" -test.short
			f_st=$st f_ns=$ns
			cd - >/dev/null || exit 1
			check=ok vq=- vn=-
			for r in native qemu ferry; do
				case $r in native) r_st=$n_st ;; qemu) r_st=$q_st ;; *) r_st=$f_st ;; esac
				if [ "$r_st" != ok ]; then
					check="FAIL($r)"
					failed gotest "$r" "$r_st"
				elif ! grep -qx PASS "$out/runs/gotest.$r.out"; then
					check="FAIL($r)" status=1
				fi
			done
			[ "$f_st" = ok ] && [ "$q_st" = ok ] && vq=$(ratio "$q_ns" "$f_ns")
			[ "$f_st" = ok ] && [ "$n_st" = ok ] && vn=$(ratio "$f_ns" "$n_ns")
			# shellcheck disable=SC2059
			printf "$fmt_go" "$gopkg (riscv64)" "$(secs "$n_ns")" "$(secs "$q_ns")" "$(secs "$f_ns")" "$vq" "$vn" "$check"
		fi
	fi
fi


# Start-up: one checked run (output and peak RSS), then the mean wall time
# of $startup_runs runs with stdout discarded.
hs_ms=- hs_rss_q=- hs_rss_f=-
if selected hello; then
	echo
	fmt_start='%-16s %10s %10s %10s %11s %11s %11s  %s\n'
	# shellcheck disable=SC2059
	printf "$fmt_start" "start-up" "native ms" "qemu ms" "ferry ms" "native KiB" "qemu KiB" "ferry KiB" \
		"check (mean of $startup_runs runs, peak RSS)"
	for kind in static dynamic; do
		if [ $kind = static ]; then
			nat=$out/native/hello-static rv=$out/riscv64/hello qemu_l="" ferry_l=""
		else
			nat=$out/native/hello rv=$out/riscv64/hello-dyn qemu_l="-L $sysroot" ferry_l="-L $sysroot"
		fi
		name=hello-$kind
		cols="" rsss="" check=ok
		for runner in native qemu ferry; do
			# shellcheck disable=SC2086  # $qemu_l, $ferry_l: an option and its value, or nothing
			case $runner in
			native) set -- "$nat" ;;
			qemu) set -- qemu-riscv64 $qemu_l "$rv" ;;
			ferry) set -- "$ferry" $ferry_l "$rv" ;;
			esac
			if [ ! -x "$nat" ] || [ ! -x "$rv" ]; then
				st=FAIL
			elif [ $runner = ferry ] && [ "$have_ferry" = 0 ]; then
				st=n/a
			else
				run "$name" "$runner" -- "$@"
			fi
			fr=$runner
			if [ "$st" = ok ]; then
				if [ $runner != native ] && ! compare "$name" "$runner"; then
					check="MISMATCH($runner)" status=1
				fi
				fr=$runner-timed
				run "$name" "$fr" -n "$startup_runs" -q -- "$@"
			fi
			case $st in
			ok) ms=$(msecs "$ns") ;;
			n/a) ms=n/a rss=n/a ;;
			FAIL) ms=FAIL rss=- check=FAIL status=1 ;;
			*)
				ms=FAIL rss=- check="FAIL($runner)"
				failed "$name" "$fr" "$st"
				;;
			esac
			cols="$cols $ms" rsss="$rsss $rss"
			if [ $kind = static ]; then
				[ $runner = ferry ] && hs_ms=$ms hs_rss_f=$rss
				[ $runner = qemu ] && hs_rss_q=$rss
			fi
		done
		# shellcheck disable=SC2086,SC2059
		printf "$fmt_start" "hello ($kind)" $cols $rsss "$check"
	done
fi

echo
summary=""
[ "$geo_vq" != - ] && summary="compute ${geo_vq} qemu"
case $hs_ms in -|n/a|FAIL) ;; *) summary="$summary; static hello ${hs_ms} ms" ;; esac
case $hs_rss_f$hs_rss_q in *[!0-9]*|"") ;; *) summary="$summary; hello RSS ferry ${hs_rss_f} KiB vs qemu ${hs_rss_q} KiB" ;; esac
[ -n "$summary" ] && echo "measured: ${summary#; }"
if [ -n "$notes" ]; then
	printf 'notes:\n%s' "$notes" | sed '2,$s/^/  /'
fi
echo "outputs and stderr of each run: $out/runs/"
exit $status
