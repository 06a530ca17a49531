/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_GMEM_PRIV_H
#define VCRYPTO_GMEM_PRIV_H

/**
 * @file
 * Guest memory: the backend's own copy of the vhost-user memory table and
 * the one door through which a guest address becomes a host pointer.
 *
 * It knows regions (guest physical address, size, host virtual address);
 * it does not know rings, requests or DPDK, so unit tests and fuzzers build
 * it alone.
 */

#include <stddef.h>
#include <stdint.h>

/** Most regions a table may hold (vhost-user sends at most 8 today). */
#define VCRYPTO_GMEM_MAX_REGIONS 64

/** One guest memory region, mapped in this process. */
struct vcrypto_gmem_region {
	uint64_t gpa;  /**< guest physical address of the first byte */
	uint64_t size; /**< bytes, never 0 */
	uint64_t hva;  /**< host virtual address of the first byte */
};

/** A guest memory table. */
struct vcrypto_gmem {
	uint32_t nregions; /**< valid entries in regions[] */
	struct vcrypto_gmem_region regions[VCRYPTO_GMEM_MAX_REGIONS];
};

/**
 * Empty @p mem, then add regions one by one with vcrypto_gmem_add().
 */
void vcrypto_gmem_reset(struct vcrypto_gmem *mem);

/**
 * Add a region to @p mem.
 *
 * @return 0; -EINVAL for a zero size or a region whose guest or host range
 *         wraps around 2^64; -ENOSPC when the table is full.
 */
int vcrypto_gmem_add(struct vcrypto_gmem *mem, uint64_t gpa, uint64_t size,
		uint64_t hva);

/**
 * Translate a guest range into a host pointer.
 *
 * @return the host address of @p gpa when the whole range [gpa, gpa + len)
 *         lies inside one region; NULL when @p len is 0, when the range wraps
 *         around 2^64, or when any byte of it is outside that region.
 */
void *vcrypto_gmem_translate(const struct vcrypto_gmem *mem, uint64_t gpa,
		uint64_t len);

/**
 * vcrypto_gmem_translate() through @p cur, a copy of the region that
 * matched last (start it zeroed: it then matches nothing): the buffers of
 * one chain nearly always lie in one region, and a local copy keeps the
 * check to a subtraction and two compares.
 */
static inline void *
vcrypto_gmem_translate_cached(const struct vcrypto_gmem *mem,
		struct vcrypto_gmem_region *cur, uint64_t gpa, uint64_t len)
{
	/* A region never wraps (vcrypto_gmem_add()), so gpa below cur->gpa
	 * gives an off of at least cur->size: no separate check needed. */
	uint64_t off = gpa - cur->gpa;
	uint32_t i;

	if (off < cur->size && len != 0 && len <= cur->size - off)
		return (void *)(uintptr_t)(cur->hva + off);
	for (i = 0; i < mem->nregions; i++) {
		const struct vcrypto_gmem_region *r = &mem->regions[i];

		off = gpa - r->gpa;
		if (len != 0 && gpa >= r->gpa && off < r->size &&
				len <= r->size - off) {
			*cur = *r;
			return (void *)(uintptr_t)(r->hva + off);
		}
	}
	return NULL;
}

#endif /* VCRYPTO_GMEM_PRIV_H */
