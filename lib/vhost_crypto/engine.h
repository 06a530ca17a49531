/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_ENGINE_H
#define VCRYPTO_ENGINE_H

/**
 * @file
 * The crypto engine behind the backend: a narrow operation table that
 * creates sessions from validated parameters and executes bursts of decoded
 * requests. An engine knows algorithms and buffers; it does not know virtio,
 * rings or guest memory (buffers arrive as host pointers that are already
 * checked against the guest memory table).
 */

#include <stddef.h>
#include <stdint.h>

struct vcrypto_req;

/** Cipher session parameters, validated by the control queue. */
struct vcrypto_cipher_params {
	uint32_t algo;      /**< VIRTIO_CRYPTO_CIPHER_* */
	uint32_t op;        /**< VIRTIO_CRYPTO_OP_ENCRYPT/DECRYPT */
	uint32_t key_len;   /**< bytes at key */
	const uint8_t *key; /**< host copy of the key; the caller wipes it */
};

/** What an engine can do, for the config space. */
struct vcrypto_engine_caps {
	uint32_t crypto_services;    /**< bit per VIRTIO_CRYPTO_SERVICE_* */
	uint32_t cipher_algo_l;      /**< bit per VIRTIO_CRYPTO_CIPHER_* (0..31) */
	uint32_t cipher_algo_h;      /**< bits 32..63 */
	uint32_t max_cipher_key_len; /**< bytes */
};

/** An engine's operation table. */
struct vcrypto_engine_ops {
	const char *name;            /**< for logs */
	size_t session_size;         /**< private bytes per session */
	size_t session_align;        /**< alignment those bytes need */
	struct vcrypto_engine_caps caps; /**< what it offers */

	/**
	 * Create an engine context (one per device; used by one thread at a
	 * time). @return 0 or -errno.
	 */
	int (*ctx_create)(void **ctx);
	/** Free a context from ctx_create(). */
	void (*ctx_destroy)(void *ctx);
	/**
	 * Fill session private data @p priv (session_size bytes) from @p p,
	 * e.g. expand key schedules once.
	 * @return VIRTIO_CRYPTO_OK, or NOTSUPP / ERR for what it refuses.
	 */
	uint8_t (*session_create)(void *ctx, void *priv,
			const struct vcrypto_cipher_params *p);
	/** Wipe session private data (keys) before the slot is reused. */
	void (*session_destroy)(void *ctx, void *priv);
	/**
	 * Execute @p n decoded requests and set each one's status. Requests
	 * reach here only after validation (lengths, alignment, buffers).
	 */
	void (*process_burst)(void *ctx, struct vcrypto_req *const *reqs,
			uint16_t n);
};

/** The intel-ipsec-mb engine: AES-CBC 128/192/256. */
extern const struct vcrypto_engine_ops vcrypto_engine_ipsec_mb;

#endif /* VCRYPTO_ENGINE_H */
