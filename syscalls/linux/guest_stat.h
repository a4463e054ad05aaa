/* The guest's struct stat layouts, declared once with the kernel's offsets. */
#ifndef FERRY_LINUX_GUEST_STAT_H
#define FERRY_LINUX_GUEST_STAT_H

#include <stddef.h>
#include <stdint.h>

/* include/uapi/asm-generic/stat.h with 64-bit longs (riscv64, aarch64).
 * x86-64's struct stat orders and sizes st_nlink, st_mode and st_blksize
 * differently, so every stat result is converted. */
struct guest_stat_generic {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t pad2;
	int64_t st_blocks;
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t unused4;
	uint32_t unused5;
};
_Static_assert(sizeof(struct guest_stat_generic) == 128, "asm-generic struct stat is 128 bytes");
_Static_assert(offsetof(struct guest_stat_generic, st_mode) == 16, "st_mode");
_Static_assert(offsetof(struct guest_stat_generic, st_rdev) == 32, "st_rdev");
_Static_assert(offsetof(struct guest_stat_generic, st_size) == 48, "st_size");
_Static_assert(offsetof(struct guest_stat_generic, st_blksize) == 56, "st_blksize");
_Static_assert(offsetof(struct guest_stat_generic, st_blocks) == 64, "st_blocks");
_Static_assert(offsetof(struct guest_stat_generic, st_atime_sec) == 72, "st_atime");
_Static_assert(offsetof(struct guest_stat_generic, st_ctime_nsec) == 112, "st_ctime_nsec");

#endif
