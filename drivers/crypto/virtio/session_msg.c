/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * Sessions as vhost-user messages (session=vhost-user): the planned
 * CREATE_SESSION control request, re-expressed as the payload of
 * VHOST_USER_CREATE_CRYPTO_SESSION in DPDK 22.11's layout, the one DPDK's
 * stock vhost_crypto back-end reads (lib/vhost/vhost_user.h,
 * VhostUserCryptoSessionParam). Little-endian, 632 bytes:
 *
 *   @0   i64 session_id (reply: the id, or -VIRTIO_CRYPTO_* status)
 *   @8   u32 op_code          @12 u32 cipher_algo   @16 u32 cipher_key_len
 *   @20  u32 hash_algo        @24 u32 digest_len    @28 u32 auth_key_len
 *   @32  u32 aad_len          @36 u8 op_type  @37 u8 dir  @38 u8 hash_mode
 *   @39  u8 chaining_dir      @40 two pointers (unused on the wire, zero)
 *   @56  cipher key [64]      @120 auth key [512]
 *
 * The layout has no room for HASH, MAC or AEAD sessions. DPDK's back-end
 * also ignores dir in a chain: CIPHER_THEN_HASH is encrypt + generate,
 * HASH_THEN_CIPHER is verify + decrypt (it checks the digest itself,
 * against the bytes in hash_result, and answers ERR on a mismatch).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "vcrypto_vu_session.h"
#include "virtio_crypto_priv.h"

/* DPDK 22.11's layout (ID_OPCODE): lib/virtio_crypto/vcrypto_vu_session.h. */
#define SHIFTED(off) (VCRYPTO_VU_SESS_OFF_##off + VCRYPTO_VU_SESS_OPCODE_SHIFT)
#define OFF_SESSION_ID     VCRYPTO_VU_SESS_OFF_ID
#define OFF_OP_CODE        VCRYPTO_VU_SESS_OFF_OP_CODE
#define OFF_CIPHER_ALGO    SHIFTED(CIPHER_ALGO)
#define OFF_CIPHER_KEY_LEN SHIFTED(KEY_LEN)
#define OFF_HASH_ALGO      SHIFTED(HASH_ALGO)
#define OFF_DIGEST_LEN     SHIFTED(RESULT_LEN)
#define OFF_AUTH_KEY_LEN   SHIFTED(AUTH_KEY_LEN)
#define OFF_AAD_LEN        SHIFTED(AAD_LEN)
#define OFF_OP_TYPE        SHIFTED(OP_TYPE)
#define OFF_DIR            SHIFTED(DIRECTION)
#define OFF_HASH_MODE      SHIFTED(HASH_MODE)
#define OFF_CHAINING_DIR   SHIFTED(CHAIN_ORDER)
#define OFF_CIPHER_KEY     VCRYPTO_VU_SESS_OFF_CIPHER_KEY
#define OFF_AUTH_KEY       VCRYPTO_VU_SESS_OFF_AUTH_KEY
#define CIPHER_KEY_MAX     VCRYPTO_VU_SESS_CIPHER_KEY_MAX
#define AUTH_KEY_MAX       VCRYPTO_VU_SESS_AUTH_KEY_MAX

static_assert(OFF_CIPHER_ALGO == 12 && OFF_CHAINING_DIR == 39, "DPDK 22.11 layout");

static void
put32(uint8_t *p, size_t off, uint32_t v)
{
	v = vcrypto_to_le32(v);
	memcpy(p + off, &v, sizeof(v));
}

bool
vcrypto_session_msg_expressible(const struct vcrypto_ctrl_plan *p)
{
	const struct vcrypto_alg_chain_session_flf *ch = &p->req.u.sym.u.chain;
	uint32_t order, dir;

	if (vcrypto_le32(p->req.header.opcode) != VIRTIO_CRYPTO_CIPHER_CREATE_SESSION ||
	    p->key1_len > CIPHER_KEY_MAX || p->key2_len > AUTH_KEY_MAX)
		return false;
	switch (vcrypto_le32(p->req.u.sym.op_type)) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		return true;
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		order = vcrypto_le32(ch->alg_chain_order);
		dir = vcrypto_le32(ch->cipher_hdr.op);
		return vcrypto_le32(ch->cipher_hdr.algo) != VIRTIO_CRYPTO_NO_CIPHER &&
		       vcrypto_le32(ch->hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH &&
		       ((order == VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH &&
			 dir == VIRTIO_CRYPTO_OP_ENCRYPT) ||
			(order == VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER &&
			 dir == VIRTIO_CRYPTO_OP_DECRYPT));
	default:
		return false;
	}
}

int
vcrypto_session_msg_build(const struct vcrypto_ctrl_plan *p, uint8_t *payload)
{
	const struct vcrypto_sym_create_session_flf *s = &p->req.u.sym;
	const struct vcrypto_cipher_session_flf *c;
	uint32_t op_type = vcrypto_le32(s->op_type);

	if (!vcrypto_session_msg_expressible(p))
		return -ENOTSUP;
	memset(payload, 0, VCRYPTO_SESS_MSG_LEN);
	put32(payload, OFF_OP_CODE, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	payload[OFF_OP_TYPE] = (uint8_t)op_type;
	if (op_type == VIRTIO_CRYPTO_SYM_OP_CIPHER) {
		c = &s->u.cipher;
	} else {
		const struct vcrypto_alg_chain_session_flf *ch = &s->u.chain;

		c = &ch->cipher_hdr;
		put32(payload, OFF_HASH_ALGO, vcrypto_le32(ch->algo_flf.mac.algo));
		put32(payload, OFF_DIGEST_LEN, vcrypto_le32(ch->algo_flf.mac.hash_result_len));
		put32(payload, OFF_AUTH_KEY_LEN, p->key2_len);
		put32(payload, OFF_AAD_LEN, vcrypto_le32(ch->aad_len));
		payload[OFF_HASH_MODE] = (uint8_t)vcrypto_le32(ch->hash_mode);
		payload[OFF_CHAINING_DIR] = (uint8_t)vcrypto_le32(ch->alg_chain_order);
		if (p->key2_len > 0)
			memcpy(payload + OFF_AUTH_KEY, p->key2, p->key2_len);
	}
	put32(payload, OFF_CIPHER_ALGO, vcrypto_le32(c->algo));
	put32(payload, OFF_CIPHER_KEY_LEN, p->key1_len);
	payload[OFF_DIR] = (uint8_t)vcrypto_le32(c->op);
	if (p->key1_len > 0)
		memcpy(payload + OFF_CIPHER_KEY, p->key1, p->key1_len);
	return 0;
}

int
vcrypto_session_msg_reply(const uint8_t *payload, uint64_t *session_id)
{
	int64_t id;

	memcpy(&id, payload + OFF_SESSION_ID, sizeof(id));
	id = (int64_t)vcrypto_le64((uint64_t)id);
	if (id >= 0) {
		*session_id = (uint64_t)id;
		return 0;
	}
	switch (-id) {
	case VIRTIO_CRYPTO_NOTSUPP:
		return -ENOTSUP;
	case VIRTIO_CRYPTO_NOSPC:
		return -ENOSPC;
	default:
		return -EIO;
	}
}
