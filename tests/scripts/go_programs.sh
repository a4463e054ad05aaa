#!/usr/bin/env bash
# Go programs (tests/go/programs/*.go) built for riscv64 and arm64 and run
# under ferry on every backend: goroutines and channels, GC pressure,
# timers, os/exec, os/signal, a panic's traceback, asynchronous preemption.
# The oracle is the same source built for the host (amd64) and run natively
# here: stdout and exit status must be equal.  For the panic, stderr is
# compared too, with addresses, offsets and argument words taken out (the
# traceback's shape: "panic: ...", the goroutine header, functions, lines).
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd go
# one build cache for every build directory (make check and check-asan)
export GOCACHE=${GOCACHE:-/tmp/ferry-gocache-$(id -u)} GOFLAGS=-mod=mod CGO_ENABLED=0 GOOS=linux
backends=$(backends)
cd "$W" || exit 2

# Drops what differs between arches and runs: argument words, pc offsets.
traceback_shape() {
	sed -E -e 's/\(\{?[^()]*\}?\)$/(...)/' -e 's/ \+0x[0-9a-f]+$//' -e 's/goroutine [0-9]+ /goroutine N /'
}

for src in "$SRC"/tests/go/programs/*.go; do
	n=$(basename "$src" .go)
	GOARCH=amd64 go build -o "$n.amd64" "$src" || { echo "FAIL: $n: go build (amd64)"; FAILED=$((FAILED + 1)); continue; }
	want=$(timeout 60 "./$n.amd64" 2>"$n.amd64.err"; echo "exit $?")
	want_err=$(traceback_shape <"$n.amd64.err")
	for arch in riscv64 arm64; do
		if ! GOARCH=$arch go build -o "$n.$arch" "$src"; then
			echo "FAIL: $n: go build ($arch)"
			FAILED=$((FAILED + 1))
			continue
		fi
		for be in $backends; do
			got=$(timeout 120 "$FERRY" --backend "$be" "./$n.$arch" 2>"$n.err"; echo "exit $?")
			check "$n ($arch, $be): stdout and exit status as native" "$want" "$got"
			case $n in panic_*)
				check "$n ($arch, $be): traceback as native" "$want_err" "$(traceback_shape <"$n.err")" ;;
			esac
		done
	done
done
finish
