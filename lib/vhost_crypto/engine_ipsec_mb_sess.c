/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * What the intel-ipsec-mb engine offers, as three tables (ciphers, hashes
 * and MACs, AEADs), and session creation from them: keys are checked
 * against the table, then expanded once (AES schedules, DES schedules,
 * HMAC inner/outer pad hashes, CMAC/XCBC subkeys, GCM hash keys, 3GPP key
 * schedules). The config space is computed from the same tables, so what
 * is advertised is exactly what a session can be created for.
 */
#include <string.h>

#include "vcrypto_wire.h"
#include "engine_ipsec_mb_priv.h"

#define BIT(n) (1ull << (n))
/* Every length from lo to hi (bytes) as an iv/key/tag length mask. */
#define RANGE(lo, hi) ((BIT((hi) + 1) - 1) & ~(BIT(lo) - 1))
/* Digest lengths lo..hi as a result mask: bit n - 1 for n bytes
 * (1 <= lo <= hi <= 64). */
#define RES(lo, hi) ((~0ull >> (64 - (hi))) & ~(BIT((lo) - 1) - 1))
#define RES1(n) BIT((n) - 1)
#define AES_KEYS (BIT(16) | BIT(24) | BIT(32))

/** How a key is prepared. */
enum mb_prep {
	PREP_NONE = 0, PREP_AES, PREP_DES, PREP_3DES, PREP_KASUMI, PREP_SNOW3G,
	PREP_COPY, PREP_GCM,
};

struct cipher_def {
	uint32_t valgo;        /* VIRTIO_CRYPTO_CIPHER_* */
	IMB_CIPHER_MODE mode;
	uint64_t key_lens;     /* mask of accepted key lengths */
	uint64_t any_key_lens; /* key lengths the algorithm has at all */
	uint64_t iv_lens;      /* mask of accepted iv lengths */
	uint32_t block;        /* lengths must be a multiple */
	enum mb_units units;
	enum mb_prep prep;
};

/*
 * One row per (algorithm, key lengths) that behaves alike: ZUC has a row
 * for ZUC-128 and one for ZUC-256, whose iv differs.
 */
static const struct cipher_def cipher_defs[] = {
	/* The null cipher (bit 0 of cipher_algo_l): dst = src. */
	{ VIRTIO_CRYPTO_NO_CIPHER, IMB_CIPHER_NULL, BIT(0), BIT(0), BIT(0), 1,
	  MB_BYTES, PREP_NONE },
	{ VIRTIO_CRYPTO_CIPHER_AES_CBC, IMB_CIPHER_CBC, AES_KEYS, AES_KEYS,
	  BIT(16), 16, MB_BYTES, PREP_AES },
	{ VIRTIO_CRYPTO_CIPHER_AES_CTR, IMB_CIPHER_CNTR, AES_KEYS, AES_KEYS,
	  BIT(12) | BIT(16), 1, MB_BYTES, PREP_AES },
	{ VIRTIO_CRYPTO_CIPHER_AES_ECB, IMB_CIPHER_ECB, AES_KEYS, AES_KEYS,
	  BIT(0), 16, MB_BYTES, PREP_AES },
	{ VIRTIO_CRYPTO_CIPHER_DES_CBC, IMB_CIPHER_DES, BIT(8), BIT(8), BIT(8), 8,
	  MB_BYTES, PREP_DES },
	/* 8 bytes: K1 = K2 = K3; 16 bytes: K3 = K1. */
	{ VIRTIO_CRYPTO_CIPHER_3DES_CBC, IMB_CIPHER_DES3, BIT(8) | BIT(16) | BIT(24),
	  BIT(8) | BIT(16) | BIT(24), BIT(8), 8, MB_BYTES, PREP_3DES },
	{ VIRTIO_CRYPTO_CIPHER_KASUMI_F8, IMB_CIPHER_KASUMI_UEA1_BITLEN, BIT(16),
	  BIT(16), BIT(8), 1, MB_BITS, PREP_KASUMI },
	{ VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2, IMB_CIPHER_SNOW3G_UEA2_BITLEN, BIT(16),
	  BIT(16), BIT(16), 1, MB_BITS, PREP_SNOW3G },
	{ VIRTIO_CRYPTO_CIPHER_ZUC_EEA3, IMB_CIPHER_ZUC_EEA3, BIT(16),
	  BIT(16) | BIT(32), BIT(16), 1, MB_BYTES, PREP_COPY },
	/* ZUC-256: a 32-byte key selects it in ipsec-mb; 25-byte iv (the
	 * last 8 bytes carry 6 bits each), as DPDK's aesni_mb takes it. */
	{ VIRTIO_CRYPTO_CIPHER_ZUC_EEA3, IMB_CIPHER_ZUC_EEA3, BIT(32),
	  BIT(16) | BIT(32), BIT(25), 1, MB_BYTES, PREP_COPY },
};

struct auth_def {
	uint32_t service;      /* VIRTIO_CRYPTO_SERVICE_HASH or _MAC */
	uint32_t valgo;        /* VIRTIO_CRYPTO_HASH_* or _MAC_* */
	IMB_HASH_ALG alg;
	enum mb_auth_kind kind;
	uint32_t gen_len;      /* digest ipsec-mb produces; 0: exactly the
				* requested length (one of results) */
	uint64_t results;      /* digest lengths offered (RES); 0: 1..gen_len */
	uint32_t key_min, key_max; /* 0, 0: keyless */
	uint32_t block;        /* HMAC block size: longer keys are hashed */
	uint32_t auth_iv_len;  /* iv after the cipher iv (chaining only) */
	/* What the algorithm has at all, offered here or not (NOTSUPP rather
	 * than ERR for those): digest lengths (RES) and key lengths (a mask;
	 * 0: any length up to VCRYPTO_MAX_AUTH_KEY_LEN, as HMAC takes). */
	uint64_t any_results;
	uint64_t any_keys;
};

#define HASH_DEF(v, a, len) { VIRTIO_CRYPTO_SERVICE_HASH, v, a, MB_AUTH_PLAIN, \
	len, 0, 0, 0, 0, 0, RES(1, len), BIT(0) }
#define HMAC_DEF(v, a, len, kmax, blk) { VIRTIO_CRYPTO_SERVICE_MAC, v, a, \
	MB_AUTH_HMAC, len, 0, 0, kmax, blk, 0, RES(1, len), 0 }
/* Result mask of the null hash and MAC: the empty digest only. */
#define RES_NULL 0

/* As cipher_defs: ZUC EIA3 has a ZUC-128 and a ZUC-256 row. */
static const struct auth_def auth_defs[] = {
	/* The null hash and MAC (bit 0 of hash_algo, mac_algo_l): an empty
	 * digest (hash_result_len 0), as DPDK's AUTH_NULL. */
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_NO_HASH, IMB_AUTH_NULL,
	  MB_AUTH_NONE, 0, RES_NULL, 0, 0, 0, 0, RES_NULL, BIT(0) },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_NO_MAC, IMB_AUTH_NULL,
	  MB_AUTH_NONE, 0, RES_NULL, 0, 0, 0, 0, RES_NULL, BIT(0) },
	HASH_DEF(VIRTIO_CRYPTO_HASH_SHA1, IMB_AUTH_SHA_1, 20),
	HASH_DEF(VIRTIO_CRYPTO_HASH_SHA_224, IMB_AUTH_SHA_224, 28),
	HASH_DEF(VIRTIO_CRYPTO_HASH_SHA_256, IMB_AUTH_SHA_256, 32),
	HASH_DEF(VIRTIO_CRYPTO_HASH_SHA_384, IMB_AUTH_SHA_384, 48),
	HASH_DEF(VIRTIO_CRYPTO_HASH_SHA_512, IMB_AUTH_SHA_512, 64),
	/* ipsec-mb 1.3 has no plain MD5 to hash a long key: at most a block. */
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_MD5, IMB_AUTH_MD5, 16, 64, 64),
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_SHA1, IMB_AUTH_HMAC_SHA_1, 20,
		VCRYPTO_MAX_AUTH_KEY_LEN, 64),
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_SHA_224, IMB_AUTH_HMAC_SHA_224, 28,
		VCRYPTO_MAX_AUTH_KEY_LEN, 64),
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_SHA_256, IMB_AUTH_HMAC_SHA_256, 32,
		VCRYPTO_MAX_AUTH_KEY_LEN, 64),
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_SHA_384, IMB_AUTH_HMAC_SHA_384, 48,
		VCRYPTO_MAX_AUTH_KEY_LEN, 128),
	HMAC_DEF(VIRTIO_CRYPTO_MAC_HMAC_SHA_512, IMB_AUTH_HMAC_SHA_512, 64,
		VCRYPTO_MAX_AUTH_KEY_LEN, 128),
	/* AES-128 only here; CMAC has AES-192/256 keys too. */
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_CMAC_AES, IMB_AUTH_AES_CMAC,
	  MB_AUTH_CMAC, 16, 0, 16, 16, 0, 0, RES(1, 16), AES_KEYS },
	/* ipsec-mb produces AES-XCBC-MAC-96 only: results up to 12 bytes. */
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_XCBC_AES, IMB_AUTH_AES_XCBC,
	  MB_AUTH_XCBC, 12, 0, 16, 16, 0, 0, RES(1, 16), BIT(16) },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_SNOW3G_UIA2,
	  IMB_AUTH_SNOW3G_UIA2_BITLEN, MB_AUTH_SNOW3G, 4, RES1(4), 16, 16, 0, 16,
	  RES1(4), BIT(16) },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_ZUC_EIA3,
	  IMB_AUTH_ZUC_EIA3_BITLEN, MB_AUTH_ZUC, 4, RES1(4), 16, 16, 0, 16,
	  RES1(4) | RES1(8) | RES1(16), BIT(16) | BIT(32) },
	/* ZUC-256 EIA3: 32-byte key, 25-byte iv, 4-, 8- or 16-byte tags. */
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_ZUC_EIA3,
	  IMB_AUTH_ZUC256_EIA3_BITLEN, MB_AUTH_ZUC, 0,
	  RES1(4) | RES1(8) | RES1(16), 32, 32, 0, 25,
	  RES1(4) | RES1(8) | RES1(16), BIT(16) | BIT(32) },
	/* KASUMI F9 takes COUNT, FRESH and the direction inside the message. */
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_KASUMI_F9,
	  IMB_AUTH_KASUMI_UIA1, MB_AUTH_KASUMI, 4, RES1(4), 16, 16, 0, 0,
	  RES1(4), BIT(16) },
};

struct aead_def {
	uint32_t valgo;        /* VIRTIO_CRYPTO_AEAD_* */
	IMB_CIPHER_MODE mode;
	IMB_HASH_ALG alg;
	enum mb_auth_kind kind;
	uint64_t key_lens;
	uint64_t any_key_lens; /* key lengths the algorithm has at all */
	uint64_t iv_lens;
	uint64_t tag_lens;
	bool gen_full;         /* produce 16 bytes and truncate (GCM) */
	uint32_t aad_max;
	enum mb_prep prep;
};

static const struct aead_def aead_defs[] = {
	{ VIRTIO_CRYPTO_AEAD_GCM, IMB_CIPHER_GCM, IMB_AUTH_AES_GMAC, MB_AUTH_GCM,
	  AES_KEYS, AES_KEYS, BIT(12), RANGE(1, 16), true, UINT32_MAX,
	  PREP_GCM },
	/* Nonce 7..13 bytes, even tags 4..16, aad at most 46 bytes, no
	 * AES-192 key (ipsec-mb). */
	{ VIRTIO_CRYPTO_AEAD_CCM, IMB_CIPHER_CCM, IMB_AUTH_AES_CCM, MB_AUTH_CCM,
	  BIT(16) | BIT(32), AES_KEYS, RANGE(7, 13),
	  BIT(4) | BIT(6) | BIT(8) | BIT(10) | BIT(12) | BIT(14) | BIT(16),
	  false, 46, PREP_AES },
	{ VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305, IMB_CIPHER_CHACHA20_POLY1305,
	  IMB_AUTH_CHACHA20_POLY1305, MB_AUTH_CHACHA, BIT(32), BIT(32), BIT(12),
	  BIT(16),
	  false, UINT32_MAX, PREP_COPY },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
set_bit64(uint32_t *lo, uint32_t *hi, uint32_t algo)
{
	if (algo < 32)
		*lo |= 1u << algo;
	else if (algo < 64)
		*hi |= 1u << (algo - 32);
}

static uint32_t
max_len(uint64_t mask)
{
	return mask == 0 ? 0 : 63 - (uint32_t)__builtin_clzll(mask);
}

void
vcrypto_mb_get_caps(void *ctx, struct vcrypto_engine_caps *c)
{
	unsigned int i;

	(void)ctx; /* the same for every context */
	memset(c, 0, sizeof(*c));
	for (i = 0; i < NELEM(cipher_defs); i++) {
		c->crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_CIPHER;
		set_bit64(&c->cipher_algo_l, &c->cipher_algo_h, cipher_defs[i].valgo);
		if (max_len(cipher_defs[i].key_lens) > c->max_cipher_key_len)
			c->max_cipher_key_len = max_len(cipher_defs[i].key_lens);
	}
	for (i = 0; i < NELEM(auth_defs); i++) {
		const struct auth_def *d = &auth_defs[i];

		c->crypto_services |= 1u << d->service;
		if (d->service == VIRTIO_CRYPTO_SERVICE_HASH)
			c->hash_algo |= 1u << d->valgo;
		else
			set_bit64(&c->mac_algo_l, &c->mac_algo_h, d->valgo);
		if (d->key_max > c->max_auth_key_len)
			c->max_auth_key_len = d->key_max;
	}
	for (i = 0; i < NELEM(aead_defs); i++) {
		c->crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_AEAD;
		c->aead_algo |= 1u << aead_defs[i].valgo;
		if (max_len(aead_defs[i].key_lens) > c->max_cipher_key_len)
			c->max_cipher_key_len = max_len(aead_defs[i].key_lens);
		/* The driver sends AES-GMAC as GCM with an empty plaintext. */
		if (aead_defs[i].valgo == VIRTIO_CRYPTO_AEAD_GCM)
			set_bit64(&c->mac_algo_l, &c->mac_algo_h,
				VIRTIO_CRYPTO_MAC_GMAC_AES);
	}
	/* Lengths are 32-bit on the wire; keep well clear of the top. */
	c->max_size = 1ull << 30;
}

static bool
in_mask(uint64_t mask, uint32_t len)
{
	return len < 64 && (mask & BIT(len)) != 0;
}

/* The row of @p valgo that takes a @p klen-byte key, else its first row. */
static const struct cipher_def *
find_cipher(uint32_t valgo, uint32_t klen)
{
	const struct cipher_def *first = NULL;
	unsigned int i;

	for (i = 0; i < NELEM(cipher_defs); i++) {
		if (cipher_defs[i].valgo != valgo)
			continue;
		if (in_mask(cipher_defs[i].key_lens, klen))
			return &cipher_defs[i];
		if (first == NULL)
			first = &cipher_defs[i];
	}
	return first;
}

/* As find_cipher(), for a hash or MAC of @p service. */
static const struct auth_def *
find_auth(uint32_t service, uint32_t valgo, uint32_t klen)
{
	const struct auth_def *first = NULL;
	unsigned int i;

	for (i = 0; i < NELEM(auth_defs); i++) {
		const struct auth_def *d = &auth_defs[i];

		if (d->service != service || d->valgo != valgo)
			continue;
		if (klen >= d->key_min && klen <= d->key_max)
			return d;
		if (first == NULL)
			first = d;
	}
	return first;
}

static const struct aead_def *
find_aead(uint32_t valgo)
{
	unsigned int i;

	for (i = 0; i < NELEM(aead_defs); i++)
		if (aead_defs[i].valgo == valgo)
			return &aead_defs[i];
	return NULL;
}

/*
 * Whether a digest of @p res bytes with a key of @p klen bytes exists for
 * the algorithm at all (though this engine does not offer it).
 */
static bool
auth_exists(const struct auth_def *d, uint32_t res, uint32_t klen)
{
	if (res == 0 || res > 64 || !(d->any_results & RES1(res)))
		return false;
	return d->any_keys == 0 ? klen <= VCRYPTO_MAX_AUTH_KEY_LEN :
		in_mask(d->any_keys, klen);
}

/* Expand a cipher or AEAD key into s->c and point the job keys at it. */
static void
prep_cipher_key(IMB_MGR *mgr, struct mb_session *s, enum mb_prep prep,
		const uint8_t *key, uint32_t len)
{
	s->enc_keys = &s->c;
	s->dec_keys = &s->c;
	s->key_len = len;
	switch (prep) {
	case PREP_AES:
		if (len == 16)
			IMB_AES_KEYEXP_128(mgr, key, s->c.aes.enc, s->c.aes.dec);
		else if (len == 24)
			IMB_AES_KEYEXP_192(mgr, key, s->c.aes.enc, s->c.aes.dec);
		else
			IMB_AES_KEYEXP_256(mgr, key, s->c.aes.enc, s->c.aes.dec);
		s->enc_keys = s->c.aes.enc;
		s->dec_keys = s->c.aes.dec;
		break;
	case PREP_DES:
		IMB_DES_KEYSCHED(mgr, s->c.des.ks[0], key);
		s->enc_keys = s->c.des.ks[0];
		s->dec_keys = s->c.des.ks[0];
		break;
	case PREP_3DES:
		/* K1 K2 K3; a 16-byte key is K1 K2 K1, an 8-byte one K1 K1 K1. */
		IMB_DES_KEYSCHED(mgr, s->c.des.ks[0], key);
		IMB_DES_KEYSCHED(mgr, s->c.des.ks[1], len >= 16 ? key + 8 : key);
		IMB_DES_KEYSCHED(mgr, s->c.des.ks[2], len == 24 ? key + 16 : key);
		s->c.des.ptr[0] = s->c.des.ks[0];
		s->c.des.ptr[1] = s->c.des.ks[1];
		s->c.des.ptr[2] = s->c.des.ks[2];
		s->enc_keys = s->c.des.ptr;
		s->dec_keys = s->c.des.ptr;
		s->key_len = 24;
		break;
	case PREP_KASUMI:
		IMB_KASUMI_INIT_F8_KEY_SCHED(mgr, key, &s->c.kasumi);
		break;
	case PREP_SNOW3G:
		IMB_SNOW3G_INIT_KEY_SCHED(mgr, key, &s->c.snow3g);
		break;
	case PREP_GCM:
		if (len == 16)
			IMB_AES128_GCM_PRE(mgr, key, &s->c.gcm);
		else if (len == 24)
			IMB_AES192_GCM_PRE(mgr, key, &s->c.gcm);
		else
			IMB_AES256_GCM_PRE(mgr, key, &s->c.gcm);
		break;
	case PREP_COPY:
		memcpy(s->c.raw, key, len);
		break;
	case PREP_NONE:
	default:
		break;
	}
}

static void
one_block(IMB_MGR *mgr, IMB_HASH_ALG alg, const void *in, void *out)
{
	switch (alg) {
	case IMB_AUTH_MD5:
		IMB_MD5_ONE_BLOCK(mgr, in, out);
		break;
	case IMB_AUTH_HMAC_SHA_1:
		IMB_SHA1_ONE_BLOCK(mgr, in, out);
		break;
	case IMB_AUTH_HMAC_SHA_224:
		IMB_SHA224_ONE_BLOCK(mgr, in, out);
		break;
	case IMB_AUTH_HMAC_SHA_256:
		IMB_SHA256_ONE_BLOCK(mgr, in, out);
		break;
	case IMB_AUTH_HMAC_SHA_384:
		IMB_SHA384_ONE_BLOCK(mgr, in, out);
		break;
	case IMB_AUTH_HMAC_SHA_512:
	default:
		IMB_SHA512_ONE_BLOCK(mgr, in, out);
		break;
	}
}

/* A key longer than the block is replaced by its digest (RFC 2104). */
uint32_t
vcrypto_mb_sha(IMB_MGR *mgr, IMB_HASH_ALG alg, const void *in, uint64_t len,
		uint8_t *out)
{
	switch (alg) {
	case IMB_AUTH_SHA_1:
	case IMB_AUTH_HMAC_SHA_1:
		IMB_SHA1(mgr, in, len, out);
		return 20;
	case IMB_AUTH_SHA_224:
	case IMB_AUTH_HMAC_SHA_224:
		IMB_SHA224(mgr, in, len, out);
		return 28;
	case IMB_AUTH_SHA_256:
	case IMB_AUTH_HMAC_SHA_256:
		IMB_SHA256(mgr, in, len, out);
		return 32;
	case IMB_AUTH_SHA_384:
	case IMB_AUTH_HMAC_SHA_384:
		IMB_SHA384(mgr, in, len, out);
		return 48;
	case IMB_AUTH_SHA_512:
	case IMB_AUTH_HMAC_SHA_512:
		IMB_SHA512(mgr, in, len, out);
		return 64;
	default:
		return 0;
	}
}

/* HMAC: hash key ^ ipad and key ^ opad once; jobs start from those states. */
static void
prep_hmac(IMB_MGR *mgr, struct mb_session *s, const struct auth_def *d,
		const uint8_t *key, uint32_t len)
{
	uint8_t hashed[64], ipad[MB_HMAC_MAX_BLOCK], opad[MB_HMAC_MAX_BLOCK];
	uint32_t i;

	if (len > d->block) {
		len = vcrypto_mb_sha(mgr, d->alg, key, len, hashed);
		key = hashed;
	}
	memset(ipad, 0x36, d->block);
	memset(opad, 0x5c, d->block);
	for (i = 0; i < len; i++) {
		ipad[i] ^= key[i];
		opad[i] ^= key[i];
	}
	one_block(mgr, d->alg, ipad, s->a.hmac.ipad);
	one_block(mgr, d->alg, opad, s->a.hmac.opad);
	memset(s->hmac_key, 0, sizeof(s->hmac_key));
	memcpy(s->hmac_key, key, len);
	s->hmac_block = d->block;
	explicit_bzero(hashed, sizeof(hashed));
	explicit_bzero(ipad, sizeof(ipad));
	explicit_bzero(opad, sizeof(opad));
}

static void
prep_auth_key(IMB_MGR *mgr, struct mb_session *s, const struct auth_def *d,
		const uint8_t *key, uint32_t len)
{
	uint8_t dust[MB_AES_EXP_LEN] __attribute__((aligned(16)));

	switch (d->kind) {
	case MB_AUTH_HMAC:
		prep_hmac(mgr, s, d, key, len);
		break;
	case MB_AUTH_CMAC:
		IMB_AES_KEYEXP_128(mgr, key, s->a.cmac.exp, dust);
		IMB_AES_CMAC_SUBKEY_GEN_128(mgr, s->a.cmac.exp, s->a.cmac.sk1,
			s->a.cmac.sk2);
		explicit_bzero(dust, sizeof(dust));
		break;
	case MB_AUTH_XCBC:
		IMB_AES_XCBC_KEYEXP(mgr, key, s->a.xcbc.k1, s->a.xcbc.k2,
			s->a.xcbc.k3);
		break;
	case MB_AUTH_SNOW3G:
		IMB_SNOW3G_INIT_KEY_SCHED(mgr, key, &s->a.snow3g);
		break;
	case MB_AUTH_KASUMI:
		IMB_KASUMI_INIT_F9_KEY_SCHED(mgr, key, &s->a.kasumi);
		break;
	case MB_AUTH_ZUC:
		memcpy(s->a.raw, key, len);
		break;
	case MB_AUTH_PLAIN:
	default:
		break;
	}
}

/* The hash or MAC half of a HASH, MAC or CHAIN session. */
static uint8_t
auth_create(IMB_MGR *mgr, struct mb_session *s, uint32_t service,
		const struct vcrypto_sess_params *p, struct vcrypto_sess_info *info)
{
	uint32_t klen = service == VIRTIO_CRYPTO_SERVICE_MAC ? p->auth_key_len : 0;
	const struct auth_def *d = find_auth(service, p->auth_algo, klen);
	uint64_t results;
	bool res_ok;

	if (d == NULL)
		return VIRTIO_CRYPTO_NOTSUPP;
	results = d->results != 0 ? d->results :
		d->gen_len != 0 ? RES(1, d->gen_len) : 0;
	/* The null algorithm has the empty digest only; no other has it. */
	res_ok = d->alg == IMB_AUTH_NULL ? p->result_len == 0 :
		p->result_len >= 1 && p->result_len <= 64 &&
		(results & RES1(p->result_len)) != 0;
	if (!res_ok || klen < d->key_min || klen > d->key_max)
		return auth_exists(d, p->result_len, klen) ?
			VIRTIO_CRYPTO_NOTSUPP : VIRTIO_CRYPTO_ERR;
	s->hash_alg = d->alg;
	s->auth_kind = d->kind;
	s->gen_len = d->gen_len != 0 ? d->gen_len : p->result_len;
	prep_auth_key(mgr, s, d, p->auth_key, klen);
	info->result_len = p->result_len;
	info->auth_iv_len = d->auth_iv_len;
	return VIRTIO_CRYPTO_OK;
}

/* The cipher half of a CIPHER or CHAIN session. */
static uint8_t
cipher_create(IMB_MGR *mgr, struct mb_session *s,
		const struct vcrypto_sess_params *p, struct vcrypto_sess_info *info)
{
	const struct cipher_def *d = find_cipher(p->cipher_algo,
		p->cipher_key_len);

	if (d == NULL)
		return VIRTIO_CRYPTO_NOTSUPP;
	if (!in_mask(d->key_lens, p->cipher_key_len))
		return in_mask(d->any_key_lens, p->cipher_key_len) ?
			VIRTIO_CRYPTO_NOTSUPP : VIRTIO_CRYPTO_ERR;
	s->cipher_mode = d->mode;
	s->units = d->units;
	prep_cipher_key(mgr, s, d->prep, p->cipher_key, p->cipher_key_len);
	info->iv_lens = d->iv_lens;
	info->block = d->block;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
aead_create(IMB_MGR *mgr, struct mb_session *s,
		const struct vcrypto_sess_params *p, struct vcrypto_sess_info *info)
{
	const struct aead_def *d = find_aead(p->cipher_algo);

	if (d == NULL)
		return VIRTIO_CRYPTO_NOTSUPP;
	if (!in_mask(d->tag_lens, p->result_len) ||
			!in_mask(d->any_key_lens, p->cipher_key_len))
		return VIRTIO_CRYPTO_ERR;
	if (!in_mask(d->key_lens, p->cipher_key_len))
		return VIRTIO_CRYPTO_NOTSUPP;
	s->cipher_mode = d->mode;
	s->hash_alg = d->alg;
	s->auth_kind = d->kind;
	s->gen_len = d->gen_full ? 16 : p->result_len;
	prep_cipher_key(mgr, s, d->prep, p->cipher_key, p->cipher_key_len);
	if (d->prep == PREP_AES)
		s->dec_keys = s->c.aes.enc; /* CCM runs AES forward both ways */
	info->iv_lens = d->iv_lens;
	info->block = 1;
	info->result_len = p->result_len;
	info->aad_max = d->aad_max;
	return VIRTIO_CRYPTO_OK;
}

uint8_t
vcrypto_mb_session_create(void *ctx, void *priv,
		const struct vcrypto_sess_params *p, struct vcrypto_sess_info *info)
{
	struct mb_session *s = priv;
	IMB_MGR *mgr = ((struct mb_ctx *)ctx)->mgr;
	uint8_t st = VIRTIO_CRYPTO_NOTSUPP;

	memset(s, 0, sizeof(*s));
	memset(info, 0, sizeof(*info));
	s->cipher_mode = IMB_CIPHER_NULL;
	s->hash_alg = IMB_AUTH_NULL;
	info->kind = p->kind;
	info->block = 1;
	info->iv_lens = BIT(0);
	switch (p->kind) {
	case VCRYPTO_SESS_CIPHER:
		st = cipher_create(mgr, s, p, info);
		break;
	case VCRYPTO_SESS_HASH:
		st = auth_create(mgr, s, VIRTIO_CRYPTO_SERVICE_HASH, p, info);
		break;
	case VCRYPTO_SESS_MAC:
		/* A MAC request has no iv: IV-taking MACs come as chains. */
		st = auth_create(mgr, s, VIRTIO_CRYPTO_SERVICE_MAC, p, info);
		if (st == VIRTIO_CRYPTO_OK && info->auth_iv_len != 0)
			st = VIRTIO_CRYPTO_NOTSUPP;
		break;
	case VCRYPTO_SESS_AEAD:
		st = aead_create(mgr, s, p, info);
		break;
	case VCRYPTO_SESS_CHAIN:
		if (p->cipher_algo == VIRTIO_CRYPTO_NO_CIPHER) {
			info->no_cipher = true;
			st = p->cipher_key_len == 0 ? VIRTIO_CRYPTO_OK :
				VIRTIO_CRYPTO_ERR;
		} else {
			st = cipher_create(mgr, s, p, info);
		}
		if (st == VIRTIO_CRYPTO_OK)
			st = auth_create(mgr, s, p->hash_mode ==
				VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH ?
				VIRTIO_CRYPTO_SERVICE_MAC :
				VIRTIO_CRYPTO_SERVICE_HASH, p, info);
		s->chain_order = p->chain_order ==
			VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER ?
			IMB_ORDER_HASH_CIPHER : IMB_ORDER_CIPHER_HASH;
		break;
	default:
		break;
	}
	if (st != VIRTIO_CRYPTO_OK)
		explicit_bzero(s, sizeof(*s));
	return st;
}
