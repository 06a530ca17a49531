/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stddef.h>

#include "gmem_priv.h"

void
vcrypto_gmem_reset(struct vcrypto_gmem *mem)
{
	mem->nregions = 0;
}

int
vcrypto_gmem_add(struct vcrypto_gmem *mem, uint64_t gpa, uint64_t size,
		uint64_t hva)
{
	struct vcrypto_gmem_region *r;

	/* size - 1 is the last offset: both ends must be representable. */
	if (size == 0 || gpa > UINT64_MAX - (size - 1) ||
			hva > UINT64_MAX - (size - 1))
		return -EINVAL;
	if (mem->nregions >= VCRYPTO_GMEM_MAX_REGIONS)
		return -ENOSPC;
	r = &mem->regions[mem->nregions++];
	r->gpa = gpa;
	r->size = size;
	r->hva = hva;
	return 0;
}

void *
vcrypto_gmem_translate(const struct vcrypto_gmem *mem, uint64_t gpa,
		uint64_t len)
{
	uint32_t i;

	if (len == 0)
		return NULL;
	for (i = 0; i < mem->nregions; i++) {
		const struct vcrypto_gmem_region *r = &mem->regions[i];
		uint64_t off;

		if (gpa < r->gpa)
			continue;
		off = gpa - r->gpa;
		/* Written as subtractions so no sum can wrap. */
		if (off >= r->size || len > r->size - off)
			continue;
		return (void *)(uintptr_t)(r->hva + off);
	}
	return NULL;
}
