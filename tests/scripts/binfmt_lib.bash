# Sourced by the binfmt*.sh tests (after helpers.bash): real binfmt_misc
# registrations, one test at a time, never left behind.

BM=/proc/sys/fs/binfmt_misc
[ "$(id -u)" = 0 ] || skip "needs root to register binfmt_misc entries"
need_cmd flock

# One binfmt test at a time on this machine: they share ferry-<arch>.
binfmt_lock -x

MOUNTED_HERE=0
OURS=0 # set once no ferry-* entry of someone else's exists: then any is ours
# A test entry that is not ferry's (see binfmt.sh).
RIVAL=zz-ferry-test-rival
binfmt_cleanup() {
	if [ "$OURS" = 1 ]; then
		for e in "$BM"/ferry-* "$BM/$RIVAL"; do
			[ -e "$e" ] && echo -1 >"$e"
		done
	fi
	[ "$MOUNTED_HERE" = 1 ] && umount "$BM" 2>/dev/null
	return 0
}
trap binfmt_cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ ! -e "$BM/register" ]; then
	mount -t binfmt_misc binfmt_misc "$BM" 2>/dev/null ||
		skip "binfmt_misc cannot be mounted on $BM (no privilege for it here)"
	MOUNTED_HERE=1
fi
[ -w "$BM/register" ] || skip "$BM/register is not writable (no privilege for it here)"
[ "$(cat "$BM/status")" = enabled ] || skip "binfmt_misc is disabled on this machine ($BM/status)"
for e in "$BM"/ferry-* "$BM/$RIVAL"; do
	[ -e "$e" ] && skip "$(basename "$e") is already registered by someone: not touching it"
done
OURS=1

# show.c: what a guest sees of how it was started.
cat >"$W/show.c" <<'C'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("execfn=%s\n", (const char *)getauxval(AT_EXECFN));
	printf("VIA=%s\n", getenv("VIA") ? getenv("VIA") : "-");
	/* a native process's first new descriptor is 3: ferry's are not the guest's */
	int fd = open("/", O_RDONLY);
	printf("first fd=%d\n", fd);
	printf("uid=%d euid=%d secure=%lu\n", (int)getuid(), (int)geteuid(), getauxval(AT_SECURE));
	return 0;
}
C

# Whether $1 is a statically linked ELF (no PT_INTERP).
is_static_elf() {
	! readelf -lW "$1" 2>/dev/null | grep -q 'Requesting program interpreter'
}

no_ferry_entries_left() {
	local left=""
	for e in "$BM"/ferry-*; do
		[ -e "$e" ] && left="$left $(basename "$e")"
	done
	check "no ferry-* entry left registered" "" "$left"
}
