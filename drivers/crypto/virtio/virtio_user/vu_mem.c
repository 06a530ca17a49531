/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <string.h>

#include <rte_eal_memconfig.h>
#include <rte_memory.h>

#include "virtio_crypto_log.h"
#include "vu_mem.h"

struct collect {
	struct vcrypto_vu_region *r;
	unsigned int n;
	int err;
};

static int
add_piece(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		size_t len, void *arg)
{
	struct collect *c = arg;
	struct vcrypto_vu_region *last = c->n ? &c->r[c->n - 1] : NULL;
	uint64_t addr = (uint64_t)(uintptr_t)ms->addr;
	size_t off;
	int fd;

	/* Memory the application registered from outside DPDK is not ours to
	 * share; it has no fd we could pass anyway. */
	if (msl->external)
		return 0;
	fd = rte_memseg_get_fd_thread_unsafe(ms);
	if (fd < 0 || rte_memseg_get_fd_offset_thread_unsafe(ms, &off) < 0) {
		c->err = -ENOTSUP;
		return -1;
	}
	if (last != NULL && last->fd == fd && last->addr + last->size == addr &&
	    last->offset + last->size == off) {
		last->size += len;
		return 0;
	}
	if (c->n == VCRYPTO_VU_MAX_REGIONS) {
		c->err = -E2BIG;
		return -1;
	}
	c->r[c->n++] = (struct vcrypto_vu_region){
		.addr = addr, .size = len, .offset = off, .fd = fd,
	};
	return 0;
}

int
vcrypto_vu_mem_collect(struct vcrypto_vu_region *r, bool mem_locked)
{
	struct collect c = { .r = r };

	if (!mem_locked)
		rte_mcfg_mem_read_lock();
	rte_memseg_contig_walk_thread_unsafe(add_piece, &c);
	if (!mem_locked)
		rte_mcfg_mem_read_unlock();
	if (c.err == -E2BIG) {
		VC_LOG(ERR, "DPDK memory spans more than %d files: vhost-user can share "
			"at most %d regions; run EAL with --single-file-segments or --no-huge",
			VCRYPTO_VU_MAX_REGIONS, VCRYPTO_VU_MAX_REGIONS);
		return c.err;
	}
	if (c.err < 0) {
		VC_LOG(ERR, "a DPDK memory segment has no file descriptor to share with "
			"the vhost-user back-end (EAL --in-memory with hugepages?); run "
			"EAL with --no-huge, or hugepages without --in-memory");
		return c.err;
	}
	if (c.n == 0) {
		VC_LOG(ERR, "no DPDK memory to share with the vhost-user back-end");
		return -ENOMEM;
	}
	return (int)c.n;
}
