/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VRING_SPLIT_PRIV_H
#define VCRYPTO_VRING_SPLIT_PRIV_H

/**
 * @file
 * Device side of a split virtqueue (virtio 1.2, section 2.7): reading the
 * avail ring, walking descriptor chains into host segments, and publishing
 * used elements.
 *
 * It knows descriptors, indices, notification suppression and the guest
 * memory table; it does not know crypto, rte_vhost or EAL (the caller logs
 * and notifies), so unit tests drive it with a fake ring in plain memory.
 * The guest is untrusted: every descriptor is read once into host memory and
 * checked there.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vcrypto_vring.h"
#include "gmem_priv.h"

/** Most descriptors one chain may have (indirect ones included). */
#define VCRYPTO_CHAIN_MAX_SEGS 64

/** One descriptor of a chain, translated and checked. */
struct vcrypto_seg {
	uint8_t *hva;  /**< host address of the whole buffer */
	uint32_t len;  /**< bytes, never 0 */
	bool write;    /**< device-writable */
};

/** A walked descriptor chain: readable segments first, then writable ones. */
struct vcrypto_chain {
	uint16_t head;     /**< id to put in the used ring */
	uint16_t nseg;     /**< valid entries in seg[] */
	uint16_t nread;    /**< the first nread segments are readable */
	uint64_t read_len; /**< total readable bytes */
	uint64_t write_len; /**< total writable bytes */
	struct vcrypto_seg seg[VCRYPTO_CHAIN_MAX_SEGS];
};

/** A split virtqueue as the device sees it. */
struct vcrypto_vring_split {
	struct vcrypto_vring_desc *desc;   /**< descriptor table (size entries) */
	struct vcrypto_vring_avail *avail; /**< driver area */
	struct vcrypto_vring_used *used;   /**< device area */
	uint16_t size;       /**< queue size, a power of 2 */
	uint16_t last_avail; /**< next avail ring slot to consume */
	uint16_t last_used;  /**< next used ring slot to fill */
	uint16_t published;  /**< used idx last made visible to the driver */
	uint16_t avail_event; /**< EVENT_IDX: the avail_event last written */
	bool indirect;       /**< VIRTIO_F_RING_INDIRECT_DESC was negotiated */
	bool event_idx;      /**< VIRTIO_F_RING_EVENT_IDX was negotiated */
	bool broken;         /**< the driver broke the ring; stop serving it */
};

/**
 * Attach @p vq to rings already mapped in this process.
 *
 * @return 0; -EINVAL if a pointer is NULL or @p size is 0, above 32768 or
 *         not a power of 2.
 */
int vcrypto_vring_split_init(struct vcrypto_vring_split *vq, void *desc,
		void *avail, void *used, uint32_t size, uint16_t last_avail,
		uint16_t last_used, bool indirect);

/**
 * Use VIRTIO_F_RING_EVENT_IDX (after init, before the first use): the
 * driver's used_event then says when it wants an interrupt, and the
 * device's avail_event when it wants a kick. The rings must have been
 * mapped with room for both (virtio 1.2, 2.7.10).
 */
void vcrypto_vring_split_set_event_idx(struct vcrypto_vring_split *vq,
		bool on);

/**
 * Tell the driver not to notify (kick) us: we poll. Without EVENT_IDX sets
 * used->flags NO_NOTIFY, which is only a hint the driver may ignore
 * (virtio 1.2, 2.7.7); with EVENT_IDX keeps avail_event behind the
 * driver's index, where crossing it never happens (see
 * vcrypto_vring_split_pop_burst(), which keeps it there).
 */
void vcrypto_vring_split_suppress_kicks(struct vcrypto_vring_split *vq);

/**
 * Take up to @p max available heads into @p heads and prefetch their
 * descriptors: vcrypto_vring_split_avail() and @p max times
 * vcrypto_vring_split_pop() in one go.
 *
 * @return how many heads were taken (0..max). When the driver's index is
 *         more than a queue size ahead or a head is not below the queue
 *         size, the queue is marked broken (vq->broken) and the heads
 *         before the bad one are returned.
 */
uint16_t vcrypto_vring_split_pop_burst(struct vcrypto_vring_split *vq,
		uint16_t *heads, uint16_t max);

/**
 * How many chains the driver has made available, at most @p max.
 *
 * Reads avail->idx with acquire ordering, so the ring entries and
 * descriptors it covers are visible to later reads.
 *
 * @return the count (0..max); -EPROTO when the driver's index is more than
 *         a queue size ahead of ours: the queue is then marked broken.
 */
int vcrypto_vring_split_avail(struct vcrypto_vring_split *vq, uint16_t max);

/**
 * Take the next available head (after vcrypto_vring_split_avail() said
 * there is one).
 *
 * @return 0 with *head set; -EPROTO when the head is not below the queue
 *         size: the queue is then marked broken and nothing is consumed.
 */
int vcrypto_vring_split_pop(struct vcrypto_vring_split *vq, uint16_t *head);

/**
 * Walk the chain starting at @p head, translating every buffer through
 * @p mem. Each descriptor is read exactly once by the walk whose result
 * is returned (a fast path for the common chain may give up and leave
 * the chain to the general walk, which reads it afresh).
 *
 * @return 0 with @p chain filled; on a malformed chain (the chain must still
 *         be completed by the caller):
 *         -ELOOP   more descriptors than the table holds (a cycle),
 *         -ERANGE  a next index outside the table,
 *         -EINVAL  a zero-length descriptor, a readable descriptor after a
 *                  writable one, a nested or misplaced indirect table, or an
 *                  indirect table when it was not negotiated,
 *         -EFAULT  a buffer not inside one guest memory region,
 *         -E2BIG   more than VCRYPTO_CHAIN_MAX_SEGS descriptors, or a total
 *                  length of 2^32 bytes or more.
 */
int vcrypto_vring_split_walk(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain);

/**
 * vcrypto_vring_split_walk() without its fast path for the common chain
 * (direct descriptors in the first memory region), which answers only
 * when it agrees with this one: tests compare the two.
 */
int vcrypto_vring_split_walk_general(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain);

/**
 * Queue a used element; it is invisible to the driver until
 * vcrypto_vring_split_publish().
 */
void vcrypto_vring_split_push(struct vcrypto_vring_split *vq, uint16_t head,
		uint32_t len);

/**
 * Make the pushed used elements visible (one release store of used->idx).
 *
 * @return true when the driver wants an interrupt for them: something was
 *         published and, with EVENT_IDX, the new used index passed the
 *         driver's used_event, or without it avail->flags lacks
 *         NO_INTERRUPT; false otherwise.
 */
bool vcrypto_vring_split_publish(struct vcrypto_vring_split *vq);

#endif /* VCRYPTO_VRING_SPLIT_PRIV_H */
