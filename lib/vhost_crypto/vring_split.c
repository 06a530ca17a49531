/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <endian.h>
#include <errno.h>
#include <stddef.h>

#include "vring_split_priv.h"

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

int
vcrypto_vring_split_init(struct vcrypto_vring_split *vq, void *desc,
		void *avail, void *used, uint32_t size, uint16_t last_avail,
		uint16_t last_used, bool indirect)
{
	if (desc == NULL || avail == NULL || used == NULL || size == 0 ||
			size > VCRYPTO_VRING_MAX_SIZE || (size & (size - 1)) != 0)
		return -EINVAL;
	vq->desc = desc;
	vq->avail = avail;
	vq->used = used;
	vq->size = (uint16_t)size;
	vq->last_avail = last_avail;
	vq->last_used = last_used;
	vq->published = last_used;
	vq->indirect = indirect;
	vq->event_idx = false;
	vq->avail_event = (uint16_t)(last_avail - 1);
	vq->broken = false;
	return 0;
}

void
vcrypto_vring_split_set_event_idx(struct vcrypto_vring_split *vq, bool on)
{
	vq->event_idx = on;
}

/* avail_event sits after the used ring's elements (2.7.8). */
static inline volatile uint16_t *
avail_event_ptr(const struct vcrypto_vring_split *vq)
{
	return (volatile uint16_t *)&vq->used->ring[vq->size];
}

/* used_event sits after the avail ring's entries (2.7.6). */
static inline const volatile uint16_t *
used_event_ptr(const struct vcrypto_vring_split *vq)
{
	return (const volatile uint16_t *)&vq->avail->ring[vq->size];
}

/*
 * The driver kicks when its new avail idx passes avail_event, i.e. when
 * avail_event is in [old, new) of the indices it just added; those lie in
 * [last_avail, last_avail + size]. A value behind last_avail is never in
 * that window until the driver's index wraps 2^16 around onto it, so it is
 * moved up to last_avail - 1 long before (once every 16K requests: one
 * store to a line the driver reads only when it kicks).
 */
static inline void
keep_kicks_off(struct vcrypto_vring_split *vq)
{
	if ((uint16_t)(vq->last_avail - 1 - vq->avail_event) < 0x4000)
		return;
	vq->avail_event = (uint16_t)(vq->last_avail - 1);
	*avail_event_ptr(vq) = htole16(vq->avail_event);
}

void
vcrypto_vring_split_suppress_kicks(struct vcrypto_vring_split *vq)
{
	if (vq->event_idx) {
		vq->avail_event = (uint16_t)(vq->last_avail - 1);
		*avail_event_ptr(vq) = htole16(vq->avail_event);
		return;
	}
	*(volatile uint16_t *)&vq->used->flags =
		htole16(VCRYPTO_VRING_USED_F_NO_NOTIFY);
}

int
vcrypto_vring_split_avail(struct vcrypto_vring_split *vq, uint16_t max)
{
	uint16_t avail_idx, n;

	/*
	 * A1: pairs with the driver's barrier before it updates avail->idx
	 * (virtio 1.2, 2.7.13: "the driver MUST perform a suitable memory
	 * barrier before the idx update"), so the ring entries and
	 * descriptors up to avail_idx are visible to the reads that follow.
	 */
	avail_idx = le16toh(__atomic_load_n(&vq->avail->idx, __ATOMIC_ACQUIRE));
	n = (uint16_t)(avail_idx - vq->last_avail);
	if (n > vq->size) {
		/* A driver can never have more than size chains out. */
		vq->broken = true;
		return -EPROTO;
	}
	return n < max ? n : max;
}

int
vcrypto_vring_split_pop(struct vcrypto_vring_split *vq, uint16_t *head)
{
	const volatile uint16_t *ring = vq->avail->ring;
	uint16_t h;

	h = le16toh(ring[vq->last_avail & (vq->size - 1)]);
	if (h >= vq->size) {
		vq->broken = true;
		return -EPROTO;
	}
	vq->last_avail++;
	*head = h;
	return 0;
}

uint16_t
vcrypto_vring_split_pop_burst(struct vcrypto_vring_split *vq,
		uint16_t *heads, uint16_t max)
{
	const volatile uint16_t *ring = vq->avail->ring;
	uint16_t mask = vq->size - 1;
	uint16_t avail_idx, n, i, h;

	/* A1, as in vcrypto_vring_split_avail(). */
	avail_idx = le16toh(__atomic_load_n(&vq->avail->idx, __ATOMIC_ACQUIRE));
	n = (uint16_t)(avail_idx - vq->last_avail);
	if (n == 0)
		return 0;
	if (n > vq->size) {
		vq->broken = true;
		return 0;
	}
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		h = le16toh(ring[(uint16_t)(vq->last_avail + i) & mask]);
		if (h >= vq->size) {
			vq->broken = true;
			break;
		}
		heads[i] = h;
		/* The walk reads it next; the driver wrote it last. */
		__builtin_prefetch(&vq->desc[h]);
	}
	vq->last_avail = (uint16_t)(vq->last_avail + i);
	if (vq->event_idx)
		keep_kicks_off(vq);
	return i;
}

/* Read a descriptor exactly once: later checks look only at the copy. */
static inline void
desc_read(const volatile struct vcrypto_vring_desc *src,
		struct vcrypto_vring_desc *dst)
{
	dst->addr = le64toh(src->addr);
	dst->len = le32toh(src->len);
	dst->flags = le16toh(src->flags);
	dst->next = le16toh(src->next);
}

/* Switch the walk to an indirect table described by @p d. */
static int
enter_indirect(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, const struct vcrypto_vring_desc *d,
		const volatile struct vcrypto_vring_desc **table, uint32_t *entries)
{
	uint32_t n;

	if (!vq->indirect || (d->flags & VCRYPTO_VRING_DESC_F_NEXT))
		return -EINVAL;
	if (d->len == 0 || d->len % sizeof(struct vcrypto_vring_desc) != 0)
		return -EINVAL;
	n = d->len / sizeof(struct vcrypto_vring_desc);
	if (n > VCRYPTO_VRING_MAX_SIZE)
		return -E2BIG;
	*table = vcrypto_gmem_translate(mem, d->addr, d->len);
	if (*table == NULL)
		return -EFAULT;
	*entries = n;
	return 0;
}

/*
 * The walk of nearly every chain: direct descriptors, readable ones first,
 * every buffer inside the guest's first memory region. Few live values, so
 * the compiler keeps them in registers (the general walk below spills).
 * Anything else, errors included, is left to the general walk, which
 * starts over and gives the exact answer: this one only says yes or "ask
 * the general walk".
 * @return true with @p chain filled, false when it cannot tell.
 */
static bool
walk_common(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain)
{
	const volatile struct vcrypto_vring_desc *table = vq->desc;
	const struct vcrypto_gmem_region *r = &mem->regions[0];
	uint64_t r_gpa = r->gpa, r_size = r->size, r_hva = r->hva;
	uint64_t total = 0, read_len = 0;
	uint32_t nseg = 0, nread = 0, idx = head;

	if (mem->nregions == 0 || head >= vq->size)
		return false;
	for (;;) {
		struct vcrypto_vring_desc d;
		struct vcrypto_seg *s = &chain->seg[nseg];
		uint64_t off;

		desc_read(&table[idx], &d);
		off = d.addr - r_gpa;
		/* No region wraps: an address below it gives off >= r_size. */
		if ((d.flags & VCRYPTO_VRING_DESC_F_INDIRECT) || d.len == 0 ||
				off >= r_size || d.len > r_size - off)
			return false;
		s->hva = (uint8_t *)(uintptr_t)(r_hva + off);
		s->len = d.len;
		s->write = (d.flags & VCRYPTO_VRING_DESC_F_WRITE) != 0;
		if (!s->write) {
			if (nread != nseg)
				return false; /* readable after writable */
			nread++;
			read_len += d.len;
		}
		total += d.len;
		nseg++;
		if (!(d.flags & VCRYPTO_VRING_DESC_F_NEXT))
			break;
		/* a cycle, a chain longer than the walk takes, a bad index */
		if (nseg >= vq->size || nseg == VCRYPTO_CHAIN_MAX_SEGS ||
				d.next >= vq->size)
			return false;
		idx = d.next;
	}
	if (total > UINT32_MAX)
		return false;
	chain->head = head;
	chain->nseg = (uint16_t)nseg;
	chain->nread = (uint16_t)nread;
	chain->read_len = read_len;
	chain->write_len = total - read_len;
	return true;
}

int
vcrypto_vring_split_walk(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain)
{
	if (likely(walk_common(vq, mem, head, chain)))
		return 0;
	return vcrypto_vring_split_walk_general(vq, mem, head, chain);
}

/* Any chain: indirect tables, several regions, and every error. Out of
 * line: inlined, its state would crowd walk_common's registers. */
__attribute__((noinline)) int
vcrypto_vring_split_walk_general(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain)
{
	const volatile struct vcrypto_vring_desc *table = vq->desc;
	struct vcrypto_seg *s = chain->seg;
	uint32_t entries = vq->size;
	uint32_t ttl = vq->size;
	uint32_t idx = head;
	/* most guests have one region holding everything: start there */
	struct vcrypto_gmem_region cur = mem->nregions > 0 ? mem->regions[0] :
		(struct vcrypto_gmem_region){ 0, 0, 0 };
	/* all bytes, and the readable ones: 64 segments of < 2^32 bytes
	 * cannot overflow 64 bits */
	uint64_t total = 0, read_len = 0;
	uint16_t nseg = 0, nread = 0;
	bool in_indirect = false;
	int rc = 0;

	/* The chain's counters live in locals, written back once. */
	chain->head = head;
	if (head >= vq->size) {
		rc = -ERANGE;
		goto out;
	}
	for (;;) {
		struct vcrypto_vring_desc d;
		uint16_t write;
		uint8_t *hva;

		/* A chain visits each table entry at most once. */
		if (ttl == 0) {
			rc = -ELOOP;
			break;
		}
		ttl--;
		desc_read(&table[idx], &d);

		if (unlikely(d.flags & VCRYPTO_VRING_DESC_F_INDIRECT)) {
			if (in_indirect) {
				rc = -EINVAL;
				break;
			}
			rc = enter_indirect(vq, mem, &d, &table, &entries);
			if (rc != 0)
				break;
			in_indirect = true;
			ttl = entries;
			idx = 0;
			continue;
		}
		write = d.flags & VCRYPTO_VRING_DESC_F_WRITE;
		/* Device-readable buffers all come before device-writable ones
		 * (nread == nseg until the first writable one). */
		if (d.len == 0 || (!write && nseg != nread)) {
			rc = -EINVAL;
			break;
		}
		if (nseg == VCRYPTO_CHAIN_MAX_SEGS) {
			rc = -E2BIG;
			break;
		}
		hva = vcrypto_gmem_translate_cached(mem, &cur, d.addr, d.len);
		if (hva == NULL) {
			rc = -EFAULT;
			break;
		}
		total += d.len;
		if (total > UINT32_MAX) {
			rc = -E2BIG;
			break;
		}
		s->hva = hva;
		s->len = d.len;
		s->write = write != 0;
		s++;
		nseg++;
		if (!write) {
			nread++;
			read_len += d.len;
		}
		if (!(d.flags & VCRYPTO_VRING_DESC_F_NEXT))
			break;
		if (d.next >= entries) {
			rc = -ERANGE;
			break;
		}
		idx = d.next;
	}
out:
	chain->nseg = nseg;
	chain->nread = nread;
	chain->read_len = read_len;
	chain->write_len = total - read_len;
	return rc;
}

void
vcrypto_vring_split_push(struct vcrypto_vring_split *vq, uint16_t head,
		uint32_t len)
{
	volatile struct vcrypto_vring_used_elem *e =
		&vq->used->ring[vq->last_used & (vq->size - 1)];

	e->id = htole32(head);
	e->len = htole32(len);
	vq->last_used++;
}

bool
vcrypto_vring_split_publish(struct vcrypto_vring_split *vq)
{
	uint16_t old = vq->published;
	uint16_t flags;

	if (vq->last_used == old)
		return false;
	/*
	 * R1: the used elements written by push() must be visible before the
	 * new used->idx (virtio 1.2, 2.7.14: the device MUST update idx only
	 * after the ring entries); pairs with the driver's read barrier after
	 * it reads used->idx.
	 */
	__atomic_store_n(&vq->used->idx, htole16(vq->last_used), __ATOMIC_RELEASE);
	vq->published = vq->last_used;
	/*
	 * F1: the idx store must be visible before we read avail->flags, or we
	 * could miss a driver that just cleared NO_INTERRUPT and went to sleep
	 * waiting for this very idx (store-load ordering needs a full fence).
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (vq->event_idx) {
		/* The driver wants an interrupt when idx passes used_event:
		 * when used_event is in [old, new) of what we just published. */
		uint16_t ev = le16toh(*used_event_ptr(vq));

		return (uint16_t)(vq->last_used - ev - 1) <
			(uint16_t)(vq->last_used - old);
	}
	flags = le16toh(*(const volatile uint16_t *)&vq->avail->flags);
	return !(flags & VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT);
}
