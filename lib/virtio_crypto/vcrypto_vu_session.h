/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VU_SESSION_H
#define VCRYPTO_VU_SESSION_H

/**
 * @file
 * The payload of vhost-user CREATE_CRYPTO_SESSION (26): how a front-end that
 * keeps the control queue to itself (QEMU's cryptodev-vhost-user, or the
 * driver with session=vhost-user) hands a session to the back-end. Three
 * layouts are in circulation, all little-endian:
 *
 * - ID_OPCODE, 632 bytes (DPDK 22.11's VhostUserCryptoSessionParam, QEMU up
 *   to 7.0): i64 session_id @0, u32 op_code @8, then the session fields
 *   VCRYPTO_VU_SESS_OPCODE_SHIFT bytes after their offsets below, up to
 *   chain_order;
 * - ID, 632 bytes (QEMU 7.1 to 9.x): i64 session_id @0, the fields at the
 *   offsets below;
 * - OPCODE_FIRST, 1072 bytes (newer QEMU and DPDK): u64 op_code @0, the
 *   fields at the offsets below, i64 session_id @VCRYPTO_VU_SESS_OFF_ID_LAST.
 *
 * Pointers and keys sit at the same offsets in all three. The reply is the
 * same payload with session_id set (negative: -status of the failure).
 * Used by the back-end's decoder and the driver's encoder, so the two agree.
 */

#include <assert.h>

/** vhost-user requests. */
#define VCRYPTO_VU_CREATE_CRYPTO_SESSION 26
#define VCRYPTO_VU_CLOSE_CRYPTO_SESSION  27
/** vhost-user protocol feature bit for the two requests. */
#define VCRYPTO_VU_PROTOCOL_F_CRYPTO_SESSION 7

/** Payload sizes of the layouts. */
#define VCRYPTO_VU_SESS_LEN              632
#define VCRYPTO_VU_SESS_OPCODE_FIRST_LEN 1072
/** Key fields. */
#define VCRYPTO_VU_SESS_CIPHER_KEY_MAX 64
#define VCRYPTO_VU_SESS_AUTH_KEY_MAX   512
/** How far DPDK 22.11's op_code moves the fields up to chain_order. */
#define VCRYPTO_VU_SESS_OPCODE_SHIFT 4

/** Field offsets in the layouts without a leading op_code (ID, OPCODE_FIRST). */
enum vcrypto_vu_sess_off {
	VCRYPTO_VU_SESS_OFF_ID = 0,           /**< i64 (ID, ID_OPCODE) */
	VCRYPTO_VU_SESS_OFF_OP_CODE = 8,      /**< u32 (ID_OPCODE only) */
	VCRYPTO_VU_SESS_OFF_CIPHER_ALGO = 8,  /**< u32 */
	VCRYPTO_VU_SESS_OFF_KEY_LEN = 12,     /**< u32, cipher key bytes */
	VCRYPTO_VU_SESS_OFF_HASH_ALGO = 16,   /**< u32 */
	VCRYPTO_VU_SESS_OFF_RESULT_LEN = 20,  /**< u32, digest bytes */
	VCRYPTO_VU_SESS_OFF_AUTH_KEY_LEN = 24,/**< u32 */
	VCRYPTO_VU_SESS_OFF_AAD_LEN = 28,     /**< u32 */
	VCRYPTO_VU_SESS_OFF_OP_TYPE = 32,     /**< u8, VIRTIO_CRYPTO_SYM_OP_* */
	VCRYPTO_VU_SESS_OFF_DIRECTION = 33,   /**< u8, VIRTIO_CRYPTO_OP_* */
	VCRYPTO_VU_SESS_OFF_HASH_MODE = 34,   /**< u8 */
	VCRYPTO_VU_SESS_OFF_CHAIN_ORDER = 35, /**< u8 */
	VCRYPTO_VU_SESS_OFF_CIPHER_KEY = 56,  /**< u8[64], after two pointers */
	VCRYPTO_VU_SESS_OFF_AUTH_KEY = 120,   /**< u8[512] */
	VCRYPTO_VU_SESS_OFF_ID_LAST = 1064,   /**< i64 (OPCODE_FIRST only) */
};

static_assert(VCRYPTO_VU_SESS_OFF_AUTH_KEY + VCRYPTO_VU_SESS_AUTH_KEY_MAX == VCRYPTO_VU_SESS_LEN,
	"632-byte layouts end with the auth key");
static_assert(VCRYPTO_VU_SESS_OFF_ID_LAST + 8 == VCRYPTO_VU_SESS_OPCODE_FIRST_LEN,
	"1072-byte layout ends with the session id");
static_assert(VCRYPTO_VU_SESS_OFF_CHAIN_ORDER + VCRYPTO_VU_SESS_OPCODE_SHIFT <
	VCRYPTO_VU_SESS_OFF_CIPHER_KEY - 16, "shifted fields end before the two pointers");

#endif /* VCRYPTO_VU_SESSION_H */
