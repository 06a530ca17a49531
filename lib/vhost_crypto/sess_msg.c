/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "sess_msg_priv.h"

/* Field offsets: lib/virtio_crypto/vcrypto_vu_session.h, shared with the
 * driver's encoder. */
enum {
	OFF_CIPHER_ALGO = VCRYPTO_VU_SESS_OFF_CIPHER_ALGO,
	OFF_KEY_LEN = VCRYPTO_VU_SESS_OFF_KEY_LEN,
	OFF_HASH_ALGO = VCRYPTO_VU_SESS_OFF_HASH_ALGO,
	OFF_RESULT_LEN = VCRYPTO_VU_SESS_OFF_RESULT_LEN,
	OFF_AUTH_KEY_LEN = VCRYPTO_VU_SESS_OFF_AUTH_KEY_LEN,
	OFF_AAD_LEN = VCRYPTO_VU_SESS_OFF_AAD_LEN,
	OFF_OP_TYPE = VCRYPTO_VU_SESS_OFF_OP_TYPE,
	OFF_DIRECTION = VCRYPTO_VU_SESS_OFF_DIRECTION,
	OFF_HASH_MODE = VCRYPTO_VU_SESS_OFF_HASH_MODE,
	OFF_CHAIN_ORDER = VCRYPTO_VU_SESS_OFF_CHAIN_ORDER,
	OFF_CIPHER_KEY = VCRYPTO_VU_SESS_OFF_CIPHER_KEY,
	OFF_AUTH_KEY = VCRYPTO_VU_SESS_OFF_AUTH_KEY,
	OFF_ID_LAST = VCRYPTO_VU_SESS_OFF_ID_LAST,
};

static uint32_t
rd32(const uint8_t *p, uint32_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof(v));
	return vcrypto_le32(v);
}

static bool
is_1_or_2(uint8_t v)
{
	return v == 1 || v == 2;
}

enum vcrypto_sess_msg_layout
vcrypto_sess_msg_layout(const uint8_t *payload, uint32_t size)
{
	uint32_t w;

	if (size == VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN)
		return VCRYPTO_SESS_MSG_OPCODE_FIRST;
	if (size != VCRYPTO_SESS_MSG_ID_LEN)
		return VCRYPTO_SESS_MSG_UNKNOWN;
	w = rd32(payload, 8);
	switch (w) {
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		return VCRYPTO_SESS_MSG_ID_OPCODE;
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		/* Also AES-ECB: see which op_type/direction bytes make sense. */
		if (is_1_or_2(payload[OFF_OP_TYPE + 4]) &&
				!(is_1_or_2(payload[OFF_OP_TYPE]) &&
				  is_1_or_2(payload[OFF_DIRECTION])))
			return VCRYPTO_SESS_MSG_ID_OPCODE;
		return VCRYPTO_SESS_MSG_ID;
	default:
		return VCRYPTO_SESS_MSG_ID;
	}
}

/* The symmetric fields, read at @p shift bytes past the ID offsets. */
struct sym_fields {
	uint32_t cipher_algo, key_len, hash_algo, result_len, auth_key_len;
	uint32_t aad_len;
	uint8_t op_type, direction, hash_mode, chain_order;
};

static void
read_sym(const uint8_t *p, uint32_t shift, struct sym_fields *f)
{
	f->cipher_algo = rd32(p, OFF_CIPHER_ALGO + shift);
	f->key_len = rd32(p, OFF_KEY_LEN + shift);
	f->hash_algo = rd32(p, OFF_HASH_ALGO + shift);
	f->result_len = rd32(p, OFF_RESULT_LEN + shift);
	f->auth_key_len = rd32(p, OFF_AUTH_KEY_LEN + shift);
	f->aad_len = rd32(p, OFF_AAD_LEN + shift);
	f->op_type = p[OFF_OP_TYPE + shift];
	f->direction = p[OFF_DIRECTION + shift];
	f->hash_mode = p[OFF_HASH_MODE + shift];
	f->chain_order = p[OFF_CHAIN_ORDER + shift];
}

/* CIPHER service: a plain cipher or a chain, by op_type. */
static uint8_t
decode_cipher_service(const struct sym_fields *f,
		struct vcrypto_sess_params *p)
{
	p->cipher_algo = f->cipher_algo;
	p->cipher_key_len = f->key_len;
	p->op = f->direction;
	switch (f->op_type) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		p->kind = VCRYPTO_SESS_CIPHER;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		break;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	p->kind = VCRYPTO_SESS_CHAIN;
	p->hash_mode = f->hash_mode;
	p->auth_algo = f->hash_algo;
	p->result_len = f->result_len;
	p->chain_order = f->chain_order;
	p->aad_len = f->aad_len;
	switch (f->hash_mode) {
	case VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN:
		return VIRTIO_CRYPTO_OK; /* a plain hash has no key */
	case VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH:
		p->auth_key_len = f->auth_key_len;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

static uint8_t
decode_params(uint32_t op_code, const struct sym_fields *f,
		struct vcrypto_sess_params *p)
{
	switch (op_code) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		return decode_cipher_service(f, p);
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_HASH;
		p->auth_algo = f->hash_algo;
		p->result_len = f->result_len;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_MAC;
		p->auth_algo = f->hash_algo;
		p->result_len = f->result_len;
		p->auth_key_len = f->auth_key_len;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_AEAD;
		p->cipher_algo = f->cipher_algo;
		p->cipher_key_len = f->key_len;
		p->result_len = f->result_len;
		p->aad_len = f->aad_len;
		p->op = f->direction;
		return VIRTIO_CRYPTO_OK;
	default:
		/* AKCIPHER: not offered; anything else is unknown. */
		return VIRTIO_CRYPTO_NOTSUPP;
	}
}

uint8_t
vcrypto_sess_msg_decode(const uint8_t *payload, uint32_t size,
		struct vcrypto_sess_msg *out)
{
	struct vcrypto_sess_params *p = &out->params;
	struct sym_fields f;
	uint8_t st;

	memset(out, 0, sizeof(*out));
	out->layout = vcrypto_sess_msg_layout(payload, size);
	switch (out->layout) {
	case VCRYPTO_SESS_MSG_ID_OPCODE:
		out->op_code = rd32(payload, 8);
		read_sym(payload, 4, &f);
		break;
	case VCRYPTO_SESS_MSG_ID:
		out->op_code = VIRTIO_CRYPTO_CIPHER_CREATE_SESSION;
		read_sym(payload, 0, &f);
		break;
	case VCRYPTO_SESS_MSG_OPCODE_FIRST:
		/* u64 op_code: a value beyond 32 bits is no op_code at all */
		out->op_code = rd32(payload, 4) != 0 ? UINT32_MAX :
			rd32(payload, 0);
		read_sym(payload, 0, &f);
		break;
	case VCRYPTO_SESS_MSG_UNKNOWN:
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	st = decode_params(out->op_code, &f, p);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	if (p->cipher_key_len > VCRYPTO_SESS_MSG_CIPHER_KEY_MAX ||
			p->auth_key_len > VCRYPTO_SESS_MSG_AUTH_KEY_MAX)
		return VIRTIO_CRYPTO_ERR;
	p->cipher_key = payload + OFF_CIPHER_KEY;
	p->auth_key = payload + OFF_AUTH_KEY;
	return VIRTIO_CRYPTO_OK;
}

int
vcrypto_sess_msg_answer(uint8_t *payload, uint32_t size, int64_t id)
{
	uint64_t le = vcrypto_to_le64((uint64_t)id);
	enum vcrypto_sess_msg_layout layout;

	layout = vcrypto_sess_msg_layout(payload, size);
	if (layout == VCRYPTO_SESS_MSG_UNKNOWN)
		return -EINVAL;
	/* The front-end reads only the id: do not send keys back. */
	explicit_bzero(payload + OFF_CIPHER_KEY,
		VCRYPTO_SESS_MSG_CIPHER_KEY_MAX + VCRYPTO_SESS_MSG_AUTH_KEY_MAX);
	memcpy(payload + (layout == VCRYPTO_SESS_MSG_OPCODE_FIRST ?
		OFF_ID_LAST : 0), &le, sizeof(le));
	return 0;
}

int
vcrypto_sess_msg_close_decode(const uint8_t *payload, uint32_t size,
		uint64_t *id)
{
	uint64_t v;

	if (size != sizeof(v))
		return -EINVAL;
	memcpy(&v, payload, sizeof(v));
	*id = vcrypto_le64(v);
	return 0;
}
