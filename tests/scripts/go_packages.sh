#!/usr/bin/env bash
# Go's own package tests under ferry: for each package of
# tests/go/packages.txt, `go test -c` for amd64, riscv64 and arm64 (into
# this job's work directory: the jobs of other backends run theirs), then the test
# binary with -test.short in the package's source directory, as
# `go test -exec ferry` runs it.  make check (and check-asan) runs the
# "check" set, make check-full (FERRY_CHECK_FULL=1) every package;
# FERRY_GO_PACKAGES="a b" runs those instead.
#
# Oracle: the amd64 binary run natively first.  Its failures are tests this
# machine cannot pass (no network, no zoneinfo.zip, ...): they are left out
# of the ferry runs and listed.  So are the needs-binfmt/needs-pkg-dir tests
# of the list, with the reason.  A package passes when the test binary
# prints PASS and exits 0.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd go
# one build cache for every build directory (make check and check-asan)
export GOCACHE=${GOCACHE:-/tmp/ferry-gocache-$(id -u)} GOFLAGS=-mod=mod CGO_ENABLED=0 GOOS=linux
GOROOT=$(go env GOROOT)
backends=$(backends)
bins=$W/bin
list=$SRC/tests/go/packages.txt
mkdir -p "$bins" "$W/tmp"
export TMPDIR=$W/tmp

# Debian's Go has no $GOROOT/lib/time/zoneinfo.zip, which the time tests
# read as ../../lib/time/zoneinfo.zip: they run in a copy of src/time
# (links) next to a zoneinfo.zip made from the system's /usr/share/zoneinfo
# (stored, not compressed: what time/zoneinfo_read.go reads).
time_dir() {
	local g=$W/goroot
	if [ -f "$GOROOT/lib/time/zoneinfo.zip" ]; then
		echo "$GOROOT/src/time"
		return
	fi
	if [ ! -f "$g/lib/time/zoneinfo.zip" ]; then
		mkdir -p "$g/src/time" "$g/lib/time"
		ln -sf "$GOROOT"/src/time/* "$g/src/time/"
		(cd /usr/share/zoneinfo && zip -q -0 -r -X "$g/lib/time/zoneinfo.zip" . -x 'posix/*' 'right/*' '*.tab' posixrules) ||
			return 1
	fi
	echo "$g/src/time"
}

# GOARCH -> ferry's entry name (ferry --binfmt print).  A registration the
# binfmt*.sh tests make lasts seconds: a package with needs-binfmt tests
# holds their lock (shared) from this check to its last run.
binfmt_registered() {
	local e=/proc/sys/fs/binfmt_misc/ferry-${1/arm64/aarch64}
	grep -qx enabled "$e" 2>/dev/null
}

# listed KIND PKG: the tests of that kind of list line for PKG
listed() {
	awk -v k="$1" -v p="$2" '$1 == k && $2 == p { for (i = 3; i <= NF; i++) print $i }' "$list"
}

set_of=check
[ -n "${FERRY_CHECK_FULL:-}" ] && set_of=full
pkgs=${FERRY_GO_PACKAGES:-$(awk -v s="$set_of" '$1 == "pkg" && (s == "full" || $3 == "check") { print $2 }' "$list")}

for pkg in $pkgs; do
	exec 9>&- # the previous package's binfmt lock
	n=${pkg//\//_}
	dir=$GOROOT/src/$pkg
	if [ "$pkg" = time ]; then
		dir=$(time_dir) || { echo "FAIL: time: cannot make zoneinfo.zip (zip)"; FAILED=$((FAILED + 1)); continue; }
	fi
	built=1
	for arch in amd64 riscv64 arm64; do
		GOARCH=$arch go test -c -o "$bins/$n.$arch.test" "$pkg" >"$W/$n.$arch.build" 2>&1 || {
			echo "FAIL: $pkg: go test -c ($arch)"
			sed 's/^/    /' "$W/$n.$arch.build" | tail -n 20
			FAILED=$((FAILED + 1))
			built=0
		}
	done
	[ $built = 1 ] || continue
	if [ -n "$(listed needs-binfmt "$pkg")" ]; then
		binfmt_lock -s
	fi
	genv=()
	[ "$pkg" = time ] && [ "$dir" != "$GOROOT/src/time" ] && genv=(GOROOT="$W/goroot")

	# native run: what this machine can pass
	(cd "$dir" && env "${genv[@]}" timeout 600 "$bins/$n.amd64.test" -test.short -test.v) >"$W/$n.native" 2>&1
	native_st=$?
	out=$(grep -E '^--- FAIL: ' "$W/$n.native" | awk '{ print $3 }')
	if [ $native_st -ne 0 ] && [ -z "$out" ]; then
		echo "SKIP-PACKAGE: $pkg: fails natively without naming a test (status $native_st):"
		tail -n 5 "$W/$n.native" | sed 's/^/    /'
		continue
	fi
	for t in $out; do echo "note: $pkg: $t fails natively here: left out"; done
	skipped_common=$out
	for t in $(listed needs-pkg-dir "$pkg"); do
		echo "note: $pkg: $t needs \$GOROOT/pkg/linux_<arch> export data: left out"
		skipped_common="$skipped_common $t"
	done

	for arch in riscv64 arm64; do
		skipped=$skipped_common
		if ! binfmt_registered "$arch"; then
			for t in $(listed needs-binfmt "$pkg"); do
				echo "note: $pkg: $t needs ferry in binfmt_misc for $arch: left out"
				skipped="$skipped $t"
			done
		fi
		runargs=()
		if [ -n "$(echo $skipped)" ]; then
			names=$(cd "$dir" && env "${genv[@]}" "$bins/$n.amd64.test" -test.list '.*' | grep -vxF -f <(printf '%s\n' $skipped))
			if [ -z "$names" ]; then
				echo "FAIL: $pkg: -test.list named no tests"
				FAILED=$((FAILED + 1))
				continue
			fi
			runargs=(-test.run "^($(echo $names | tr ' ' '|'))\$")
		fi
		for be in $backends; do
			start=$SECONDS
			(cd "$dir" && env "${genv[@]}" timeout 900 "$FERRY" --backend "$be" "$bins/$n.$arch.test" -test.short "${runargs[@]}") \
				>"$W/$n.$arch.$be" 2>&1
			st=$?
			if [ $st -eq 0 ] && [ "$(tail -n 1 "$W/$n.$arch.$be")" = PASS ]; then
				echo "ok: $pkg ($arch, $be) $((SECONDS - start))s"
			else
				echo "FAIL: $pkg ($arch, $be): status $st after $((SECONDS - start))s"
				{ grep -E -A3 '^(--- FAIL|panic|fatal error|FAIL)' "$W/$n.$arch.$be" | head -n 40; tail -n 5 "$W/$n.$arch.$be"; } | sed 's/^/    /'
				FAILED=$((FAILED + 1))
			fi
		done
	done
done
finish
