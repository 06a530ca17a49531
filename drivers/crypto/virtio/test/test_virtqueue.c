/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * Unit test of the driver-side split virtqueue without EAL: a fake device in
 * ordinary memory reads the avail ring, checks each chain against what the
 * driver added, and completes chains in an order of its choosing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtqueue.h"

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		failures++; \
	} \
} while (0)

/** The fake device's view of one queue. */
struct fake_dev {
	struct vcrypto_vq *vq;
	uint16_t last_avail;
	uint16_t used_idx;
	uint16_t pending[VCRYPTO_VRING_MAX_SIZE]; /* heads taken, not completed */
	uint32_t npending;
	unsigned int kicks;
};

static void
fake_notify(void *arg)
{
	((struct fake_dev *)arg)->kicks++;
}

/* Take every newly available head; verify the chain shape. */
static void
fake_fetch(struct fake_dev *d, uint16_t n_out, uint16_t n_in, uint64_t tag_base)
{
	struct vcrypto_vq *vq = d->vq;
	uint16_t avail = __atomic_load_n(&vq->avail->idx, __ATOMIC_ACQUIRE);

	while (d->last_avail != avail) {
		uint16_t head = vq->avail->ring[d->last_avail & (vq->num - 1)];
		uint16_t idx = head, i;

		CHECK(head < vq->num);
		for (i = 0; i < n_out + n_in; i++) {
			const struct vcrypto_vring_desc *desc = &vq->desc[idx];
			int is_write = !!(desc->flags & VCRYPTO_VRING_DESC_F_WRITE);
			int has_next = !!(desc->flags & VCRYPTO_VRING_DESC_F_NEXT);

			CHECK(is_write == (i >= n_out));
			CHECK(has_next == (i + 1 < n_out + n_in));
			CHECK(desc->len == 100u + i);
			(void)tag_base;
			idx = desc->next;
			CHECK(idx < vq->num);
		}
		d->pending[d->npending++] = head;
		d->last_avail++;
	}
}

/* Complete pending head number @p which, writing @p len. */
static void
fake_complete(struct fake_dev *d, uint32_t which, uint32_t id, uint32_t len)
{
	struct vcrypto_vq *vq = d->vq;
	struct vcrypto_vring_used_elem *e = &vq->used->ring[d->used_idx & (vq->num - 1)];

	e->id = id;
	e->len = len;
	d->pending[which] = d->pending[--d->npending];
	d->used_idx++;
	__atomic_store_n(&vq->used->idx, d->used_idx, __ATOMIC_RELEASE);
}

static struct vcrypto_vq *
new_queue(uint16_t num, void **ring, struct fake_dev *d)
{
	size_t sz = vcrypto_vq_ring_size(num);
	struct vcrypto_vq *vq;

	*ring = aligned_alloc(VCRYPTO_VQ_ALIGN, sz);
	memset(*ring, 0, sz);
	vq = vcrypto_vq_create(num, *ring, 0, true);
	memset(d, 0, sizeof(*d));
	d->vq = vq;
	vcrypto_vq_set_notify(vq, fake_notify, d);
	return vq;
}

static int
add_chain(struct vcrypto_vq *vq, uint16_t n_out, uint16_t n_in, uintptr_t cookie)
{
	struct vcrypto_vq_buf bufs[8];
	uint16_t i;

	for (i = 0; i < n_out + n_in; i++) {
		bufs[i].addr = 0x1000 * (cookie + 1) + i;
		bufs[i].len = 100u + i;
	}
	return vcrypto_vq_add(vq, bufs, n_out, n_in, (void *)cookie);
}

static void
test_create_args(void)
{
	void *ring = aligned_alloc(VCRYPTO_VQ_ALIGN, vcrypto_vq_ring_size(8));

	CHECK(vcrypto_vq_create(0, ring, 0, true) == NULL);
	CHECK(vcrypto_vq_create(12, ring, 0, true) == NULL);
	CHECK(vcrypto_vq_create(8, (uint8_t *)ring + 8, 0, true) == NULL);
	CHECK(vcrypto_vring_avail_size(8) == 22);
	free(ring);
}

/* Fill the queue, complete out of order, check cookies and free counts. */
static void
test_out_of_order(void)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(16, &ring, &d);
	struct vcrypto_vq_used u[16];
	int seen[4] = {0};
	int i, n, total = 0;

	CHECK(vq->avail->flags == VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT);
	for (i = 0; i < 4; i++)
		CHECK(add_chain(vq, 2, 2, (uintptr_t)i) >= 0);
	CHECK(vcrypto_vq_free_count(vq) == 0);
	CHECK(add_chain(vq, 1, 0, 99) == -ENOSPC);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 0);
	/* Nothing published before the kick. */
	fake_fetch(&d, 2, 2, 0);
	CHECK(d.npending == 0);
	CHECK(vcrypto_vq_kick(vq) == 1);
	CHECK(d.kicks == 1);
	CHECK(vcrypto_vq_kick(vq) == 0); /* nothing new: no second kick */
	fake_fetch(&d, 2, 2, 0);
	CHECK(d.npending == 4);
	CHECK(vcrypto_vq_in_flight(vq) == 4);

	/* Complete the third, then the first, then the rest. */
	fake_complete(&d, 2, d.pending[2], 7);
	fake_complete(&d, 0, d.pending[0], 8);
	n = vcrypto_vq_get_used(vq, u, 16);
	CHECK(n == 2);
	CHECK(vcrypto_vq_free_count(vq) == 8);
	for (i = 0; i < n; i++)
		seen[(uintptr_t)u[i].cookie]++;
	total += n;
	while (d.npending > 0)
		fake_complete(&d, d.npending - 1, d.pending[d.npending - 1], 1);
	n = vcrypto_vq_get_used(vq, u, 1); /* respects max */
	CHECK(n == 1);
	seen[(uintptr_t)u[0].cookie]++;
	n += vcrypto_vq_get_used(vq, u + 1, 16);
	for (i = 1; i < n; i++)
		seen[(uintptr_t)u[i].cookie]++;
	total += n;
	CHECK(total == 4);
	for (i = 0; i < 4; i++)
		CHECK(seen[i] == 1);
	CHECK(vcrypto_vq_free_count(vq) == 16);
	CHECK(vcrypto_vq_in_flight(vq) == 0);
	CHECK(!vcrypto_vq_is_broken(vq));
	{
		void *c[1];

		CHECK(vcrypto_vq_reclaim(vq, c, 1) == 0); /* only when broken */
	}

	/* The device asks not to be notified. */
	vq->used->flags = VCRYPTO_VRING_USED_F_NO_NOTIFY;
	CHECK(add_chain(vq, 1, 1, 1) >= 0);
	CHECK(vcrypto_vq_kick(vq) == 0);
	CHECK(d.kicks == 1);
	CHECK(vq->avail->idx == 5);
	vcrypto_vq_free(vq);
	free(ring);
}

/* Run well past 65535 on both indices, with varying chain lengths. */
static void
test_wrap(void)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(8, &ring, &d);
	struct vcrypto_vq_used u[8];
	uint32_t round, ok = 1;

	for (round = 0; round < 70000 && ok; round++) {
		uint16_t n_out = 1 + round % 3, n_in = 1 + round % 2;
		int head = add_chain(vq, n_out, n_in, round & 0xff);

		ok = head >= 0;
		vcrypto_vq_kick(vq);
		fake_fetch(&d, n_out, n_in, 0);
		fake_complete(&d, 0, d.pending[0], round);
		ok = ok && vcrypto_vq_get_used(vq, u, 8) == 1;
		ok = ok && u[0].head == (uint16_t)head && u[0].len == round &&
		     (uintptr_t)u[0].cookie == (round & 0xff);
	}
	CHECK(ok);
	CHECK(vq->avail->idx == (uint16_t)70000);
	CHECK(vq->last_used_idx == (uint16_t)70000);
	CHECK(vcrypto_vq_free_count(vq) == 8);
	vcrypto_vq_free(vq);
	free(ring);
}

static void
test_broken(uint32_t bad_kind)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(8, &ring, &d);
	struct vcrypto_vq_used u[8];
	int head;

	head = add_chain(vq, 1, 1, 5);
	CHECK(head >= 0);
	CHECK(add_chain(vq, 1, 1, 6) >= 0);
	vcrypto_vq_kick(vq);
	fake_fetch(&d, 1, 1, 0);
	switch (bad_kind) {
	case 0: /* id out of range */
		fake_complete(&d, 0, 8, 0);
		break;
	case 1: /* a descriptor that is not a chain head */
		fake_complete(&d, 0, (uint32_t)head + 1, 0);
		break;
	case 2: /* completed twice: the second is not in flight any more */
		fake_complete(&d, 0, (uint32_t)head, 0);
		CHECK(vcrypto_vq_get_used(vq, u, 8) == 1);
		d.pending[d.npending++] = (uint16_t)head;
		fake_complete(&d, d.npending - 1, (uint32_t)head, 0);
		break;
	default: /* used index far ahead of what is in flight */
		d.used_idx += 5;
		fake_complete(&d, 0, (uint32_t)head, 0);
		break;
	}
	CHECK(vcrypto_vq_get_used(vq, u, 8) == -EIO);
	CHECK(vcrypto_vq_is_broken(vq));
	CHECK(vcrypto_vq_get_used(vq, u, 8) == -EIO);
	CHECK(add_chain(vq, 1, 1, 7) == -EIO);
	CHECK(vcrypto_vq_kick(vq) == -EIO);
	{
		/* Whatever the device still held comes back exactly once. */
		void *cookies[8];
		uint16_t held = vcrypto_vq_in_flight(vq), got, k;

		CHECK(held >= 1);
		got = vcrypto_vq_reclaim(vq, cookies, 8);
		CHECK(got == held);
		for (k = 0; k < got; k++)
			CHECK((uintptr_t)cookies[k] == 5 || (uintptr_t)cookies[k] == 6);
		CHECK(vcrypto_vq_in_flight(vq) == 0);
		CHECK(vcrypto_vq_reclaim(vq, cookies, 8) == 0);
		CHECK(vcrypto_vq_free_count(vq) == 8);
	}
	vcrypto_vq_free(vq);
	free(ring);
}

/*
 * EVENT_IDX: a kick exactly when the new avail index passes the device's
 * avail_event; avail->flags 0 and used_event kept behind the used index
 * (the device's window [old, new) of each publish never holds it), across
 * wraps of both indices, and again after a reset.
 */
static void
test_event_idx(void)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(16, &ring, &d);
	uint16_t *avail_event = (uint16_t *)&vq->used->ring[vq->num];
	const uint16_t *used_event = &vq->avail->ring[vq->num];
	struct vcrypto_vq_used u[16];
	uint32_t round, ok = 1, kicks;

	vcrypto_vq_set_event_idx(vq);
	CHECK(vq->avail->flags == 0);
	/* The device wants a kick for index 0 (avail_event 0): idx 0 -> 1. */
	*avail_event = 0;
	CHECK(add_chain(vq, 1, 1, 1) >= 0);
	CHECK(vcrypto_vq_kick(vq) == 1 && d.kicks == 1);
	/* Polling: avail_event left behind, no more kicks. */
	CHECK(add_chain(vq, 1, 1, 2) >= 0);
	CHECK(add_chain(vq, 1, 1, 3) >= 0);
	CHECK(vcrypto_vq_kick(vq) == 0 && d.kicks == 1);
	/* avail_event inside the burst just published (idx 3 -> 5, event 4). */
	*avail_event = 4;
	CHECK(add_chain(vq, 1, 1, 4) >= 0);
	CHECK(add_chain(vq, 1, 1, 5) >= 0);
	CHECK(vcrypto_vq_kick(vq) == 1 && d.kicks == 2);
	fake_fetch(&d, 1, 1, 0);
	while (d.npending > 0)
		fake_complete(&d, 0, d.pending[0], 0);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 5);
	/* 200000 requests, avail_event kept one behind as a polling device
	 * does: no kick ever; used_event never inside a publish window. */
	kicks = d.kicks;
	for (round = 0; round < 100000; round++) {
		uint16_t old_used = d.used_idx, ev;

		*avail_event = (uint16_t)(vq->avail_idx - 1);
		ok &= add_chain(vq, 1, 1, 1) >= 0 && add_chain(vq, 2, 1, 2) >= 0;
		ok &= vcrypto_vq_kick(vq) == 0;
		fake_fetch(&d, 0, 0, 0);
		while (d.npending > 0)
			fake_complete(&d, 0, d.pending[0], 0);
		ev = *used_event;
		ok &= (uint16_t)(d.used_idx - ev - 1) >= (uint16_t)(d.used_idx - old_used);
		ok &= vcrypto_vq_get_used(vq, u, 16) == 2;
	}
	CHECK(ok);
	CHECK(d.kicks == kicks);
	CHECK(vcrypto_vq_reset(vq) == 0);
	CHECK(vq->avail->flags == 0 && *used_event == 0xffff);
	vcrypto_vq_free(vq);
	free(ring);
}

/* Walk slot @p k's chain: fixed part, @p n_data data descriptors (the
 * first @p n_rd readable), then the slot's status. */
static int
slot_chain_ok(const struct vcrypto_vq *vq, uint16_t k, uint32_t fixed_len,
		uint16_t n_data, uint16_t n_rd)
{
	const struct vcrypto_vring_desc *d = &vq->desc[k];
	uint16_t i;
	int ok = d->addr == 0x10000u + k * 0x100u && d->len == fixed_len &&
		 d->flags == VCRYPTO_VRING_DESC_F_NEXT;

	for (i = 0; i < n_data && ok; i++) {
		ok = d->next >= 2 * vq->slots && d->next < vq->num;
		d = &vq->desc[d->next];
		ok = ok && d->len == 100u + i + 1 && (d->flags & VCRYPTO_VRING_DESC_F_NEXT) &&
		     !!(d->flags & VCRYPTO_VRING_DESC_F_WRITE) == (i >= n_rd);
	}
	if (!ok || d->next != vq->slots + k)
		return 0;
	d = &vq->desc[d->next];
	return d->addr == 0x10000u + k * 0x100u + 0x80 && d->len == 1 &&
	       d->flags == VCRYPTO_VRING_DESC_F_WRITE;
}

/* Slot mode: fixed and status descriptors in place, data between them,
 * slots and data descriptors freed out of order and reused, reset. */
static void
test_slots(void)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(16, &ring, &d);
	struct vcrypto_vq_used u[16];
	uint32_t round, ok = 1;
	int h[4], i;

	CHECK(vcrypto_vq_set_slots(vq, 0x10000, 0x100, 0x80, 1) == 0);
	CHECK(vq->slots == 4 && vcrypto_vq_free_count(vq) == 8);
	for (i = 0; i < 4; i++) {
		CHECK(vcrypto_vq_next_head(vq) == i);
		h[i] = add_chain(vq, 2, 2, (uintptr_t)i); /* fixed, src | dst, status */
		CHECK(h[i] == i);
		CHECK(slot_chain_ok(vq, (uint16_t)i, 100, 2, 1));
	}
	CHECK(vcrypto_vq_free_count(vq) == 0);
	CHECK(add_chain(vq, 1, 1, 9) == -ENOSPC);
	CHECK(vcrypto_vq_kick(vq) == 1);
	fake_fetch(&d, 0, 0, 0);
	fake_complete(&d, 2, d.pending[2], 1);
	fake_complete(&d, 0, d.pending[0], 1);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 2);
	CHECK(u[0].head == 2 && u[0].cookie == (void *)2 && u[1].head == 0);
	CHECK(vcrypto_vq_free_count(vq) == 4);
	/* no data (fixed | status), then more data than is free */
	i = add_chain(vq, 1, 1, 5);
	CHECK(i == 0 && vq->desc[0].next == vq->slots + 0 && slot_chain_ok(vq, 0, 100, 0, 0));
	CHECK(add_chain(vq, 3, 4, 6) == -ENOSPC);
	CHECK(add_chain(vq, 3, 3, 6) == 2 && slot_chain_ok(vq, 2, 100, 4, 2));
	/* a status id is no head: the queue breaks */
	while (d.npending > 0)
		fake_complete(&d, 0, d.pending[0], 1);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 2);
	CHECK(vcrypto_vq_kick(vq) == 1);
	fake_fetch(&d, 0, 0, 0);
	while (d.npending > 0)
		fake_complete(&d, 0, d.pending[0], 1);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 2);
	CHECK(vq->chains == 0 && vcrypto_vq_free_count(vq) == 8 && vq->slots_free == 4);
	for (round = 0; round < 1000; round++) {
		int a = add_chain(vq, 1 + round % 3, 1 + round % 2, 1);

		ok &= a >= 0 && a < 4 && slot_chain_ok(vq, (uint16_t)a, 100,
			(uint16_t)(round % 3 + round % 2), (uint16_t)(round % 3));
		vcrypto_vq_kick(vq);
		fake_fetch(&d, 0, 0, 0);
		fake_complete(&d, 0, d.pending[0], 1);
		ok &= vcrypto_vq_get_used(vq, u, 16) == 1 && u[0].head == a;
	}
	CHECK(ok);
	CHECK(vcrypto_vq_reset(vq) == 0);
	CHECK(vcrypto_vq_free_count(vq) == 8 && slot_chain_ok(vq, 3, 0, 0, 0));
	d.last_avail = 0;
	d.used_idx = 0;
	CHECK(add_chain(vq, 1, 1, 1) == 0 && vcrypto_vq_kick(vq) == 1);
	fake_fetch(&d, 0, 0, 0);
	fake_complete(&d, 0, 4, 1); /* the status descriptor's index */
	CHECK(vcrypto_vq_get_used(vq, u, 16) == -EIO && vcrypto_vq_is_broken(vq));
	vcrypto_vq_free(vq);
	free(ring);
}

/* The chain writer: data straight into the table, no room reported without
 * a write, and a chain dropped before commit leaves the queue unchanged. */
static void
test_chain(void)
{
	struct fake_dev d;
	void *ring;
	struct vcrypto_vq *vq = new_queue(16, &ring, &d);
	struct vcrypto_vq_chain c;
	struct vcrypto_vq_used u[16];
	uint16_t free_head, i;

	CHECK(vcrypto_vq_set_slots(vq, 0x10000, 0x100, 0x80, 1) == 0);
	CHECK(vcrypto_vq_has_slots(vq));
	/* dropped: 8 descriptors filled, a ninth refused, never committed */
	free_head = vq->free_head;
	vcrypto_vq_chain_begin(vq, &c);
	for (i = 0; i < 8; i++)
		CHECK(vcrypto_vq_chain_put(&c, 0x1000 + i, 1));
	CHECK(!vcrypto_vq_chain_put(&c, 0x2000, 1) && c.n == 8);
	CHECK(vq->free_head == free_head && vcrypto_vq_free_count(vq) == 8 &&
	      vq->slots_free == 4 && vq->avail_idx == 0 && vq->chains == 0);
	/* committed: 1 readable, 2 writable data descriptors (the lengths
	 * slot_chain_ok() expects) */
	vcrypto_vq_chain_begin(vq, &c);
	CHECK(c.head == vcrypto_vq_next_head(vq));
	CHECK(vcrypto_vq_chain_put(&c, 0x3000, 101));
	vcrypto_vq_chain_writable(&c);
	CHECK(vcrypto_vq_chain_put(&c, 0x4000, 102) && vcrypto_vq_chain_put(&c, 0x5000, 103));
	vcrypto_vq_chain_commit(vq, &c, 100, (void *)7);
	CHECK(slot_chain_ok(vq, c.head, 100, 3, 1));
	CHECK(vq->desc[vq->desc[c.head].next].addr == 0x3000);
	CHECK(vcrypto_vq_free_count(vq) == 5 && vq->slots_free == 3 && vq->chains == 1);
	CHECK(vcrypto_vq_kick(vq) == 1);
	fake_fetch(&d, 0, 0, 0);
	fake_complete(&d, 0, d.pending[0], 1);
	CHECK(vcrypto_vq_get_used(vq, u, 16) == 1 && u[0].cookie == (void *)7);
	CHECK(vcrypto_vq_free_count(vq) == 8 && vq->slots_free == 4);
	vcrypto_vq_free(vq);
	free(ring);
}

int
main(void)
{
	uint32_t k;

	test_create_args();
	test_out_of_order();
	test_wrap();
	test_event_idx();
	test_slots();
	test_chain();
	for (k = 0; k < 4; k++)
		test_broken(k);
	if (failures) {
		fprintf(stderr, "test_virtqueue: %d failure(s)\n", failures);
		return 1;
	}
	printf("test_virtqueue: all passed\n");
	return 0;
}
