#!/bin/sh
# Installs what building and testing ferry needs, only when something is
# missing.  Needs root (or sudo) for apt-get on a fresh Debian 12 machine.
set -e
pkgs="libelf-dev libcapstone-dev libbsd-dev libzstd-dev pkg-config
gcc-riscv64-linux-gnu g++-riscv64-linux-gnu gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
qemu-user cmake meson ninja-build gdb-multiarch golang-go"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
