/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_FUZZ_INPUT_H
#define VCRYPTO_FUZZ_INPUT_H

/**
 * @file
 * Reading a fuzzer input as a little-endian byte stream: every read past the
 * end yields zeros, so any input, however short, decodes to something.
 * Also the assertion used by every target: a broken invariant aborts with a
 * message, which libFuzzer reports as a crash (and saves the input).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** A cursor over the fuzzer's input. */
struct fz {
	const uint8_t *p; /**< next byte */
	size_t n;         /**< bytes left */
};

/** Copy @p len bytes to @p dst; missing ones are 0. */
static inline void
fz_bytes(struct fz *f, void *dst, size_t len)
{
	size_t k = len < f->n ? len : f->n;

	memcpy(dst, f->p, k);
	memset((uint8_t *)dst + k, 0, len - k);
	f->p += k;
	f->n -= k;
}

static inline uint8_t
fz_u8(struct fz *f)
{
	uint8_t v;

	fz_bytes(f, &v, 1);
	return v;
}

static inline uint16_t
fz_u16(struct fz *f)
{
	uint8_t b[2];

	fz_bytes(f, b, 2);
	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t
fz_u32(struct fz *f)
{
	uint8_t b[4];

	fz_bytes(f, b, 4);
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
		(uint32_t)b[3] << 24;
}

static inline uint64_t
fz_u64(struct fz *f)
{
	uint64_t lo = fz_u32(f);

	return lo | (uint64_t)fz_u32(f) << 32;
}

/** Abort (a libFuzzer crash) when an invariant does not hold. */
#define FZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "invariant broken at %s:%d: %s: ", __FILE__, \
			__LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/** Whether @p s is a status code virtio-crypto defines (OK .. KEY_REJECTED). */
static inline int
fz_status_valid(uint32_t s)
{
	return s <= 6;
}

#endif /* VCRYPTO_FUZZ_INPUT_H */
