/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cryptodev.h>

#include "diff.h"

#define C(a, rule, blk) { .kind = SJ_CIPHER, .cipher = RTE_CRYPTO_CIPHER_##a, \
	.len_rule = (rule), .block = (blk) }
#define A(a, rule) { .kind = SJ_AUTH, .auth = RTE_CRYPTO_AUTH_##a, .len_rule = (rule), \
	.block = 1 }
#define AE(a) { .kind = SJ_AEAD, .aead = RTE_CRYPTO_AEAD_##a, .len_rule = DIFF_LEN_ANY, \
	.block = 1 }
#define CH(c, a, rule, blk) { .kind = SJ_CHAIN, .cipher = RTE_CRYPTO_CIPHER_##c, \
	.auth = RTE_CRYPTO_AUTH_##a, .len_rule = (rule), .block = (blk) }

/* Every algorithm either device might offer, and chains of common pairs. */
static struct diff_algo algos[] = {
	C(AES_CBC, DIFF_LEN_BLOCK, 16), C(AES_CTR, DIFF_LEN_ANY, 1),
	C(AES_ECB, DIFF_LEN_BLOCK, 16), C(AES_XTS, DIFF_LEN_BLOCK, 16),
	C(DES_CBC, DIFF_LEN_BLOCK, 8), C(3DES_CBC, DIFF_LEN_BLOCK, 8),
	C(3DES_ECB, DIFF_LEN_BLOCK, 8), C(3DES_CTR, DIFF_LEN_ANY, 1),
	C(SNOW3G_UEA2, DIFF_LEN_NONZERO, 1), C(KASUMI_F8, DIFF_LEN_NONZERO, 1),
	C(ZUC_EEA3, DIFF_LEN_NONZERO, 1),
	A(MD5, DIFF_LEN_ANY), A(SHA1, DIFF_LEN_ANY), A(SHA224, DIFF_LEN_ANY),
	A(SHA256, DIFF_LEN_ANY), A(SHA384, DIFF_LEN_ANY), A(SHA512, DIFF_LEN_ANY),
	/*
	 * HMAC over an empty message, and a chain whose cipher range is empty,
	 * are refused by intel-ipsec-mb 1.3 ("Invalid authentication/cipher
	 * message length"): the backend answers ERR. A known limitation,
	 * documented in doc/guides/wire-conventions.rst; not drawn here.
	 */
	A(MD5_HMAC, DIFF_LEN_NONZERO), A(SHA1_HMAC, DIFF_LEN_NONZERO),
	A(SHA224_HMAC, DIFF_LEN_NONZERO), A(SHA256_HMAC, DIFF_LEN_NONZERO),
	A(SHA384_HMAC, DIFF_LEN_NONZERO), A(SHA512_HMAC, DIFF_LEN_NONZERO), A(AES_CMAC, DIFF_LEN_ANY), A(AES_XCBC_MAC, DIFF_LEN_ANY),
	A(AES_GMAC, DIFF_LEN_ANY), A(SNOW3G_UIA2, DIFF_LEN_NONZERO),
	A(ZUC_EIA3, DIFF_LEN_NONZERO), A(KASUMI_F9, DIFF_LEN_NONZERO),
	AE(AES_GCM), AE(AES_CCM), AE(CHACHA20_POLY1305),
	CH(AES_CBC, SHA1_HMAC, DIFF_LEN_BLOCK, 16), CH(AES_CBC, SHA256_HMAC, DIFF_LEN_BLOCK, 16),
	CH(AES_CBC, SHA512_HMAC, DIFF_LEN_BLOCK, 16), CH(AES_CTR, SHA1_HMAC, DIFF_LEN_NONZERO, 1),
	CH(AES_CTR, AES_XCBC_MAC, DIFF_LEN_NONZERO, 1), CH(3DES_CBC, SHA1_HMAC, DIFF_LEN_BLOCK, 8),
	CH(AES_CBC, SHA256, DIFF_LEN_BLOCK, 16), CH(AES_CBC, MD5_HMAC, DIFF_LEN_BLOCK, 16),
	CH(SNOW3G_UEA2, SNOW3G_UIA2, DIFF_LEN_NONZERO, 1),
	CH(ZUC_EEA3, ZUC_EIA3, DIFF_LEN_NONZERO, 1),
};

struct diff_algo *
diff_algos(unsigned int *n)
{
	*n = RTE_DIM(algos);
	return algos;
}

uint64_t
diff_rand(struct diff_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t
diff_below(struct diff_rng *r, uint32_t n)
{
	return (uint32_t)(diff_rand(r) % n);
}

void
diff_fill(struct diff_rng *r, uint8_t *p, uint32_t len)
{
	uint32_t i;
	uint64_t v = 0;

	for (i = 0; i < len; i++) {
		if (i % 8 == 0)
			v = diff_rand(r);
		p[i] = (uint8_t)(v >> (8 * (i % 8)));
	}
}

static bool
in_range(const struct rte_crypto_param_range *r, uint32_t v)
{
	if (v < r->min || v > r->max)
		return false;
	return r->increment == 0 ? v == r->min : (v - r->min) % r->increment == 0;
}

/*
 * A value both ranges allow, not above @p cap: random when @p r is given,
 * the smallest otherwise. @return the value, or -1 when there is none.
 */
static int
pick_common(const struct rte_crypto_param_range rr[2], uint32_t cap, struct diff_rng *r)
{
	uint32_t vals[256], n = 0, v, step = rr[0].increment ? rr[0].increment : 1;

	for (v = rr[0].min; v <= rr[0].max && v <= cap && n < RTE_DIM(vals); v += step) {
		if (in_range(&rr[1], v))
			vals[n++] = v;
		if (rr[0].increment == 0)
			break;
	}
	if (n == 0)
		return -1;
	return (int)(r != NULL ? vals[diff_below(r, n)] : vals[0]);
}

static const struct rte_cryptodev_symmetric_capability *
cap_get(uint8_t dev, enum rte_crypto_sym_xform_type t, int algo)
{
	struct rte_cryptodev_sym_capability_idx idx = { .type = t };

	if (t == RTE_CRYPTO_SYM_XFORM_CIPHER)
		idx.algo.cipher = algo;
	else if (t == RTE_CRYPTO_SYM_XFORM_AUTH)
		idx.algo.auth = algo;
	else
		idx.algo.aead = algo;
	return rte_cryptodev_sym_capability_get(dev, &idx);
}

/* @return 0, or -1 with al->why_not set */
static int
probe_one(struct diff_algo *al, const uint8_t devs[2], enum rte_crypto_sym_xform_type t,
	  int algo, const char *name)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct rte_cryptodev_symmetric_capability *c = cap_get(devs[i], t, algo);

		if (c == NULL) {
			snprintf(al->why_not, sizeof(al->why_not), "%s not offered by %s", name,
				 rte_cryptodev_name_get(devs[i]));
			return -1;
		}
		switch (t) {
		case RTE_CRYPTO_SYM_XFORM_CIPHER:
			al->key[i] = c->cipher.key_size;
			al->iv[i] = c->cipher.iv_size;
			break;
		case RTE_CRYPTO_SYM_XFORM_AUTH:
			al->akey[i] = c->auth.key_size;
			al->auth_iv[i] = c->auth.iv_size;
			al->digest[i] = c->auth.digest_size;
			break;
		case RTE_CRYPTO_SYM_XFORM_AEAD:
		default:
			al->key[i] = c->aead.key_size;
			al->iv[i] = c->aead.iv_size;
			al->digest[i] = c->aead.digest_size;
			al->aad[i] = c->aead.aad_size;
			break;
		}
	}
	return 0;
}

void
diff_algo_probe(struct diff_algo *al, uint8_t dut, uint8_t ref)
{
	const uint8_t devs[2] = { dut, ref };
	struct sj_xform x = { .kind = al->kind, .cipher = al->cipher, .auth = al->auth,
			      .aead = al->aead, .encrypt = true };
	bool c = al->kind == SJ_CIPHER || al->kind == SJ_CHAIN;
	bool a = al->kind == SJ_AUTH || al->kind == SJ_CHAIN;

	sj_algo_name(&x, al->name, sizeof(al->name));
	al->usable = false;
	memset(al->key, 0, sizeof(al->key));
	memset(al->akey, 0, sizeof(al->akey));
	memset(al->iv, 0, sizeof(al->iv));
	memset(al->auth_iv, 0, sizeof(al->auth_iv));
	memset(al->digest, 0, sizeof(al->digest));
	memset(al->aad, 0, sizeof(al->aad));
	if (c && probe_one(al, devs, RTE_CRYPTO_SYM_XFORM_CIPHER, al->cipher,
			   rte_crypto_cipher_algorithm_strings[al->cipher]) != 0)
		return;
	if (a && probe_one(al, devs, RTE_CRYPTO_SYM_XFORM_AUTH, al->auth,
			   rte_crypto_auth_algorithm_strings[al->auth]) != 0)
		return;
	if (al->kind == SJ_AEAD &&
	    probe_one(al, devs, RTE_CRYPTO_SYM_XFORM_AEAD, al->aead,
		      rte_crypto_aead_algorithm_strings[al->aead]) != 0)
		return;
	if (pick_common(al->key, DIFF_MAX_KEY, NULL) < 0 ||
	    pick_common(al->akey, DIFF_MAX_KEY, NULL) < 0 ||
	    pick_common(al->iv, SJ_MAX_IV, NULL) < 0 ||
	    pick_common(al->auth_iv, SJ_MAX_IV, NULL) < 0 ||
	    pick_common(al->digest, SJ_MAX_DIGEST, NULL) < 0 ||
	    pick_common(al->aad, DIFF_MAX_AAD, NULL) < 0) {
		snprintf(al->why_not, sizeof(al->why_not),
			 "no key/iv/digest/aad size both devices accept");
		return;
	}
	al->usable = true;
}

/*
 * HMAC digest sizes to use: the full one and the truncated one of the
 * IPsec RFCs. crypto_aesni_mb (DPDK 22.11) gives digests that disagree with
 * crypto_openssl (and with the device) for other truncations of longer
 * messages, so the reference is trusted only for these.
 */
static uint16_t
hmac_digest(enum rte_crypto_auth_algorithm a, struct diff_rng *r, uint16_t fallback)
{
	static const struct { enum rte_crypto_auth_algorithm a; uint16_t trunc, full; } t[] = {
		{ RTE_CRYPTO_AUTH_MD5_HMAC, 12, 16 }, { RTE_CRYPTO_AUTH_SHA1_HMAC, 12, 20 },
		{ RTE_CRYPTO_AUTH_SHA224_HMAC, 14, 28 }, { RTE_CRYPTO_AUTH_SHA256_HMAC, 16, 32 },
		{ RTE_CRYPTO_AUTH_SHA384_HMAC, 24, 48 }, { RTE_CRYPTO_AUTH_SHA512_HMAC, 32, 64 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++)
		if (t[i].a == a)
			return diff_below(r, 2) ? t[i].full : t[i].trunc;
	return fallback;
}

/* A ZUC IV length for @p key_len both devices list (16 for ZUC-128; 23 or
 * 25 for ZUC-256), or 16 when they list none for a 32-byte key. */
static uint16_t
zuc_iv(const struct rte_crypto_param_range rr[2], uint16_t key_len, struct diff_rng *r)
{
	uint16_t c[2], n = 0;

	if (key_len == 32) {
		if (in_range(&rr[0], 23) && in_range(&rr[1], 23))
			c[n++] = 23;
		if (in_range(&rr[0], 25) && in_range(&rr[1], 25))
			c[n++] = 25;
	}
	return n == 0 ? 16 : c[diff_below(r, n)];
}

void
diff_pick_xform(struct diff_algo *al, struct diff_rng *r, struct sj_xform *x,
		uint8_t *keybuf)
{
	memset(x, 0, sizeof(*x));
	x->kind = al->kind;
	x->cipher = al->cipher;
	x->auth = al->auth;
	x->aead = al->aead;
	x->key_len = (uint16_t)pick_common(al->key, DIFF_MAX_KEY, r);
	x->akey_len = (uint16_t)pick_common(al->akey, DIFF_MAX_KEY, r);
	x->iv_len = (uint16_t)pick_common(al->iv, SJ_MAX_IV, r);
	x->auth_iv_len = (uint16_t)pick_common(al->auth_iv, SJ_MAX_IV, r);
	x->digest_len = (uint16_t)pick_common(al->digest, SJ_MAX_DIGEST, r);
	if (x->kind == SJ_AUTH || x->kind == SJ_CHAIN)
		x->digest_len = hmac_digest(x->auth, r, x->digest_len);
	x->aad_len = (uint16_t)pick_common(al->aad, DIFF_MAX_AAD, r);
	/* ZUC: a 16-byte key goes with a 16-byte IV (ZUC-128), a 32-byte key
	 * with a 23- or 25-byte one (ZUC-256); the ranges alone allow mixes. */
	if (x->cipher == RTE_CRYPTO_CIPHER_ZUC_EEA3 && x->kind != SJ_AUTH)
		x->iv_len = zuc_iv(al->iv, x->key_len, r);
	if (x->auth == RTE_CRYPTO_AUTH_ZUC_EIA3 && x->kind != SJ_CIPHER) {
		if (x->kind == SJ_CHAIN)
			x->akey_len = x->key_len;
		x->auth_iv_len = zuc_iv(al->auth_iv, x->akey_len, r);
	}
	diff_fill(r, keybuf, 2 * DIFF_MAX_KEY);
	/* 3DES with K1 = K2 would be DES: fine for both devices, but keep
	 * the keys distinct so a swapped key schedule shows. */
	x->key = x->key_len > 0 ? keybuf : NULL;
	x->akey = x->akey_len > 0 ? keybuf + DIFF_MAX_KEY : NULL;
}

uint32_t
diff_pick_len(const struct diff_algo *al, struct diff_rng *r, uint32_t max)
{
	uint32_t blk = al->block > 0 ? al->block : 1;

	/* KASUMI F9's input carries COUNT and FRESH (8 bytes), then at least
	 * the direction bit and its padding: shorter is not a message. */
	if (al->auth == RTE_CRYPTO_AUTH_KASUMI_F9 && al->kind != SJ_CIPHER)
		return 9 + diff_below(r, max - 8);
	/* One op in 8 at a boundary: the shortest length the rule allows. */
	if (diff_below(r, 8) == 0)
		return al->len_rule == DIFF_LEN_ANY ? 0 : blk;
	switch (al->len_rule) {
	case DIFF_LEN_BLOCK:
		return blk * (1 + diff_below(r, max / blk));
	case DIFF_LEN_NONZERO:
		return 1 + diff_below(r, max);
	case DIFF_LEN_ANY:
	default:
		return diff_below(r, max + 1);
	}
}
