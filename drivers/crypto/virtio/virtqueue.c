/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_branch_prediction.h>

#include "virtio_crypto_log.h"
#include "virtqueue.h"

RTE_LOG_REGISTER(vcrypto_virtio_logtype, pmd.crypto.virtio, INFO);

static size_t
align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static size_t
used_offset(uint16_t num)
{
	return align_up(vcrypto_vring_desc_size(num) + vcrypto_vring_avail_size(num),
			VCRYPTO_VQ_ALIGN);
}

size_t
vcrypto_vq_ring_size(uint16_t num)
{
	return used_offset(num) + align_up(vcrypto_vring_used_size(num), VCRYPTO_VQ_ALIGN);
}

struct vcrypto_vq *
vcrypto_vq_create(uint16_t num, void *ring, uint16_t index, bool no_interrupt)
{
	struct vcrypto_vq *vq;
	uint16_t i;

	if (num == 0 || (num & (num - 1)) != 0 || num > VCRYPTO_VRING_MAX_SIZE ||
	    ring == NULL || ((uintptr_t)ring & (VCRYPTO_VQ_ALIGN - 1)) != 0) {
		errno = EINVAL;
		return NULL;
	}
	vq = calloc(1, sizeof(*vq));
	if (vq == NULL)
		return NULL;
	vq->extra = calloc(num, sizeof(*vq->extra));
	if (vq->extra == NULL) {
		free(vq);
		return NULL;
	}
	vq->desc = ring;
	vq->avail = (void *)((uint8_t *)ring + vcrypto_vring_desc_size(num));
	vq->used = (void *)((uint8_t *)ring + used_offset(num));
	vq->num = num;
	vq->num_free = num;
	vq->index = index;
	for (i = 0; i < num; i++)
		vq->extra[i].next = (uint16_t)(i + 1);
	/* The driver polls the used ring: interrupts would only cost the
	 * device a system call per burst. */
	vq->avail->flags = no_interrupt ? VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT : 0;
	return vq;
}

/* used_event sits after the avail ring's entries (2.7.6). */
static inline uint16_t *
used_event_ptr(const struct vcrypto_vq *vq)
{
	return &vq->avail->ring[vq->num];
}

/* avail_event sits after the used ring's elements (2.7.8). */
static inline const uint16_t *
avail_event_ptr(const struct vcrypto_vq *vq)
{
	return (const uint16_t *)&vq->used->ring[vq->num];
}

/*
 * The device interrupts when its new used index passes used_event, i.e. when
 * used_event lies in [old, new) of what it publishes; those lie in
 * [last_used_idx, last_used_idx + num]. One behind last_used_idx is out of
 * that window until the index wraps onto it, so it is moved up long before
 * (one store every 16K completions, to a line the device reads only when it
 * publishes).
 */
static inline void
keep_interrupts_off(struct vcrypto_vq *vq)
{
	if ((uint16_t)(vq->last_used_idx - 1 - vq->used_event) < 0x4000)
		return;
	vq->used_event = (uint16_t)(vq->last_used_idx - 1);
	__atomic_store_n(used_event_ptr(vq), vq->used_event, __ATOMIC_RELAXED);
}

void
vcrypto_vq_set_event_idx(struct vcrypto_vq *vq)
{
	vq->event_idx = true;
	/* With EVENT_IDX the flags must be 0 (2.7.7.1); used_event does it. */
	vq->avail->flags = 0;
	vq->used_event = (uint16_t)(vq->last_used_idx - 1);
	*used_event_ptr(vq) = vq->used_event;
}

void
vcrypto_vq_free(struct vcrypto_vq *vq)
{
	if (vq == NULL)
		return;
	free(vq->extra);
	free(vq);
}

/* The fixed descriptors of every slot, the free lists of slots and data
 * descriptors. */
static void
slots_init(struct vcrypto_vq *vq)
{
	uint16_t n = vq->slots, k, i;

	for (k = 0; k < n; k++) {
		uint64_t a = vq->slot_addr + (uint64_t)k * vq->slot_stride;

		vq->desc[k] = (struct vcrypto_vring_desc){ .addr = a,
			.flags = VCRYPTO_VRING_DESC_F_NEXT, .next = (uint16_t)(n + k) };
		vq->desc[n + k] = (struct vcrypto_vring_desc){ .addr = a + vq->status_off,
			.len = vq->status_len, .flags = VCRYPTO_VRING_DESC_F_WRITE };
		vq->extra[k] = (struct vcrypto_vq_extra){ .next = (uint16_t)(k + 1) };
		vq->extra[n + k] = (struct vcrypto_vq_extra){ 0 };
	}
	for (i = 2 * n; i < vq->num; i++)
		vq->extra[i] = (struct vcrypto_vq_extra){ .next = (uint16_t)(i + 1) };
	vq->slot_free = 0;
	vq->slots_free = n;
	vq->free_head = 2 * n;
	vq->num_free = vq->num - 2 * n;
}

int
vcrypto_vq_set_slots(struct vcrypto_vq *vq, uint64_t addr, uint32_t stride,
		uint32_t status_off, uint32_t status_len)
{
	if (vq->indirect != NULL || vq->num < 8)
		return -ENOTSUP;
	if (vq->chains > 0)
		return -EBUSY;
	vq->slots = vq->num / 4;
	vq->slot_addr = addr;
	vq->slot_stride = stride;
	vq->status_off = status_off;
	vq->status_len = status_len;
	slots_init(vq);
	return 0;
}

/* Slot mode: fill the data descriptors between the slot's fixed part and
 * its status; bufs[0] and bufs[total - 1] are those two. */
static int
add_slot(struct vcrypto_vq *vq, const struct vcrypto_vq_buf *bufs,
		uint16_t n_out, uint16_t total, void *cookie)
{
	struct vcrypto_vq_chain c;
	uint16_t i;

	if (unlikely(n_out == 0 || total - n_out == 0))
		return -EINVAL;
	if (unlikely(vq->slots_free == 0 || total - 2 > vq->num_free))
		return -ENOSPC;
	vcrypto_vq_chain_begin(vq, &c);
	for (i = 1; i < total - 1; i++) {
		if (i == n_out)
			vcrypto_vq_chain_writable(&c);
		vcrypto_vq_chain_put(&c, bufs[i].addr, bufs[i].len);
	}
	vcrypto_vq_chain_commit(vq, &c, bufs[0].len, cookie);
	return c.head;
}

void
vcrypto_vq_set_notify(struct vcrypto_vq *vq, vcrypto_vq_notify_t fn, void *arg)
{
	vq->notify = fn;
	vq->notify_arg = arg;
}

static void
mark_broken(struct vcrypto_vq *vq, const char *why, uint32_t value)
{
	if (!vq->broken)
		VC_LOG(ERR, "virtqueue %u broken: %s (%u); no further requests on it",
			vq->index, why, value);
	vq->broken = true;
}

void
vcrypto_vq_set_indirect(struct vcrypto_vq *vq, void *tables, uint64_t addr, uint16_t max)
{
	vq->indirect = tables;
	vq->indirect_addr = addr;
	vq->indirect_max = max;
}

void
vcrypto_vq_set_in_order(struct vcrypto_vq *vq)
{
	vq->in_order = vq->indirect != NULL;
}

/* The chain in the head's own table; one ring descriptor points at it. */
static int
add_indirect(struct vcrypto_vq *vq, const struct vcrypto_vq_buf *bufs,
		uint16_t n_out, uint16_t total, void *cookie)
{
	uint16_t head = vcrypto_vq_next_head(vq), i;
	struct vcrypto_vring_desc *t = vq->indirect + (size_t)head * vq->indirect_max;
	struct vcrypto_vring_desc *d = &vq->desc[head];

	if (unlikely(vq->extra[head].in_flight))
		return -ENOSPC; /* in order: that slot's chain is not back yet */
	for (i = 0; i < total; i++) {
		t[i].addr = bufs[i].addr;
		t[i].len = bufs[i].len;
		t[i].flags = (i < n_out ? 0 : VCRYPTO_VRING_DESC_F_WRITE) |
			     (i + 1 < total ? VCRYPTO_VRING_DESC_F_NEXT : 0);
		t[i].next = i + 1 < total ? i + 1 : 0;
	}
	d->addr = vq->indirect_addr + (uint64_t)head * vq->indirect_max * sizeof(*t);
	d->len = total * sizeof(*t);
	d->flags = VCRYPTO_VRING_DESC_F_INDIRECT;
	d->next = 0;
	if (!vq->in_order)
		vq->free_head = vq->extra[head].next;
	vq->num_free--;
	vq->extra[head].cookie = cookie;
	vq->extra[head].ndescs = 1;
	vq->extra[head].in_flight = 1;
	vq->chains++;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	vq->avail_idx++;
	return head;
}

int
vcrypto_vq_add(struct vcrypto_vq *vq, const struct vcrypto_vq_buf *bufs,
		uint16_t n_out, uint16_t n_in, void *cookie)
{
	uint16_t total = n_out + n_in;
	uint16_t head, idx, prev = 0, i;

	if (unlikely(vq->broken))
		return -EIO;
	if (unlikely(total == 0 || n_out > vq->num || n_in > vq->num))
		return -EINVAL;
	if (vq->slots != 0)
		return add_slot(vq, bufs, n_out, total, cookie);
	if (vq->indirect != NULL && (vq->in_order || (total > 1 && total <= vq->indirect_max))) {
		if (unlikely(total > vq->indirect_max))
			return -EINVAL;
		if (unlikely(vq->num_free == 0))
			return -ENOSPC;
		return add_indirect(vq, bufs, n_out, total, cookie);
	}
	if (unlikely(total > vq->num_free))
		return -ENOSPC;

	head = idx = vq->free_head;
	for (i = 0; i < total; i++) {
		struct vcrypto_vring_desc *d = &vq->desc[idx];

		d->addr = bufs[i].addr;
		d->len = bufs[i].len;
		d->flags = (i < n_out ? 0 : VCRYPTO_VRING_DESC_F_WRITE) |
			   (i + 1 < total ? VCRYPTO_VRING_DESC_F_NEXT : 0);
		/* The link comes from the shadow: the table is shared memory. */
		d->next = vq->extra[idx].next;
		prev = idx;
		idx = vq->extra[idx].next;
	}
	vq->desc[prev].next = 0;
	vq->free_head = idx;
	vq->num_free -= total;
	vq->extra[head].cookie = cookie;
	vq->extra[head].ndescs = total;
	vq->extra[head].in_flight = 1;
	vq->chains++;

	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	vq->avail_idx++;
	return head;
}

int
vcrypto_vq_kick(struct vcrypto_vq *vq)
{
	uint16_t flags, old = vq->kicked_idx;

	if (unlikely(vq->broken))
		return -EIO;
	if (vq->avail_idx == old)
		return 0;
	/* R1: descriptors and avail ring entries must be visible before the
	 * index that hands them over (spec 2.7.13: "the driver MUST perform a
	 * suitable memory barrier before the idx update"). Pairs with the
	 * device's acquire of avail->idx. */
	__atomic_store_n(&vq->avail->idx, vq->avail_idx, __ATOMIC_RELEASE);
	vq->kicked_idx = vq->avail_idx;
	/* The idx store must be visible before we read the device's
	 * suppression flag, or we could skip a kick the device waits for. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (vq->event_idx) {
		/* Kick when the new index passed avail_event: when it lies in
		 * [old, new). A polling device keeps it behind, on a line it
		 * seldom writes, so this read rarely misses the cache. */
		uint16_t ev = __atomic_load_n(avail_event_ptr(vq), __ATOMIC_RELAXED);

		if ((uint16_t)(vq->avail_idx - ev - 1) >= (uint16_t)(vq->avail_idx - old))
			return 0;
	} else {
		flags = __atomic_load_n(&vq->used->flags, __ATOMIC_RELAXED);
		if (flags & VCRYPTO_VRING_USED_F_NO_NOTIFY)
			return 0;
	}
	if (vq->notify != NULL)
		vq->notify(vq->notify_arg);
	return 1;
}

/* Slot mode: the data descriptors back to their list, the slot to its. */
static void
free_slot(struct vcrypto_vq *vq, uint16_t k)
{
	struct vcrypto_vq_extra *h = &vq->extra[k];

	if (h->ndescs > 0) {
		/* The chain's data descriptors, h->next to h->last, go first. */
		vq->extra[h->last].next = vq->free_head;
		vq->free_head = h->next;
		vq->num_free += h->ndescs;
	}
	h->next = vq->slot_free;
	vq->slot_free = k;
	vq->slots_free++;
	h->in_flight = 0;
	h->cookie = NULL;
	h->ndescs = 0;
	vq->chains--;
}

static void
free_chain(struct vcrypto_vq *vq, uint16_t head)
{
	struct vcrypto_vq_extra *h = &vq->extra[head];
	uint16_t last = head, i;

	if (vq->slots != 0) {
		free_slot(vq, head);
		return;
	}

	for (i = 1; i < h->ndescs; i++)
		last = vq->extra[last].next;
	vq->extra[last].next = vq->free_head;
	vq->free_head = head;
	vq->num_free += h->ndescs;
	h->in_flight = 0;
	h->cookie = NULL;
	h->ndescs = 0;
	vq->chains--;
}

int
vcrypto_vq_get_used(struct vcrypto_vq *vq, struct vcrypto_vq_used *out,
		uint16_t max)
{
	uint16_t used_idx, avail, n = 0;

	if (unlikely(vq->broken))
		return -EIO;
	/* A1: pairs with the device's release of used->idx: the elements
	 * and the data it wrote are visible once the index is. */
	used_idx = __atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE);
	avail = (uint16_t)(used_idx - vq->last_used_idx);
	if (unlikely(avail > vq->chains)) {
		mark_broken(vq, "used index ahead of chains in flight", avail);
		return -EIO;
	}
	if (avail > max)
		avail = max;
	while (n < avail) {
		const struct vcrypto_vring_used_elem *e =
			&vq->used->ring[vq->last_used_idx & (vq->num - 1)];
		uint32_t id = e->id;

		if (unlikely(id >= vq->num)) {
			mark_broken(vq, "used id out of range", id);
			break;
		}
		if (unlikely(!vq->extra[id].in_flight)) {
			mark_broken(vq, "used id not in flight", id);
			break;
		}
		out[n].head = (uint16_t)id;
		out[n].len = e->len;
		out[n].cookie = vq->extra[id].cookie;
		free_chain(vq, (uint16_t)id);
		vq->last_used_idx++;
		n++;
	}
	if (vq->event_idx)
		keep_interrupts_off(vq);
	if (n == 0 && vq->broken)
		return -EIO;
	return n;
}

uint16_t
vcrypto_vq_reclaim(struct vcrypto_vq *vq, void **cookies, uint16_t max)
{

	if (!vq->broken)
		return 0;
	return vcrypto_vq_take_in_flight(vq, cookies, max);
}

uint16_t
vcrypto_vq_take_in_flight(struct vcrypto_vq *vq, void **cookies, uint16_t max)
{
	uint16_t n = 0;
	uint32_t i;

	for (i = 0; i < vq->num && n < max && vq->chains > 0; i++) {
		if (!vq->extra[i].in_flight)
			continue;
		cookies[n++] = vq->extra[i].cookie;
		free_chain(vq, (uint16_t)i);
	}
	return n;
}

int
vcrypto_vq_reset(struct vcrypto_vq *vq)
{
	uint16_t flags = vq->avail->flags, i;

	if (vq->chains > 0)
		return -EBUSY;
	memset(vq->desc, 0, used_offset(vq->num) + vcrypto_vring_used_size(vq->num));
	vq->avail->flags = flags;
	for (i = 0; i < vq->num; i++)
		vq->extra[i] = (struct vcrypto_vq_extra){ .next = (uint16_t)(i + 1) };
	vq->num_free = vq->num;
	vq->free_head = 0;
	vq->avail_idx = 0;
	vq->last_used_idx = 0;
	vq->kicked_idx = 0;
	vq->broken = false;
	if (vq->slots != 0)
		slots_init(vq);
	if (vq->event_idx)
		vcrypto_vq_set_event_idx(vq);
	return 0;
}
