/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/* Unit tests of guest memory translation, without EAL. */
#include <errno.h>
#include <stdint.h>

#include "gmem_priv.h"
#include "test_util.h"

static uint8_t ram_a[4096], ram_b[8192];

static void
test_inside(const struct vcrypto_gmem *m)
{
	CHECK(vcrypto_gmem_translate(m, 0x1000, 1) == ram_a);
	CHECK(vcrypto_gmem_translate(m, 0x1000, 4096) == ram_a);
	CHECK(vcrypto_gmem_translate(m, 0x1fff, 1) == ram_a + 4095);
	CHECK(vcrypto_gmem_translate(m, 0x10000, 8192) == ram_b);
	CHECK(vcrypto_gmem_translate(m, 0x10010, 16) == ram_b + 16);
}

static void
test_outside(const struct vcrypto_gmem *m)
{
	CHECK(vcrypto_gmem_translate(m, 0, 1) == NULL);
	CHECK(vcrypto_gmem_translate(m, 0xfff, 1) == NULL);
	CHECK(vcrypto_gmem_translate(m, 0xfff, 2) == NULL);     /* starts before */
	CHECK(vcrypto_gmem_translate(m, 0x1000, 4097) == NULL); /* ends after */
	CHECK(vcrypto_gmem_translate(m, 0x2000, 1) == NULL);    /* one past */
	CHECK(vcrypto_gmem_translate(m, 0x12000, 1) == NULL);
	CHECK(vcrypto_gmem_translate(m, 0x1000, 0) == NULL);    /* empty */
}

static void
test_crossing(void)
{
	struct vcrypto_gmem m;

	/* Two regions adjacent in guest memory, apart in host memory. */
	vcrypto_gmem_reset(&m);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 4096, (uintptr_t)ram_a), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x2000, 8192, (uintptr_t)ram_b), 0);
	CHECK(vcrypto_gmem_translate(&m, 0x1ff0, 16) == ram_a + 4080);
	CHECK(vcrypto_gmem_translate(&m, 0x2000, 16) == ram_b);
	CHECK(vcrypto_gmem_translate(&m, 0x1ff0, 32) == NULL);
	CHECK(vcrypto_gmem_translate(&m, 0x1000, 4096 + 8192) == NULL);
}

static void
test_overflow(void)
{
	struct vcrypto_gmem m;

	vcrypto_gmem_reset(&m);
	/* A region reaching the very top of the address space. */
	CHECK_EQ(vcrypto_gmem_add(&m, UINT64_MAX - 4095, 4096,
		(uintptr_t)ram_a), 0);
	CHECK(vcrypto_gmem_translate(&m, UINT64_MAX, 1) == ram_a + 4095);
	CHECK(vcrypto_gmem_translate(&m, UINT64_MAX - 4095, 4096) == ram_a);
	CHECK(vcrypto_gmem_translate(&m, UINT64_MAX, 2) == NULL);
	CHECK(vcrypto_gmem_translate(&m, UINT64_MAX - 15, UINT64_MAX) == NULL);
	CHECK(vcrypto_gmem_translate(&m, UINT64_MAX - 4095, UINT64_MAX) == NULL);

	vcrypto_gmem_reset(&m);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 4096, (uintptr_t)ram_a), 0);
	/* gpa + len wraps to a small number that a naive sum would accept. */
	CHECK(vcrypto_gmem_translate(&m, 0x1010, UINT64_MAX - 0xf) == NULL);
	CHECK(vcrypto_gmem_translate(&m, 0x1010, UINT64_MAX) == NULL);

	/* Regions that wrap are refused. */
	CHECK_EQ(vcrypto_gmem_add(&m, UINT64_MAX - 10, 12, 0x1000), -EINVAL);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 12, UINT64_MAX - 10), -EINVAL);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 0, 0x1000), -EINVAL);
}

static void
test_full(void)
{
	struct vcrypto_gmem m;
	unsigned int i;

	vcrypto_gmem_reset(&m);
	for (i = 0; i < VCRYPTO_GMEM_MAX_REGIONS; i++)
		CHECK_EQ(vcrypto_gmem_add(&m, 0x100000ull * (i + 1), 4096,
			(uintptr_t)ram_a), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 4096, (uintptr_t)ram_a), -ENOSPC);
	CHECK(vcrypto_gmem_translate(&m, 0x100000ull * VCRYPTO_GMEM_MAX_REGIONS,
		4096) == ram_a);
}

/* The region-cache translation answers exactly as the plain one. */
static void
test_cached(void)
{
	static const uint64_t bases[] = { 0, 0x1000, 0x2000, 0xfff, 0x10000,
		0x11fff, 0x12000, UINT64_MAX - 4095, UINT64_MAX, UINT64_MAX / 2 };
	struct vcrypto_gmem_region cur = { 0, 0, 0 };
	struct vcrypto_gmem m;
	uint64_t x = 88172645463325252ull; /* xorshift64 */
	int i, mismatches = 0;

	vcrypto_gmem_reset(&m);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, 4096, (uintptr_t)ram_a), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x2000, 4096, (uintptr_t)ram_b), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x10000, 8192, (uintptr_t)ram_b), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, UINT64_MAX - 4095, 4096,
		(uintptr_t)ram_a), 0);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0x1000, 16) == ram_a);
	CHECK_EQ(cur.gpa, 0x1000);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0x1ff0, 16) == ram_a + 4080);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0xfff, 2) == NULL);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0x1ff0, 32) == NULL);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0x1000, 0) == NULL);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0x10010, 16) == ram_b + 16);
	CHECK_EQ(cur.gpa, 0x10000);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, UINT64_MAX, 1) == ram_a + 4095);
	/* below the cached top region: the offset wraps to >= its size */
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, 0, 1) == NULL);
	CHECK(vcrypto_gmem_translate_cached(&m, &cur, UINT64_MAX, 2) == NULL);
	for (i = 0; i < 200000; i++) {
		uint64_t gpa, len;
		void *want, *got;

		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		gpa = bases[x % 10] + (int64_t)((x >> 8) % 8192) - 4096;
		len = (x >> 24) % 3 == 0 ? (x >> 32) : (x >> 32) % 9000;
		want = vcrypto_gmem_translate(&m, gpa, len);
		got = vcrypto_gmem_translate_cached(&m, &cur, gpa, len);
		mismatches += want != got;
	}
	CHECK_EQ(mismatches, 0);
}

int
main(void)
{
	struct vcrypto_gmem m;

	vcrypto_gmem_reset(&m);
	CHECK(vcrypto_gmem_translate(&m, 0x1000, 1) == NULL); /* empty table */
	CHECK_EQ(vcrypto_gmem_add(&m, 0x1000, sizeof(ram_a), (uintptr_t)ram_a), 0);
	CHECK_EQ(vcrypto_gmem_add(&m, 0x10000, sizeof(ram_b), (uintptr_t)ram_b), 0);
	test_inside(&m);
	test_outside(&m);
	test_crossing();
	test_overflow();
	test_cached();
	test_full();
	return TEST_DONE();
}
