/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Session reuse across lcores: the control path destroys sessions while
 * data queues (threads here) look them up and read their keys. A reader
 * must never see a session it found change under it: keys wiped or the
 * slot rebuilt for another session. First step by step, then under load
 * from two reader threads for a fixed number of writer rounds.
 *
 * "--no-grace" runs the load with sessions freed at once (no grace
 * period): it must then report torn reads, which shows the load test can
 * see what the grace period prevents (exit status 0 when it did).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "grace_priv.h"
#include "session_priv.h"
#include "test_util.h"

#define NSESS 8          /* table capacity */
#define PRIV 64          /* "key" bytes per session */
#define NREADERS 2
#define ROUNDS 200000    /* writer destroy/create rounds under load, at least */
#define MIN_FOUND 100000 /* ... and until the readers found this many */

static unsigned int wipes;

static void
fake_destroy(void *ctx, void *priv)
{
	(void)ctx;
	memset(priv, 0, PRIV);
	wipes++;
}

static const struct vcrypto_engine_ops fake_engine = {
	.name = "fake",
	.session_size = PRIV,
	.session_align = 64,
	.session_destroy = fake_destroy,
};

/* A session whose every key byte, and its info.result_len, is @p mark. */
static uint64_t
make_session(struct vcrypto_session_table *t, uint8_t mark)
{
	struct vcrypto_session *s = vcrypto_session_alloc(t);

	if (s == NULL)
		return 0;
	memset(s->priv, mark, PRIV);
	s->info.kind = VCRYPTO_SESS_CIPHER;
	s->info.result_len = mark;
	return vcrypto_session_publish(t, s);
}

/* Step by step: a reader inside a pass keeps a destroyed slot alive. */
static void
test_steps(void)
{
	struct vcrypto_grace_reader readers[2];
	struct vcrypto_session_table t;
	struct vcrypto_grace g;
	struct vcrypto_ctrl_ctx ctx = { .engine = &fake_engine, .grace = &g };
	struct vcrypto_session *s;
	uint64_t id, id2;

	CHECK_EQ(vcrypto_session_table_init(&t, 1, PRIV, 64), 0);
	ctx.sessions = &t;
	vcrypto_grace_init(&g, readers, 2);
	id = make_session(&t, 0x11);
	CHECK(id != 0);

	vcrypto_grace_enter(&g, 1);
	s = vcrypto_session_lookup(&t, id);
	CHECK(s != NULL);
	wipes = 0;
	CHECK_EQ(vcrypto_ctrl_session_destroy(&ctx, 0, id), VIRTIO_CRYPTO_OK);
	CHECK(vcrypto_session_lookup(&t, id) == NULL); /* gone for new lookups */
	CHECK_EQ(wipes, 0);                            /* ... not for reader 1 */
	CHECK(((uint8_t *)s->priv)[PRIV - 1] == 0x11);
	CHECK_EQ(make_session(&t, 0x22), 0);           /* slot not reusable */
	CHECK_EQ(vcrypto_ctrl_reclaim(&ctx), 0);
	/* A reader that entered after the destroy does not hold it back. */
	vcrypto_grace_enter(&g, 0);
	CHECK_EQ(vcrypto_ctrl_reclaim(&ctx), 0);
	vcrypto_grace_leave(&g, 1);
	CHECK_EQ(vcrypto_ctrl_reclaim(&ctx), 1);
	CHECK_EQ(wipes, 1);
	CHECK(((uint8_t *)s->priv)[PRIV - 1] == 0);
	id2 = make_session(&t, 0x22);
	CHECK(id2 != 0 && id2 != id);
	vcrypto_grace_leave(&g, 0);

	/* A full table of retired sessions: create reclaims what it can. */
	CHECK_EQ(vcrypto_ctrl_session_destroy(&ctx, 0, id2), VIRTIO_CRYPTO_OK);
	CHECK_EQ(t.nretired, 0); /* no reader inside: freed at once */
	vcrypto_grace_enter(&g, 0);
	id = make_session(&t, 0x33);
	CHECK_EQ(vcrypto_ctrl_session_destroy(&ctx, 0, id), VIRTIO_CRYPTO_OK);
	CHECK_EQ(t.nretired, 1);
	/* Tear-down (no poller running) frees retired slots regardless. */
	vcrypto_ctrl_destroy_all(&ctx);
	CHECK_EQ(t.nretired, 0);
	CHECK(make_session(&t, 0x44) != 0);
	vcrypto_grace_leave(&g, 0);
	vcrypto_session_table_fini(&t);
}

struct load {
	struct vcrypto_session_table t;
	struct vcrypto_grace g;
	struct vcrypto_grace_reader readers[NREADERS];
	struct vcrypto_ctrl_ctx ctx;
	uint64_t ids[NSESS];   /* live ids, written by the writer (atomic) */
	int stop;              /* atomic */
	int started;           /* atomic: readers running */
	uint64_t torn[NREADERS];
	uint64_t found[NREADERS]; /* atomic */
};

struct reader_arg {
	struct load *l;
	uint32_t r;
};

/* Keys seen through one lookup must stay what they were while held. */
static bool
read_consistent(const struct vcrypto_session *s)
{
	const volatile uint8_t *k = s->priv;
	uint8_t mark = (uint8_t)s->info.result_len;
	unsigned int pass, i;

	for (pass = 0; pass < 4; pass++)
		for (i = 0; i < PRIV; i++)
			if (k[i] != mark || mark == 0)
				return false;
	return true;
}

static void *
reader(void *arg)
{
	struct reader_arg *a = arg;
	struct load *l = a->l;
	unsigned int seed = a->r + 1, i;

	__atomic_add_fetch(&l->started, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&l->stop, __ATOMIC_ACQUIRE)) {
		vcrypto_grace_enter(&l->g, a->r);
		for (i = 0; i < 8; i++) {
			uint64_t id = __atomic_load_n(&l->ids[rand_r(&seed) % NSESS],
				__ATOMIC_RELAXED);
			struct vcrypto_session *s = vcrypto_session_lookup(&l->t, id);

			if (s == NULL)
				continue;
			__atomic_add_fetch(&l->found[a->r], 1, __ATOMIC_RELAXED);
			if (!read_consistent(s))
				l->torn[a->r]++;
		}
		vcrypto_grace_leave(&l->g, a->r);
	}
	return NULL;
}

static uint64_t
found_so_far(struct load *l)
{
	uint64_t n = 0;
	uint32_t r;

	for (r = 0; r < NREADERS; r++)
		n += __atomic_load_n(&l->found[r], __ATOMIC_RELAXED);
	return n;
}

/*
 * The writer: destroy one session and create another, ROUNDS times and
 * until the readers found MIN_FOUND sessions (they may start late).
 */
static void
writer(struct load *l)
{
	unsigned int round, seed = 99;

	while (__atomic_load_n(&l->started, __ATOMIC_ACQUIRE) < NREADERS)
		;
	for (round = 0; round < ROUNDS || found_so_far(l) < MIN_FOUND; round++) {
		unsigned int k = rand_r(&seed) % NSESS;
		uint64_t id = l->ids[k];

		if (id != 0)
			vcrypto_ctrl_session_destroy(&l->ctx, 0, id);
		vcrypto_ctrl_reclaim(&l->ctx);
		id = make_session(&l->t, (uint8_t)(1 + round % 255));
		__atomic_store_n(&l->ids[k], id, __ATOMIC_RELAXED);
	}
}

/* @return torn reads seen by the readers. */
static uint64_t
run_load(bool grace, uint64_t *found)
{
	struct reader_arg args[NREADERS];
	pthread_t th[NREADERS];
	struct load *l = calloc(1, sizeof(*l));
	uint64_t torn = 0;
	uint32_t r;

	/* Room for every live id plus some retired ones. */
	if (l == NULL || vcrypto_session_table_init(&l->t, 2 * NSESS, PRIV, 64) != 0)
		abort();
	vcrypto_grace_init(&l->g, l->readers, NREADERS);
	l->ctx.sessions = &l->t;
	l->ctx.engine = &fake_engine;
	l->ctx.grace = grace ? &l->g : NULL;
	for (r = 0; r < NREADERS; r++) {
		args[r] = (struct reader_arg){ l, r };
		pthread_create(&th[r], NULL, reader, &args[r]);
	}
	writer(l);
	__atomic_store_n(&l->stop, 1, __ATOMIC_RELEASE);
	*found = 0;
	for (r = 0; r < NREADERS; r++) {
		pthread_join(th[r], NULL);
		torn += l->torn[r];
		*found += l->found[r];
	}
	vcrypto_session_table_fini(&l->t);
	free(l);
	return torn;
}

int
main(int argc, char **argv)
{
	uint64_t torn, found;

	if (argc > 1 && strcmp(argv[1], "--no-grace") == 0) {
		torn = run_load(false, &found);
		printf("no grace: %llu torn reads of %llu lookups\n",
			(unsigned long long)torn, (unsigned long long)found);
		return torn > 0 ? 0 : 1;
	}
	test_steps();
	torn = run_load(true, &found);
	printf("grace: %llu torn reads of %llu sessions found\n",
		(unsigned long long)torn, (unsigned long long)found);
	CHECK_EQ(torn, 0);
	CHECK(found >= MIN_FOUND);
	return TEST_DONE();
}
