/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The vhost-user session message codec (sess_msg.c) on hand-built payloads
 * of the three create layouts, field by field at the offsets the front-ends
 * use (written here with explicit offsets, not with the decoder's own
 * table), wrong sizes, refusals, the answer and the close payload. Then the
 * decoded parameters through the real control-path session creation with
 * the ipsec-mb engine, to show a message session is the same as a control
 * queue one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "sess_msg_priv.h"
#include "test_util.h"

static void
put32(uint8_t *p, uint32_t off, uint32_t v)
{
	v = vcrypto_to_le32(v);
	memcpy(p + off, &v, 4);
}

static int64_t
get64(const uint8_t *p, uint32_t off)
{
	uint64_t v;

	memcpy(&v, p + off, 8);
	return (int64_t)vcrypto_le64(v);
}

/* The symmetric session fields of one message, in front-end terms. */
struct sym {
	uint32_t cipher_alg, key_len, hash_alg, result_len, auth_key_len;
	uint32_t aad_len;
	uint8_t op_type, direction, hash_mode, chain_order;
};

/* DPDK 22.11 VhostUserCryptoSessionParam (QEMU <= 7.0): id, op_code, ... */
static void
build_id_opcode(uint8_t *p, uint32_t op_code, const struct sym *s)
{
	memset(p, 0xa5, VCRYPTO_SESS_MSG_ID_LEN);
	memset(p, 0, 8);
	put32(p, 8, op_code);
	put32(p, 12, s->cipher_alg);
	put32(p, 16, s->key_len);
	put32(p, 20, s->hash_alg);
	put32(p, 24, s->result_len);
	put32(p, 28, s->auth_key_len);
	put32(p, 32, s->aad_len);
	p[36] = s->op_type;
	p[37] = s->direction;
	p[38] = s->hash_mode;
	p[39] = s->chain_order;
}

/* QEMU 7.1..9.x VhostUserCryptoSession: id, sym info without op_code;
 * @p pad is what the struct padding at 36..39 holds. */
static void
build_id(uint8_t *p, const struct sym *s, uint8_t pad, uint32_t size)
{
	memset(p, 0xa5, size);
	memset(p, 0, 8);
	put32(p, 8, s->cipher_alg);
	put32(p, 12, s->key_len);
	put32(p, 16, s->hash_alg);
	put32(p, 20, s->result_len);
	put32(p, 24, s->auth_key_len);
	put32(p, 28, s->aad_len);
	p[32] = s->op_type;
	p[33] = s->direction;
	p[34] = s->hash_mode;
	p[35] = s->chain_order;
	memset(p + 36, pad, 4);
}

/* The newer layout: u64 op_code, union (sym info as in build_id), id. */
static void
build_opcode_first(uint8_t *p, uint32_t op_code, const struct sym *s)
{
	build_id(p, s, 0, VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN);
	memset(p, 0, 8);
	put32(p, 0, op_code);
	memset(p + 1064, 0, 8);
}

static const struct sym aes_cbc_enc = {
	.cipher_alg = VIRTIO_CRYPTO_CIPHER_AES_CBC, .key_len = 16,
	.op_type = VIRTIO_CRYPTO_SYM_OP_CIPHER,
	.direction = VIRTIO_CRYPTO_OP_ENCRYPT,
};

static const struct sym chain_hmac = {
	.cipher_alg = VIRTIO_CRYPTO_CIPHER_AES_CTR, .key_len = 32,
	.hash_alg = VIRTIO_CRYPTO_MAC_HMAC_SHA_256, .result_len = 16,
	.auth_key_len = 40, .aad_len = 0,
	.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING,
	.direction = VIRTIO_CRYPTO_OP_DECRYPT,
	.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
	.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
};

static void
check_cipher(const uint8_t *p, const struct vcrypto_sess_msg *m)
{
	CHECK_EQ(m->op_code, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	CHECK_EQ(m->params.kind, VCRYPTO_SESS_CIPHER);
	CHECK_EQ(m->params.cipher_algo, VIRTIO_CRYPTO_CIPHER_AES_CBC);
	CHECK_EQ(m->params.cipher_key_len, 16);
	CHECK_EQ(m->params.op, VIRTIO_CRYPTO_OP_ENCRYPT);
	CHECK_EQ(m->params.auth_key_len, 0);
	CHECK(m->params.cipher_key == p + 56);
}

static void
check_chain(const uint8_t *p, const struct vcrypto_sess_msg *m)
{
	const struct vcrypto_sess_params *q = &m->params;

	CHECK_EQ(q->kind, VCRYPTO_SESS_CHAIN);
	CHECK_EQ(q->cipher_algo, VIRTIO_CRYPTO_CIPHER_AES_CTR);
	CHECK_EQ(q->cipher_key_len, 32);
	CHECK_EQ(q->auth_algo, VIRTIO_CRYPTO_MAC_HMAC_SHA_256);
	CHECK_EQ(q->result_len, 16);
	CHECK_EQ(q->auth_key_len, 40);
	CHECK_EQ(q->op, VIRTIO_CRYPTO_OP_DECRYPT);
	CHECK_EQ(q->hash_mode, VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
	CHECK_EQ(q->chain_order,
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER);
	CHECK(q->cipher_key == p + 56 && q->auth_key == p + 120);
}

static void
test_layouts(void)
{
	static uint8_t p[VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN];
	struct vcrypto_sess_msg m;
	struct sym s;

	/* DPDK 22.11 layout */
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID_OPCODE);
	check_cipher(p, &m);
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &chain_hmac);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID_OPCODE);
	check_chain(p, &m);

	/* QEMU 7.1+ layout, padding zero or garbage */
	build_id(p, &aes_cbc_enc, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID);
	check_cipher(p, &m);
	build_id(p, &chain_hmac, 0xa5, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID);
	check_chain(p, &m);

	/* AES-ECB (2) is also CIPHER_CREATE_SESSION: told apart by op_type */
	s = aes_cbc_enc;
	s.cipher_alg = VIRTIO_CRYPTO_CIPHER_AES_ECB;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID);
	CHECK_EQ(m.params.cipher_algo, VIRTIO_CRYPTO_CIPHER_AES_ECB);
	build_id(p, &s, 1, 632); /* even with padding that looks like op_type */
	CHECK_EQ(vcrypto_sess_msg_layout(p, 632), VCRYPTO_SESS_MSG_ID);
	s.cipher_alg = VIRTIO_CRYPTO_CIPHER_AES_ECB;
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID_OPCODE);
	CHECK_EQ(m.params.cipher_algo, VIRTIO_CRYPTO_CIPHER_AES_ECB);

	/* newer layout */
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_OPCODE_FIRST);
	check_cipher(p, &m);
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &chain_hmac);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_OK);
	check_chain(p, &m);

	/* other services, where an op_code says so */
	s = (struct sym){ .cipher_alg = VIRTIO_CRYPTO_AEAD_GCM, .key_len = 16,
		.result_len = 16, .aad_len = 20,
		.direction = VIRTIO_CRYPTO_OP_DECRYPT };
	build_opcode_first(p, VIRTIO_CRYPTO_AEAD_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_OK);
	CHECK(m.params.kind == VCRYPTO_SESS_AEAD &&
		m.params.cipher_algo == VIRTIO_CRYPTO_AEAD_GCM &&
		m.params.result_len == 16 && m.params.aad_len == 20 &&
		m.params.op == VIRTIO_CRYPTO_OP_DECRYPT);
	s = (struct sym){ .hash_alg = VIRTIO_CRYPTO_MAC_CMAC_AES,
		.result_len = 12, .auth_key_len = 16 };
	build_id_opcode(p, VIRTIO_CRYPTO_MAC_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK(m.layout == VCRYPTO_SESS_MSG_ID_OPCODE &&
		m.params.kind == VCRYPTO_SESS_MAC &&
		m.params.auth_algo == VIRTIO_CRYPTO_MAC_CMAC_AES &&
		m.params.result_len == 12 && m.params.auth_key_len == 16);
	s = (struct sym){ .hash_alg = VIRTIO_CRYPTO_HASH_SHA1,
		.result_len = 20, .auth_key_len = 99 };
	build_id_opcode(p, VIRTIO_CRYPTO_HASH_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK(m.params.kind == VCRYPTO_SESS_HASH &&
		m.params.auth_algo == VIRTIO_CRYPTO_HASH_SHA1 &&
		m.params.auth_key_len == 0);
	/* a plain-hash chain takes no key, whatever auth_key_len says */
	s = chain_hmac;
	s.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
	s.hash_alg = VIRTIO_CRYPTO_HASH_SHA_256;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(m.params.auth_key_len, 0);
}

static void
test_refusals(void)
{
	static uint8_t p[VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN + 8];
	static const uint32_t sizes[] = { 0, 8, 48, 56, 631, 633, 1071, 1073,
		1080 };
	struct vcrypto_sess_msg m;
	struct sym s;
	unsigned int i;

	build_id(p, &aes_cbc_enc, 0, 632);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		CHECK_EQ(vcrypto_sess_msg_decode(p, sizes[i], &m), VIRTIO_CRYPTO_ERR);
		CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_UNKNOWN);
		CHECK_EQ(vcrypto_sess_msg_answer(p, sizes[i], -1), -EINVAL);
	}
	s = aes_cbc_enc;
	s.op_type = VIRTIO_CRYPTO_SYM_OP_NONE;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_ERR);
	s.op_type = 7;
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_ERR);
	s = aes_cbc_enc;
	s.key_len = 65;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_ERR);
	s = chain_hmac;
	s.auth_key_len = 513;
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_ERR);
	s.auth_key_len = 512; /* fits the message (the engine limits it) */
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	s.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_NOTSUPP);
	s.hash_mode = 9;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_ERR);
	build_opcode_first(p, VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_NOTSUPP);
	build_id_opcode(p, VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_NOTSUPP);
	CHECK_EQ(m.layout, VCRYPTO_SESS_MSG_ID_OPCODE);
	build_opcode_first(p, 0x12345, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_NOTSUPP);
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &aes_cbc_enc);
	p[4] = 1; /* op_code beyond 32 bits */
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_NOTSUPP);
}

static void
test_answer_close(void)
{
	static uint8_t p[VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN];
	uint8_t zero[576] = { 0 };
	uint64_t id = 0, le;

	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_answer(p, 632, 0x100000002ll), 0);
	CHECK_EQ(get64(p, 0), 0x100000002ll);
	CHECK_EQ(p[8], VIRTIO_CRYPTO_CIPHER_CREATE_SESSION); /* rest echoed */
	CHECK(memcmp(p + 56, zero, 576) == 0); /* keys wiped */
	build_id(p, &aes_cbc_enc, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_answer(p, 632, -VIRTIO_CRYPTO_NOTSUPP), 0);
	CHECK_EQ(get64(p, 0), -3);
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &aes_cbc_enc);
	CHECK_EQ(vcrypto_sess_msg_answer(p, 1072, 42), 0);
	CHECK_EQ(get64(p, 1064), 42);
	CHECK_EQ(get64(p, 0), VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	CHECK(memcmp(p + 56, zero, 576) == 0);

	le = vcrypto_to_le64(0x700000003ull);
	CHECK_EQ(vcrypto_sess_msg_close_decode((uint8_t *)&le, 8, &id), 0);
	CHECK_EQ(id, 0x700000003ull);
	CHECK_EQ(vcrypto_sess_msg_close_decode((uint8_t *)&le, 4, &id), -EINVAL);
	CHECK_EQ(vcrypto_sess_msg_close_decode((uint8_t *)&le, 16, &id), -EINVAL);
}

/* A decoded message through the control path's creation (ipsec-mb). */
static void
test_create(void)
{
	static uint8_t p[VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN];
	const struct vcrypto_engine_ops *eng = &vcrypto_engine_ipsec_mb;
	struct vcrypto_session_table t;
	struct vcrypto_engine_caps caps;
	struct vcrypto_ctrl_ctx ctx;
	struct vcrypto_sess_msg m;
	struct sym s;
	uint64_t id = 0, id2 = 0;

	memset(&ctx, 0, sizeof(ctx));
	CHECK_EQ(eng->ctx_create(NULL, &ctx.engine_ctx), 0);
	eng->get_caps(ctx.engine_ctx, &caps);
	CHECK_EQ(vcrypto_session_table_init(&t, 4, eng->session_size,
		eng->session_align), 0);
	ctx.sessions = &t;
	ctx.engine = eng;
	ctx.caps = &caps;

	build_id(p, &aes_cbc_enc, 0, 632);
	memset(p + 56, 0x11, 16);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_create(&ctx, &m.params, &id),
		VIRTIO_CRYPTO_OK);
	CHECK(id != 0 && (int64_t)id > 0);
	CHECK(vcrypto_session_lookup(&t, id) != NULL);
	build_id_opcode(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &chain_hmac);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_create(&ctx, &m.params, &id2),
		VIRTIO_CRYPTO_OK);
	CHECK(id2 != id);
	/* refused by what the engine offers */
	s = aes_cbc_enc;
	s.cipher_alg = VIRTIO_CRYPTO_CIPHER_ARC4;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_create(&ctx, &m.params, &id2),
		VIRTIO_CRYPTO_NOTSUPP);
	s = aes_cbc_enc;
	s.direction = 0;
	build_id(p, &s, 0, 632);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 632, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_create(&ctx, &m.params, &id2),
		VIRTIO_CRYPTO_ERR);
	s = chain_hmac;
	s.auth_key_len = 300; /* above the config's max_auth_key_len */
	build_opcode_first(p, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, &s);
	CHECK_EQ(vcrypto_sess_msg_decode(p, 1072, &m), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_create(&ctx, &m.params, &id2),
		VIRTIO_CRYPTO_ERR);

	CHECK_EQ(vcrypto_ctrl_session_destroy(&ctx, 0, id), VIRTIO_CRYPTO_OK);
	CHECK_EQ(vcrypto_ctrl_session_destroy(&ctx, 0, id), VIRTIO_CRYPTO_INVSESS);
	CHECK_EQ(vcrypto_ctrl_destroy_all(&ctx), 1);
	vcrypto_session_table_fini(&t);
	eng->ctx_destroy(ctx.engine_ctx);
}

int
main(void)
{
	test_layouts();
	test_refusals();
	test_answer_close();
	test_create();
	return TEST_DONE();
}
