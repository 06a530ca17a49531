/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_SESSION_PRIV_H
#define VCRYPTO_SESSION_PRIV_H

/**
 * @file
 * Per-device session table of fixed capacity, allocated once when the
 * device is created: allocation, lookup and release are O(1) and never
 * allocate. Session ids are never 0 and a released id is not handed out
 * again soon (each slot has a generation), so a stale id from the guest
 * finds nothing instead of someone else's keys. Engine private data (the
 * expanded keys) lives in the slot.
 */

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/** One session slot; engine private data follows, aligned. */
struct vcrypto_session {
	uint64_t id;      /**< guest-visible id, 0 while free */
	struct vcrypto_sess_info info; /**< what its requests must look like */
	uint32_t gen;     /**< bumped at every allocation of this slot */
	void *priv;       /**< engine private data (session_size bytes) */
};

/** The table. */
struct vcrypto_session_table {
	uint32_t cap;        /**< slots */
	uint32_t active;     /**< slots in use */
	uint32_t nfree;      /**< entries in free_stack */
	uint32_t *free_stack; /**< indices of free slots */
	struct vcrypto_session *slots; /**< cap entries */
	uint8_t *priv_area;  /**< cap * priv_stride bytes, aligned */
	size_t priv_stride;  /**< bytes between two slots' private data */
};

/**
 * Allocate a table of @p cap sessions with @p priv_size private bytes each,
 * aligned to @p priv_align (a power of 2).
 *
 * @return 0; -EINVAL for cap 0 or above 2^31; -ENOMEM.
 */
int vcrypto_session_table_init(struct vcrypto_session_table *t, uint32_t cap,
		size_t priv_size, size_t priv_align);

/** Free the table's memory (release the sessions first). */
void vcrypto_session_table_fini(struct vcrypto_session_table *t);

/**
 * Take a free slot and give it a fresh id.
 *
 * @return the session, or NULL when the table is full.
 */
struct vcrypto_session *vcrypto_session_alloc(struct vcrypto_session_table *t);

/** Return @p s to the table; its id stops resolving. */
void vcrypto_session_release(struct vcrypto_session_table *t,
		struct vcrypto_session *s);

/**
 * Find a live session by guest id.
 *
 * @return the session, or NULL for 0, an unknown or a released id.
 */
struct vcrypto_session *vcrypto_session_lookup(
		const struct vcrypto_session_table *t, uint64_t id);

/** Slot by index (0..cap-1), live or not: for tear-down loops. */
static inline struct vcrypto_session *
vcrypto_session_slot(const struct vcrypto_session_table *t, uint32_t i)
{
	return &t->slots[i];
}

#endif /* VCRYPTO_SESSION_PRIV_H */
