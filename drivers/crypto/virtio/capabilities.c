/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * Capabilities are derived from what the device's config space offers
 * (crypto_services, algorithm masks, key limits), never hard-coded: a
 * device that drops an algorithm makes the driver drop it too. The table
 * below says, per rte_crypto algorithm, which virtio-crypto algorithm
 * carries it, which services the device must offer for the request the
 * driver will build, and the size ranges (those crypto_aesni_mb reports),
 * which the device's key limits then clip.
 */
#include <errno.h>
#include <string.h>

#include "virtio_crypto_priv.h"

#define SVC(s) (1u << VIRTIO_CRYPTO_SERVICE_##s)
#define R(lo, hi, inc) { .min = (lo), .max = (hi), .increment = (inc) }

#define CIPHER(a, blk, key, iv) { \
	.op = RTE_CRYPTO_OP_TYPE_SYMMETRIC, \
	.sym = { .xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER, \
		 .cipher = { .algo = RTE_CRYPTO_CIPHER_##a, .block_size = (blk), \
			     .key_size = key, .iv_size = iv } } }
#define AUTH(a, blk, key, dig, iv) { \
	.op = RTE_CRYPTO_OP_TYPE_SYMMETRIC, \
	.sym = { .xform_type = RTE_CRYPTO_SYM_XFORM_AUTH, \
		 .auth = { .algo = RTE_CRYPTO_AUTH_##a, .block_size = (blk), \
			   .key_size = key, .digest_size = dig, .iv_size = iv } } }
#define AEAD(a, blk, key, dig, aad, iv) { \
	.op = RTE_CRYPTO_OP_TYPE_SYMMETRIC, \
	.sym = { .xform_type = RTE_CRYPTO_SYM_XFORM_AEAD, \
		 .aead = { .algo = RTE_CRYPTO_AEAD_##a, .block_size = (blk), \
			   .key_size = key, .digest_size = dig, .aad_size = aad, \
			   .iv_size = iv } } }

/** Which key limit of the config space applies. */
enum key_limit {
	KEY_NONE,   /**< keyless */
	KEY_CIPHER, /**< max_cipher_key_len */
	KEY_AUTH,   /**< max_auth_key_len */
};

/** One algorithm the driver can put on the wire. */
struct algo_def {
	uint32_t services;   /**< services the request needs (SVC bits) */
	uint8_t mask;        /**< algorithm mask to look the bit up in */
	uint8_t valgo;       /**< bit in that mask = wire algorithm id */
	uint8_t mask2;       /**< a second mask that must have valgo2, or MASK_NONE */
	uint8_t valgo2;
	uint8_t key_limit;   /**< enum key_limit */
	struct rte_cryptodev_capabilities cap;
};

enum { MASK_NONE, MASK_CIPHER, MASK_HASH, MASK_MAC, MASK_AEAD };

static const struct algo_def algo_defs[] = {
	/* Null algorithms: bit 0 (NO_CIPHER, NO_HASH) of a mask says the device
	 * implements them (dst = src, empty digest; wire-conventions.rst). */
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_NO_CIPHER, 0, 0, KEY_NONE,
	  CIPHER(NULL, 1, R(0, 0, 0), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_NO_HASH, 0, 0, KEY_NONE,
	  AUTH(NULL, 1, R(0, 0, 0), R(0, 0, 0), R(0, 0, 0)) },

	/* Ciphers: CIPHER requests. */
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_CBC, 0, 0, KEY_CIPHER,
	  CIPHER(AES_CBC, 16, R(16, 32, 8), R(16, 16, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_CTR, 0, 0, KEY_CIPHER,
	  CIPHER(AES_CTR, 16, R(16, 32, 8), R(12, 16, 4)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_ECB, 0, 0, KEY_CIPHER,
	  CIPHER(AES_ECB, 16, R(16, 32, 8), R(0, 0, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_XTS, 0, 0, KEY_CIPHER,
	  CIPHER(AES_XTS, 16, R(32, 64, 32), R(16, 16, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_DES_CBC, 0, 0, KEY_CIPHER,
	  CIPHER(DES_CBC, 8, R(8, 8, 0), R(8, 8, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_3DES_CBC, 0, 0, KEY_CIPHER,
	  CIPHER(3DES_CBC, 8, R(8, 24, 8), R(8, 8, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_3DES_ECB, 0, 0, KEY_CIPHER,
	  CIPHER(3DES_ECB, 8, R(8, 24, 8), R(0, 0, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_3DES_CTR, 0, 0, KEY_CIPHER,
	  CIPHER(3DES_CTR, 8, R(16, 24, 8), R(8, 8, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2, 0, 0, KEY_CIPHER,
	  CIPHER(SNOW3G_UEA2, 16, R(16, 16, 0), R(16, 16, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_KASUMI_F8, 0, 0, KEY_CIPHER,
	  CIPHER(KASUMI_F8, 8, R(16, 16, 0), R(8, 8, 0)) },
	{ SVC(CIPHER), MASK_CIPHER, VIRTIO_CRYPTO_CIPHER_ZUC_EEA3, 0, 0, KEY_CIPHER,
	  CIPHER(ZUC_EEA3, 16, R(16, 32, 16), R(16, 25, 9)) },

	/* Plain hashes: HASH requests. */
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_MD5, 0, 0, KEY_NONE,
	  AUTH(MD5, 64, R(0, 0, 0), R(1, 16, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA1, 0, 0, KEY_NONE,
	  AUTH(SHA1, 64, R(0, 0, 0), R(1, 20, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA_224, 0, 0, KEY_NONE,
	  AUTH(SHA224, 64, R(0, 0, 0), R(1, 28, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA_256, 0, 0, KEY_NONE,
	  AUTH(SHA256, 64, R(0, 0, 0), R(1, 32, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA_384, 0, 0, KEY_NONE,
	  AUTH(SHA384, 128, R(0, 0, 0), R(1, 48, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA_512, 0, 0, KEY_NONE,
	  AUTH(SHA512, 128, R(0, 0, 0), R(1, 64, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA3_224, 0, 0, KEY_NONE,
	  AUTH(SHA3_224, 144, R(0, 0, 0), R(1, 28, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA3_256, 0, 0, KEY_NONE,
	  AUTH(SHA3_256, 136, R(0, 0, 0), R(1, 32, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA3_384, 0, 0, KEY_NONE,
	  AUTH(SHA3_384, 104, R(0, 0, 0), R(1, 48, 1), R(0, 0, 0)) },
	{ SVC(HASH), MASK_HASH, VIRTIO_CRYPTO_HASH_SHA3_512, 0, 0, KEY_NONE,
	  AUTH(SHA3_512, 72, R(0, 0, 0), R(1, 64, 1), R(0, 0, 0)) },

	/* Keyed MACs without an IV: MAC requests. */
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_MD5, 0, 0, KEY_AUTH,
	  AUTH(MD5_HMAC, 64, R(1, 64, 1), R(1, 16, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA1, 0, 0, KEY_AUTH,
	  AUTH(SHA1_HMAC, 64, R(1, 65535, 1), R(1, 20, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_224, 0, 0, KEY_AUTH,
	  AUTH(SHA224_HMAC, 64, R(1, 65535, 1), R(1, 28, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_256, 0, 0, KEY_AUTH,
	  AUTH(SHA256_HMAC, 64, R(1, 65535, 1), R(1, 32, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_384, 0, 0, KEY_AUTH,
	  AUTH(SHA384_HMAC, 128, R(1, 65535, 1), R(1, 48, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_512, 0, 0, KEY_AUTH,
	  AUTH(SHA512_HMAC, 128, R(1, 65535, 1), R(1, 64, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_CMAC_AES, 0, 0, KEY_AUTH,
	  AUTH(AES_CMAC, 16, R(16, 16, 0), R(1, 16, 1), R(0, 0, 0)) },
	{ SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_XCBC_AES, 0, 0, KEY_AUTH,
	  AUTH(AES_XCBC_MAC, 16, R(16, 16, 0), R(12, 12, 0), R(0, 0, 0)) },

	/* MACs that take an IV: chaining with VIRTIO_CRYPTO_NO_CIPHER. */
	{ SVC(CIPHER) | SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_SNOW3G_UIA2, 0, 0, KEY_AUTH,
	  AUTH(SNOW3G_UIA2, 16, R(16, 16, 0), R(4, 4, 0), R(16, 16, 0)) },
	{ SVC(CIPHER) | SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_ZUC_EIA3, 0, 0, KEY_AUTH,
	  AUTH(ZUC_EIA3, 16, R(16, 32, 16), R(4, 16, 4), R(16, 25, 9)) },
	{ SVC(CIPHER) | SVC(MAC), MASK_MAC, VIRTIO_CRYPTO_MAC_KASUMI_F9, 0, 0, KEY_AUTH,
	  AUTH(KASUMI_F9, 8, R(16, 16, 0), R(4, 4, 0), R(0, 0, 0)) },

	/* AES-GMAC: an AEAD GCM request with an empty plaintext. */
	{ SVC(MAC) | SVC(AEAD), MASK_MAC, VIRTIO_CRYPTO_MAC_GMAC_AES,
	  MASK_AEAD, VIRTIO_CRYPTO_AEAD_GCM, KEY_CIPHER,
	  AUTH(AES_GMAC, 16, R(16, 32, 8), R(1, 16, 1), R(12, 12, 0)) },

	/* AEAD requests. */
	{ SVC(AEAD), MASK_AEAD, VIRTIO_CRYPTO_AEAD_GCM, 0, 0, KEY_CIPHER,
	  AEAD(AES_GCM, 16, R(16, 32, 8), R(1, 16, 1), R(0, 65535, 1), R(12, 12, 0)) },
	{ SVC(AEAD), MASK_AEAD, VIRTIO_CRYPTO_AEAD_CCM, 0, 0, KEY_CIPHER,
	  AEAD(AES_CCM, 16, R(16, 32, 16), R(4, 16, 2), R(0, 46, 1), R(7, 13, 1)) },
	{ SVC(AEAD), MASK_AEAD, VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305, 0, 0, KEY_CIPHER,
	  AEAD(CHACHA20_POLY1305, 64, R(32, 32, 0), R(16, 16, 0), R(0, 1024, 1),
	       R(12, 12, 0)) },
};

static_assert(RTE_DIM(algo_defs) < VCRYPTO_MAX_CAPS, "room for the end marker");

static bool
in_mask(const struct vcrypto_config *cfg, uint8_t mask, uint8_t algo)
{
	switch (mask) {
	case MASK_CIPHER:
		return vcrypto_algo_in_mask64(cfg->cipher_algo_l, cfg->cipher_algo_h, algo);
	case MASK_HASH:
		return vcrypto_algo_in_mask32(cfg->hash_algo, algo);
	case MASK_MAC:
		return vcrypto_algo_in_mask64(cfg->mac_algo_l, cfg->mac_algo_h, algo);
	case MASK_AEAD:
		return vcrypto_algo_in_mask32(cfg->aead_algo, algo);
	case MASK_NONE:
		return true;
	default:
		return false;
	}
}

/*
 * Lower r->max to the largest value of the range not above @p limit.
 * Returns false when even r->min is above it.
 */
static bool
clip_range(struct rte_crypto_param_range *r, uint32_t limit)
{
	if (r->min > limit)
		return false;
	if (r->max <= limit)
		return true;
	if (r->increment == 0)
		r->max = r->min;
	else
		r->max = (uint16_t)(r->min + (limit - r->min) / r->increment * r->increment);
	return true;
}

static bool
clip_keys(const struct vcrypto_config *cfg, const struct algo_def *d,
		struct rte_cryptodev_capabilities *c)
{
	struct rte_crypto_param_range *key;
	uint32_t limit;

	switch (d->key_limit) {
	case KEY_CIPHER:
		limit = RTE_MIN(cfg->max_cipher_key_len, (uint32_t)VCRYPTO_MAX_CIPHER_KEY_LEN);
		break;
	case KEY_AUTH:
		limit = RTE_MIN(cfg->max_auth_key_len, (uint32_t)VCRYPTO_MAX_AUTH_KEY_LEN);
		break;
	case KEY_NONE:
	default:
		return true;
	}
	switch (c->sym.xform_type) {
	case RTE_CRYPTO_SYM_XFORM_CIPHER:
		key = &c->sym.cipher.key_size;
		break;
	case RTE_CRYPTO_SYM_XFORM_AUTH:
		key = &c->sym.auth.key_size;
		break;
	case RTE_CRYPTO_SYM_XFORM_AEAD:
		key = &c->sym.aead.key_size;
		break;
	default:
		return false;
	}
	return clip_range(key, limit);
}

/* AAD travels in the request's variable part, which max_size bounds. */
static void
clip_aad(const struct vcrypto_config *cfg, struct rte_cryptodev_capabilities *c)
{
	if (c->sym.xform_type == RTE_CRYPTO_SYM_XFORM_AEAD && cfg->max_size > 0)
		clip_range(&c->sym.aead.aad_size,
			   (uint32_t)RTE_MIN(cfg->max_size, (uint64_t)UINT16_MAX));
}

unsigned int
vcrypto_caps_from_config(const struct vcrypto_config *cfg,
		struct rte_cryptodev_capabilities *caps)
{
	unsigned int n = 0, i;

	for (i = 0; i < RTE_DIM(algo_defs); i++) {
		const struct algo_def *d = &algo_defs[i];

		if ((cfg->crypto_services & d->services) != d->services ||
		    !in_mask(cfg, d->mask, d->valgo) ||
		    (d->mask2 != MASK_NONE && !in_mask(cfg, d->mask2, d->valgo2)))
			continue;
		caps[n] = d->cap;
		if (!clip_keys(cfg, d, &caps[n]))
			continue;
		clip_aad(cfg, &caps[n]);
		n++;
	}
	memset(&caps[n], 0, sizeof(caps[n]));
	caps[n].op = RTE_CRYPTO_OP_TYPE_UNDEFINED; /* end of list */
	return n;
}

static const struct algo_def *
find_def(enum rte_crypto_sym_xform_type type, int algo)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(algo_defs); i++) {
		const struct rte_cryptodev_symmetric_capability *s = &algo_defs[i].cap.sym;

		if (s->xform_type != type)
			continue;
		if ((type == RTE_CRYPTO_SYM_XFORM_CIPHER && (int)s->cipher.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AUTH && (int)s->auth.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AEAD && (int)s->aead.algo == algo))
			return &algo_defs[i];
	}
	return NULL;
}

int
vcrypto_wire_algo(enum rte_crypto_sym_xform_type type, int algo, uint32_t *service)
{
	const struct algo_def *d = find_def(type, algo);

	if (d == NULL)
		return -ENOTSUP;
	switch (d->mask) {
	case MASK_CIPHER:
		*service = VIRTIO_CRYPTO_SERVICE_CIPHER;
		break;
	case MASK_HASH:
		*service = VIRTIO_CRYPTO_SERVICE_HASH;
		break;
	case MASK_MAC:
		*service = VIRTIO_CRYPTO_SERVICE_MAC;
		break;
	case MASK_AEAD:
		*service = VIRTIO_CRYPTO_SERVICE_AEAD;
		break;
	default:
		return -ENOTSUP;
	}
	return d->valgo;
}

const struct rte_cryptodev_symmetric_capability *
vcrypto_find_cap(const struct rte_cryptodev_capabilities *caps,
		enum rte_crypto_sym_xform_type type, int algo)
{
	for (; caps->op != RTE_CRYPTO_OP_TYPE_UNDEFINED; caps++) {
		const struct rte_cryptodev_symmetric_capability *s = &caps->sym;

		if (caps->op != RTE_CRYPTO_OP_TYPE_SYMMETRIC || s->xform_type != type)
			continue;
		if ((type == RTE_CRYPTO_SYM_XFORM_CIPHER && (int)s->cipher.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AUTH && (int)s->auth.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AEAD && (int)s->aead.algo == algo))
			return s;
	}
	return NULL;
}
