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
 *
 * One writer at a time (the control path); lookups may run meanwhile on
 * other lcores: a session resolves only once built (publish), and a slot
 * destroyed while readers may hold it is retired first and reused only when
 * the caller's grace period has passed (grace_priv.h).
 */

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/** One session slot; engine private data follows, aligned. */
struct vcrypto_session {
	uint64_t id;      /**< guest-visible id (atomic), 0 unless published */
	struct vcrypto_sess_info info; /**< what its requests must look like */
	uint32_t gen;     /**< bumped at every publication of this slot */
	void *priv;       /**< engine private data (session_size bytes) */
	uint64_t retired_at; /**< retired: the grace token to wait for */
};

/** The table. */
struct vcrypto_session_table {
	uint32_t cap;        /**< slots */
	uint32_t active;     /**< slots in use */
	uint32_t nfree;      /**< entries in free_stack */
	uint32_t *free_stack; /**< indices of free slots */
	uint32_t *retired;   /**< FIFO of retired slots (cap entries) */
	uint32_t retired_head; /**< oldest retired entry in retired[] */
	uint32_t nretired;   /**< entries in the FIFO */
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
 * Take a free slot for a session to be built; it does not resolve yet.
 *
 * @return the slot, or NULL when the table is full (retired slots whose
 *         grace period has not passed are not free).
 */
struct vcrypto_session *vcrypto_session_alloc(struct vcrypto_session_table *t);

/**
 * Give built slot @p s a fresh id and make it resolve (its info and private
 * data are visible to any lookup that finds the id).
 *
 * @return the id, never 0.
 */
uint64_t vcrypto_session_publish(struct vcrypto_session_table *t,
		struct vcrypto_session *s);

/**
 * Wipe slot @p s (allocated or published, not retired) and free it at once:
 * only when no lookup on another lcore can hold it.
 */
void vcrypto_session_release(struct vcrypto_session_table *t,
		struct vcrypto_session *s);

/**
 * Stop published @p s resolving but keep its slot and keys: lookups that
 * found it before may still be using it. It joins the retired FIFO; the
 * caller then sets s->retired_at (its grace token, taken after this call)
 * and frees it with vcrypto_session_release_retired().
 */
void vcrypto_session_retire(struct vcrypto_session_table *t,
		struct vcrypto_session *s);

/** The oldest retired slot (its token in retired_at), or NULL. */
static inline struct vcrypto_session *
vcrypto_session_oldest_retired(const struct vcrypto_session_table *t)
{
	return t->nretired == 0 ? NULL : &t->slots[t->retired[t->retired_head]];
}

/** Wipe and free the oldest retired slot (there must be one). */
void vcrypto_session_release_retired(struct vcrypto_session_table *t);

/**
 * Find a live session by guest id.
 *
 * @return the session, or NULL for 0, an unknown or a released id.
 */
struct vcrypto_session *vcrypto_session_lookup(
		const struct vcrypto_session_table *t, uint64_t id);

/** Slot by index (0..cap-1), in any state: for tear-down loops. */
static inline struct vcrypto_session *
vcrypto_session_slot(const struct vcrypto_session_table *t, uint32_t i)
{
	return &t->slots[i];
}

#endif /* VCRYPTO_SESSION_PRIV_H */
