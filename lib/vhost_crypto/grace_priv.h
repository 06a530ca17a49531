/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_GRACE_PRIV_H
#define VCRYPTO_GRACE_PRIV_H

/**
 * @file
 * Grace periods for the session table when a device's queues are polled
 * from several lcores: the control queue's lcore may destroy a session that
 * a data queue's lcore looked up a moment ago and is still ciphering with.
 * The session stops resolving at once, but its slot (keys, engine state) is
 * wiped and reused only after every data queue has been outside a pass at
 * least once since: a quiescent-state scheme as DPDK's rte_rcu_qsbr, kept
 * here in plain C11 atomics so the control path and its fuzzers stay free of
 * EAL (rte_rcu_qsbr's defer queue needs an rte_ring).
 *
 * Readers (data queues) mark each pass with enter/leave; a pass that found
 * no request never enters. The writer takes a token after unpublishing and
 * asks later whether it has passed: it never waits.
 */

#include <stdbool.h>
#include <stdint.h>

/** One reader's mark, alone on its cache line: the token it saw on entering
 *  its current pass, 0 while outside any pass. */
struct vcrypto_grace_reader {
	uint64_t seen;
} __attribute__((aligned(64)));

/** Grace state of one device. */
struct vcrypto_grace {
	uint64_t token;       /**< last token handed out; starts at 1 */
	uint32_t nreaders;    /**< entries in readers[] */
	struct vcrypto_grace_reader *readers;
};

/**
 * Start @p g for @p nreaders readers, their marks in @p readers (cleared
 * here, nreaders entries, caller-owned).
 */
static inline void
vcrypto_grace_init(struct vcrypto_grace *g, struct vcrypto_grace_reader *readers,
		uint32_t nreaders)
{
	uint32_t i;

	g->token = 1;
	g->nreaders = nreaders;
	g->readers = readers;
	for (i = 0; i < nreaders; i++)
		readers[i].seen = 0;
}

/** Reader @p r starts a pass: from here it may hold shared objects. */
static inline void
vcrypto_grace_enter(struct vcrypto_grace *g, uint32_t r)
{
	uint64_t t = __atomic_load_n(&g->token, __ATOMIC_RELAXED);

	__atomic_store_n(&g->readers[r].seen, t, __ATOMIC_RELAXED);
	/* The mark must be visible before the pass reads anything the
	 * writer may unpublish (store-load order). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/** Reader @p r ends its pass: it holds nothing any more. */
static inline void
vcrypto_grace_leave(struct vcrypto_grace *g, uint32_t r)
{
	__atomic_store_n(&g->readers[r].seen, 0, __ATOMIC_RELEASE);
}

/**
 * Writer: call after unpublishing an object; the object may be reused once
 * vcrypto_grace_passed() says so for the token returned.
 */
static inline uint64_t
vcrypto_grace_start(struct vcrypto_grace *g)
{
	uint64_t t = __atomic_add_fetch(&g->token, 1, __ATOMIC_SEQ_CST);

	/* Pairs with the reader's fence: either the reader's mark is seen
	 * below, or its pass sees the object unpublished. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return t;
}

/** Writer: has every reader been outside a pass since token @p t? */
static inline bool
vcrypto_grace_passed(const struct vcrypto_grace *g, uint64_t t)
{
	uint32_t i;

	for (i = 0; i < g->nreaders; i++) {
		uint64_t seen = __atomic_load_n(&g->readers[i].seen,
			__ATOMIC_ACQUIRE);

		if (seen != 0 && seen < t)
			return false;
	}
	return true;
}

#endif /* VCRYPTO_GRACE_PRIV_H */
