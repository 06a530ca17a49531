/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_HOSTILE_RING_H
#define VCRYPTO_HOSTILE_RING_H

/**
 * @file
 * A guest that writes its rings by hand. The connection and the ring memory
 * come from vcrypto_frontend (a real vhost-user client); descriptors, avail
 * entries and avail->idx are then written straight into that memory, so a
 * test can build what a well-behaved virtqueue refuses to: loops, heads and
 * nexts out of range, readable after writable, index jumps, any address and
 * length. Completions are read straight from the used ring, with a deadline.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vcrypto_frontend.h"

/** Bytes of request scratch memory per connection (DPDK memory). */
#define H_SCRATCH_LEN (64 * 1024)

/** One queue written by hand. */
struct hq {
	struct vcrypto_vq *vq;  /**< ring memory (vcrypto_frontend's) */
	uint16_t num;           /**< queue size */
	uint16_t avail_idx;     /**< next avail index we publish */
	uint16_t used_idx;      /**< next used element we consume */
};

/** One connection (one guest) to a backend device. */
struct hdev {
	struct vcrypto_frontend *fe;
	struct hq ctrl;          /**< control queue */
	struct hq data;          /**< data queue 0 */
	bool rev1;               /**< REVISION_1 negotiated */
	bool indirect;           /**< VIRTIO_F_RING_INDIRECT_DESC negotiated */
	uint8_t *mem;            /**< H_SCRATCH_LEN bytes of DPDK memory */
	uint64_t region_start;   /**< guest address of the region holding mem */
	uint64_t region_end;     /**< first address past that region */
	unsigned int timeout_ms; /**< bound on one completion */
};

/** A descriptor to write. */
struct hdesc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;  /**< VCRYPTO_VRING_DESC_F_* */
	uint16_t next;
};

/**
 * Connect to @p path with @p features (device bits: REVISION_1, indirect),
 * data queue size @p qsize. @return 0 or -errno (printed).
 */
int hdev_open(struct hdev *d, const char *path, uint64_t features,
		uint16_t qsize, unsigned int timeout_ms);

/** Disconnect and free. */
void hdev_close(struct hdev *d);

/** Guest address of @p p, which points into d->mem. */
uint64_t h_addr(const struct hdev *d, const void *p);

/** Write @p n descriptors into table slots first..first+n-1. */
void hq_write_descs(struct hq *q, uint16_t first, const struct hdesc *descs,
		uint16_t n);

/** Put @p head in the next avail slot (not yet published). */
void hq_post(struct hq *q, uint16_t head);

/** Publish everything posted: one release store of avail->idx. */
void hq_publish(struct hq *q);

/** Store an arbitrary avail->idx (for index-jump attacks). */
void hq_publish_raw(struct hq *q, uint16_t idx);

/**
 * Wait for @p n completions (at most 64) within @p timeout_ms and copy them
 * to @p ids / @p lens (may be NULL).
 *
 * @return 0; -ETIMEDOUT (the completions that did arrive are consumed).
 */
int hq_wait(struct hq *q, unsigned int n, unsigned int timeout_ms,
		uint32_t *ids, uint32_t *lens);

/**
 * Whether the device took nothing more from the queue during @p ms: the
 * used index did not move (the mark of a queue the device stopped).
 */
bool hq_silent(struct hq *q, unsigned int ms);

#endif /* VCRYPTO_HOSTILE_RING_H */
