/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <string.h>

#include <rte_common.h>

#include "bench.h"

/* Fixed benchmark keys: their values do not matter, only their sizes. */
static const uint8_t bench_key[64] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88,
	0x09, 0xcf, 0x4f, 0x3c, 0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe,
	0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d, 0x77, 0x81, 0x1f, 0x35, 0x2c, 0x07,
	0x3b, 0x61, 0x08, 0xd7, 0x2d, 0x98, 0x10, 0xa3, 0x09, 0x14, 0xdf, 0xf4,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98,
	0x76, 0x54, 0x32, 0x10,
};

static void
cipher_xform(struct rte_crypto_sym_xform *x)
{
	memset(x, 0, sizeof(*x));
	x->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x->cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x->cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	x->cipher.key.data = bench_key;
	x->cipher.key.length = 16;
	x->cipher.iv.offset = BENCH_IV_OFFSET;
	x->cipher.iv.length = 16;
}

static void
auth_xform(struct rte_crypto_sym_xform *x, enum rte_crypto_auth_algorithm algo,
	   uint16_t key_len, uint16_t digest_len)
{
	memset(x, 0, sizeof(*x));
	x->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	x->auth.algo = algo;
	x->auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	x->auth.key.data = bench_key;
	x->auth.key.length = key_len;
	x->auth.digest_length = digest_len;
}

static void
aead_xform(struct rte_crypto_sym_xform *x, enum rte_crypto_aead_algorithm algo,
	   uint16_t key_len)
{
	memset(x, 0, sizeof(*x));
	x->type = RTE_CRYPTO_SYM_XFORM_AEAD;
	x->aead.algo = algo;
	x->aead.op = RTE_CRYPTO_AEAD_OP_ENCRYPT;
	x->aead.key.data = bench_key;
	x->aead.key.length = key_len;
	x->aead.iv.offset = BENCH_IV_OFFSET;
	x->aead.iv.length = 12;
	x->aead.digest_length = 16;
	x->aead.aad_length = BENCH_AAD_MAX;
}

static struct rte_crypto_sym_xform *
xf_aes_cbc(struct rte_crypto_sym_xform x[2])
{
	cipher_xform(&x[0]);
	return &x[0];
}

static struct rte_crypto_sym_xform *
xf_cbc_sha1(struct rte_crypto_sym_xform x[2])
{
	cipher_xform(&x[0]);
	auth_xform(&x[1], RTE_CRYPTO_AUTH_SHA1_HMAC, 20, 20);
	x[0].next = &x[1];
	return &x[0];
}

static struct rte_crypto_sym_xform *
xf_hmac_sha256(struct rte_crypto_sym_xform x[2])
{
	auth_xform(&x[0], RTE_CRYPTO_AUTH_SHA256_HMAC, 32, 32);
	return &x[0];
}

static struct rte_crypto_sym_xform *
xf_aes_gcm(struct rte_crypto_sym_xform x[2])
{
	aead_xform(&x[0], RTE_CRYPTO_AEAD_AES_GCM, 16);
	return &x[0];
}

static struct rte_crypto_sym_xform *
xf_chacha(struct rte_crypto_sym_xform x[2])
{
	aead_xform(&x[0], RTE_CRYPTO_AEAD_CHACHA20_POLY1305, 32);
	return &x[0];
}

static void
fill_cipher(struct rte_crypto_op *op, uint32_t len, uint8_t *digest, rte_iova_t digest_iova)
{
	op->sym->cipher.data.offset = 0;
	op->sym->cipher.data.length = len;
}

static void
fill_auth(struct rte_crypto_op *op, uint32_t len, uint8_t *digest, rte_iova_t digest_iova)
{
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = len;
	op->sym->auth.digest.data = digest;
	op->sym->auth.digest.phys_addr = digest_iova;
}

static void
fill_chain(struct rte_crypto_op *op, uint32_t len, uint8_t *digest, rte_iova_t digest_iova)
{
	fill_cipher(op, len, digest, digest_iova);
	fill_auth(op, len, digest, digest_iova);
}

static void
fill_aead(struct rte_crypto_op *op, uint32_t len, uint8_t *digest, rte_iova_t digest_iova)
{
	op->sym->aead.data.offset = 0;
	op->sym->aead.data.length = len;
	op->sym->aead.digest.data = digest;
	op->sym->aead.digest.phys_addr = digest_iova;
	op->sym->aead.aad.data = rte_crypto_op_ctod_offset(op, uint8_t *, BENCH_AAD_OFFSET);
	op->sym->aead.aad.phys_addr = rte_crypto_op_ctophys_offset(op, BENCH_AAD_OFFSET);
}

static const struct bench_algo bench_algos[] = {
	{ "aes-cbc", "AES-128-CBC", xf_aes_cbc, fill_cipher, 0 },
	{ "aes-gcm", "AES-128-GCM", xf_aes_gcm, fill_aead, 16 },
	{ "cbc-sha1", "AES-128-CBC + HMAC-SHA1", xf_cbc_sha1, fill_chain, 20 },
	{ "hmac-sha256", "HMAC-SHA256", xf_hmac_sha256, fill_auth, 32 },
	{ "chacha20-poly1305", "ChaCha20-Poly1305", xf_chacha, fill_aead, 16 },
};

const struct bench_algo *
bench_algo_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(bench_algos); i++)
		if (strcmp(bench_algos[i].name, name) == 0)
			return &bench_algos[i];
	return NULL;
}

const char *
bench_algo_names(void)
{
	return "aes-cbc,aes-gcm,cbc-sha1,hmac-sha256,chacha20-poly1305";
}
