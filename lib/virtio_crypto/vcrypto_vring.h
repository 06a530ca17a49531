/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VRING_H
#define VCRYPTO_VRING_H

/**
 * @file
 * Virtqueue memory layouts (virtio 1.2, section 2.7 split and 2.8 packed) as
 * they sit in shared memory. Both the driver's virtqueue and the backend's
 * ring walkers use these; neither knows crypto. All fields little-endian.
 */

#include <assert.h>
#include <stdint.h>

/* Descriptor flags (split and packed). */
#define VCRYPTO_VRING_DESC_F_NEXT     1
#define VCRYPTO_VRING_DESC_F_WRITE    2
#define VCRYPTO_VRING_DESC_F_INDIRECT 4
/* Packed ring only. */
#define VCRYPTO_VRING_PACKED_DESC_F_AVAIL (1u << 7)
#define VCRYPTO_VRING_PACKED_DESC_F_USED  (1u << 15)

/* Suppression flags in avail->flags / used->flags. */
#define VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT 1
#define VCRYPTO_VRING_USED_F_NO_NOTIFY     1

/** Largest queue size a split ring may have (2^15). */
#define VCRYPTO_VRING_MAX_SIZE 32768

/** Split ring descriptor (16 bytes). */
struct vcrypto_vring_desc {
	uint64_t addr;  /**< guest address of the buffer */
	uint32_t len;   /**< buffer length in bytes */
	uint16_t flags; /**< VCRYPTO_VRING_DESC_F_* */
	uint16_t next;  /**< next descriptor when F_NEXT */
};

/** Split ring driver area. */
struct vcrypto_vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
	/* followed by uint16_t used_event when EVENT_IDX */
};

/** One used-ring element (8 bytes). */
struct vcrypto_vring_used_elem {
	uint32_t id;  /**< head of the completed chain */
	uint32_t len; /**< bytes written into device-writable buffers */
};

/** Split ring device area. */
struct vcrypto_vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vcrypto_vring_used_elem ring[];
	/* followed by uint16_t avail_event when EVENT_IDX */
};

/** Packed ring descriptor (16 bytes). */
struct vcrypto_vring_packed_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t id;
	uint16_t flags;
};

static_assert(sizeof(struct vcrypto_vring_desc) == 16, "split desc");
static_assert(sizeof(struct vcrypto_vring_used_elem) == 8, "used elem");
static_assert(sizeof(struct vcrypto_vring_packed_desc) == 16, "packed desc");

/** Bytes of a split ring's descriptor table. */
static inline uint64_t
vcrypto_vring_desc_size(uint32_t num)
{
	return (uint64_t)num * sizeof(struct vcrypto_vring_desc);
}

/** Bytes of a split ring's driver area (with used_event). */
static inline uint64_t
vcrypto_vring_avail_size(uint32_t num)
{
	return 6 + 2 * (uint64_t)num;
}

/** Bytes of a split ring's device area (with avail_event). */
static inline uint64_t
vcrypto_vring_used_size(uint32_t num)
{
	return 6 + 8 * (uint64_t)num;
}

/**
 * Whether an event index asks for a notification after moving from @p old
 * to @p new_idx (virtio 1.2, 2.7.10: vring_need_event).
 */
static inline int
vcrypto_vring_need_event(uint16_t event_idx, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - event_idx - 1) < (uint16_t)(new_idx - old);
}

#endif /* VCRYPTO_VRING_H */
