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

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "vcrypto_wire.h"
#include "engine.h"
#include "engine_ipsec_mb_priv.h"
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
	r->digest_out = r->digest;
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

static const struct kat *
find_kat(const char *name)
{
	unsigned int i;

	for (i = 0; i < KAT_COUNT; i++)
		if (strcmp(kat_vectors[i].name, name) == 0)
			return &kat_vectors[i];
	return NULL;
}

/*
 * A burst with one job the library refuses (HMAC over an empty message,
 * which intel-ipsec-mb 1.3 rejects) among good ones: the library's burst
 * API refuses the whole burst, so the engine must run it again job by job;
 * only that request fails, the others give the NIST bytes.
 */
static void
test_refused_job_in_burst(void *priv_cbc, void *priv_mac)
{
	enum { N = 9, BAD = 4 };
	const struct kat *cbc = find_kat("AES-128-CBC (SP 800-38A F.2.1)");
	const struct kat *mac = find_kat("HMAC-SHA1 test case 2 (RFC 2202)");
	struct vcrypto_session sc = { .priv = priv_cbc }, sm = { .priv = priv_mac };
	static uint8_t out[N][64];
	struct vcrypto_req reqs[N], *batch[N];
	uint64_t jobs_before;
	int i;

	CHECK(cbc != NULL && mac != NULL && cbc->pt_len <= sizeof(out[0]));
	if (cbc == NULL || mac == NULL)
		return;
	CHECK_EQ(make_session(cbc, true, &sc), VIRTIO_CRYPTO_OK);
	CHECK_EQ(make_session(mac, true, &sm), VIRTIO_CRYPTO_OK);
	for (i = 0; i < N; i++) {
		if (i == BAD) {
			make_req(mac, &sm, true, mac->pt, out[i], &reqs[i]);
			reqs[i].len = 0;
		} else {
			make_req(cbc, &sc, true, cbc->pt, out[i], &reqs[i]);
		}
		batch[i] = &reqs[i];
	}
	jobs_before = ((struct mb_ctx *)ctx)->path[MB_PATH_JOB];
	eng->process_burst(ctx, batch, N);
	CHECK_EQ(((struct mb_ctx *)ctx)->path[MB_PATH_JOB] - jobs_before, N);
	for (i = 0; i < N; i++) {
		if (i == BAD) {
			CHECK_EQ(reqs[i].status, VIRTIO_CRYPTO_ERR);
			continue;
		}
		CHECK_EQ(reqs[i].status, VIRTIO_CRYPTO_OK);
		CHECK(memcmp(out[i], cbc->ct, cbc->pt_len) == 0);
	}
	/* the engine is left clean: the next burst runs as usual */
	make_req(cbc, &sc, true, cbc->pt, out[0], &reqs[0]);
	eng->process_burst(ctx, batch, 1);
	CHECK_EQ(reqs[0].status, VIRTIO_CRYPTO_OK);
	CHECK(memcmp(out[0], cbc->ct, cbc->pt_len) == 0);
	eng->session_destroy(ctx, priv_cbc);
	eng->session_destroy(ctx, priv_mac);
}

/*
 * Run burst @p reqs: it must take path @p want (every request counted
 * there), request @p bad (if >= 0) end with ERR and every other with OK.
 */
static void
run_and_check_statuses(struct vcrypto_req *reqs, int n, int bad,
		enum mb_path want)
{
	struct vcrypto_req *batch[16];
	struct mb_ctx *c = ctx;
	uint64_t before = c->path[want];
	int i;

	CHECK(n <= (int)(sizeof(batch) / sizeof(batch[0])));
	for (i = 0; i < n; i++)
		batch[i] = &reqs[i];
	eng->process_burst(ctx, batch, (uint16_t)n);
	CHECK_EQ(c->path[want] - before, n);
	for (i = 0; i < n; i++)
		CHECK_EQ(reqs[i].status, i == bad ? VIRTIO_CRYPTO_ERR :
			VIRTIO_CRYPTO_OK);
}

/*
 * Nine requests of one vector and direction: a burst the one-algorithm
 * calls take (AES-CBC, HMAC-SHA1), or the direct calls (AES-GCM). With @p bad >= 0 that request is one the
 * library refuses (a CBC length off the block size, an HMAC over nothing):
 * then the burst must run job by job, only that request failing, and no
 * in-place output ciphered twice. @p want: the path the burst must take.
 */
static void
run_one_algo_burst(const struct kat *k, void *priv, bool encrypt, int bad,
		enum mb_path want)
{
	enum { N = 9 };
	struct vcrypto_session s = { .priv = priv };
	static uint8_t buf[N][64];
	struct vcrypto_req reqs[N];
	bool mac = k->kind == VCRYPTO_SESS_MAC;
	const uint8_t *in = encrypt || mac ? k->pt : k->ct;
	const uint8_t *want_out = encrypt ? k->ct : k->pt;
	int i;

	CHECK(k->pt_len <= sizeof(buf[0]));
	CHECK_EQ(make_session(k, encrypt, &s), VIRTIO_CRYPTO_OK);
	for (i = 0; i < N; i++) {
		memcpy(buf[i], in, k->pt_len);
		/* in place, as a guest's request usually is */
		make_req(k, &s, encrypt, buf[i], buf[i], &reqs[i]);
		if (i == bad)
			reqs[i].len = mac ? 0 : k->pt_len - 15;
	}
	run_and_check_statuses(reqs, N, bad, want);
	for (i = 0; i < N; i++) {
		if (i == bad)
			continue;
		if (mac || (k->kind == VCRYPTO_SESS_AEAD && encrypt))
			CHECK(memcmp(reqs[i].digest, k->digest, k->digest_len) == 0);
		if (!mac)
			CHECK(memcmp(buf[i], want_out, k->pt_len) == 0);
	}
	eng->session_destroy(ctx, priv);
}

static void
test_one_algo_bursts(void *priv)
{
	const struct kat *cbc = find_kat("AES-128-CBC (SP 800-38A F.2.1)");
	const struct kat *mac = find_kat("HMAC-SHA1 test case 2 (RFC 2202)");
	const struct kat *gcm = find_kat("AES-256-GCM test case 16 (GCM spec)");

	CHECK(cbc != NULL && mac != NULL && gcm != NULL);
	if (cbc == NULL || mac == NULL || gcm == NULL)
		return;
	/* AES-GCM: each request by the direct call, whatever its neighbours */
	run_one_algo_burst(gcm, priv, true, -1, MB_PATH_DIRECT);
	run_one_algo_burst(gcm, priv, false, -1, MB_PATH_DIRECT);
	run_one_algo_burst(cbc, priv, true, -1, MB_PATH_ONE_ALGO);
	run_one_algo_burst(cbc, priv, false, -1, MB_PATH_ONE_ALGO);
	run_one_algo_burst(mac, priv, true, -1, MB_PATH_ONE_ALGO);
	run_one_algo_burst(cbc, priv, true, 5, MB_PATH_JOB);
	run_one_algo_burst(cbc, priv, false, 0, MB_PATH_JOB);
	run_one_algo_burst(mac, priv, true, 8, MB_PATH_JOB);
}

/*
 * AES-CBC encryption longer than the library takes in one job (65534
 * bytes): the engine runs it in pieces chained by their last block. The
 * answer must be OpenSSL's for the whole buffer, in place and out of
 * place; decrypting it (one job, no such limit) gives the plaintext back.
 */
static void
test_cbc_encrypt_long(void *priv)
{
	enum { LEN = 200000 }; /* three pieces, the last one short */
	const struct kat *cbc = find_kat("AES-128-CBC (SP 800-38A F.2.1)");
	struct vcrypto_session s = { .priv = priv };
	uint8_t *pt = malloc(LEN), *want = malloc(LEN), *a = malloc(LEN), *b = malloc(LEN);
	struct vcrypto_req r[2], *batch[2] = { &r[0], &r[1] };
	EVP_CIPHER_CTX *ossl = EVP_CIPHER_CTX_new();
	int outl = 0, i;

	CHECK(cbc != NULL && pt != NULL && want != NULL && a != NULL && b != NULL &&
		ossl != NULL);
	if (cbc == NULL || pt == NULL || want == NULL || a == NULL || b == NULL ||
			ossl == NULL)
		goto out;
	for (i = 0; i < LEN; i++)
		pt[i] = (uint8_t)(i * 7 + (i >> 8));
	CHECK_EQ(EVP_EncryptInit_ex(ossl, EVP_aes_128_cbc(), NULL, cbc->key, cbc->iv), 1);
	EVP_CIPHER_CTX_set_padding(ossl, 0);
	CHECK_EQ(EVP_EncryptUpdate(ossl, want, &outl, pt, LEN), 1);
	CHECK_EQ(outl, LEN);

	CHECK_EQ(make_session(cbc, true, &s), VIRTIO_CRYPTO_OK);
	memcpy(a, pt, LEN);
	make_req(cbc, &s, true, a, a, &r[0]);       /* in place */
	make_req(cbc, &s, true, pt, b, &r[1]);      /* out of place */
	r[0].len = r[1].len = LEN;
	eng->process_burst(ctx, batch, 2);
	CHECK_EQ(r[0].status, VIRTIO_CRYPTO_OK);
	CHECK_EQ(r[1].status, VIRTIO_CRYPTO_OK);
	CHECK(memcmp(a, want, LEN) == 0);
	CHECK(memcmp(b, want, LEN) == 0);
	eng->session_destroy(ctx, priv);

	CHECK_EQ(make_session(cbc, false, &s), VIRTIO_CRYPTO_OK);
	make_req(cbc, &s, false, a, a, &r[0]);
	r[0].len = LEN;
	eng->process_burst(ctx, batch, 1);
	CHECK_EQ(r[0].status, VIRTIO_CRYPTO_OK);
	CHECK(memcmp(a, pt, LEN) == 0);
	eng->session_destroy(ctx, priv);
out:
	EVP_CIPHER_CTX_free(ossl);
	free(pt);
	free(want);
	free(a);
	free(b);
}

/*
 * HASH and MAC over more than a job takes (65534 bytes): the one-shot SHA
 * path, and HMAC built on it, must give OpenSSL's digests; at the
 * boundary (65534: a job, 65535: the long path) too. Keys from the RFC
 * vectors, one of them longer than the block (hashed first).
 */
static void
test_hash_long(void *priv)
{
	static const struct { const char *kat; const EVP_MD *(*md)(void); uint32_t len; } t[] = {
		{ "SHA_256 of abc (FIPS 180)", EVP_sha256, 100000 },
		{ "SHA_512 of abc (FIPS 180)", EVP_sha512, 65535 },
		{ "HMAC-SHA1 test case 2 (RFC 2202)", EVP_sha1, 100000 },
		{ "HMAC-SHA1 test case 2 (RFC 2202)", EVP_sha1, 65534 },
		{ "HMAC-SHA1 test case 2 (RFC 2202)", EVP_sha1, 65535 },
		{ "HMAC-SHA_256 test case 6, 131-byte key (RFC 4231)", EVP_sha256, 300000 },
		{ "HMAC-SHA_512 test case 2 (RFC 4231)", EVP_sha512, 70001 },
	};
	struct vcrypto_session s = { .priv = priv };
	uint8_t *msg = malloc(300000), want[64];
	struct vcrypto_req r, *batch[1] = { &r };
	unsigned int i, j, want_len;

	CHECK(msg != NULL);
	if (msg == NULL)
		return;
	for (j = 0; j < 300000; j++)
		msg[j] = (uint8_t)(j * 31 + (j >> 9));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct kat *k = find_kat(t[i].kat);

		CHECK(k != NULL);
		if (k == NULL)
			continue;
		if (k->kind == VCRYPTO_SESS_HASH)
			CHECK_EQ(EVP_Digest(msg, t[i].len, want, &want_len, t[i].md(), NULL), 1);
		else
			CHECK(HMAC(t[i].md(), k->akey, (int)k->akey_len, msg, t[i].len,
				want, &want_len) != NULL);
		CHECK_EQ(make_session(k, true, &s), VIRTIO_CRYPTO_OK);
		make_req(k, &s, true, msg, NULL, &r);
		r.len = t[i].len;
		eng->process_burst(ctx, batch, 1);
		CHECK_EQ(r.status, VIRTIO_CRYPTO_OK);
		/* the session's digest length, or all of it */
		CHECK(memcmp(r.digest, want, k->digest_len) == 0);
		if (getenv("KAT_DEBUG") && (r.status != VIRTIO_CRYPTO_OK ||
				memcmp(r.digest, want, k->digest_len) != 0))
			fprintf(stderr, "  long %s %u: status %u\n", t[i].kat, t[i].len, r.status);
		eng->session_destroy(ctx, priv);
	}
	free(msg);
}

/*
 * Bursts of one chain (AES-128-CBC then HMAC-SHA256): as a cipher burst
 * and a hash burst in the chain's order, with the vector's ciphertext (or
 * plaintext) and digest; the hash covers the ciphertext both ways. With
 * @p bad >= 0 that request has an empty hash range (the hash half is then
 * refused after the cipher half ran: the rest job by job) or, with
 * @p bad_cipher, an empty cipher range (refused first: nothing ran, the
 * chained-job path takes the burst). Only the bad one fails.
 */
static void
run_chain_split(void *priv, bool encrypt, int bad, bool bad_cipher,
		enum mb_path want)
{
	enum { N = 9 };
	const struct kat *k = find_kat("AES-128-CBC then HMAC-SHA256 (SP 800-38A F.2.1 + RFC 2104)");
	struct vcrypto_session s = { .priv = priv };
	static uint8_t in[N][64], out[N][64];
	struct vcrypto_req reqs[N];
	int i;

	CHECK(k != NULL);
	if (k == NULL)
		return;
	CHECK_EQ(make_session(k, encrypt, &s), VIRTIO_CRYPTO_OK);
	for (i = 0; i < N; i++) {
		memcpy(in[i], encrypt ? k->pt : k->ct, k->pt_len);
		make_req(k, &s, encrypt, in[i], out[i], &reqs[i]);
		if (i == bad && bad_cipher)
			reqs[i].cipher_len = 0;
		else if (i == bad)
			reqs[i].hash_len = 0;
	}
	run_and_check_statuses(reqs, N, bad, want);
	for (i = 0; i < N; i++) {
		if (i == bad)
			continue;
		CHECK(memcmp(out[i], encrypt ? k->ct : k->pt, k->pt_len) == 0);
		CHECK(memcmp(reqs[i].digest, k->digest, k->digest_len) == 0);
	}
	eng->session_destroy(ctx, priv);
}

static void
test_chain_split(void *priv)
{
	run_chain_split(priv, true, -1, false, MB_PATH_ONE_ALGO);
	run_chain_split(priv, false, -1, false, MB_PATH_ONE_ALGO);
	run_chain_split(priv, true, 4, false, MB_PATH_ONE_ALGO);
	run_chain_split(priv, false, 0, false, MB_PATH_JOB);
	run_chain_split(priv, true, 8, true, MB_PATH_JOB);
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
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_ZUC_EEA3; /* ZUC-256: 25-byte iv */
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.iv_lens == 1ull << 25);
	p.cipher_key_len = 16; /* ZUC-128: 16-byte iv */
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.iv_lens == 1ull << 16);
	p.cipher_key_len = 24; /* no such ZUC key */
	TRY(VIRTIO_CRYPTO_ERR);
	p.cipher_algo = VIRTIO_CRYPTO_NO_CIPHER; /* null cipher: no key */
	p.cipher_key_len = 0;
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.iv_lens == 1ull << 0 && info.block == 1);
	p.cipher_key_len = 16;
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
	p.auth_algo = VIRTIO_CRYPTO_NO_HASH; /* the null hash: empty digest */
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.result_len == 0);
	p.result_len = 4;
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
	p.auth_key_len = 32; /* ZUC-256 EIA3: 25-byte iv, 4, 8, 16-byte tags */
	TRY(VIRTIO_CRYPTO_ERR);
	p.result_len = 4;
	TRY(VIRTIO_CRYPTO_OK);
	CHECK(info.auth_iv_len == 25 && info.result_len == 4);
	p.result_len = 8;
	TRY(VIRTIO_CRYPTO_OK);
	p.result_len = 16;
	TRY(VIRTIO_CRYPTO_OK);
	p.auth_key_len = 24;
	TRY(VIRTIO_CRYPTO_ERR);

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

/* A hand-built encrypt (or hash) request of @p kind on session @p se,
 * everything else zero, the digest into its own scratch. */
static void
blank_req(struct vcrypto_req *r, const struct vcrypto_session *se,
		enum vcrypto_sess_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->digest_out = r->digest;
	r->sess = se;
	r->kind = kind;
	r->encrypt = true;
}

/* Run one request alone. */
static uint8_t
run_one(struct vcrypto_req *r)
{
	struct vcrypto_req *b[1] = { r };

	r->status = 0xff;
	eng->process_burst(ctx, b, 1);
	return r->status;
}

static void
base_params(struct vcrypto_sess_params *p, enum vcrypto_sess_kind kind)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->op = VIRTIO_CRYPTO_OP_ENCRYPT;
}

/*
 * ZUC-256 (32-byte key, 25-byte iv) EEA3 and EIA3, vectors of the ZUC-256
 * specification (as DPDK's zuc256_test_case_cipher_1 / _auth_1 carry them).
 */
static void
test_zuc256(void *priv)
{
	static const uint8_t ckey[32] = {
		0xf7, 0xb4, 0x04, 0x5a, 0x81, 0x5c, 0x1b, 0x01, 0x82, 0xf9, 0xf4,
		0x26, 0x80, 0xd4, 0x56, 0x26, 0xd5, 0xf7, 0x4b, 0x68, 0x48, 0x6b,
		0x92, 0x6a, 0x34, 0x1f, 0x86, 0x66, 0x60, 0x0a, 0xfc, 0x57 };
	static const uint8_t civ[25] = {
		0x8e, 0x5d, 0xbc, 0x3f, 0xb9, 0xae, 0x66, 0xa3, 0xb9, 0x5c, 0x12,
		0x14, 0xdb, 0xc5, 0xbc, 0x18, 0x48, 0x12, 0x09, 0x06, 0x25, 0x33,
		0x2e, 0x12, 0x12 };
	static const uint8_t pt[128] = {
		0x36, 0xdb, 0x63, 0x68, 0xb5, 0x1f, 0x4e, 0x92, 0x46, 0x1f, 0xde,
		0xdb, 0xc2, 0xec, 0xfa, 0x7e, 0x49, 0x85, 0x77, 0xaa, 0x46, 0x98,
		0x30, 0x2d, 0x3b, 0xc4, 0x11, 0x24, 0x98, 0x20, 0xa9, 0xce, 0xfb,
		0x0d, 0x36, 0xb0, 0x2c, 0x85, 0x42, 0x72, 0xa4, 0x21, 0x4e, 0x66,
		0x0d, 0x48, 0xe4, 0x57, 0xce, 0x5b, 0x01, 0x14, 0xf3, 0x31, 0x42,
		0x2e, 0xf5, 0x53, 0x52, 0x8d, 0x73, 0xfc, 0x5c, 0x6e, 0x09, 0x92,
		0x1e, 0x35, 0x17, 0x60, 0xa8, 0xbb, 0x81, 0xf6, 0x21, 0x8f, 0x3e,
		0x05, 0xe6, 0x0c, 0x60, 0xe7, 0x21, 0x53, 0x18, 0x63, 0x81, 0x0d,
		0xb6, 0xd4, 0x9a, 0x29, 0xd0, 0xf6, 0x97, 0xd9, 0x89, 0xb5, 0x0e,
		0xa0, 0x15, 0xb6, 0x5c, 0x97, 0xac, 0x7d, 0x26, 0xeb, 0x83, 0x0c,
		0xf7, 0xe3, 0xf3, 0x18, 0x37, 0x0b, 0x7b, 0xb8, 0x18, 0x31, 0x8c,
		0xb2, 0x5a, 0x5c, 0xa9, 0xf1, 0x35, 0x32 };
	static const uint8_t ct[128] = {
		0xa6, 0xe5, 0x71, 0x58, 0x5c, 0xcf, 0x5d, 0x0d, 0x59, 0xb5, 0x51,
		0xab, 0xf5, 0xfa, 0x31, 0xf9, 0x8d, 0x4f, 0xf0, 0x3c, 0x7d, 0x61,
		0x8d, 0x7a, 0x6b, 0xcb, 0x2c, 0x79, 0xca, 0x99, 0x06, 0x6f, 0xff,
		0x5d, 0x12, 0x5f, 0x0e, 0x7a, 0x33, 0x6b, 0x51, 0xbc, 0x58, 0x53,
		0xff, 0xbd, 0x85, 0xc9, 0xac, 0x5f, 0x33, 0xc2, 0xa2, 0xf1, 0x17,
		0x7a, 0xd9, 0x3f, 0x81, 0x82, 0x2f, 0x0a, 0xb0, 0xaf, 0xb9, 0x19,
		0x3b, 0xfa, 0xcd, 0xa4, 0x06, 0x81, 0x2a, 0x7a, 0xbf, 0x2c, 0x07,
		0xde, 0xc1, 0xa4, 0x8c, 0x15, 0x85, 0x81, 0xa6, 0xd3, 0x73, 0x1c,
		0x29, 0x0b, 0xee, 0x3c, 0x57, 0xfa, 0x82, 0xad, 0x6f, 0xe0, 0xa1,
		0x54, 0x8d, 0xa4, 0x92, 0x29, 0xf4, 0xfa, 0x6d, 0x01, 0xe3, 0x6c,
		0xb9, 0x76, 0x80, 0x53, 0xbb, 0x27, 0xb8, 0x18, 0x47, 0x6c, 0xae,
		0xb5, 0x44, 0x60, 0x43, 0x9d, 0xa7, 0x3f };
	static const uint8_t akey[32] = {
		0xe3, 0x8e, 0xaf, 0x08, 0xde, 0x8c, 0x08, 0x41, 0x7f, 0x2b, 0x97,
		0x20, 0x10, 0x87, 0xc7, 0xf7, 0xbe, 0x3c, 0xd2, 0x68, 0x80, 0x10,
		0x1e, 0x71, 0xfd, 0xb2, 0xbb, 0xad, 0x25, 0x0f, 0x06, 0x08 };
	static const uint8_t aiv[25] = {
		0xf5, 0x8d, 0x08, 0x26, 0x94, 0x14, 0xc7, 0x4d, 0xf5, 0x7c, 0x9c,
		0xaa, 0x45, 0x53, 0xfd, 0x85, 0x23, 0x0b, 0x00, 0x0e, 0x26, 0x2b,
		0x0f, 0x01, 0x26 };
	static const uint8_t msg[45] = {
		0x08, 0xba, 0x8d, 0xf1, 0xf8, 0x62, 0xa6, 0xaf, 0xf9, 0x03, 0x88,
		0x9c, 0xa3, 0x68, 0x6b, 0x87, 0xb6, 0x92, 0xd1, 0x47, 0x3e, 0x54,
		0xaf, 0x46, 0x07, 0x8f, 0x89, 0xea, 0x26, 0x9d, 0x0e, 0x2f, 0x57,
		0x9b, 0x20, 0x4f, 0xfe, 0xc7, 0xfe, 0xf7, 0xca, 0x86, 0x93, 0x6d,
		0xee };
	static const uint8_t mac[4] = { 0x58, 0x19, 0xab, 0xa5 };
	struct vcrypto_session se = { .priv = priv };
	struct vcrypto_sess_params p;
	struct vcrypto_req r;
	uint8_t out[128], work[45];

	base_params(&p, VCRYPTO_SESS_CIPHER);
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_ZUC_EEA3;
	p.cipher_key = ckey;
	p.cipher_key_len = 32;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_CIPHER);
	memcpy(r.iv, civ, 25);
	r.iv_len = 25;
	r.src = pt;
	r.dst = out;
	r.len = 128;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(memcmp(out, ct, 128) == 0);
	eng->session_destroy(ctx, priv);

	/* EIA3-256 as a NO_CIPHER chain (the iv is the auth iv) */
	base_params(&p, VCRYPTO_SESS_CHAIN);
	p.cipher_algo = VIRTIO_CRYPTO_NO_CIPHER;
	p.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	p.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH;
	p.auth_algo = VIRTIO_CRYPTO_MAC_ZUC_EIA3;
	p.auth_key = akey;
	p.auth_key_len = 32;
	p.result_len = 4;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_CHAIN);
	memcpy(r.auth_iv, aiv, 25);
	r.auth_iv_len = 25;
	memcpy(work, msg, sizeof(msg));
	r.src = work;
	r.dst = work;
	r.len = sizeof(msg);
	r.hash_len = sizeof(msg);
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(memcmp(r.digest, mac, 4) == 0);
	CHECK(memcmp(work, msg, sizeof(msg)) == 0);
	eng->session_destroy(ctx, priv);
}

/* The null cipher copies, the null hash gives an empty digest. */
static void
test_null(void *priv)
{
	struct vcrypto_session se = { .priv = priv };
	struct vcrypto_sess_params p;
	struct vcrypto_req r;
	uint8_t src[40], dst[40];
	unsigned int i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (uint8_t)(i * 7 + 1);
	base_params(&p, VCRYPTO_SESS_CIPHER);
	p.cipher_algo = VIRTIO_CRYPTO_NO_CIPHER;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_CIPHER);
	memset(dst, 0, sizeof(dst));
	r.src = src;
	r.dst = dst;
	r.len = 37; /* no block */
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(memcmp(dst, src, 37) == 0 && dst[37] == 0);
	eng->session_destroy(ctx, priv);

	base_params(&p, VCRYPTO_SESS_HASH);
	p.auth_algo = VIRTIO_CRYPTO_NO_HASH;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_HASH);
	memset(r.digest, 0xee, sizeof(r.digest));
	r.src = src;
	r.len = 40;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(r.digest[0] == 0xee); /* nothing written */
	eng->session_destroy(ctx, priv);

	/* NULL + NULL chain: in place on the work buffer, nothing changes */
	base_params(&p, VCRYPTO_SESS_CHAIN);
	p.cipher_algo = VIRTIO_CRYPTO_NO_CIPHER;
	p.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
	p.auth_algo = VIRTIO_CRYPTO_NO_HASH;
	p.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	memcpy(dst, src, sizeof(dst));
	blank_req(&r, &se, VCRYPTO_SESS_CHAIN);
	r.src = dst;
	r.dst = dst;
	r.len = 40;
	r.cipher_len = 40;
	r.hash_len = 40;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(memcmp(dst, src, 40) == 0);
	eng->session_destroy(ctx, priv);
}

/*
 * HASH_THEN_CIPHER with the digest output inside the cipher range (the
 * codec points digest_out there): the engine must write the digest before
 * the cipher reads it. Expected: HMAC-SHA1 over the hash range by a MAC
 * request, appended, then AES-CBC over all of it by a cipher request.
 */
static void
test_digest_encrypted(void *priv)
{
	static const uint8_t key[16] = "0123456789abcdef", akey[20] = "hmac-key-of-20-bytes";
	static const uint8_t iv[16] = "iv-of-16-bytes!";
	struct vcrypto_session se = { .priv = priv };
	struct vcrypto_sess_params p;
	struct vcrypto_req r;
	uint8_t plain[64], want[64], work[64];
	unsigned int i;

	for (i = 0; i < 44; i++)
		plain[i] = (uint8_t)(0x30 + i);
	/* expected: the MAC of bytes 0..43, at 44..63, then all encrypted */
	base_params(&p, VCRYPTO_SESS_MAC);
	p.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1;
	p.auth_key = akey;
	p.auth_key_len = 20;
	p.result_len = 20;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_MAC);
	r.src = plain;
	r.len = 44;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	memcpy(plain + 44, r.digest, 20);
	eng->session_destroy(ctx, priv);
	base_params(&p, VCRYPTO_SESS_CIPHER);
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	p.cipher_key = key;
	p.cipher_key_len = 16;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	blank_req(&r, &se, VCRYPTO_SESS_CIPHER);
	memcpy(r.iv, iv, 16);
	r.iv_len = 16;
	r.src = plain;
	r.dst = want;
	r.len = 64;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	eng->session_destroy(ctx, priv);

	/* the chain: hash 0..43, digest at 44, cipher 0..63, one job */
	base_params(&p, VCRYPTO_SESS_CHAIN);
	p.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	p.cipher_key = key;
	p.cipher_key_len = 16;
	p.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	p.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1;
	p.auth_key = akey;
	p.auth_key_len = 20;
	p.result_len = 20;
	p.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	CHECK_EQ(eng->session_create(ctx, priv, &p, &se.info), VIRTIO_CRYPTO_OK);
	memcpy(work, plain, 44);
	memset(work + 44, 0, 20);
	blank_req(&r, &se, VCRYPTO_SESS_CHAIN);
	memcpy(r.iv, iv, 16);
	r.iv_len = 16;
	r.src = work;
	r.dst = work;
	r.len = 64;
	r.cipher_len = 64;
	r.hash_len = 44;
	r.result_len = 20;
	r.digest_out = work + 44;
	CHECK_EQ(run_one(&r), VIRTIO_CRYPTO_OK);
	CHECK(memcmp(work, want, 64) == 0);
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
	/* bit 0: the null algorithms */
	CHECK(c.cipher_algo_l & 1u << VIRTIO_CRYPTO_NO_CIPHER);
	CHECK(c.hash_algo & 1u << VIRTIO_CRYPTO_NO_HASH);
	CHECK(c.mac_algo_l & 1u << VIRTIO_CRYPTO_NO_MAC);
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
	/* a device's default max_size: room for long HMAC messages */
	const struct vcrypto_engine_conf conf = { .max_size = 1u << 20 };
	void *pe = aligned_alloc(eng->session_align, eng->session_size);
	void *pd = aligned_alloc(eng->session_align, eng->session_size);

	if (pe == NULL || pd == NULL || eng->ctx_create(&conf, &ctx) != 0) {
		fprintf(stderr, "cannot set up the engine\n");
		return 1;
	}
	test_caps();
	test_vectors(pe, pd);
	test_refused_job_in_burst(pe, pd);
	test_one_algo_bursts(pe);
	test_cbc_encrypt_long(pe);
	test_hash_long(pe);
	test_chain_split(pe);
	test_refusals(pe);
	test_zuc256(pe);
	test_null(pe);
	test_digest_encrypted(pe);
	eng->ctx_destroy(ctx);
	free(pe);
	free(pd);
	return TEST_DONE();
}
