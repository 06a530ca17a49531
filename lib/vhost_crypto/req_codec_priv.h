/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_REQ_CODEC_PRIV_H
#define VCRYPTO_REQ_CODEC_PRIV_H

/**
 * @file
 * Request codec: a walked descriptor chain becomes a decoded, validated data
 * request, or a VIRTIO_CRYPTO_* status for the guest's mistake; after the
 * engine ran, the codec writes the results back (vcrypto_codec_finish()).
 *
 * The chain is seen as two byte streams (doc/guides/wire-conventions.rst):
 * the device-readable one (fixed part, iv, src, aad, AEAD tag) and the
 * device-writable one (dst, hash_result or tag, then the status byte,
 * always the last writable byte). The fixed part, the ivs and an AEAD tag
 * to verify are copied into host memory once and validated there. Data
 * fields that lie in one descriptor are used in place (host pointers into
 * guest memory); a field split over several descriptors goes through the
 * queue's bounce area: readable ones are copied in at decode, writable ones
 * copied out at finish.
 *
 * A stateless request (REVISION_1, flag without FLAG_SESSION_MODE, the
 * service's stateless bit negotiated) carries its session parameters and
 * keys: they pass the control queue's checks (vcrypto_ctrl_session_build())
 * and become an engine session in the request's scratch slot, whose engine
 * private data is taken from the bounce area; vcrypto_codec_finish() (or a
 * refused decode) destroys it, wiping the expanded keys before the bounce
 * area is reused. Key bytes read from the guest are wiped at once.
 * No EAL: unit tests and fuzzers build it alone (with ctrl.c and session.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include "vcrypto_wire.h"
#include "engine.h"
#include "session_priv.h"
#include "vring_split_priv.h"

struct vcrypto_ctrl_ctx;

/** Longest iv (cipher iv, or auth iv) a request may carry. */
#define VCRYPTO_MAX_IV_LEN 32

/** Internal decode result: the bounce area is full, flush and decode again. */
#define VCRYPTO_CODEC_DEFER 0xfe

/** Per-queue bounce area for fields split over several descriptors. */
struct vcrypto_bounce {
	uint8_t *base;  /**< cap bytes, allocated with the queue */
	uint32_t cap;   /**< capacity */
	uint32_t used;  /**< taken by requests of the current batch */
};

/** A decoded data request, in per-queue preallocated memory. */
struct vcrypto_req {
	uint8_t iv[VCRYPTO_MAX_IV_LEN] __attribute__((aligned(16)));
		/**< host copy of the cipher iv (or AEAD nonce) */
	uint8_t auth_iv[VCRYPTO_MAX_IV_LEN] __attribute__((aligned(16)));
		/**< CHAIN: host copy of the authentication iv */
	uint8_t digest[VCRYPTO_MAX_DIGEST_LEN] __attribute__((aligned(16)));
		/**< engine output: hash, MAC or AEAD tag */
	uint8_t tag_in[VCRYPTO_MAX_DIGEST_LEN];
		/**< AEAD decrypt: host copy of the tag to verify */
	const struct vcrypto_chain *chain; /**< the walked chain (per request) */
	const struct vcrypto_session *sess; /**< looked-up session, or &sl */
	struct vcrypto_session sl; /**< stateless: the request's own session
				    *   (priv in the bounce area) */
	uint8_t *digest_out;   /**< where the engine writes the digest:
				*   digest[], or (HASH_THEN_CIPHER with
				*   hash_result inside src) its place in the
				*   work buffer, so the cipher covers it; a
				*   digest running past src's end continues in
				*   room behind the (bounced) work buffer */
	const uint8_t *src;    /**< source data (guest memory or bounce) */
	uint8_t *dst;          /**< destination (guest memory or bounce);
				*   CHAIN: the work buffer, src copied in */
	const uint8_t *aad;    /**< AEAD aad (guest memory or bounce) */
	uint8_t *status_ptr;   /**< last device-writable byte; NULL if none */
	uint8_t *dst_bounce;   /**< dst lives in the bounce area: copy it out */
	uint32_t len;          /**< data bytes: cipher/AEAD text, hashed
				*   message, chain src */
	uint32_t aad_len;      /**< bytes at aad */
	uint32_t cipher_off;   /**< CHAIN: cipher range in src */
	uint32_t cipher_len;
	uint32_t hash_off;     /**< CHAIN: hash range in src */
	uint32_t hash_len;
	uint32_t iv_len;       /**< bytes in iv[] */
	uint32_t auth_iv_len;  /**< bytes in auth_iv[] */
	uint32_t out_len;      /**< dst bytes produced (writable offset 0) */
	uint32_t result_len;   /**< digest/tag bytes to write or verify */
	uint32_t result_off;   /**< writable-stream offset of the digest */
	uint32_t result_skip;  /**< leading digest bytes already in dst (put
				*   in the work buffer, digest encrypted):
				*   finish writes only the rest */
	uint16_t head;         /**< chain head, for the used ring */
	enum vcrypto_sess_kind kind; /**< what to execute */
	bool encrypt;          /**< direction of the opcode */
	bool verify;           /**< AEAD decrypt: compare digest with tag_in */
	bool sl_live;          /**< sl holds an engine session to destroy */
	const struct vcrypto_ctrl_ctx *sl_ctrl; /**< whose engine built sl */
	uint8_t status;        /**< VIRTIO_CRYPTO_* outcome */
};

/** What the codec needs to know of its device. */
struct vcrypto_codec_cfg {
	bool revision_1;       /**< VIRTIO_CRYPTO_F_REVISION_1 negotiated */
	uint32_t stateless;    /**< bit per VIRTIO_CRYPTO_SERVICE_* whose
				*   stateless mode was negotiated (REVISION_1
				*   only; see vcrypto_codec_stateless()) */
	uint64_t max_size;     /**< config max_size: largest src/dst/aad */
	const struct vcrypto_session_table *sessions; /**< lookup table */
	/** stateless sessions: checked and built as the control queue does,
	 *  with its engine; NULL when the device offers no stateless mode */
	const struct vcrypto_ctrl_ctx *ctrl;
};

/** Stateless feature bits the backend offers (all symmetric services). */
#define VCRYPTO_STATELESS_FEATURES \
	((1ull << VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE) | \
	 (1ull << VIRTIO_CRYPTO_F_HASH_STATELESS_MODE) | \
	 (1ull << VIRTIO_CRYPTO_F_MAC_STATELESS_MODE) | \
	 (1ull << VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE))

/**
 * The services whose stateless mode the negotiated @p features give, as
 * vcrypto_codec_cfg.stateless wants them (none without REVISION_1).
 */
static inline uint32_t
vcrypto_codec_stateless(uint64_t features)
{
	static const struct { uint8_t bit, service; } map[] = {
		{ VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_CIPHER },
		{ VIRTIO_CRYPTO_F_HASH_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_HASH },
		{ VIRTIO_CRYPTO_F_MAC_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_MAC },
		{ VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_AEAD },
	};
	uint32_t s = 0;
	unsigned int i;

	if (!((features >> VIRTIO_CRYPTO_F_REVISION_1) & 1))
		return 0;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if ((features >> map[i].bit) & 1)
			s |= 1u << map[i].service;
	return s;
}

/**
 * Decode the data request carried by @p chain into @p req. @p chain must
 * stay valid until vcrypto_codec_finish(); split fields take room in @p b.
 *
 * Always sets req->head, req->chain and req->status_ptr (the last writable
 * byte, or NULL when the chain has no writable byte).
 *
 * @return VIRTIO_CRYPTO_OK when @p req is ready for an engine;
 *         VCRYPTO_CODEC_DEFER when @p b has no room left for it (run the
 *         requests decoded so far, empty @p b, decode again); otherwise the
 *         status to give the guest: ERR (malformed: short chain, bad
 *         lengths, size not a multiple of the block, larger than max_size
 *         or the bounce area), NOTSUPP (service, opcode or stateless mode
 *         not offered; a stateless algorithm not offered), INVSESS
 *         (unknown session id, or a session of another kind); a stateless
 *         request's session parameters get the control queue's answers.
 */
uint8_t vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req);

/**
 * Complete @p req after the engine ran (or after decode refused it):
 * verify an AEAD tag (BADMSG when it does not match; the plaintext is then
 * not released), copy bounced outputs and the digest into the writable
 * stream, write the status byte, and destroy a stateless request's
 * session (its keys are wiped). Call it once for every decoded request,
 * before the bounce area is emptied.
 *
 * @return the used length for the used ring (bytes written, status
 *         included; 0 when the chain has no writable byte).
 */
uint32_t vcrypto_codec_finish(struct vcrypto_req *req);

/**
 * Copy @p len bytes from @p src (host memory) to offset @p off of the
 * chain's writable stream.
 *
 * @return 0; -ERANGE when the stream is shorter.
 */
int vcrypto_chain_write(const struct vcrypto_chain *chain, uint64_t off,
		const void *src, uint32_t len);

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
 * Inline: decode asks it for every data field, with @p write constant.
 *
 * @return the pointer, or NULL when the range is empty, passes the end of
 *         the stream or spans two segments.
 */
static inline uint8_t *
vcrypto_chain_span(const struct vcrypto_chain *chain, uint64_t off,
		uint32_t len, bool write)
{
	uint64_t total = write ? chain->write_len : chain->read_len;
	uint16_t i = write ? chain->nread : 0;
	uint16_t end = write ? chain->nseg : chain->nread;

	if (len == 0 || off > total || len > total - off)
		return NULL;
	for (; i < end; i++) {
		const struct vcrypto_seg *s = &chain->seg[i];

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		return len <= s->len - off ? s->hva + off : NULL;
	}
	return NULL;
}

/** Host pointer to the last writable byte of @p chain, or NULL. */
static inline uint8_t *
vcrypto_chain_last_writable(const struct vcrypto_chain *chain)
{
	const struct vcrypto_seg *s;

	if (chain->nseg == chain->nread)
		return NULL;
	s = &chain->seg[chain->nseg - 1];
	return s->hva + s->len - 1;
}

#endif /* VCRYPTO_REQ_CODEC_PRIV_H */
