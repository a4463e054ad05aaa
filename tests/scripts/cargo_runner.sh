#!/usr/bin/env bash
# Cargo's target runner (examples/runners/cargo/config.toml): cargo run and
# cargo test of a riscv64 crate go through ferry.  Debian packages no Rust
# standard library for riscv64, so this runs only where one is installed
# (rustup target add riscv64gc-unknown-linux-gnu); skipped otherwise.
. "$(dirname "$0")/helpers.bash"
need_ferry
# not in scripts/install-deps.sh: without a riscv64 standard library
# (Debian has none) cargo could not build for the target anyway
command -v cargo >/dev/null && command -v rustc >/dev/null ||
	skip "cargo and rustc are not on PATH (and Debian has no Rust standard library for riscv64)"
need_cmd riscv64-linux-gnu-gcc
target=riscv64gc-unknown-linux-gnu
[ -d "$(rustc --print sysroot)/lib/rustlib/$target/lib" ] ||
	skip "no Rust standard library for $target (Debian has none; rustup target add $target)"

cp -r "$SRC/examples/runners/cargo/hello" "$W/hello"
mkdir -p "$W/hello/.cargo"
sed "s|^runner = \"ferry\"|runner = \"$FERRY\"|" "$SRC/examples/runners/cargo/config.toml" >"$W/hello/.cargo/config.toml"
cd "$W/hello" || exit 2
out=$(cargo run --offline -q --target $target -- one two 2>&1)
check "cargo run through ferry" "arch: riscv64
arg 1: one
arg 2: two" "$out"
out=$(cargo test --offline -q --target $target 2>&1)
check "cargo test: exit status" 0 $?
check_match "cargo test: both tests passed" 'test result: ok\. 2 passed; 0 failed' "$out"
check_backend_reaches "cargo run" cargo run --offline -q --target $target
finish
