/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#include "symop.h"

/* Layout of an op's private area: cipher IV, auth IV, then the AAD. */
#define SJ_CIPHER_IV_OFF E2E_IV_OFFSET
#define SJ_AUTH_IV_OFF (E2E_IV_OFFSET + SJ_MAX_IV)
#define SJ_AAD_OFF (E2E_IV_OFFSET + 2 * SJ_MAX_IV)
/* DPDK's CCM: the nonce starts one byte into the IV field, the AAD 18
 * bytes into its buffer (room for B0 and the AAD length). */
#define SJ_CCM_IV_SKIP 1
#define SJ_CCM_AAD_SKIP 18

_Static_assert(2 * SJ_MAX_IV + SJ_CCM_AAD_SKIP + SJ_MAX_AAD + 16 <= E2E_OP_PRIV,
	       "op private area holds IVs and AAD");

/* Algorithms whose lengths and offsets DPDK gives in bits. */
static bool
cipher_in_bits(enum rte_crypto_cipher_algorithm a)
{
	return a == RTE_CRYPTO_CIPHER_SNOW3G_UEA2 || a == RTE_CRYPTO_CIPHER_KASUMI_F8 ||
	       a == RTE_CRYPTO_CIPHER_ZUC_EEA3;
}

static bool
auth_in_bits(enum rte_crypto_auth_algorithm a)
{
	return a == RTE_CRYPTO_AUTH_SNOW3G_UIA2 || a == RTE_CRYPTO_AUTH_KASUMI_F9 ||
	       a == RTE_CRYPTO_AUTH_ZUC_EIA3;
}

static bool
has_cipher(const struct sj_xform *x)
{
	return x->kind == SJ_CIPHER || x->kind == SJ_CHAIN;
}

static bool
has_auth(const struct sj_xform *x)
{
	return x->kind == SJ_AUTH || x->kind == SJ_CHAIN;
}

/* Does the op produce a digest (rather than check one)? */
static bool
makes_digest(const struct sj_xform *x)
{
	if (x->kind == SJ_AEAD)
		return x->encrypt;
	return has_auth(x) && !x->verify;
}

const char *
sj_algo_name(const struct sj_xform *x, char *buf, size_t len)
{
	const char *c = rte_crypto_cipher_algorithm_strings[x->cipher];
	const char *a = rte_crypto_auth_algorithm_strings[x->auth];
	const char *dir = x->encrypt ? "enc" : "dec";
	const char *av = x->verify ? "verify" : "gen";

	switch (x->kind) {
	case SJ_CIPHER:
		snprintf(buf, len, "%s-%s", c, dir);
		break;
	case SJ_AUTH:
		snprintf(buf, len, "%s-%s", a, av);
		break;
	case SJ_AEAD:
		snprintf(buf, len, "%s-%s", rte_crypto_aead_algorithm_strings[x->aead], dir);
		break;
	case SJ_CHAIN:
		if (x->auth_first)
			snprintf(buf, len, "%s-%s+%s-%s", a, av, c, dir);
		else
			snprintf(buf, len, "%s-%s+%s-%s", c, dir, a, av);
		break;
	default:
		snprintf(buf, len, "kind-%d", (int)x->kind);
		break;
	}
	return buf;
}

static int
check_layout(uint64_t ff, const struct sj_op *op, char *why, size_t why_len)
{
	bool sgl_in = op->src_segs > 1, sgl_out = op->oop && op->dst_segs > 1;
	uint64_t need;
	const char *what;

	if (!op->oop) {
		need = sgl_in ? RTE_CRYPTODEV_FF_IN_PLACE_SGL : 0;
		what = "IN_PLACE_SGL";
	} else if (sgl_in) {
		need = sgl_out ? RTE_CRYPTODEV_FF_OOP_SGL_IN_SGL_OUT :
				 RTE_CRYPTODEV_FF_OOP_SGL_IN_LB_OUT;
		what = sgl_out ? "OOP_SGL_IN_SGL_OUT" : "OOP_SGL_IN_LB_OUT";
	} else {
		need = sgl_out ? RTE_CRYPTODEV_FF_OOP_LB_IN_SGL_OUT :
				 RTE_CRYPTODEV_FF_OOP_LB_IN_LB_OUT;
		what = sgl_out ? "OOP_LB_IN_SGL_OUT" : "OOP_LB_IN_LB_OUT";
	}
	if ((ff & need) != need) {
		snprintf(why, why_len, "device lacks feature %s", what);
		return -ENOTSUP;
	}
	return 0;
}

int
sj_supported(uint8_t dev_id, uint64_t ff, const struct sj_xform *x, const struct sj_op *op,
	     char *why, size_t why_len)
{
	struct rte_cryptodev_sym_capability_idx idx;
	const struct rte_cryptodev_symmetric_capability *cap;
	char name[96];

	sj_algo_name(x, name, sizeof(name));
	if (has_cipher(x)) {
		idx.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
		idx.algo.cipher = x->cipher;
		cap = rte_cryptodev_sym_capability_get(dev_id, &idx);
		if (cap == NULL) {
			snprintf(why, why_len, "cipher %s not in the capabilities",
				 rte_crypto_cipher_algorithm_strings[x->cipher]);
			return -ENOTSUP;
		}
		if (rte_cryptodev_sym_capability_check_cipher(cap, x->key_len, x->iv_len) != 0) {
			snprintf(why, why_len, "cipher %s: key %u / iv %u not in the capabilities",
				 rte_crypto_cipher_algorithm_strings[x->cipher], x->key_len,
				 x->iv_len);
			return -ENOTSUP;
		}
	}
	if (has_auth(x)) {
		idx.type = RTE_CRYPTO_SYM_XFORM_AUTH;
		idx.algo.auth = x->auth;
		cap = rte_cryptodev_sym_capability_get(dev_id, &idx);
		if (cap == NULL) {
			snprintf(why, why_len, "auth %s not in the capabilities",
				 rte_crypto_auth_algorithm_strings[x->auth]);
			return -ENOTSUP;
		}
		if (rte_cryptodev_sym_capability_check_auth(cap, x->akey_len, x->digest_len,
							    x->auth_iv_len) != 0) {
			snprintf(why, why_len,
				 "auth %s: key %u / digest %u / iv %u not in the capabilities",
				 rte_crypto_auth_algorithm_strings[x->auth], x->akey_len,
				 x->digest_len, x->auth_iv_len);
			return -ENOTSUP;
		}
	}
	if (x->kind == SJ_AEAD) {
		idx.type = RTE_CRYPTO_SYM_XFORM_AEAD;
		idx.algo.aead = x->aead;
		cap = rte_cryptodev_sym_capability_get(dev_id, &idx);
		if (cap == NULL) {
			snprintf(why, why_len, "AEAD %s not in the capabilities",
				 rte_crypto_aead_algorithm_strings[x->aead]);
			return -ENOTSUP;
		}
		if (rte_cryptodev_sym_capability_check_aead(cap, x->key_len, x->digest_len,
							    x->aad_len, x->iv_len) != 0) {
			snprintf(why, why_len,
				 "AEAD %s: key %u / tag %u / aad %u / iv %u not in the capabilities",
				 rte_crypto_aead_algorithm_strings[x->aead], x->key_len,
				 x->digest_len, x->aad_len, x->iv_len);
			return -ENOTSUP;
		}
	}
	if (x->kind == SJ_CHAIN && !(ff & RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING)) {
		snprintf(why, why_len, "device lacks feature SYM_OPERATION_CHAINING");
		return -ENOTSUP;
	}
	return op != NULL ? check_layout(ff, op, why, why_len) : 0;
}

void *
sj_session(struct e2e_dev *dev, const struct sj_xform *x, char *why, size_t why_len)
{
	struct rte_crypto_sym_xform c = { 0 }, a = { 0 }, *first;
	char name[96];
	void *sess;

	c.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	c.cipher.op = x->encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT : RTE_CRYPTO_CIPHER_OP_DECRYPT;
	c.cipher.algo = x->cipher;
	c.cipher.key.data = x->key;
	c.cipher.key.length = x->key_len;
	c.cipher.iv.offset = SJ_CIPHER_IV_OFF;
	c.cipher.iv.length = x->iv_len;

	a.type = RTE_CRYPTO_SYM_XFORM_AUTH;
	a.auth.op = x->verify ? RTE_CRYPTO_AUTH_OP_VERIFY : RTE_CRYPTO_AUTH_OP_GENERATE;
	a.auth.algo = x->auth;
	a.auth.key.data = x->akey;
	a.auth.key.length = x->akey_len;
	a.auth.iv.offset = SJ_AUTH_IV_OFF;
	a.auth.iv.length = x->auth_iv_len;
	a.auth.digest_length = x->digest_len;

	switch (x->kind) {
	case SJ_CIPHER:
		first = &c;
		break;
	case SJ_AUTH:
		first = &a;
		break;
	case SJ_CHAIN:
		first = x->auth_first ? &a : &c;
		first->next = x->auth_first ? &c : &a;
		break;
	case SJ_AEAD:
		first = &c;
		memset(&c, 0, sizeof(c));
		c.type = RTE_CRYPTO_SYM_XFORM_AEAD;
		c.aead.op = x->encrypt ? RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT;
		c.aead.algo = x->aead;
		c.aead.key.data = x->key;
		c.aead.key.length = x->key_len;
		c.aead.iv.offset = SJ_CIPHER_IV_OFF;
		c.aead.iv.length = x->iv_len;
		c.aead.digest_length = x->digest_len;
		c.aead.aad_length = x->aad_len;
		break;
	default:
		snprintf(why, why_len, "unknown kind %d", (int)x->kind);
		return NULL;
	}
	sess = rte_cryptodev_sym_session_create(dev->dev_id, first, dev->sess_pool);
	if (sess == NULL)
		snprintf(why, why_len, "session create (%s) failed: %s",
			 sj_algo_name(x, name, sizeof(name)), rte_strerror(rte_errno));
	return sess;
}

/* xorshift32: where to cut segments, reproducibly. */
static uint32_t
next_rand(uint32_t *s)
{
	uint32_t x = *s != 0 ? *s : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/*
 * A chain of @p segs mbufs holding @p len bytes of @p data (or 0x5a filler
 * when NULL), every segment non-empty, plus @p tail bytes at the end of the
 * last one (where the digest goes). *tail_seg and *tail_off say where.
 */
static struct rte_mbuf *
chain_make(struct rte_mempool *pool, const uint8_t *data, uint32_t len, uint32_t tail,
	   uint8_t segs, uint32_t *seed, struct rte_mbuf **tail_seg, uint32_t *tail_off)
{
	struct rte_mbuf *head = NULL, *m;
	uint32_t remaining = len, done = 0;
	uint8_t i;

	if (segs < 1)
		segs = 1;
	if (segs > len)
		segs = len > 0 ? (uint8_t)len : 1;
	for (i = 0; i < segs; i++) {
		uint32_t piece = remaining, room = i + 1 == segs ? tail : 0;
		uint8_t *p;

		if (i + 1 < segs)
			piece = 1 + next_rand(seed) % (remaining - (segs - 1 - i));
		m = rte_pktmbuf_alloc(pool);
		if (m == NULL)
			goto fail;
		if (piece + room > rte_pktmbuf_tailroom(m))
			m->data_off = 0;
		p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(piece + room));
		if (p == NULL || piece + room > UINT16_MAX) {
			rte_pktmbuf_free(m);
			goto fail;
		}
		if (data != NULL)
			memcpy(p, data + done, piece);
		else
			memset(p, 0x5a, piece);
		memset(p + piece, 0, room);
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			goto fail;
		}
		done += piece;
		remaining -= piece;
		*tail_seg = m;
		*tail_off = piece;
	}
	return head;
fail:
	rte_pktmbuf_free(head);
	return NULL;
}

/* Everything one op owns. */
struct sj_slot {
	struct rte_crypto_op *op;
	struct rte_mbuf *src, *dst;
	uint8_t *digest; /* where the digest is read or written */
};

static int
op_build(struct e2e_dev *dev, void *sess, const struct sj_xform *x, const struct sj_op *o,
	 struct sj_slot *s, char *why, size_t why_len)
{
	struct rte_crypto_op *op;
	struct rte_crypto_sym_op *sym;
	struct rte_mbuf *src_tail, *dst_tail, *dig_seg;
	uint32_t src_off, dst_off, dig_off, seed = o->split_seed;
	uint32_t dlen = x->kind == SJ_AEAD || has_auth(x) ? x->digest_len : 0;
	bool ccm = x->kind == SJ_AEAD && x->aead == RTE_CRYPTO_AEAD_AES_CCM;
	uint8_t *priv;

	memset(s, 0, sizeof(*s));
	s->op = op = rte_crypto_op_alloc(dev->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	if (op == NULL) {
		snprintf(why, why_len, "op pool empty");
		return -ENOMEM;
	}
	s->src = chain_make(dev->mbuf_pool, o->in, o->len, dlen, o->src_segs, &seed,
			    &src_tail, &src_off);
	if (o->oop)
		s->dst = chain_make(dev->mbuf_pool, NULL, o->len, dlen, o->dst_segs, &seed,
				    &dst_tail, &dst_off);
	if (s->src == NULL || (o->oop && s->dst == NULL)) {
		snprintf(why, why_len, "cannot build %u-byte mbuf chains", o->len);
		return -ENOMEM;
	}
	if (rte_crypto_op_attach_sym_session(op, sess) != 0) {
		snprintf(why, why_len, "cannot attach session");
		return -EINVAL;
	}
	sym = op->sym;
	sym->m_src = s->src;
	sym->m_dst = s->dst;

	priv = rte_crypto_op_ctod_offset(op, uint8_t *, SJ_CIPHER_IV_OFF);
	memset(priv, 0, 2 * SJ_MAX_IV + SJ_CCM_AAD_SKIP + x->aad_len + 16);
	if (x->iv_len > 0)
		memcpy(priv + (ccm ? SJ_CCM_IV_SKIP : 0), o->iv, x->iv_len);
	if (x->auth_iv_len > 0)
		memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, SJ_AUTH_IV_OFF), o->auth_iv,
		       x->auth_iv_len);

	/* The digest follows the data: in the output chain when the device
	 * writes it, in the source when it reads it. */
	if (makes_digest(x) && o->oop) {
		dig_seg = dst_tail;
		dig_off = dst_off;
	} else {
		dig_seg = src_tail;
		dig_off = src_off;
	}
	if (dlen > 0) {
		s->digest = rte_pktmbuf_mtod_offset(dig_seg, uint8_t *, dig_off);
		if (!makes_digest(x))
			memcpy(s->digest, o->digest, dlen);
	}

	if (has_cipher(x)) {
		uint32_t m = cipher_in_bits(x->cipher) ? 8 : 1;

		sym->cipher.data.offset = 0;
		sym->cipher.data.length = o->len * m;
	}
	if (has_auth(x)) {
		uint32_t m = auth_in_bits(x->auth) ? 8 : 1;

		sym->auth.data.offset = 0;
		sym->auth.data.length = o->len * m;
		sym->auth.digest.data = s->digest;
		sym->auth.digest.phys_addr = s->digest != NULL ?
			rte_pktmbuf_iova_offset(dig_seg, dig_off) : 0;
	}
	if (x->kind == SJ_AEAD) {
		uint32_t skip = ccm ? SJ_CCM_AAD_SKIP : 0;

		sym->aead.data.offset = 0;
		sym->aead.data.length = o->len;
		sym->aead.digest.data = s->digest;
		sym->aead.digest.phys_addr = s->digest != NULL ?
			rte_pktmbuf_iova_offset(dig_seg, dig_off) : 0;
		sym->aead.aad.data = rte_crypto_op_ctod_offset(op, uint8_t *, SJ_AAD_OFF);
		sym->aead.aad.phys_addr = rte_crypto_op_ctophys_offset(op, SJ_AAD_OFF);
		if (x->aad_len > 0)
			memcpy(sym->aead.aad.data + skip, o->aad, x->aad_len);
	}
	return 0;
}

static void
slot_free(struct sj_slot *s)
{
	rte_crypto_op_free(s->op);
	rte_pktmbuf_free(s->src);
	rte_pktmbuf_free(s->dst);
	memset(s, 0, sizeof(*s));
}

/* Copy the op's output data and digest into @p r. */
static void
op_collect(const struct sj_xform *x, const struct sj_op *o, const struct sj_slot *s,
	   struct sj_result *r)
{
	const struct rte_mbuf *out = s->dst != NULL ? s->dst : s->src;
	const uint8_t *p;

	r->status = s->op->status;
	if (o->len > 0 && r->out != NULL) {
		p = rte_pktmbuf_read(out, 0, o->len, r->out);
		if (p != NULL && p != r->out)
			memcpy(r->out, p, o->len);
	}
	memset(r->digest, 0, sizeof(r->digest));
	if (makes_digest(x) && s->digest != NULL)
		memcpy(r->digest, s->digest, x->digest_len);
	r->src_changed = false;
	if (o->oop && o->len > 0) {
		uint8_t tmp[512];
		uint32_t off;

		for (off = 0; off < o->len && !r->src_changed; off += sizeof(tmp)) {
			uint32_t n = o->len - off < sizeof(tmp) ? o->len - off : sizeof(tmp);

			p = rte_pktmbuf_read(s->src, off, n, tmp);
			r->src_changed = p == NULL || memcmp(p, o->in + off, n) != 0;
		}
	}
}

int
sj_run(struct e2e_dev *dev, uint16_t qp, void *sess, const struct sj_xform *x,
       const struct sj_op *ops, struct sj_result *res, uint16_t n, char *why, size_t why_len)
{
	struct sj_slot slots[E2E_MAX_BURST];
	struct rte_crypto_op *cops[E2E_MAX_BURST];
	uint16_t i, built = 0;
	int ret = 0;

	if (n > E2E_MAX_BURST) {
		snprintf(why, why_len, "burst of %u is too large", n);
		return -EINVAL;
	}
	if (dev->broken) {
		snprintf(why, why_len, "device unusable after an earlier timeout");
		return -EIO;
	}
	for (i = 0; i < n && ret == 0; i++) {
		ret = op_build(dev, sess, x, &ops[i], &slots[i], why, why_len);
		cops[i] = slots[i].op;
		built = i + 1;
	}
	if (ret == 0) {
		ret = e2e_dev_run_qp(dev, qp, cops, n);
		if (ret != 0) {
			snprintf(why, why_len, "burst of %u on queue pair %u did not complete (%s)",
				 n, qp, strerror(-ret));
			/* Ops still in flight belong to the device now. */
			return ret;
		}
		for (i = 0; i < n; i++)
			op_collect(x, &ops[i], &slots[i], &res[i]);
	}
	for (i = 0; i < built; i++)
		slot_free(&slots[i]);
	return ret;
}
