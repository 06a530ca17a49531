/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session_priv.h"

int
vcrypto_session_table_init(struct vcrypto_session_table *t, uint32_t cap,
		size_t priv_size, size_t priv_align)
{
	uint32_t i;

	memset(t, 0, sizeof(*t));
	if (cap == 0 || cap > (1u << 31) || priv_align == 0 ||
			(priv_align & (priv_align - 1)) != 0)
		return -EINVAL;
	if (priv_size == 0)
		priv_size = 1;
	t->priv_stride = (priv_size + priv_align - 1) & ~(priv_align - 1);
	t->slots = calloc(cap, sizeof(*t->slots));
	t->free_stack = calloc(cap, sizeof(*t->free_stack));
	t->retired = calloc(cap, sizeof(*t->retired));
	t->priv_area = aligned_alloc(priv_align, t->priv_stride * cap);
	if (t->slots == NULL || t->free_stack == NULL || t->retired == NULL ||
			t->priv_area == NULL) {
		vcrypto_session_table_fini(t);
		return -ENOMEM;
	}
	memset(t->priv_area, 0, t->priv_stride * cap);
	t->cap = cap;
	/* Lowest index on top, so ids start small and readable. */
	for (i = 0; i < cap; i++) {
		t->free_stack[i] = cap - 1 - i;
		t->slots[i].priv = t->priv_area + (size_t)i * t->priv_stride;
	}
	t->nfree = cap;
	return 0;
}

void
vcrypto_session_table_fini(struct vcrypto_session_table *t)
{
	if (t->priv_area != NULL)
		explicit_bzero(t->priv_area, t->priv_stride * t->cap);
	free(t->priv_area);
	free(t->free_stack);
	free(t->retired);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

struct vcrypto_session *
vcrypto_session_alloc(struct vcrypto_session_table *t)
{
	if (t->nfree == 0)
		return NULL;
	t->active++;
	return &t->slots[t->free_stack[--t->nfree]];
}

uint64_t
vcrypto_session_publish(struct vcrypto_session_table *t,
		struct vcrypto_session *s)
{
	uint32_t idx = (uint32_t)(s - t->slots);

	/* Generations 1..2^31-1: ids stay positive as the int64 that
	 * vhost-user session messages carry them in. */
	s->gen++;
	if (s->gen == 0 || s->gen > INT32_MAX)
		s->gen = 1;
	/* Low half: index + 1 (never 0); high half: the slot's generation.
	 * Release: a lookup that sees the id sees the built session. */
	__atomic_store_n(&s->id, ((uint64_t)s->gen << 32) | (idx + 1),
		__ATOMIC_RELEASE);
	return s->id;
}

/* Wipe @p s and put it on the free stack. */
static void
slot_free(struct vcrypto_session_table *t, struct vcrypto_session *s)
{
	explicit_bzero(s->priv, t->priv_stride);
	memset(&s->info, 0, sizeof(s->info));
	t->free_stack[t->nfree++] = (uint32_t)(s - t->slots);
}

void
vcrypto_session_release(struct vcrypto_session_table *t,
		struct vcrypto_session *s)
{
	__atomic_store_n(&s->id, 0, __ATOMIC_RELAXED);
	slot_free(t, s);
	t->active--;
}

void
vcrypto_session_retire(struct vcrypto_session_table *t,
		struct vcrypto_session *s)
{
	__atomic_store_n(&s->id, 0, __ATOMIC_RELAXED);
	t->retired[(t->retired_head + t->nretired) % t->cap] =
		(uint32_t)(s - t->slots);
	t->nretired++;
	t->active--;
}

void
vcrypto_session_release_retired(struct vcrypto_session_table *t)
{
	slot_free(t, &t->slots[t->retired[t->retired_head]]);
	t->retired_head = (t->retired_head + 1) % t->cap;
	t->nretired--;
}

struct vcrypto_session *
vcrypto_session_lookup(const struct vcrypto_session_table *t, uint64_t id)
{
	uint32_t low = (uint32_t)id;
	struct vcrypto_session *s;

	if (low == 0 || low > t->cap)
		return NULL;
	s = &t->slots[low - 1];
	/* A free or retired slot has id 0; a reused one has a new generation.
	 * Acquire: pairs with vcrypto_session_publish(). */
	return __atomic_load_n(&s->id, __ATOMIC_ACQUIRE) == id ? s : NULL;
}
