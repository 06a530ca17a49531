/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cryptodev.h>

#include "kat_cases.h"
#include "kat_table.h"
#include "symop.h"

#define WHY_LEN 320

/* Mbuf layouts each operation runs in. */
struct layout {
	const char *name;
	bool oop;
	uint8_t src_segs;
	uint8_t dst_segs;
};

static const struct layout layouts[] = {
	{ "inplace", false, 1, 1 },
	{ "oop", true, 1, 1 },
	{ "inplace-3seg", false, 3, 1 },
	{ "oop-3seg-in-2seg-out", true, 3, 2 },
	{ "oop-1seg-in-3seg-out", true, 1, 3 },
};

/* One operation of a vector and what it must give. */
struct kat_op {
	const char *label;          /* enc, dec, gen, verify, ... */
	struct sj_xform x;
	const uint8_t *in;
	const uint8_t *want_out;    /* NULL: not checked */
	const uint8_t *want_digest; /* generated digest to compare, or NULL */
	const uint8_t *digest_in;   /* digest or tag given to check */
	int want_status;
};

static void
report(struct e2e_env *env, const char *verdict, const char *name, const char *why)
{
	if (strcmp(verdict, "PASS") == 0)
		env->tally.passed++;
	else if (strcmp(verdict, "FAIL") == 0)
		env->tally.failed++;
	else
		env->skipped++;
	printf("%s %s%s%s\n", verdict, name, why[0] != '\0' ? ": " : "", why);
	fflush(stdout);
}

static const char *
status_name(int s)
{
	switch (s) {
	case RTE_CRYPTO_OP_STATUS_SUCCESS: return "SUCCESS";
	case RTE_CRYPTO_OP_STATUS_NOT_PROCESSED: return "NOT_PROCESSED";
	case RTE_CRYPTO_OP_STATUS_AUTH_FAILED: return "AUTH_FAILED";
	case RTE_CRYPTO_OP_STATUS_INVALID_SESSION: return "INVALID_SESSION";
	case RTE_CRYPTO_OP_STATUS_INVALID_ARGS: return "INVALID_ARGS";
	case RTE_CRYPTO_OP_STATUS_ERROR: return "ERROR";
	default: return "?";
	}
}

/* Run @p k once on @p dev in layout @p l and check the outcome. @return 0 or -1 (why set) */
static int
run_check(struct e2e_env *env, struct e2e_dev *dev, const struct kat_vec *v,
	  const struct kat_op *k, const struct layout *l, char *why)
{
	uint32_t len = v->pt.len;
	uint8_t *out = malloc(len > 0 ? len : 1);
	struct sj_op op = {
		.in = k->in, .len = len, .iv = v->iv.data, .auth_iv = v->auth_iv.data,
		.aad = v->aad.data, .digest = k->digest_in, .oop = l->oop,
		.src_segs = l->src_segs, .dst_segs = l->dst_segs, .split_seed = len * 7919u + 1,
	};
	struct sj_result r = { .out = out };
	uint16_t qp = 0;
	void *sess;
	int ret = -1;

	if (out == NULL) {
		snprintf(why, WHY_LEN, "out of memory");
		return -1;
	}
	if (dev == env->dev) {
		qp = env->next_qp;
		env->next_qp = (uint16_t)((env->next_qp + 1) % dev->nb_qps);
	}
	sess = sj_session(dev, &k->x, why, WHY_LEN);
	if (sess != NULL && sj_run(dev, qp, sess, &k->x, &op, &r, 1, why, WHY_LEN) == 0) {
		char what[64];

		snprintf(what, sizeof(what), "%s: output", l->name);
		if (r.status != k->want_status)
			snprintf(why, WHY_LEN, "%s (qp %u): status %s, want %s", l->name, qp,
				 status_name(r.status), status_name(k->want_status));
		else if (r.status != RTE_CRYPTO_OP_STATUS_SUCCESS)
			ret = 0; /* a refused op's output is not defined */
		else if (k->want_out != NULL && e2e_diff(why, what, out, k->want_out, len) != 0)
			;
		else if (k->want_digest != NULL &&
			 e2e_diff(why, l->name, r.digest, k->want_digest, k->x.digest_len) != 0)
			;
		else if (r.src_changed)
			snprintf(why, WHY_LEN, "%s: source modified by an out-of-place op", l->name);
		else
			ret = 0;
	}
	if (sess != NULL)
		rte_cryptodev_sym_session_free(dev->dev_id, sess);
	free(out);
	return ret;
}

/* The session parameters a vector implies. */
static struct sj_xform
base_xform(const struct kat_vec *v)
{
	struct sj_xform x = {
		.cipher = v->cipher, .auth = v->auth, .aead = v->aead,
		.key = v->key.data, .key_len = (uint16_t)v->key.len,
		.akey = v->akey.data, .akey_len = (uint16_t)v->akey.len,
		.iv_len = (uint16_t)v->iv.len, .auth_iv_len = (uint16_t)v->auth_iv.len,
		.digest_len = (uint16_t)v->digest.len, .aad_len = (uint16_t)v->aad.len,
	};

	switch (v->kind) {
	case KAT_CIPHER:
		x.kind = SJ_CIPHER;
		x.digest_len = 0;
		break;
	case KAT_AUTH:
		x.kind = SJ_AUTH;
		break;
	case KAT_AEAD:
		x.kind = SJ_AEAD;
		break;
	case KAT_CHAIN:
	default:
		x.kind = SJ_CHAIN;
		break;
	}
	return x;
}

/* Fill @p ops with the operations of @p v. @return how many */
static unsigned int
vector_ops(const struct kat_vec *v, const uint8_t *bad_digest, struct kat_op *ops)
{
	struct sj_xform x = base_xform(v);
	unsigned int n = 0;
	int ok = RTE_CRYPTO_OP_STATUS_SUCCESS, bad = RTE_CRYPTO_OP_STATUS_AUTH_FAILED;

	switch (x.kind) {
	case SJ_CIPHER:
		x.encrypt = true;
		ops[n++] = (struct kat_op){ "enc", x, v->pt.data, v->ct.data, NULL, NULL, ok };
		x.encrypt = false;
		ops[n++] = (struct kat_op){ "dec", x, v->ct.data, v->pt.data, NULL, NULL, ok };
		break;
	case SJ_AUTH:
		ops[n++] = (struct kat_op){ "gen", x, v->pt.data, v->pt.data, v->digest.data,
					    NULL, ok };
		x.verify = true;
		ops[n++] = (struct kat_op){ "verify", x, v->pt.data, v->pt.data, NULL,
					    v->digest.data, ok };
		ops[n++] = (struct kat_op){ "verify-wrong-digest", x, v->pt.data, NULL, NULL,
					    bad_digest, bad };
		break;
	case SJ_AEAD:
		x.encrypt = true;
		ops[n++] = (struct kat_op){ "enc", x, v->pt.data, v->ct.data, v->digest.data,
					    NULL, ok };
		x.encrypt = false;
		ops[n++] = (struct kat_op){ "dec", x, v->ct.data, v->pt.data, NULL,
					    v->digest.data, ok };
		ops[n++] = (struct kat_op){ "dec-wrong-tag", x, v->ct.data, NULL, NULL,
					    bad_digest, bad };
		break;
	case SJ_CHAIN:
	default:
		x.encrypt = true;
		ops[n++] = (struct kat_op){ "cipher-then-hash enc+gen", x, v->pt.data,
					    v->ct.data, v->digest.data, NULL, ok };
		x.encrypt = false;
		x.verify = true;
		x.auth_first = true;
		ops[n++] = (struct kat_op){ "hash-then-cipher verify+dec", x, v->ct.data,
					    v->pt.data, NULL, v->digest.data, ok };
		ops[n++] = (struct kat_op){ "hash-then-cipher verify+dec wrong digest", x,
					    v->ct.data, NULL, NULL, bad_digest, bad };
		break;
	}
	return n;
}

/* Check the vector's first operation on the reference device. */
static void
ref_check(struct e2e_env *env, const struct kat_vec *v, const struct kat_op *k)
{
	char name[160], why[WHY_LEN] = "";

	snprintf(name, sizeof(name), "ref[%s] %s on %s", v->name, k->label,
		 rte_cryptodev_name_get(env->refdev->dev_id));
	if (sj_supported(env->refdev->dev_id, env->refdev->feature_flags, &k->x, NULL, why,
			 WHY_LEN) != 0) {
		report(env, "SKIP", name, why);
		return;
	}
	why[0] = '\0';
	run_check(env, env->refdev, v, k, &layouts[0], why);
	report(env, why[0] == '\0' ? "PASS" : "FAIL", name, why);
}

/* The device does not offer @p v: a session for it must be refused. */
static void
skip_vector(struct e2e_env *env, const struct kat_vec *v, const struct kat_op *k,
	    const char *reason)
{
	char name[160], why[WHY_LEN];
	char ignored[WHY_LEN];
	void *sess;

	snprintf(name, sizeof(name), "kat[%s]", v->name);
	sess = sj_session(env->dev, &k->x, ignored, sizeof(ignored));
	if (sess != NULL) {
		rte_cryptodev_sym_session_free(env->dev->dev_id, sess);
		snprintf(why, sizeof(why), "not in the capabilities (%s), but a session "
			 "for it was accepted", reason);
		report(env, "FAIL", name, why);
		return;
	}
	snprintf(why, sizeof(why), "%s; session creation refused", reason);
	report(env, "SKIP", name, why);
}

static void
run_vector(struct e2e_env *env, const struct kat_vec *v)
{
	struct kat_op ops[4];
	uint8_t bad_digest[SJ_MAX_DIGEST];
	unsigned int n, i, j;
	char why[WHY_LEN] = "";

	memcpy(bad_digest, v->digest.data != NULL ? v->digest.data : bad_digest,
	       v->digest.len);
	if (v->digest.len > 0)
		bad_digest[v->digest.len / 2] ^= 0x01;
	n = vector_ops(v, bad_digest, ops);
	if (env->refdev != NULL)
		ref_check(env, v, &ops[0]);
	if (sj_supported(env->dev->dev_id, env->dev->feature_flags, &ops[0].x, NULL, why,
			 WHY_LEN) != 0) {
		skip_vector(env, v, &ops[0], why);
		return;
	}
	for (i = 0; i < n; i++) {
		char name[200], skipped[WHY_LEN] = "";
		unsigned int ran = 0;

		snprintf(name, sizeof(name), "kat[%s] %s", v->name, ops[i].label);
		why[0] = '\0';
		/* A device may list an algorithm it then refuses (QEMU's builtin
		 * backend lists SHA1 and refuses HASH sessions): SKIP, or FAIL
		 * with --strict-sessions (a vcrypto backend must take them). */
		if (!env->dev->broken) {
			void *sess = sj_session(env->dev, &ops[i].x, why, WHY_LEN);
			char reason[WHY_LEN + 64];

			if (sess == NULL) {
				snprintf(reason, sizeof(reason), "in the capabilities, but the "
					 "device refused the session: %s", why);
				report(env, env->strict_sessions ? "FAIL" : "SKIP", name, reason);
				continue;
			}
			rte_cryptodev_sym_session_free(env->dev->dev_id, sess);
		}
		for (j = 0; j < RTE_DIM(layouts) && why[0] == '\0'; j++) {
			const struct layout *l = &layouts[j];
			struct sj_op probe = { .oop = l->oop, .src_segs = l->src_segs,
					       .dst_segs = l->dst_segs };
			char lwhy[WHY_LEN] = "";

			/* A MAC or hash writes no data: out of place means nothing. */
			if (ops[i].x.kind == SJ_AUTH && l->oop)
				continue;
			if (sj_supported(env->dev->dev_id, env->dev->feature_flags, &ops[i].x,
					 &probe, lwhy, WHY_LEN) != 0) {
				snprintf(skipped, sizeof(skipped), " (%s skipped: %s)", l->name,
					 lwhy);
				continue;
			}
			if (env->dev->broken) {
				snprintf(why, WHY_LEN, "device unusable after an earlier timeout");
				break;
			}
			run_check(env, env->dev, v, &ops[i], l, why);
			ran++;
		}
		if (why[0] == '\0')
			snprintf(why, WHY_LEN, "%u layouts%s", ran, skipped);
		else
			ran = 0;
		report(env, ran > 0 ? "PASS" : "FAIL", name, why);
	}
}

void
kat_cases_run(struct e2e_env *env)
{
	unsigned int i;

	for (i = 0; i < kat_table_len; i++)
		run_vector(env, &kat_table[i]);
}
