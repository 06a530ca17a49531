/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * A vhost-user back-end reaches only the memory in the table the driver
 * sent; buffers in memory EAL mapped later are out of its reach unless the
 * driver sent the table again. So every op here uses mbufs checked to lie
 * wholly outside the memory that existed before the growth: if the table
 * was not re-sent, the back-end refuses the chain and the op fails.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_memory.h>

#include "grow_case.h"

#define WHY_LEN E2E_WHY_LEN
/** Data room of the new pool's mbufs, and the largest op length used. */
#define GROW_DATA_ROOM 8192
/** Contiguous memory ranges remembered from before the growth. */
#define GROW_MAX_RANGES 256

/** DPDK memory at one moment. */
struct mem_snap {
	unsigned int segs;   /**< memory segments (pages) */
	uint64_t bytes;      /**< their total size */
	unsigned int nranges;
	bool overflow;       /**< more ranges than r[] holds: unusable */
	struct { uintptr_t start, end; } r[GROW_MAX_RANGES];
};

static int
count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms, void *arg)
{
	struct mem_snap *s = arg;

	if (!msl->external) {
		s->segs++;
		s->bytes += ms->len;
	}
	return 0;
}

static int
add_range(const struct rte_memseg_list *msl, const struct rte_memseg *ms, size_t len,
	  void *arg)
{
	struct mem_snap *s = arg;

	if (msl->external)
		return 0;
	if (s->nranges == GROW_MAX_RANGES) {
		s->overflow = true;
		return -1;
	}
	s->r[s->nranges].start = (uintptr_t)ms->addr;
	s->r[s->nranges].end = (uintptr_t)ms->addr + len;
	s->nranges++;
	return 0;
}

static void
mem_snap_take(struct mem_snap *s)
{
	memset(s, 0, sizeof(*s));
	rte_memseg_walk(count_seg, s);
	rte_memseg_contig_walk(add_range, s);
}

/* Whether [a, a + len) touches memory that existed at snapshot @p s. */
static bool
in_snap(const struct mem_snap *s, uintptr_t a, size_t len)
{
	unsigned int i;

	for (i = 0; i < s->nranges; i++)
		if (a < s->r[i].end && a + len > s->r[i].start)
			return true;
	return false;
}

/* Compare the output of op @p op (see e2e_diff()). */
static int
diff_op(char *why, const char *what, unsigned int op, const uint8_t *got,
	const uint8_t *want, uint32_t len)
{
	char name[96];

	snprintf(name, sizeof(name), "%s of op %u", what, op);
	return e2e_diff(why, name, got, want, len);
}

/* Put @p len bytes of @p data (NULL: a filler) into a fresh mbuf @p m. */
static void
mbuf_fill(struct rte_mbuf *m, const uint8_t *data, uint32_t len)
{
	uint8_t *p;

	rte_pktmbuf_reset(m);
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
	if (data != NULL)
		memcpy(p, data, len);
	else
		memset(p, 0x5a, len);
}

/* An AES-CBC op over @p len bytes of @p src (into @p dst unless NULL). */
static struct rte_crypto_op *
op_make(struct e2e_env *env, void *sess, struct rte_mbuf *src, struct rte_mbuf *dst,
	uint32_t len, const uint8_t *iv)
{
	struct rte_crypto_op *op = rte_crypto_op_alloc(env->dev->op_pool,
						       RTE_CRYPTO_OP_TYPE_SYMMETRIC);

	if (op == NULL)
		return NULL;
	if (rte_crypto_op_attach_sym_session(op, sess) != 0) {
		rte_crypto_op_free(op);
		return NULL;
	}
	op->sym->m_src = src;
	op->sym->m_dst = dst;
	op->sym->cipher.data.offset = 0;
	op->sym->cipher.data.length = len;
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, E2E_IV_OFFSET), iv, 16);
	return op;
}

static void
ops_free(struct rte_crypto_op **ops, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		rte_crypto_op_free(ops[i]);
}

/* Every op's status, and its output against @p want (@p in for sources). */
static void
ops_check(struct rte_crypto_op **ops, unsigned int n, const uint8_t *const *in,
	  const uint8_t *const *want, uint32_t len, char *why)
{
	unsigned int i;

	for (i = 0; i < n && why[0] == '\0'; i++) {
		struct rte_crypto_sym_op *s = ops[i]->sym;
		struct rte_mbuf *out = s->m_dst != NULL ? s->m_dst : s->m_src;

		if (ops[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS) {
			e2e_whyf(why, "op %u of %u: status %d", i, n, ops[i]->status);
			break;
		}
		diff_op(why, "output", i, rte_pktmbuf_mtod(out, const uint8_t *), want[i], len);
		if (s->m_dst != NULL)
			diff_op(why, "source after out-of-place op", i,
			     rte_pktmbuf_mtod(s->m_src, const uint8_t *), in[i], len);
	}
}

/* ---- ops in flight while memory grows ----------------------------------- */

struct inflight {
	void *sess;
	unsigned int n;
	struct rte_crypto_op *ops[E2E_MAX_BURST];
	struct rte_mbuf *m[E2E_MAX_BURST];
};

/* Enqueue a burst of F.2.1 encryptions in the old memory, dequeue none. */
static void
inflight_start(struct e2e_env *env, struct inflight *f, char *why)
{
	const struct cbc_vector *v = &env->vec[0];
	unsigned int sent = 0;
	uint64_t deadline = rte_get_timer_cycles() + rte_get_timer_hz();

	memset(f, 0, sizeof(*f));
	f->sess = e2e_dev_cbc_session(env->dev, 1, v->key, v->key_len, why, WHY_LEN);
	if (f->sess == NULL)
		return;
	for (f->n = 0; f->n < E2E_MAX_BURST; f->n++) {
		struct rte_mbuf *m = e2e_dev_mbuf(env->dev, v->plaintext, CBC_VEC_LEN);
		struct rte_crypto_op *op = m == NULL ? NULL :
			op_make(env, f->sess, m, NULL, CBC_VEC_LEN, v->iv);

		if (op == NULL) {
			rte_pktmbuf_free(m);
			e2e_whyf(why, "cannot allocate op or mbuf");
			return;
		}
		f->m[f->n] = m;
		f->ops[f->n] = op;
	}
	while (sent < f->n && rte_get_timer_cycles() < deadline)
		sent += rte_cryptodev_enqueue_burst(env->dev->dev_id, env->dev->qp_id,
						    f->ops + sent, (uint16_t)(f->n - sent));
	if (sent < f->n) {
		e2e_whyf(why, "only %u of %u ops enqueued", sent, f->n);
		env->dev->broken = 1;
	}
}

/* Dequeue the burst inflight_start() left, check it and free it. */
static void
inflight_finish(struct e2e_env *env, struct inflight *f, char *why)
{
	const struct cbc_vector *v = &env->vec[0];
	struct rte_crypto_op *out[E2E_MAX_BURST];
	const uint8_t *want[E2E_MAX_BURST];
	uint64_t deadline = rte_get_timer_cycles() +
			    rte_get_timer_hz() * env->dev->timeout_ms / 1000;
	unsigned int got = 0, i;

	if (env->dev->broken)
		return; /* ops still belong to the device */
	while (why[0] == '\0' && got < f->n) {
		got += rte_cryptodev_dequeue_burst(env->dev->dev_id, env->dev->qp_id,
						   out + got, (uint16_t)(f->n - got));
		if (got < f->n && rte_get_timer_cycles() > deadline) {
			e2e_whyf(why, "%u of %u ops came back within %u ms", got, f->n,
			     env->dev->timeout_ms);
			env->dev->broken = 1;
			return;
		}
	}
	for (i = 0; i < got; i++)
		want[i] = v->ciphertext;
	if (why[0] == '\0')
		ops_check(out, got, NULL, want, CBC_VEC_LEN, why);
	ops_free(f->ops, f->n);
	for (i = 0; i < f->n; i++)
		rte_pktmbuf_free(f->m[i]);
	e2e_dev_session_free(env->dev, f->sess);
}

/* ---- the new memory ------------------------------------------------------ */

/** The new pool's mbufs, split by where their buffer lies. */
struct grown {
	struct rte_mempool *pool;
	struct rte_mbuf **fresh;  /**< wholly in memory mapped by the growth */
	unsigned int nb_fresh;
	struct rte_mbuf **old;    /**< touching memory that existed before */
	unsigned int nb_old;
};

static void
grown_free(struct grown *g)
{
	unsigned int i;

	for (i = 0; i < g->nb_fresh; i++)
		rte_pktmbuf_free(g->fresh[i]);
	for (i = 0; i < g->nb_old; i++)
		rte_pktmbuf_free(g->old[i]);
	free(g->fresh);
	free(g->old);
	rte_mempool_free(g->pool);
	memset(g, 0, sizeof(*g));
}

/* Take every mbuf of the new pool and sort them by old and new memory. */
static int
grown_sort(struct grown *g, const struct mem_snap *before, char *why)
{
	unsigned int n = g->pool->size;
	struct rte_mbuf *m;

	g->fresh = calloc(n, sizeof(*g->fresh));
	g->old = calloc(n, sizeof(*g->old));
	if (g->fresh == NULL || g->old == NULL) {
		e2e_whyf(why, "out of memory");
		return -1;
	}
	while ((m = rte_pktmbuf_alloc(g->pool)) != NULL) {
		if (in_snap(before, (uintptr_t)m->buf_addr, m->buf_len) ||
		    in_snap(before, (uintptr_t)m, sizeof(*m)))
			g->old[g->nb_old++] = m;
		else
			g->fresh[g->nb_fresh++] = m;
	}
	return 0;
}

/** Mbufs the new-memory cases take in turn, spread evenly over it. */
#define GROW_SLOTS (8 * E2E_MAX_BURST)

/* The next of GROW_SLOTS mbufs spread from the first to the last new one:
 * a burst (at most 2 * E2E_MAX_BURST mbufs) never takes one twice. */
static struct rte_mbuf *
next_fresh(const struct grown *g, unsigned int *next)
{
	unsigned int s = (*next)++ % GROW_SLOTS;

	return g->fresh[(uint64_t)s * (g->nb_fresh - 1) / (GROW_SLOTS - 1)];
}

/* Run @p n built ops and check them; frees the ops unless the device kept them. */
static void
grow_run(struct e2e_env *env, struct rte_crypto_op **ops, unsigned int n,
	 const uint8_t *const *in, const uint8_t *const *want, uint32_t len, char *why)
{
	int ret;

	if (why[0] == '\0') {
		ret = e2e_dev_run(env->dev, ops, (uint16_t)n);
		if (ret != 0)
			e2e_whyf(why, "burst of %u did not complete (%d)", n, ret);
		else
			ops_check(ops, n, in, want, len, why);
	}
	if (!env->dev->broken)
		ops_free(ops, n);
}

/*
 * E2E_MAX_BURST AES-CBC ops of @p len bytes on session @p sess, op n
 * ciphering in[n] with @p iv, every buffer fresh from the new memory (dst
 * too when @p oop). @return the ops made (fewer, with @p why set, when
 * one could not be allocated).
 */
static unsigned int
grow_ops(struct e2e_env *env, const struct grown *g, unsigned int *next, void *sess,
	 const uint8_t *const *in, int oop, uint32_t len, const uint8_t *iv,
	 struct rte_crypto_op **ops, char *why)
{
	unsigned int n;

	for (n = 0; sess != NULL && n < E2E_MAX_BURST; n++) {
		struct rte_mbuf *src = next_fresh(g, next);
		struct rte_mbuf *dst = oop ? next_fresh(g, next) : NULL;

		mbuf_fill(src, in[n], len);
		if (dst != NULL)
			mbuf_fill(dst, NULL, len);
		ops[n] = op_make(env, sess, src, dst, len, iv);
		if (ops[n] == NULL) {
			e2e_whyf(why, "cannot allocate an op");
			break;
		}
	}
	return n;
}

/* A NIST vector, E2E_MAX_BURST ops at once, every buffer in new memory. */
static void
grow_kat(struct e2e_env *env, const struct grown *g, const struct cbc_vector *v, int enc,
	 int oop, unsigned int *next)
{
	const uint8_t *in[E2E_MAX_BURST], *want[E2E_MAX_BURST];
	struct rte_crypto_op *ops[E2E_MAX_BURST];
	char name[96], why[WHY_LEN] = "";
	unsigned int n = 0;
	void *sess;

	snprintf(name, sizeof(name), "grow-kat-%s-%s-%s", v->name, enc ? "enc" : "dec",
		 oop ? "oop" : "inplace");
	for (n = 0; n < E2E_MAX_BURST; n++) {
		in[n] = enc ? v->plaintext : v->ciphertext;
		want[n] = enc ? v->ciphertext : v->plaintext;
	}
	sess = e2e_dev_cbc_session(env->dev, enc, v->key, v->key_len, why, WHY_LEN);
	n = grow_ops(env, g, next, sess, in, oop, CBC_VEC_LEN, v->iv, ops, why);
	grow_run(env, ops, n, in, want, CBC_VEC_LEN, why);
	e2e_dev_session_free(env->dev, sess);
	e2e_report(env, name, why);
}

/* Full-size buffers in new memory, checked against the reference. */
static void
grow_ref(struct e2e_env *env, const struct grown *g, unsigned int *next)
{
	static uint8_t pt[E2E_MAX_BURST][GROW_DATA_ROOM], ct[E2E_MAX_BURST][GROW_DATA_ROOM];
	const uint8_t *in[E2E_MAX_BURST], *want[E2E_MAX_BURST];
	struct rte_crypto_op *ops[E2E_MAX_BURST];
	char name[64], why[WHY_LEN] = "";
	uint8_t key[16], iv[16];
	uint64_t seed = 0x6a09e667f3bcc908ULL;
	unsigned int n = 0;
	void *sess;

	snprintf(name, sizeof(name), "grow-cbc-aes128-%uB-oop-burst%u", GROW_DATA_ROOM,
		 E2E_MAX_BURST);
	e2e_fill_random(&seed, key, sizeof(key));
	e2e_fill_random(&seed, iv, sizeof(iv));
	for (n = 0; n < E2E_MAX_BURST; n++) {
		e2e_fill_random(&seed, pt[n], GROW_DATA_ROOM);
		if (ref_cbc(env->ref, 1, key, sizeof(key), iv, pt[n], ct[n], GROW_DATA_ROOM))
			e2e_whyf(why, "reference failed");
		in[n] = pt[n];
		want[n] = ct[n];
	}
	sess = why[0] != '\0' ? NULL :
	       e2e_dev_cbc_session(env->dev, 1, key, sizeof(key), why, WHY_LEN);
	n = grow_ops(env, g, next, sess, in, 1, GROW_DATA_ROOM, iv, ops, why);
	grow_run(env, ops, n, in, want, GROW_DATA_ROOM, why);
	e2e_dev_session_free(env->dev, sess);
	e2e_report(env, name, why);
}

/* Create the pool; the growth case passes when EAL mapped enough new memory. */
static int
grow(struct e2e_env *env, struct grown *g, const struct mem_snap *before, unsigned int mb)
{
	struct mem_snap *after = malloc(sizeof(*after));
	uint32_t elt = sizeof(struct rte_mbuf) + RTE_PKTMBUF_HEADROOM + GROW_DATA_ROOM;
	unsigned int n = (unsigned int)(((uint64_t)mb << 20) / elt);
	char why[WHY_LEN] = "";
	uint64_t t0 = rte_get_timer_cycles(), grown_mb;

	memset(g, 0, sizeof(*g));
	g->pool = rte_pktmbuf_pool_create("e2e_grow", n, 0, 0,
					  RTE_PKTMBUF_HEADROOM + GROW_DATA_ROOM, SOCKET_ID_ANY);
	if (g->pool == NULL) {
		e2e_whyf(why, "cannot create a pool of %u mbufs (%u MiB): %s", n, mb,
		     rte_strerror(rte_errno));
		goto out;
	}
	printf("pool of %u mbufs of %u bytes created in %" PRIu64 " ms\n", n, GROW_DATA_ROOM,
	       (rte_get_timer_cycles() - t0) * 1000 / rte_get_timer_hz());
	if (after == NULL)
		e2e_whyf(why, "out of memory");
	if (why[0] == '\0')
		mem_snap_take(after);
	if (why[0] == '\0') {
		grown_mb = after->bytes > before->bytes ? (after->bytes - before->bytes) >> 20 : 0;
		printf("memory before: %u segments, %" PRIu64 " MiB in %u ranges; after: "
		       "%u segments, %" PRIu64 " MiB in %u ranges\n", before->segs,
		       before->bytes >> 20, before->nranges, after->segs, after->bytes >> 20,
		       after->nranges);
		if (after->overflow)
			e2e_whyf(why, "more than %d memory ranges", GROW_MAX_RANGES);
		else if (grown_mb < mb / 2)
			e2e_whyf(why, "EAL mapped %" PRIu64 " MiB for a %u MiB pool: not dynamic "
			     "memory (--legacy-mem, -m or --no-huge?)", grown_mb, mb);
	}
	if (why[0] == '\0' && grown_sort(g, before, why) == 0) {
		printf("new pool: %u mbufs wholly in new memory, %u touching old memory\n",
		       g->nb_fresh, g->nb_old);
		if (g->nb_fresh < GROW_SLOTS)
			e2e_whyf(why, "only %u mbufs in new memory", g->nb_fresh);
	}
out:
	free(after);
	e2e_report(env, "grow-memory", why);
	return why[0] == '\0' ? 0 : -1;
}

void
e2e_case_grow_memory(struct e2e_env *env, unsigned int mb)
{
	struct mem_snap *before = malloc(sizeof(*before));
	char why[WHY_LEN] = "";
	struct inflight f;
	struct grown g;
	unsigned int next = 0;
	int i, enc, oop, ok;

	if (before == NULL) {
		e2e_report(env, "grow-memory", "out of memory");
		return;
	}
	mem_snap_take(before);
	if (before->overflow) {
		e2e_report(env, "grow-memory", "too many memory ranges to remember");
		free(before);
		return;
	}
	inflight_start(env, &f, why);
	ok = grow(env, &g, before, mb) == 0;
	inflight_finish(env, &f, why);
	e2e_report(env, "grow-inflight-across-growth", why);
	for (i = 0; ok && i < CBC_VEC_COUNT && !env->dev->broken; i++)
		for (oop = 0; oop <= 1; oop++)
			for (enc = 1; enc >= 0; enc--)
				grow_kat(env, &g, &env->vec[i], enc, oop, &next);
	if (ok && !env->dev->broken)
		grow_ref(env, &g, &next);
	grown_free(&g);
	free(before);
	/* The pool's memory is given back: the device must go on in the old. */
	if (!env->dev->broken) {
		why[0] = '\0';
		inflight_start(env, &f, why);
		inflight_finish(env, &f, why);
		e2e_report(env, "grow-kat-after-free", why);
	}
}
