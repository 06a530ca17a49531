/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The ipsec-mb engine against published known-answer vectors
 * (kat_vectors.h), without EAL: each vector's session is created through
 * the engine, its requests built by hand (both directions, in place and
 * out of place, several in one burst), and the outputs compared byte for
 * byte. Then the capabilities and what session creation refuses.
 */
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "engine.h"
#include "req_codec_priv.h"
#include "session_priv.h"
#include "kat_vectors.h"
#include "test_util.h"

static const struct vcrypto_engine_ops *eng = &vcrypto_engine_ipsec_mb;
static void *ctx;

struct sess {
	struct vcrypto_session s;
	void *priv;
};

static uint8_t
make_session(const struct kat *k, bool encrypt, struct vcrypto_session *s)
{
	struct vcrypto_sess_params p;

	memset(&p, 0, sizeof(p));
	p.kind = k->kind;
	p.op = encrypt ? VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
	p.cipher_algo = k->algo;
	p.cipher_key = k->key;
	p.cipher_key_len = k->key_len;
	p.auth_key = k->akey;
	p.auth_key_len = k->akey_len;
	p.result_len = k->digest_len;
	switch (k->kind) {
	case VCRYPTO_SESS_HASH:
	case VCRYPTO_SESS_MAC:
		p.auth_algo = k->algo;
		break;
	case VCRYPTO_SESS_CHAIN:
		p.auth_algo = k->auth_algo;
		p.hash_mode = k->akey_len > 0 ? VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH :
			VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
		p.chain_order = encrypt ?
			VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH :
			VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
		break;
	default:
		break;
	}
	return eng->session_create(ctx, s->priv, &p, &s->info);
}

/* Set up @p r for vector @p k in one direction; buffers are caller's. */
static void
make_req(const struct kat *k, const struct vcrypto_session *s, bool encrypt,
		const uint8_t *in, uint8_t *out, struct vcrypto_req *r)
{
	memset(r, 0, sizeof(*r));
	r->sess = s;
	r->kind = k->kind;
	r->encrypt = encrypt;
	r->src = in;
	r->dst = out;
	r->aad = k->aad != NULL ? k->aad : r->tag_in;
	r->aad_len = k->aad_len;
	if (k->kind == VCRYPTO_SESS_CHAIN) {
		/* iv: cipher iv, then auth iv; in place on out */
		r->iv_len = k->iv_len - s->info.auth_iv_len;
		r->auth_iv_len = s->info.auth_iv_len;
		if (k->iv_len > 0) {
			memcpy(r->iv, k->iv, r->iv_len);
			memcpy(r->auth_iv, k->iv + r->iv_len, r->auth_iv_len);
		}
		r->len = k->pt_len;
		r->cipher_len = s->info.no_cipher ? 0 : k->pt_len;
		r->hash_len = k->pt_len;
		memcpy(out, in, k->pt_len);
		r->src = out;
	} else {
		if (k->iv_len > 0)
			memcpy(r->iv, k->iv, k->iv_len);
		r->iv_len = k->iv_len;
		r->len = k->pt_len; /* ciphers and AEADs keep the length */
	}
	r->status = 0xff;
}

static void
run_vector(const struct kat *k, struct vcrypto_session *se,
		struct vcrypto_session *sd)
{
	static uint8_t in[4][1024], out[4][1024];
	struct vcrypto_req reqs[4], *batch[4];
	const uint8_t *want;
	uint32_t want_len;
	bool encrypt;
	int i, bad = 0;

	for (i = 0; i < 4; i++) {
		/* 0, 2: encrypt (or hash); 1, 3: decrypt; 2, 3 in place */
		encrypt = (i & 1) == 0 || k->kind == VCRYPTO_SESS_HASH ||
			k->kind == VCRYPTO_SESS_MAC;
		/* a chain without cipher takes the message both ways */
		/* an empty message has no bytes (and maybe no pointer) to copy */
		if ((encrypt || k->ct == NULL) && k->pt_len > 0)
			memcpy(in[i], k->pt, k->pt_len);
		else if (!(encrypt || k->ct == NULL) && k->ct_len > 0)
			memcpy(in[i], k->ct, k->ct_len);
		make_req(k, encrypt ? se : sd, encrypt, in[i],
			i >= 2 && k->kind != VCRYPTO_SESS_CHAIN ? in[i] : out[i],
			&reqs[i]);
		batch[i] = &reqs[i];
	}
	eng->process_burst(ctx, batch, 4);
	for (i = 0; i < 4; i++) {
		struct vcrypto_req *r = &reqs[i];

		if (r->status != VIRTIO_CRYPTO_OK) {
			if (getenv("KAT_DEBUG"))
				fprintf(stderr, "  %s req %d: status %u\n", k->name, i,
					r->status);
			bad++;
			continue;
		}
		if (k->kind != VCRYPTO_SESS_HASH && k->kind != VCRYPTO_SESS_MAC) {
			encrypt = (i & 1) == 0;
			want = k->ct != NULL ? (encrypt ? k->ct : k->pt) : k->pt;
			want_len = k->pt_len;
			if (want_len > 0 && memcmp(r->dst, want, want_len) != 0) {
				if (getenv("KAT_DEBUG"))
					for (uint32_t j = 0; j < want_len; j++)
						if (r->dst[j] != want[j]) {
							fprintf(stderr, "  %s req %d: byte %u\n",
								k->name, i, j);
							break;
						}
				bad++;
			}
			/* a chain hashes ciphertext both ways; skip decrypt of
			 * cipher+hash chains (hash over the plaintext side) */
			if (k->kind == VCRYPTO_SESS_CHAIN && !encrypt &&
					k->ct != NULL)
				continue;
		}
		if (k->digest_len > 0 &&
				memcmp(r->digest, k->digest, k->digest_len) != 0) {
			if (getenv("KAT_DEBUG"))
				fprintf(stderr, "  %s req %d: digest %02x%02x%02x%02x\n",
					k->name, i, r->digest[0], r->digest[1],
					r->digest[2], r->digest[3]);
			bad++;
		}
	}
	if (bad != 0)
		fprintf(stderr, "FAIL vector: %s (%d mismatches)\n", k->name, bad);
	CHECK_EQ(bad, 0);
}

static void
test_vectors(void *priv_e, void *priv_d)
{
	struct vcrypto_session se = { .priv = priv_e }, sd = { .priv = priv_d };
	unsigned int i;

	for (i = 0; i < KAT_COUNT; i++) {
		const struct kat *k = &kat_vectors[i];
		uint8_t st1 = make_session(k, true, &se);
		uint8_t st2 = make_session(k, false, &sd);

		if (st1 != VIRTIO_CRYPTO_OK || st2 != VIRTIO_CRYPTO_OK)
			fprintf(stderr, "FAIL session: %s (%u, %u)\n", k->name, st1, st2);
		CHECK_EQ(st1, VIRTIO_CRYPTO_OK);
		CHECK_EQ(st2, VIRTIO_CRYPTO_OK);
		if (st1 == VIRTIO_CRYPTO_OK && st2 == VIRTIO_CRYPTO_OK)
			run_vector(k, &se, &sd);
		eng->session_destroy(ctx, priv_e);
		eng->session_destroy(ctx, priv_d);
	}
	printf("%u vectors run\n", (unsigned int)KAT_COUNT);
}

/* What session creation refuses, and what it reports. */
static void
test_refusals(void *priv)
{
	static const uint8_t key[64];
	struct vcrypto_sess_params p;
	struct vcrypto_sess_info info;

#define TRY(expect) CHECK_EQ(eng->session_create(ctx, priv, &p, &info), expect)
	memset(&p, 0, sizeof(p));
	p.kind = VCRYPTO_SESS_CIPHER;
	p.op = VIRTIO_CRYPTO_OP_ENCRYPT;
	p.cipher_key = key;
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	p.cipher_key_len = 16;
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.kind == VCRYPTO_SESS_CIPHER && info.block == 16 &&
		info.iv_lens == 1ull << 16);
	p.cipher_key_len = 20;
	TRY(VIRTIO_CRYPTO_ERR);
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CTR;
	p.cipher_key_len = 32;
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.block == 1 && info.iv_lens == ((1ull << 12) | (1ull << 16)));
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_ARC4;
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_ZUC_EEA3; /* ZUC-256: not offered */
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.cipher_key_len = 24; /* no such ZUC key */
	TRY(VIRTIO_CRYPTO_ERR);

	memset(&p, 0, sizeof(p));
	p.kind = VCRYPTO_SESS_HASH;
	p.auth_algo = VIRTIO_CRYPTO_HASH_SHA_256;
	p.result_len = 32;
	TRY(VIRTIO_CRYPTO_OK);
	p.result_len = 33;
	TRY(VIRTIO_CRYPTO_ERR);
	p.result_len = 0;
	TRY(VIRTIO_CRYPTO_ERR);
	p.result_len = 16;
	p.auth_algo = VIRTIO_CRYPTO_HASH_MD5; /* no plain MD5 in ipsec-mb 1.3 */
	TRY(VIRTIO_CRYPTO_NOTSUPP);

	p.kind = VCRYPTO_SESS_MAC;
	p.auth_key = key;
	p.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_MD5;
	p.auth_key_len = 65; /* a valid HMAC key this engine cannot hash */
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.result_len = 17; /* longer than MD5 */
	TRY(VIRTIO_CRYPTO_ERR);
	p.auth_algo = VIRTIO_CRYPTO_MAC_XCBC_AES;
	p.auth_key_len = 16;
	p.result_len = 16; /* XCBC-MAC-96 only */
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.result_len = 17;
	TRY(VIRTIO_CRYPTO_ERR);
	p.auth_algo = VIRTIO_CRYPTO_MAC_CMAC_AES;
	p.auth_key_len = 32; /* AES-256-CMAC: not offered */
	p.result_len = 16;
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.auth_key_len = 20;
	TRY(VIRTIO_CRYPTO_ERR);
	p.auth_algo = VIRTIO_CRYPTO_MAC_XCBC_AES;
	p.auth_key_len = 16;
	p.result_len = 12;
	TRY(VIRTIO_CRYPTO_OK);
	p.auth_algo = VIRTIO_CRYPTO_MAC_SNOW3G_UIA2; /* needs an iv: chain */
	p.result_len = 4;
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.auth_algo = VIRTIO_CRYPTO_MAC_GMAC_AES; /* as AEAD GCM only */
	TRY(VIRTIO_CRYPTO_NOTSUPP);

	/* ZUC EIA3 as a NO_CIPHER chain: ZUC-256 digests and keys NOTSUPP */
	memset(&p, 0, sizeof(p));
	p.kind = VCRYPTO_SESS_CHAIN;
	p.op = VIRTIO_CRYPTO_OP_ENCRYPT;
	p.cipher_algo = VIRTIO_CRYPTO_NO_CIPHER;
	p.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	p.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH;
	p.auth_algo = VIRTIO_CRYPTO_MAC_ZUC_EIA3;
	p.auth_key = key;
	p.auth_key_len = 16;
	p.result_len = 4;
	TRY(VIRTIO_CRYPTO_OK);
	p.result_len = 8;
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.result_len = 16;
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.result_len = 6;
	TRY(VIRTIO_CRYPTO_ERR);
	p.result_len = 4;
	p.auth_key_len = 32;
	TRY(VIRTIO_CRYPTO_NOTSUPP);

	memset(&p, 0, sizeof(p));
	p.kind = VCRYPTO_SESS_AEAD;
	p.cipher_key = key;
	p.cipher_algo = VIRTIO_CRYPTO_AEAD_CCM;
	p.cipher_key_len = 16;
	p.result_len = 7; /* odd */
	TRY(VIRTIO_CRYPTO_ERR);
	p.result_len = 16;
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.aad_max == 46 && info.iv_lens == 0x3f80);
	p.cipher_key_len = 24; /* AES-192-CCM: not offered */
	TRY(VIRTIO_CRYPTO_NOTSUPP);
	p.cipher_key_len = 20;
	TRY(VIRTIO_CRYPTO_ERR);
	p.cipher_algo = VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305;
	p.cipher_key_len = 32;
	p.result_len = 12;
	TRY(VIRTIO_CRYPTO_ERR);
#undef TRY
	eng->session_destroy(ctx, priv);
}

static void
test_caps(void)
{
	struct vcrypto_engine_caps c;

	eng->get_caps(ctx, &c);
	CHECK_EQ(c.crypto_services, (1u << VIRTIO_CRYPTO_SERVICE_CIPHER) |
		(1u << VIRTIO_CRYPTO_SERVICE_HASH) | (1u << VIRTIO_CRYPTO_SERVICE_MAC) |
		(1u << VIRTIO_CRYPTO_SERVICE_AEAD));
	CHECK(vcrypto_algo_in_mask64(c.cipher_algo_l, c.cipher_algo_h,
		VIRTIO_CRYPTO_CIPHER_ZUC_EEA3));
	CHECK(!vcrypto_algo_in_mask64(c.cipher_algo_l, c.cipher_algo_h,
		VIRTIO_CRYPTO_CIPHER_AES_XTS));
	CHECK(!vcrypto_algo_in_mask32(c.hash_algo, VIRTIO_CRYPTO_HASH_MD5));
	CHECK(vcrypto_algo_in_mask64(c.mac_algo_l, c.mac_algo_h,
		VIRTIO_CRYPTO_MAC_ZUC_EIA3));
	CHECK(vcrypto_algo_in_mask64(c.mac_algo_l, c.mac_algo_h,
		VIRTIO_CRYPTO_MAC_GMAC_AES));
	CHECK_EQ(c.aead_algo, (1u << VIRTIO_CRYPTO_AEAD_GCM) |
		(1u << VIRTIO_CRYPTO_AEAD_CCM) |
		(1u << VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305));
	CHECK_EQ(c.max_cipher_key_len, 32);
	CHECK_EQ(c.max_auth_key_len, VCRYPTO_MAX_AUTH_KEY_LEN);
	printf("caps: services %#x cipher %#x/%#x hash %#x mac %#x/%#x aead %#x\n",
		c.crypto_services, c.cipher_algo_l, c.cipher_algo_h, c.hash_algo,
		c.mac_algo_l, c.mac_algo_h, c.aead_algo);
}

int
main(void)
{
	void *pe = aligned_alloc(eng->session_align, eng->session_size);
	void *pd = aligned_alloc(eng->session_align, eng->session_size);

	if (pe == NULL || pd == NULL || eng->ctx_create(NULL, &ctx) != 0) {
		fprintf(stderr, "cannot set up the engine\n");
		return 1;
	}
	test_caps();
	test_vectors(pe, pd);
	test_refusals(pe);
	eng->ctx_destroy(ctx);
	free(pe);
	free(pd);
	return TEST_DONE();
}
