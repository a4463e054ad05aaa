# Guest program and instruction tests (sourced by tests/run.sh; bash).
#
# A test source may carry directives in comments:
#   TEST-ARGS: words          arguments (shell quoting)
#   TEST-ENV: VAR=value ...   extra environment (shell quoting)
#   TEST-EXIT: n              expected exit status (also checked on the native run)
#   TEST-PC-SYMBOL: sym       ferry's stderr must name the address of sym
#   TEST-ARCH: arch...        (guest) build and run only for these guest arches
# and tests/guest/<name>.stdin is fed to it when present.

# The guest arches every tests/guest program is built for (tests/build.mk's
# GUEST_ARCHES).
GUEST_ARCHES="riscv64 aarch64"

# Guest tests are named <arch>/<name>, one per arch the source allows.
guest_names() {
	local f a only
	for f in tests/guest/*.c tests/guest/*.cc; do
		[ -e "$f" ] || continue
		only=$(directive "$f" TEST-ARCH)
		for a in $GUEST_ARCHES; do
			case " ${only:-$a} " in *" $a "*) echo "$a/$(basename "${f%.*}")" ;; esac
		done
	done | sort
}

# The build variants of an arch's guest tests (tests/build.mk's VARIANTS_<arch>).
guest_variants() { # ARCH
	case $1 in
	riscv64)
		echo static-O0 static-O2 dynamic-O0 dynamic-O2
		[ -n "$FULL" ] && echo static-Os dynamic-O3zb ;;
	*)
		echo static-O0 static-O2 dynamic-O2
		[ -n "$FULL" ] && echo dynamic-O0 static-Os dynamic-O3 ;;
	esac
	return 0
}

guest_src() {
	if [ -e "tests/guest/$1.c" ]; then echo "tests/guest/$1.c"; else echo "tests/guest/$1.cc"; fi
}

# Instruction tests are named <arch>/<name>: tests/isa/<arch>/<name>.{c,S}
isa_names() {
	for f in tests/isa/*/*.c tests/isa/*/*.S; do
		[ -e "$f" ] && echo "${f#tests/isa/}" | sed 's/\.[cS]$//'
	done | sort
}

isa_src() {
	if [ -e "tests/isa/$1.c" ]; then echo "tests/isa/$1.c"; else echo "tests/isa/$1.S"; fi
}

isa_variants() {
	case $(isa_src "$1") in
	*.c) echo static dynamic ;;
	*) echo static ;;
	esac
}

# Sets ARGS and TENV (arrays) and STDIN from a source's directives.
read_directives() { # SRC STDINFILE
	eval "ARGS=($(directive "$1" TEST-ARGS))"
	eval "TENV=($(directive "$1" TEST-ENV))"
	STDIN=/dev/null
	[ -e "$2" ] && STDIN=$SRC/$2
	return 0
}

# The expected stdout of guest test ARCH/NAME when a file gives it:
# tests/guest/NAME.ARCH.expected, else tests/guest/NAME.expected; nothing
# when the native oracle does.
guest_expected_file() { # ARCH NAME
	local f
	for f in "tests/guest/$2.$1.expected" "tests/guest/$2.expected"; do
		[ -e "$f" ] && { echo "$f"; return 0; }
	done
	return 0
}

# The oracle: the same source built for the host and run natively.
run_native() {
	local name=$1 src
	src=$(guest_src "$name")
	[ -e "tests/guest/$name.expected" ] && return 0
	[ -x "$T/native/$name" ] || return 0
	read_directives "$src" "tests/guest/$name.stdin"
	run_capture "$T/expected/$name" "$STDIN" PATH=/usr/bin:/bin LC_ALL=C HOME=/nonexistent "${TENV[@]}" \
		-- "$T/native/$name" "${ARGS[@]}"
}

run_guest() {
	local arch=${1%%/*} name=${1#*/} variant=$2 be=$3 src exp_out exp_status want expf
	src=$(guest_src "$name")
	local label
	label=$(job_label guest "$1" "$variant" "$be")
	local bin=$T/guest/$arch/$name.$variant
	local cmd_var=FERRY_CMD_$arch
	if [ -n "${FERRY_CMD:-}" ] && [ "$arch" != riscv64 ] && [ -z "${!cmd_var:-}" ]; then
		note "FERRY_CMD runs riscv64 guests; set $cmd_var to run $arch ones"
		report SKIP "$label"
		return
	fi
	read_directives "$src" "tests/guest/$name.stdin"
	want=$(directive "$src" TEST-EXIT)
	expf=$(guest_expected_file "$arch" "$name")
	if [ -n "$expf" ]; then
		exp_out=$SRC/$expf
		exp_status=${want:-0}
	else
		exp_out=$T/expected/$name/out
		if [ ! -e "$T/expected/$name/status" ]; then
			note_build_failure "$T/native/$name (the native oracle)" "$src"
			report FAIL "$label"
			return
		fi
		exp_status=$(cat "$T/expected/$name/status")
		if [ -n "$want" ] && [ "$want" != "$exp_status" ]; then
			note "the native run exited $(status_name "$exp_status") but the test says TEST-EXIT: $want"
			note_file "native stderr:" "$T/expected/$name/err" 20
			report FAIL "$label"
			return
		fi
	fi
	if [ ! -x "$bin" ]; then
		note_build_failure "$bin" "$src"
		report FAIL "$label"
		return
	fi
	local -a envv fw
	mapfile -t envv < <(base_env)
	mapfile -t fw < <(ferry_words "$be" "$arch")
	local dir=$T/work/$ID
	run_capture "$dir" "$STDIN" "${envv[@]}" "${TENV[@]}" -- "${fw[@]}" "$bin" "${ARGS[@]}"
	if compare_run "$dir" "$exp_out" "$exp_status"; then
		report PASS "$label"
	else
		report FAIL "$label"
	fi
}

# The guest address of a symbol of a static (non-PIE) binary, without 0x and
# leading zeros.
symbol_addr() { # ARCH BIN SYM
	"$1-linux-gnu-nm" "$2" 2>/dev/null | awk -v s="$3" '$3 == s { print $1; exit }' | sed 's/^0*//'
}

run_isa() {
	local name=$1 variant=$2 be=$3 src
	src=$(isa_src "$name")
	local label
	label=$(job_label isa "$name" "$variant" "$be")
	local bin=$T/isa/$name.$variant arch=${name%%/*}
	local exp_out=$SRC/tests/isa/$name.expected
	local exp_status
	exp_status=$(directive "$src" TEST-EXIT)
	exp_status=${exp_status:-0}
	read_directives "$src" "tests/isa/$name.stdin"
	local cmd_var=FERRY_CMD_$arch
	if [ -n "${FERRY_CMD:-}" ] && [ "$arch" != riscv64 ] && [ -z "${!cmd_var:-}" ]; then
		note "FERRY_CMD runs riscv64 guests; set $cmd_var to run $arch ones"
		report SKIP "$label"
		return
	fi
	if [ ! -e "$exp_out" ]; then
		note "missing $exp_out"
		report FAIL "$label"
		return
	fi
	if [ ! -x "$bin" ]; then
		note_build_failure "$bin" "$src"
		report FAIL "$label"
		return
	fi
	local -a envv fw
	mapfile -t envv < <(base_env)
	mapfile -t fw < <(ferry_words "$be" "$arch")
	local dir=$T/work/$ID ok=0
	run_capture "$dir" "$STDIN" "${envv[@]}" "${TENV[@]}" -- "${fw[@]}" "$bin" "${ARGS[@]}"
	compare_run "$dir" "$exp_out" "$exp_status" || ok=1
	# A fatal guest signal: ferry's message must say where it happened.
	local sym addr
	sym=$(directive "$src" TEST-PC-SYMBOL)
	if [ -n "$sym" ] && [ "$variant" = static ] && [ "$MSG_CHECK" = 1 ]; then
		addr=$(symbol_addr "$arch" "$bin" "$sym")
		if [ -z "$addr" ]; then
			note "symbol $sym not found in $bin"
			ok=1
		elif ! grep -Eiq "(^|[^0-9a-z])(0x)?0*$addr([^0-9a-z]|\$)" "$dir/err"; then
			note "stderr does not name the faulting pc 0x$addr ($sym):"
			note_file "stderr:" "$dir/err" 20
			ok=1
		else
			note "stderr names the pc 0x$addr"
		fi
	fi
	if [ $ok -eq 0 ]; then report PASS "$label"; else report FAIL "$label"; fi
}
