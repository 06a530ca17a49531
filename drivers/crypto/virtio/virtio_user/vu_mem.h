/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VU_MEM_H
#define VCRYPTO_VU_MEM_H

/**
 * @file
 * @internal
 * The vhost-user memory table of this process: DPDK's memory segments as
 * (virtual address, size, fd, offset) regions, contiguous pieces of one file
 * merged, at most VCRYPTO_VU_MAX_REGIONS of them.
 */

#include <stdbool.h>

#include "vu_client.h"

/**
 * Collect the regions backing DPDK memory. @p mem_locked: the caller holds
 * the memory hotplug lock already (a memory event callback).
 *
 * @return the number of regions (1..VCRYPTO_VU_MAX_REGIONS), -E2BIG when more
 *   would be needed (use EAL --single-file-segments or --no-huge), -ENOTSUP
 *   when a segment has no file descriptor (e.g. EAL --in-memory with hugepages).
 */
int vcrypto_vu_mem_collect(struct vcrypto_vu_region *r, bool mem_locked);

#endif /* VCRYPTO_VU_MEM_H */
