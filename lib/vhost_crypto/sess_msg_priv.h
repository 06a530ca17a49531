/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_SESS_MSG_PRIV_H
#define VCRYPTO_SESS_MSG_PRIV_H

#include "vcrypto_vu_session.h"

/**
 * @file
 * Payloads of the vhost-user messages VHOST_USER_CREATE_CRYPTO_SESSION (26)
 * and VHOST_USER_CLOSE_CRYPTO_SESSION (27), which a front-end that keeps the
 * control queue to itself (QEMU's cryptodev-vhost-user) sends instead of
 * control requests. Pure functions over bytes: no rte_vhost, no EAL, so unit
 * tests and fuzzers use them alone.
 *
 * Three create layouts are in circulation, all little-endian, told apart by
 * the payload size and, for the two of 632 bytes, by their contents:
 *
 * ======================= ====== =========================================
 * layout                  bytes  offsets
 * ======================= ====== =========================================
 * ID_OPCODE (DPDK 22.11   632    i64 session_id @0, u32 op_code @8,
 * vhost_user.h, QEMU            cipher_algo @12, cipher_key_len @16,
 * up to 7.0)                    hash_algo @20, hash_result_len @24,
 *                               auth_key_len @28, aad_len @32, u8 op_type
 *                               @36, direction @37, hash_mode @38,
 *                               chain_order @39, two pointers @40,
 *                               cipher key [64] @56, auth key [512] @120
 * ID (QEMU 7.1 to 9.x:   632    i64 session_id @0, then the same fields
 * its session info lost          without op_code: cipher_algo @8 .. aad_len
 * op_code)                       @28, u8 op_type @32, direction @33,
 *                                hash_mode @34, chain_order @35, padding,
 *                                pointers and keys as above
 * OPCODE_FIRST (newer    1072   u64 op_code @0, the ID layout's fields at
 * QEMU and DPDK)                 the same offsets 8..631 (a union with the
 *                                asymmetric session info, 1056 bytes),
 *                                i64 session_id @1064
 * ======================= ====== =========================================
 *
 * The two 632-byte layouts: a u32 at 8 of 0x102, 0x202, 0x302 or 0x404 is
 * an op_code (no algorithm has such an id); any other value but 2 is a
 * cipher algorithm (ID). The value 2 is both CIPHER_CREATE_SESSION and
 * AES-ECB: then the layout whose op_type and direction bytes are valid
 * wins (ID_OPCODE needs op_type @36 in {1, 2} while @32, @33 are not both
 * in {1, 2}; those two bytes are ID's op_type and direction, and in
 * ID_OPCODE the low bytes of aad_len).
 *
 * The layouts without op_code only carry CIPHER service sessions (the
 * front-ends that send them create no other kind); op_type CIPHER or
 * ALGORITHM_CHAINING says which. The cipher direction is the session's op.
 * The answer is the same payload with session_id set: the new id, or
 * -status (VIRTIO_CRYPTO_ERR -1, NOTSUPP -3, NOSPC -5) on failure; the key
 * bytes are wiped from it.
 */

#include <stdint.h>

#include "engine.h"

/** Payload bytes of the layouts with session_id first. */
#define VCRYPTO_SESS_MSG_ID_LEN VCRYPTO_VU_SESS_LEN
/** Payload bytes of the layout with op_code first. */
#define VCRYPTO_SESS_MSG_OPCODE_FIRST_LEN VCRYPTO_VU_SESS_OPCODE_FIRST_LEN
/** Longest key the messages carry: cipher, auth. */
#define VCRYPTO_SESS_MSG_CIPHER_KEY_MAX VCRYPTO_VU_SESS_CIPHER_KEY_MAX
#define VCRYPTO_SESS_MSG_AUTH_KEY_MAX VCRYPTO_VU_SESS_AUTH_KEY_MAX

/** Which create layout a payload is in. */
enum vcrypto_sess_msg_layout {
	VCRYPTO_SESS_MSG_UNKNOWN = 0,   /**< no layout has this size */
	VCRYPTO_SESS_MSG_ID_OPCODE,     /**< 632 bytes, session_id, op_code */
	VCRYPTO_SESS_MSG_ID,            /**< 632 bytes, session_id, no op_code */
	VCRYPTO_SESS_MSG_OPCODE_FIRST,  /**< 1072 bytes, session_id last */
};

/** A decoded create message. */
struct vcrypto_sess_msg {
	enum vcrypto_sess_msg_layout layout; /**< as recognised */
	uint32_t op_code;  /**< VIRTIO_CRYPTO_*_CREATE_SESSION (given or implied) */
	/** session parameters, as the control queue decodes them; the keys
	 *  point into the payload */
	struct vcrypto_sess_params params;
};

/**
 * The layout of a create payload of @p size bytes.
 *
 * @return the layout; VCRYPTO_SESS_MSG_UNKNOWN for a size no layout has.
 */
enum vcrypto_sess_msg_layout vcrypto_sess_msg_layout(const uint8_t *payload,
		uint32_t size);

/**
 * Decode a VHOST_USER_CREATE_CRYPTO_SESSION payload into session
 * parameters (structure only: whether the engine offers them is checked
 * when the session is created). Always sets out->layout.
 *
 * @return VIRTIO_CRYPTO_OK; VIRTIO_CRYPTO_ERR for a size no layout has, an
 *         op_type, hash mode or key length out of range (the direction,
 *         chain order and algorithms are checked at creation);
 *         VIRTIO_CRYPTO_NOTSUPP for AKCIPHER sessions, NESTED hash mode or
 *         an unknown op_code.
 */
uint8_t vcrypto_sess_msg_decode(const uint8_t *payload, uint32_t size,
		struct vcrypto_sess_msg *out);

/**
 * Turn a create payload into its answer: session_id set to @p id (the new
 * id, or -status), key bytes wiped. Payloads of an unknown size are left
 * alone.
 *
 * @return 0; -EINVAL for an unknown size.
 */
int vcrypto_sess_msg_answer(uint8_t *payload, uint32_t size, int64_t id);

/**
 * Decode a VHOST_USER_CLOSE_CRYPTO_SESSION payload (one u64).
 *
 * @return 0 with @p id set; -EINVAL when @p size is not 8.
 */
int vcrypto_sess_msg_close_decode(const uint8_t *payload, uint32_t size,
		uint64_t *id);

#endif /* VCRYPTO_SESS_MSG_PRIV_H */
