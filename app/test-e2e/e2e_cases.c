/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_mbuf.h>

#include "e2e_cases.h"

#define WHY_LEN E2E_WHY_LEN

void
e2e_report(struct e2e_env *env, const char *name, const char *why)
{
	if (why[0] == '\0') {
		env->tally.passed++;
		printf("PASS %s\n", name);
	} else {
		env->tally.failed++;
		printf("FAIL %s: %s\n", name, why);
	}
	fflush(stdout);
}

void
e2e_whyf(char *why, const char *fmt, ...)
{
	va_list ap;

	if (why[0] != '\0')
		return; /* keep the first reason */
	va_start(ap, fmt);
	vsnprintf(why, WHY_LEN, fmt, ap);
	va_end(ap);
}

int
e2e_diff(char *why, const char *what, const uint8_t *got, const uint8_t *want, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (got[i] != want[i]) {
			e2e_whyf(why, "%s differs at byte %u of %u (got %02x, want %02x)",
			     what, i, len, got[i], want[i]);
			return -1;
		}
	return 0;
}

void
e2e_case_ref_selfcheck(struct e2e_env *env)
{
	int i, enc;

	for (i = 0; i < CBC_VEC_COUNT; i++) {
		for (enc = 1; enc >= 0; enc--) {
			const struct cbc_vector *v = &env->vec[i];
			uint8_t out[CBC_VEC_LEN];
			char name[64], why[WHY_LEN] = "";
			int ret;

			snprintf(name, sizeof(name), "ref-selfcheck-%s-%s", v->name,
				 enc ? "enc" : "dec");
			memset(out, 0, sizeof(out));
			ret = ref_cbc(env->ref, enc, v->key, v->key_len, v->iv,
				      enc ? v->plaintext : v->ciphertext, out, CBC_VEC_LEN);
			if (ret != 0)
				e2e_whyf(why, "ref_cbc returned %d", ret);
			else
				e2e_diff(why, "reference output", out,
				     enc ? v->ciphertext : v->plaintext, CBC_VEC_LEN);
			e2e_report(env, name, why);
		}
	}
}

void
e2e_case_capabilities(struct e2e_env *env)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = RTE_CRYPTO_CIPHER_AES_CBC,
	};
	const struct rte_cryptodev_symmetric_capability *cap;
	static const uint16_t keys[] = { 16, 24, 32 };
	unsigned int i;

	cap = rte_cryptodev_sym_capability_get(env->dev->dev_id, &idx);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char name[64], why[WHY_LEN] = "";

		snprintf(name, sizeof(name), "capability-aes%u-cbc", keys[i] * 8);
		if (cap == NULL)
			e2e_whyf(why, "AES-CBC not in the device's capabilities");
		else if (rte_cryptodev_sym_capability_check_cipher(cap, keys[i], 16) != 0)
			e2e_whyf(why, "%u-byte key with 16-byte IV not advertised", keys[i]);
		e2e_report(env, name, why);
	}
}

/* Everything one burst in one direction needs, freed by burst_free(). */
struct burst {
	uint16_t n;
	struct rte_crypto_op *ops[E2E_MAX_BURST];
	struct rte_mbuf *src[E2E_MAX_BURST];
	struct rte_mbuf *dst[E2E_MAX_BURST]; /* NULL when in place */
};

static void
burst_free(struct burst *b)
{
	uint16_t i;

	for (i = 0; i < b->n; i++) {
		rte_crypto_op_free(b->ops[i]);
		rte_pktmbuf_free(b->src[i]);
		rte_pktmbuf_free(b->dst[i]);
	}
	memset(b, 0, sizeof(*b));
}

/*
 * Build @p n ops over inputs in[i] (len bytes each) with IVs iv[i].
 * @return 0, or -1 with @p why set
 */
static int
burst_build(struct e2e_env *env, struct burst *b, void *sess, uint16_t n,
	    const uint8_t *const *in, const uint8_t *const *iv, uint32_t len, int oop,
	    char *why)
{
	uint16_t i;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < n; i++) {
		struct rte_crypto_op *op;

		b->n = i + 1;
		b->ops[i] = op = rte_crypto_op_alloc(env->dev->op_pool,
						     RTE_CRYPTO_OP_TYPE_SYMMETRIC);
		b->src[i] = e2e_dev_mbuf(env->dev, in[i], len);
		if (oop)
			b->dst[i] = e2e_dev_mbuf(env->dev, NULL, len);
		if (op == NULL || b->src[i] == NULL || (oop && b->dst[i] == NULL)) {
			e2e_whyf(why, "cannot allocate op or %u-byte mbuf", len);
			return -1;
		}
		if (rte_crypto_op_attach_sym_session(op, sess) != 0) {
			e2e_whyf(why, "cannot attach session");
			return -1;
		}
		op->sym->m_src = b->src[i];
		op->sym->m_dst = b->dst[i];
		op->sym->cipher.data.offset = 0;
		op->sym->cipher.data.length = len;
		memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, E2E_IV_OFFSET), iv[i], 16);
	}
	return 0;
}

/* Run a built burst and check every op's status. @return 0, or -1 with @p why set */
static int
burst_run(struct e2e_env *env, struct burst *b, char *why)
{
	uint16_t i;
	int ret = e2e_dev_run(env->dev, b->ops, b->n);

	if (ret != 0) {
		e2e_whyf(why, "burst of %u did not complete (%d)", b->n, ret);
		/* Ops still in flight belong to the device now: do not free them. */
		memset(b, 0, sizeof(*b));
		return -1;
	}
	for (i = 0; i < b->n; i++)
		if (b->ops[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS) {
			e2e_whyf(why, "op %u of %u: status %d", i, b->n, b->ops[i]->status);
			return -1;
		}
	return 0;
}

/* The bytes an op produced: its destination, or its source when in place. */
static const uint8_t *
burst_out(const struct burst *b, uint16_t i)
{
	return rte_pktmbuf_mtod(b->dst[i] != NULL ? b->dst[i] : b->src[i], const uint8_t *);
}

/* One direction with burst 1: a NIST vector. */
static void
kat_one(struct e2e_env *env, const struct cbc_vector *v, int enc, int oop)
{
	const uint8_t *in = enc ? v->plaintext : v->ciphertext;
	const uint8_t *want = enc ? v->ciphertext : v->plaintext;
	const uint8_t *iv = v->iv;
	char name[96], why[WHY_LEN] = "";
	struct burst b = { 0 };
	void *sess;

	snprintf(name, sizeof(name), "kat-%s-%s-%s", v->name, enc ? "enc" : "dec",
		 oop ? "oop" : "inplace");
	if (env->dev->broken) {
		e2e_report(env, name, "device unusable after an earlier timeout");
		return;
	}
	sess = e2e_dev_cbc_session(env->dev, enc, v->key, v->key_len, why, WHY_LEN);
	if (sess != NULL &&
	    burst_build(env, &b, sess, 1, &in, &iv, CBC_VEC_LEN, oop, why) == 0 &&
	    burst_run(env, &b, why) == 0) {
		e2e_diff(why, "output", burst_out(&b, 0), want, CBC_VEC_LEN);
		if (oop)
			e2e_diff(why, "source after out-of-place op",
			     rte_pktmbuf_mtod(b.src[0], const uint8_t *), in, CBC_VEC_LEN);
	}
	burst_free(&b);
	e2e_dev_session_free(env->dev, sess);
	e2e_report(env, name, why);
}

void
e2e_case_kat(struct e2e_env *env)
{
	int i, enc, oop;

	for (i = 0; i < CBC_VEC_COUNT; i++)
		for (oop = 0; oop <= 1; oop++)
			for (enc = 1; enc >= 0; enc--)
				kat_one(env, &env->vec[i], enc, oop);
}

void
e2e_fill_random(uint64_t *state, uint8_t *p, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++) {
		*state ^= *state >> 12;
		*state ^= *state << 25;
		*state ^= *state >> 27;
		p[i] = (uint8_t)((*state * 0x2545f4914f6cdd1dULL) >> 56);
	}
}

/* Per-case plaintexts, ciphertexts and IVs. */
struct size_data {
	uint8_t key[32];
	uint8_t *pt[E2E_MAX_BURST];
	uint8_t *ct[E2E_MAX_BURST];
	uint8_t iv_store[E2E_MAX_BURST][16];
	const uint8_t *iv[E2E_MAX_BURST];
};

static void
size_data_free(struct size_data *d)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_BURST; i++) {
		free(d->pt[i]);
		free(d->ct[i]);
	}
}

static int
size_data_make(struct e2e_env *env, struct size_data *d, uint32_t key_len, uint32_t len,
	       uint16_t burst, uint64_t seed, char *why)
{
	uint16_t i;
	int ret;

	memset(d, 0, sizeof(*d));
	e2e_fill_random(&seed, d->key, sizeof(d->key));
	for (i = 0; i < burst; i++) {
		d->pt[i] = malloc(len);
		d->ct[i] = malloc(len);
		if (d->pt[i] == NULL || d->ct[i] == NULL) {
			e2e_whyf(why, "out of memory");
			return -1;
		}
		e2e_fill_random(&seed, d->pt[i], len);
		e2e_fill_random(&seed, d->iv_store[i], 16);
		d->iv[i] = d->iv_store[i];
		ret = ref_cbc(env->ref, 1, d->key, key_len, d->iv[i], d->pt[i], d->ct[i], len);
		if (ret != 0) {
			e2e_whyf(why, "reference failed (%d)", ret);
			return -1;
		}
	}
	return 0;
}

/* Run one direction and compare each output; @return 0 or -1 with @p why set */
static int
size_pass(struct e2e_env *env, void *sess, struct size_data *d, int enc, uint32_t len,
	  int oop, uint16_t burst, char *why)
{
	const uint8_t *const *in = (const uint8_t *const *)(enc ? d->pt : d->ct);
	uint8_t *const *want = enc ? d->ct : d->pt;
	struct burst b;
	uint16_t i;
	int ret = -1;

	if (burst_build(env, &b, sess, burst, in, d->iv, len, oop, why) == 0 &&
	    burst_run(env, &b, why) == 0) {
		ret = 0;
		for (i = 0; i < burst && ret == 0; i++) {
			char what[64];

			snprintf(what, sizeof(what), "%s output of op %u",
				 enc ? "encrypt" : "decrypt", i);
			ret = e2e_diff(why, what, burst_out(&b, i), want[i], len);
			if (ret == 0 && oop)
				ret = e2e_diff(why, "source after out-of-place op",
					   rte_pktmbuf_mtod(b.src[i], const uint8_t *),
					   in[i], len);
		}
	}
	burst_free(&b);
	return ret;
}

void
e2e_case_size(struct e2e_env *env, uint32_t key_len, uint32_t len, int oop, uint16_t burst)
{
	char name[96], why[WHY_LEN] = "";
	void *enc_sess = NULL, *dec_sess = NULL;
	struct size_data d;

	snprintf(name, sizeof(name), "cbc-aes%u-%uB-%s-burst%u", key_len * 8, len,
		 oop ? "oop" : "inplace", burst);
	if (env->dev->broken) {
		e2e_report(env, name, "device unusable after an earlier timeout");
		return;
	}
	if (size_data_make(env, &d, key_len, len, burst,
			   0x9e3779b97f4a7c15ULL ^ ((uint64_t)len << 20) ^ (key_len << 8) ^
			   ((uint64_t)oop << 7) ^ burst, why) == 0) {
		enc_sess = e2e_dev_cbc_session(env->dev, 1, d.key, key_len, why, WHY_LEN);
		dec_sess = e2e_dev_cbc_session(env->dev, 0, d.key, key_len, why, WHY_LEN);
	}
	if (enc_sess != NULL && dec_sess != NULL &&
	    size_pass(env, enc_sess, &d, 1, len, oop, burst, why) == 0)
		size_pass(env, dec_sess, &d, 0, len, oop, burst, why);
	e2e_dev_session_free(env->dev, enc_sess);
	e2e_dev_session_free(env->dev, dec_sess);
	size_data_free(&d);
	e2e_report(env, name, why);
}
