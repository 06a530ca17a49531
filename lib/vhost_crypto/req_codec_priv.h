/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_REQ_CODEC_PRIV_H
#define VCRYPTO_REQ_CODEC_PRIV_H

/**
 * @file
 * Request codec: a walked descriptor chain becomes a decoded, validated data
 * request, or a VIRTIO_CRYPTO_* status for the guest's mistake.
 *
 * The chain is seen as two byte streams: the device-readable one (fixed
 * header, iv, src) and the device-writable one (dst, then the status byte,
 * always the last writable byte). The fixed header is copied into host
 * memory once and validated there; the iv is copied too; src and dst are
 * host pointers into guest memory (each must lie in one descriptor).
 * No EAL: unit tests and fuzzers build it alone.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vring_split_priv.h"

struct vcrypto_session_table;
struct vcrypto_session;

/** Longest IV any supported algorithm takes. */
#define VCRYPTO_MAX_IV_LEN 16

/** A decoded data request, in per-queue preallocated memory. */
struct vcrypto_req {
	uint8_t iv[VCRYPTO_MAX_IV_LEN]; /**< host copy of the guest's iv */
	const uint8_t *src;    /**< guest source buffer (host pointer) */
	uint8_t *dst;          /**< guest destination buffer (host pointer) */
	uint8_t *status_ptr;   /**< last device-writable byte; NULL if none */
	const struct vcrypto_session *sess; /**< looked-up session */
	uint32_t len;          /**< bytes to process (src_data_len) */
	uint32_t dst_len;      /**< dst_data_len, >= len */
	uint32_t iv_len;       /**< bytes in iv[] */
	uint16_t head;         /**< chain head, for the used ring */
	bool encrypt;          /**< direction of the opcode */
	uint8_t status;        /**< VIRTIO_CRYPTO_* outcome */
};

/** What the codec needs to know of its device. */
struct vcrypto_codec_cfg {
	bool revision_1;       /**< VIRTIO_CRYPTO_F_REVISION_1 negotiated */
	uint64_t max_size;     /**< config max_size: largest src/dst */
	const struct vcrypto_session_table *sessions; /**< lookup table */
};

/**
 * Decode the data request carried by @p chain into @p req.
 *
 * Always sets req->head and req->status_ptr (the last writable byte, or
 * NULL when the chain has no writable byte).
 *
 * @return VIRTIO_CRYPTO_OK when @p req is ready for an engine; otherwise
 *         the status to give the guest: ERR (malformed: short chain, bad
 *         lengths, size not a multiple of the block), NOTSUPP (service,
 *         opcode, op type or stateless mode not offered, or src/dst split
 *         over several descriptors), INVSESS (unknown session id).
 */
uint8_t vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_req *req);

/**
 * Copy @p len bytes at offset @p off of the chain's readable stream into
 * @p dst (host memory).
 *
 * @return 0; -ERANGE when the stream is shorter.
 */
int vcrypto_chain_read(const struct vcrypto_chain *chain, uint64_t off,
		void *dst, uint32_t len);

/**
 * Host pointer to @p len bytes at offset @p off of the readable
 * (@p write false) or writable stream, when they lie in one segment.
 *
 * @return the pointer, or NULL when the range is empty, passes the end of
 *         the stream or spans two segments.
 */
uint8_t *vcrypto_chain_span(const struct vcrypto_chain *chain, uint64_t off,
		uint32_t len, bool write);

/** Host pointer to the last writable byte of @p chain, or NULL. */
uint8_t *vcrypto_chain_last_writable(const struct vcrypto_chain *chain);

#endif /* VCRYPTO_REQ_CODEC_PRIV_H */
