#!/usr/bin/env bash
# Go's two ways of running cross-built tests through ferry
# (examples/runners/go): `go test -exec ferry`, and a go_linux_<arch>_exec
# link on PATH with no -exec at all.  For riscv64 and arm64.
. "$(dirname "$0")/helpers.bash"
need_ferry
need_cmd go
cp -r "$SRC/examples/runners/go/sample" "$W/sample"
cd "$W/sample" || exit 2
# one build cache for every build directory and backend job (a cold one
# builds the standard library for each GOARCH: minutes per job)
export GOCACHE=${GOCACHE:-/tmp/ferry-gocache-$(id -u)} GOPATH=$W/gopath GOFLAGS=-mod=mod CGO_ENABLED=0 GOOS=linux
mkdir -p "$W/bin"
for arch in riscv64 arm64; do
	out=$(WANT_GOARCH=$arch GOARCH=$arch timeout 600 go test -count=1 -v -exec "$FERRY" . 2>&1)
	check_match "go test -exec ferry ($arch): passes" '^ok[[:space:]]+example.com/sample' "$out"
	check_match "go test -exec ferry ($arch): ran as $arch" "running as $arch" "$out"
	ln -sf "$FERRY" "$W/bin/go_linux_${arch}_exec"
	out=$(PATH=$W/bin:$PATH WANT_GOARCH=$arch GOARCH=$arch timeout 600 go test -count=1 . 2>&1)
	check_match "go_linux_${arch}_exec on PATH ($arch): passes" '^ok[[:space:]]+example.com/sample' "$out"
	check_backend_reaches "go test -exec ferry ($arch)" \
		env WANT_GOARCH=$arch GOARCH=$arch timeout 600 go test -count=1 -exec "$FERRY" .
done
finish
