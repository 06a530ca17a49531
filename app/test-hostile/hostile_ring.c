/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_pause.h>

#include "hostile_ring.h"

static void
hq_init(struct hq *q, struct vcrypto_vq *vq)
{
	q->vq = vq;
	q->num = vq->num;
	/* a fresh connection: both indices start at 0 */
	q->avail_idx = vq->avail_idx;
	q->used_idx = vq->last_used_idx;
}

struct find_region {
	uint64_t addr;
	uint64_t start, end;
};

static int
find_piece(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		size_t len, void *arg)
{
	struct find_region *f = arg;
	uint64_t a = (uint64_t)(uintptr_t)ms->addr;

	if (msl->external || f->addr < a || f->addr - a >= len)
		return 0;
	f->start = a;
	f->end = a + len;
	return 1;
}

int
hdev_open(struct hdev *d, const char *path, uint64_t features, uint16_t qsize,
		unsigned int timeout_ms)
{
	struct vcrypto_frontend_params p = {
		.path = path,
		.nb_queues = 1,
		.queue_size = qsize,
		.ctrl_queue_size = 64,
		.socket_id = SOCKET_ID_ANY,
		.driver_features = features,
	};
	struct find_region f;
	int ret;

	memset(d, 0, sizeof(*d));
	d->timeout_ms = timeout_ms;
	d->mem = rte_zmalloc(NULL, H_SCRATCH_LEN, 4096);
	if (d->mem == NULL)
		return -ENOMEM;
	ret = vcrypto_frontend_open(&p, &d->fe);
	if (ret != 0) {
		printf("cannot open the device at %s: %s\n", path, strerror(-ret));
		rte_free(d->mem);
		d->mem = NULL;
		return ret;
	}
	d->rev1 = vcrypto_frontend_has(d->fe, VIRTIO_CRYPTO_F_REVISION_1);
	d->indirect = vcrypto_frontend_has(d->fe, VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC);
	hq_init(&d->ctrl, vcrypto_frontend_ctrlq(d->fe));
	hq_init(&d->data, vcrypto_frontend_dataq(d->fe, 0));
	/* The memory table the client sent is DPDK's contiguous pieces. */
	f.addr = (uint64_t)(uintptr_t)d->mem;
	f.start = f.end = 0;
	rte_memseg_contig_walk(find_piece, &f);
	d->region_start = f.start;
	d->region_end = f.end;
	return 0;
}

void
hdev_close(struct hdev *d)
{
	vcrypto_frontend_close(d->fe);
	rte_free(d->mem);
	memset(d, 0, sizeof(*d));
}

uint64_t
h_addr(const struct hdev *d, const void *p)
{
	return vcrypto_frontend_addr(d->fe, p);
}

void
hq_write_descs(struct hq *q, uint16_t first, const struct hdesc *descs,
		uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct vcrypto_vring_desc *t = &q->vq->desc[(uint16_t)(first + i) &
			(q->num - 1)];

		t->addr = vcrypto_to_le64(descs[i].addr);
		t->len = vcrypto_to_le32(descs[i].len);
		t->flags = htole16(descs[i].flags);
		t->next = htole16(descs[i].next);
	}
}

void
hq_post(struct hq *q, uint16_t head)
{
	q->vq->avail->ring[q->avail_idx & (q->num - 1)] = htole16(head);
	q->avail_idx++;
}

void
hq_publish(struct hq *q)
{
	/* Descriptors and ring entries before the index (virtio 1.2, 2.7.13);
	 * pairs with the device's acquire of avail->idx. */
	__atomic_store_n(&q->vq->avail->idx, htole16(q->avail_idx),
		__ATOMIC_RELEASE);
}

void
hq_publish_raw(struct hq *q, uint16_t idx)
{
	q->avail_idx = idx;
	hq_publish(q);
}

int
hq_wait(struct hq *q, unsigned int n, unsigned int timeout_ms, uint32_t *ids,
		uint32_t *lens)
{
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * timeout_ms / 1000;
	unsigned int got = 0;

	while (got < n) {
		uint16_t used = le16toh(__atomic_load_n(&q->vq->used->idx,
			__ATOMIC_ACQUIRE));

		while (q->used_idx != used && got < n) {
			const struct vcrypto_vring_used_elem *e =
				&q->vq->used->ring[q->used_idx & (q->num - 1)];

			if (ids != NULL)
				ids[got] = vcrypto_le32(e->id);
			if (lens != NULL)
				lens[got] = vcrypto_le32(e->len);
			q->used_idx++;
			got++;
		}
		if (got < n && rte_get_timer_cycles() > deadline)
			return -ETIMEDOUT;
		rte_pause();
	}
	return 0;
}

bool
hq_silent(struct hq *q, unsigned int ms)
{
	rte_delay_ms(ms);
	return le16toh(__atomic_load_n(&q->vq->used->idx, __ATOMIC_ACQUIRE)) ==
		q->used_idx;
}
