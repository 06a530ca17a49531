/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VIRTQUEUE_H
#define VCRYPTO_VIRTQUEUE_H

/**
 * @file
 * The driver side of a split virtqueue (virtio 1.2, section 2.7).
 *
 * It knows descriptors, the avail and used rings, their indices and
 * notification suppression. It does not know crypto, nor how the device is
 * reached: the ring memory is handed in by the caller (it must be memory the
 * device can see), and a kick calls back into the transport.
 *
 * The driver's own bookkeeping (free list, chain lengths, in-flight flags,
 * cookies) lives in shadow arrays outside device-writable memory, so a
 * misbehaving device can at worst complete a wrong request, never corrupt
 * the driver. A used id out of range or not in flight marks the queue broken;
 * every later call then fails fast with -EIO.
 *
 * Not thread safe: one queue is used by one thread at a time.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_branch_prediction.h>

#include "vcrypto_vring.h"

/** Alignment of the used ring inside the ring memory. */
#define VCRYPTO_VQ_ALIGN 4096

/** One buffer of a chain: a device address and a length. */
struct vcrypto_vq_buf {
	uint64_t addr; /**< address as the device sees it */
	uint32_t len;  /**< bytes */
};

/** One completion taken from the used ring. */
struct vcrypto_vq_used {
	uint16_t head;  /**< head descriptor of the completed chain */
	uint32_t len;   /**< bytes the device says it wrote */
	void *cookie;   /**< what vcrypto_vq_add() was given */
};

/**
 * A slot-mode chain being written straight into the descriptor table
 * (vcrypto_vq_chain_begin/put/writable/commit), with no buffer array in
 * between. Free descriptors are filled ahead of the free list; nothing
 * changes the queue's state before commit, so a chain dropped on the way
 * costs nothing to undo.
 */
struct vcrypto_vq_chain {
	struct vcrypto_vring_desc *desc;        /**< the queue's descriptor table */
	const struct vcrypto_vq_extra *extra;   /**< its shadow (free list links) */
	uint16_t room;  /**< free descriptors at begin */
	uint16_t head;  /**< the slot: its fixed-part descriptor heads the chain */
	uint16_t next;  /**< next free descriptor to fill */
	uint16_t last;  /**< last data descriptor filled */
	uint16_t n;     /**< data descriptors filled */
	uint16_t flags; /**< flags of the next one: 0, then F_WRITE */
};

/** Notification callback: tell the device there is new work on the queue. */
typedef void (*vcrypto_vq_notify_t)(void *arg);

/** Per-descriptor shadow state, kept out of device-writable memory. */
struct vcrypto_vq_extra {
	void *cookie;    /**< caller's cookie, on the head of a chain */
	uint16_t next;   /**< next descriptor of the chain or of the free list */
	uint16_t ndescs; /**< chain length, on the head */
	uint16_t last;   /**< slot mode, on the head: last data descriptor */
	uint8_t in_flight; /**< head of a chain the device owns */
};

/** A driver-side split virtqueue. */
struct vcrypto_vq {
	struct vcrypto_vring_desc *desc;   /**< descriptor table (device-readable) */
	struct vcrypto_vring_avail *avail; /**< driver area (device-readable) */
	struct vcrypto_vring_used *used;   /**< device area (device-writable) */
	uint16_t num;             /**< queue size, a power of two */
	uint16_t num_free;        /**< free descriptors */
	uint16_t free_head;       /**< first free descriptor */
	uint16_t avail_idx;       /**< shadow of avail->idx (next to publish) */
	uint16_t last_used_idx;   /**< next used element to consume */
	uint16_t kicked_idx;      /**< avail index at the last publish */
	uint16_t chains;          /**< chains in flight */
	bool broken;              /**< device misbehaved; all calls fail */
	uint16_t index;           /**< queue index on the device (for logs) */
	vcrypto_vq_notify_t notify; /**< transport's kick */
	void *notify_arg;         /**< its argument */
	struct vcrypto_vq_extra *extra; /**< shadow state, num entries */
	/** indirect tables, one of indirect_max entries per ring descriptor
	 *  (NULL: chains go straight into the ring) */
	struct vcrypto_vring_desc *indirect;
	uint64_t indirect_addr;   /**< device address of indirect[0] */
	uint16_t indirect_max;    /**< entries per table */
	/** head = avail slot: the chain put in avail->ring[i] is descriptor i
	 *  (indirect only; for devices that take the one for the other) */
	bool in_order;
	/** VIRTIO_F_RING_EVENT_IDX: kicks follow the device's avail_event and
	 *  used_event is kept where the device never interrupts */
	bool event_idx;
	uint16_t used_event;      /**< shadow of the used_event last written */
	/** request slots (0: off): heads [0, slots) are the slots' fixed-part
	 *  descriptors, [slots, 2 * slots) their status descriptors, both
	 *  written once; data descriptors come from [2 * slots, num) */
	uint16_t slots;
	uint16_t slot_free;       /**< first free slot */
	uint16_t slots_free;      /**< free slots */
	uint64_t slot_addr;       /**< device address of slot 0 */
	uint32_t slot_stride;     /**< bytes from one slot to the next */
	uint32_t status_off;      /**< status bytes at this offset in a slot ... */
	uint32_t status_len;      /**< ... this long */
};

/**
 * Bytes of ring memory a queue of @p num entries needs (descriptor table,
 * avail ring, used ring aligned to VCRYPTO_VQ_ALIGN).
 */
size_t vcrypto_vq_ring_size(uint16_t num);

/**
 * Create a queue on caller-provided, zeroed ring memory.
 *
 * @param num        queue size: a power of two, 1..32768
 * @param ring       vcrypto_vq_ring_size(num) bytes, aligned to VCRYPTO_VQ_ALIGN,
 *                   visible to the device
 * @param index      queue index on the device (for logs)
 * @param no_interrupt set VRING_AVAIL_F_NO_INTERRUPT: the driver polls
 * @return the queue (shadow state from the C heap), or NULL (errno EINVAL or ENOMEM)
 */
struct vcrypto_vq *vcrypto_vq_create(uint16_t num, void *ring, uint16_t index,
		bool no_interrupt);

/** Free a queue's shadow state (not the ring memory). NULL is allowed. */
void vcrypto_vq_free(struct vcrypto_vq *vq);

/**
 * Put every chain of more than one buffer into an indirect table
 * (VIRTIO_F_RING_INDIRECT_DESC negotiated): a chain then takes one ring
 * descriptor. @p tables holds vq->num tables of @p max entries, device
 * memory at address @p addr.
 */
void vcrypto_vq_set_indirect(struct vcrypto_vq *vq, void *tables, uint64_t addr,
		uint16_t max);

/**
 * With indirect tables: give the chain in avail slot i descriptor i, always
 * (DPDK 22.11's vhost_crypto uses one index for the other). Chains must then
 * complete in order for the queue to stay full.
 */
void vcrypto_vq_set_in_order(struct vcrypto_vq *vq);

/**
 * Use VIRTIO_F_RING_EVENT_IDX (negotiated; before the first chain is
 * added): kicks are decided from the device's avail_event, and instead of
 * VRING_AVAIL_F_NO_INTERRUPT (which the driver must then leave clear, spec
 * 2.7.7.1) used_event is kept just behind the used index, where the device
 * never reaches it: the driver polls.
 */
void vcrypto_vq_set_event_idx(struct vcrypto_vq *vq);

/**
 * Give the queue num / 4 request slots at device address @p addr, @p stride
 * bytes apart (a queue without indirect tables, nothing in flight): each
 * slot's fixed-part descriptor (the chain's head) and its status descriptor
 * (@p status_len bytes at @p status_off in the slot, device-writable) are
 * written here, once; vcrypto_vq_add() then fills only the data descriptors
 * between them, from the rest of the table. Its @p bufs still start with
 * the slot's fixed part (only the length is used) and end with the status
 * (not used). vcrypto_vq_next_head() is the slot the next chain takes.
 *
 * @return 0; -ENOTSUP with indirect tables or fewer than 8 entries; -EBUSY
 *   while chains are in flight.
 */
int vcrypto_vq_set_slots(struct vcrypto_vq *vq, uint64_t addr, uint32_t stride,
		uint32_t status_off, uint32_t status_len);

/** Set the callback vcrypto_vq_kick() uses to notify the device. */
void vcrypto_vq_set_notify(struct vcrypto_vq *vq, vcrypto_vq_notify_t fn, void *arg);

/**
 * Add a chain: @p n_out device-readable buffers, then @p n_in device-writable
 * ones. Not visible to the device until vcrypto_vq_kick().
 *
 * @return the head descriptor index (>= 0); -ENOSPC when fewer than
 *   n_out + n_in descriptors are free; -EINVAL for an empty chain; -EIO when
 *   the queue is broken.
 */
int vcrypto_vq_add(struct vcrypto_vq *vq, const struct vcrypto_vq_buf *bufs,
		uint16_t n_out, uint16_t n_in, void *cookie);

/**
 * Publish the chains added since the last call (avail->idx, release order)
 * and notify the device unless it set VRING_USED_F_NO_NOTIFY (with EVENT_IDX:
 * unless the new index did not pass its avail_event). Call once per burst.
 *
 * @return 1 if the device was notified, 0 if not (nothing new or suppressed),
 *   -EIO when the queue is broken.
 */
int vcrypto_vq_kick(struct vcrypto_vq *vq);

/**
 * Take up to @p max completions from the used ring, freeing their descriptors.
 *
 * @return the number taken (0..max), or -EIO when the queue is (or now
 *   becomes) broken; completions taken before the breakage are still returned
 *   if any (the next call returns -EIO).
 */
int vcrypto_vq_get_used(struct vcrypto_vq *vq, struct vcrypto_vq_used *out,
		uint16_t max);

/**
 * On a broken queue, take back up to @p max chains the device still holds:
 * it can no longer be trusted to complete them, so their owners get them
 * back (as failures) instead of waiting forever. The queue stays broken.
 *
 * @return the number of cookies stored in @p cookies (0 when the queue is
 *   not broken or nothing is left in flight).
 */
uint16_t vcrypto_vq_reclaim(struct vcrypto_vq *vq, void **cookies, uint16_t max);

/**
 * Take back up to @p max chains still in flight, whatever the queue's
 * state: for a device that went away (the caller knows it will not
 * complete them). Their descriptors are freed.
 *
 * @return the number of cookies stored in @p cookies.
 */
uint16_t vcrypto_vq_take_in_flight(struct vcrypto_vq *vq, void **cookies, uint16_t max);

/**
 * Make the queue new again (empty rings, indices 0, not broken) on the same
 * memory, for a device that is given the ring anew (a reconnect).
 *
 * @return 0; -EBUSY while chains are in flight.
 */
int vcrypto_vq_reset(struct vcrypto_vq *vq);

/** Free descriptors. */
static inline uint16_t
vcrypto_vq_free_count(const struct vcrypto_vq *vq)
{
	if (vq->in_order && vq->extra[vq->avail_idx & (vq->num - 1)].in_flight)
		return 0;
	if (vq->slots != 0 && vq->slots_free == 0)
		return 0;
	return vq->num_free;
}

/**
 * Head descriptor the next vcrypto_vq_add() will use, so a caller can index
 * per-request state by head before adding the chain. Meaningful only when
 * vcrypto_vq_free_count() > 0.
 */
static inline uint16_t
vcrypto_vq_next_head(const struct vcrypto_vq *vq)
{
	if (vq->slots != 0)
		return vq->slot_free;
	return vq->in_order ? vq->avail_idx & (vq->num - 1) : vq->free_head;
}

/** Whether the queue has request slots (vcrypto_vq_set_slots()). */
static inline bool
vcrypto_vq_has_slots(const struct vcrypto_vq *vq)
{
	return vq->slots != 0;
}

/**
 * Start a chain in the next free slot (slot mode, not broken, a slot free:
 * vcrypto_vq_free_count() > 0).
 */
static inline void
vcrypto_vq_chain_begin(const struct vcrypto_vq *vq, struct vcrypto_vq_chain *c)
{
	/* Copied: stores into the table may alias the queue's fields. */
	c->desc = vq->desc;
	c->extra = vq->extra;
	c->room = vq->num_free;
	c->head = vq->slot_free;
	c->next = vq->free_head;
	c->last = 0;
	c->n = 0;
	c->flags = 0;
}

/**
 * Fill the chain's next data descriptor (device-readable until
 * vcrypto_vq_chain_writable()).
 *
 * @return true; false when no descriptor is left (nothing written; the
 *   chain cannot be committed).
 */
static inline bool
vcrypto_vq_chain_put(struct vcrypto_vq_chain *c, uint64_t addr, uint32_t len)
{
	struct vcrypto_vring_desc *d;

	if (unlikely(c->n == c->room))
		return false;
	d = &c->desc[c->next];
	d->addr = addr;
	d->len = len;
	d->flags = c->flags | VCRYPTO_VRING_DESC_F_NEXT;
	c->last = c->next;
	/* The link comes from the shadow: the table is shared memory. */
	c->next = c->extra[c->next].next;
	d->next = c->next;
	c->n++;
	return true;
}

/** The chain's further data descriptors are device-writable. */
static inline void
vcrypto_vq_chain_writable(struct vcrypto_vq_chain *c)
{
	c->flags = VCRYPTO_VRING_DESC_F_WRITE;
}

/**
 * Hand the chain to the avail ring (visible at the next vcrypto_vq_kick()):
 * the slot's fixed-part descriptor gets @p head_len bytes and leads to the
 * data descriptors, the last of which leads to the slot's status.
 */
static inline void
vcrypto_vq_chain_commit(struct vcrypto_vq *vq, const struct vcrypto_vq_chain *c,
		uint32_t head_len, void *cookie)
{
	uint16_t k = c->head, status = (uint16_t)(vq->slots + k);
	struct vcrypto_vq_extra *h = &vq->extra[k];
	uint16_t first = vq->free_head;

	vq->desc[k].len = head_len;
	vq->desc[k].next = c->n > 0 ? first : status;
	if (c->n > 0)
		vq->desc[c->last].next = status;
	vq->free_head = c->next;
	vq->num_free -= c->n;
	vq->slot_free = h->next;
	vq->slots_free--;
	h->next = first; /* in flight: the first data descriptor */
	h->cookie = cookie;
	h->ndescs = c->n;
	h->last = c->last;
	h->in_flight = 1;
	vq->chains++;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = k;
	vq->avail_idx++;
}

/** Whether the device misbehaved on this queue. */
static inline bool
vcrypto_vq_is_broken(const struct vcrypto_vq *vq)
{
	return vq->broken;
}

/** Chains the device owns (added, not yet returned by vcrypto_vq_get_used()). */
static inline uint16_t
vcrypto_vq_in_flight(const struct vcrypto_vq *vq)
{
	return vq->chains;
}

#endif /* VCRYPTO_VIRTQUEUE_H */
