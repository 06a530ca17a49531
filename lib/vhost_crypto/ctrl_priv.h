/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_CTRL_PRIV_H
#define VCRYPTO_CTRL_PRIV_H

/**
 * @file
 * Control queue requests: CREATE_SESSION and DESTROY_SESSION of the
 * CIPHER (plain and chaining), HASH, MAC and AEAD services. Sessions are
 * created in the device's session table through its engine, for the
 * algorithms its capabilities offer (NOTSUPP otherwise); AKCIPHER answers
 * NOTSUPP. A session is destroyed only by its own service's opcode. The fixed part and the key are copied into
 * host memory once and validated there; keys on the stack are wiped.
 */

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "grace_priv.h"
#include "session_priv.h"
#include "vring_split_priv.h"

/** What the control queue works on. */
struct vcrypto_ctrl_ctx {
	bool revision_1;                        /**< layout and NOSPC */
	struct vcrypto_session_table *sessions; /**< the device's table */
	const struct vcrypto_engine_ops *engine; /**< session back end */
	const struct vcrypto_engine_caps *caps;  /**< what it offers */
	void *engine_ctx;                       /**< its context */
	/** data queues polled from other lcores: destroyed sessions wait
	 *  for a grace period before their slot is reused; NULL when no
	 *  lookup can run while the control path does (freed at once) */
	struct vcrypto_grace *grace;
};

/** Outcome of one control request. */
struct vcrypto_ctrl_result {
	uint32_t used_len;  /**< bytes written for the used ring */
	uint8_t status;     /**< VIRTIO_CRYPTO_* given to the guest */
	bool written;       /**< the status reached guest memory */
	bool created;       /**< a session was created */
	bool destroyed;     /**< a session was destroyed */
};

/**
 * Execute the control request carried by @p chain and write its answer
 * into the chain's writable part: the 16-byte session input for a create,
 * the 1-byte status for a destroy.
 */
void vcrypto_ctrl_handle(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, struct vcrypto_ctrl_result *res);

/**
 * Check decoded session parameters against what the engine offers (the
 * config space): algorithms, op, chain order, key lengths.
 *
 * @return VIRTIO_CRYPTO_OK; NOTSUPP for an algorithm not offered; ERR for
 *         a bad op or chain order, or a key longer than the config's limit.
 */
uint8_t vcrypto_ctrl_session_check(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p);

/**
 * Let the engine build session private data @p priv from parameters that
 * passed vcrypto_ctrl_session_check(), and fill @p info; no table slot is
 * taken (a stateless request's session is built this way too).
 *
 * @return VIRTIO_CRYPTO_OK, or the engine's NOTSUPP or ERR.
 */
uint8_t vcrypto_ctrl_session_build(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p, void *priv,
		struct vcrypto_sess_info *info);

/**
 * Create a session from decoded parameters, from the control queue or a
 * vhost-user session message: check them, take a slot, let the engine
 * expand the keys. @p p's keys are not kept.
 *
 * @return VIRTIO_CRYPTO_OK with @p id set; NOTSUPP or ERR (see
 *         vcrypto_ctrl_session_check() and the engine's session_create);
 *         NOSPC (REVISION_1) or ERR when the table is full.
 */
uint8_t vcrypto_ctrl_session_create(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p, uint64_t *id);

/**
 * Destroy session @p id; @p opcode is the DESTROY_SESSION opcode that asks
 * (a session is destroyed only by its own service's opcode), or 0 for any.
 *
 * @return VIRTIO_CRYPTO_OK; INVSESS for an unknown id or another service.
 */
uint8_t vcrypto_ctrl_session_destroy(const struct vcrypto_ctrl_ctx *ctx,
		uint32_t opcode, uint64_t id);

/**
 * Destroy every live session (guest gone) and free every retired one, grace
 * or not: only when no data queue is being polled. Keys are wiped.
 * @return the live sessions destroyed.
 */
uint32_t vcrypto_ctrl_destroy_all(const struct vcrypto_ctrl_ctx *ctx);

/**
 * Free the retired sessions whose grace period has passed (engine state
 * and keys wiped; slots free again). Cheap when there are none.
 * @return how many were freed.
 */
uint32_t vcrypto_ctrl_reclaim(const struct vcrypto_ctrl_ctx *ctx);

#endif /* VCRYPTO_CTRL_PRIV_H */
