/* C11 atomics: fetch_add/sub/and/or/xor, exchange, compare_exchange
 * (strong and weak loops), on 8/16/32/64-bit objects (RISC-V has only
 * 32/64-bit AMOs: GCC 12 calls libatomic for the small ones),
 * flags, and a lock-free counter shared by threads.
 * TEST-LIBS: -latomic */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Atomic uint64_t shared64;
static _Atomic uint32_t shared32;
static _Atomic uint16_t shared16;
static _Atomic uint8_t shared8;
static atomic_flag flag = ATOMIC_FLAG_INIT;
static _Atomic long spin_protected;
static long plain_protected;

static void *hammer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20000; i++) {
		atomic_fetch_add(&shared64, 3);
		atomic_fetch_add_explicit(&shared32, 1, memory_order_relaxed);
		atomic_fetch_add(&shared16, 1);
		atomic_fetch_add(&shared8, 1);
		/* a spinlock from atomic_flag protecting a plain variable */
		while (atomic_flag_test_and_set_explicit(&flag, memory_order_acquire))
			;
		plain_protected++;
		atomic_flag_clear_explicit(&flag, memory_order_release);
		/* CAS loop: multiply-add that has no fetch_ op */
		long old = atomic_load(&spin_protected), want;
		do
			want = (old * 3 + 1) % 1000003;
		while (!atomic_compare_exchange_weak(&spin_protected, &old, want));
	}
	return NULL;
}

/* pthread_create, but a failure ends the test with its reason */
static void spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	int e = pthread_create(t, NULL, fn, arg);
	if (e) {
		printf("pthread_create failed: %s\n", strerrorname_np(e));
		exit(1);
	}
}

int main(void)
{
	_Atomic int64_t v = 10;
	int64_t old;
	old = atomic_fetch_add(&v, 5);
	printf("fetch_add %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	old = atomic_fetch_sub(&v, 20);
	printf("fetch_sub %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	old = atomic_fetch_or(&v, 0x100);
	printf("fetch_or %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	old = atomic_fetch_and(&v, 0xff0);
	printf("fetch_and %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	old = atomic_fetch_xor(&v, -1);
	printf("fetch_xor %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	old = atomic_exchange(&v, 77);
	printf("exchange %lld -> %lld\n", (long long)old, (long long)atomic_load(&v));
	int64_t expected = 76;
	_Bool ok = atomic_compare_exchange_strong(&v, &expected, 1);
	printf("cas with wrong expected: %d, expected now %lld\n", ok, (long long)expected);
	ok = atomic_compare_exchange_strong(&v, &expected, 1);
	printf("cas with right expected: %d, value %lld\n", ok, (long long)atomic_load(&v));
	_Atomic uint8_t b = 250;
	atomic_fetch_add(&b, 10);
	_Atomic int16_t h = -32768;
	atomic_fetch_sub(&h, 1);
	_Atomic uint32_t w = 0xffffffffu;
	atomic_fetch_add(&w, 2);
	printf("narrow wrap: u8 %u i16 %d u32 %u\n", atomic_load(&b), atomic_load(&h), atomic_load(&w));
	printf("lock free: 1:%d 2:%d 4:%d 8:%d\n", atomic_is_lock_free(&shared8), atomic_is_lock_free(&shared16),
	       atomic_is_lock_free(&shared32), atomic_is_lock_free(&shared64));
	/* GCC builtins on plain objects */
	uint64_t plain = 5;
	__atomic_fetch_nand(&plain, 3, __ATOMIC_SEQ_CST);
	uint64_t mx = 10;
	uint64_t prev = __atomic_exchange_n(&mx, 20, __ATOMIC_ACQ_REL);
	printf("nand %llu exchange_n %llu->%llu\n", (unsigned long long)plain, (unsigned long long)prev,
	       (unsigned long long)mx);
	atomic_thread_fence(memory_order_seq_cst);

	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		spawn(&t[i], hammer, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("threads: u64 %llu u32 %u u16 %u u8 %u spinlocked %ld\n", (unsigned long long)atomic_load(&shared64),
	       atomic_load(&shared32), atomic_load(&shared16), atomic_load(&shared8), plain_protected);
	/* the CAS chain applies f 80000 times whatever the interleaving */
	long expect = 0;
	for (int i = 0; i < 80000; i++)
		expect = (expect * 3 + 1) % 1000003;
	printf("cas chain matches sequential: %d\n", atomic_load(&spin_protected) == expect);
	return 0;
}
