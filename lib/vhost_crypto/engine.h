/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_ENGINE_H
#define VCRYPTO_ENGINE_H

/**
 * @file
 * The crypto engine behind the backend: a narrow operation table that says
 * what it can do (the config space is built from it), creates sessions from
 * validated parameters and executes bursts of decoded requests. An engine
 * knows algorithms and buffers; it does not know virtio rings or guest
 * memory (buffers arrive as host pointers already checked against the guest
 * memory table, or as bounce copies).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcrypto_req;

/** Longest cipher or AEAD key any engine may take (bytes). */
#define VCRYPTO_MAX_CIPHER_KEY_LEN 64
/** Longest authentication key any engine may take (bytes). */
#define VCRYPTO_MAX_AUTH_KEY_LEN 256
/** Longest digest or tag an engine produces (bytes). */
#define VCRYPTO_MAX_DIGEST_LEN 64

/** What a session does; the data request must be of the same kind. */
enum vcrypto_sess_kind {
	VCRYPTO_SESS_NONE = 0,
	VCRYPTO_SESS_CIPHER,  /**< CIPHER service, op_type CIPHER */
	VCRYPTO_SESS_CHAIN,   /**< CIPHER service, op_type ALGORITHM_CHAINING */
	VCRYPTO_SESS_HASH,    /**< HASH service */
	VCRYPTO_SESS_MAC,     /**< MAC service */
	VCRYPTO_SESS_AEAD,    /**< AEAD service */
};

/**
 * Session parameters decoded from a CREATE_SESSION request (host copies),
 * structurally valid (known kind, op and chain fields); the engine checks
 * the algorithm-specific ones.
 */
struct vcrypto_sess_params {
	enum vcrypto_sess_kind kind;
	uint32_t cipher_algo;      /**< VIRTIO_CRYPTO_CIPHER_* (CIPHER, CHAIN;
				    *   NO_CIPHER allowed in CHAIN) or
				    *   VIRTIO_CRYPTO_AEAD_* (AEAD) */
	uint32_t op;               /**< VIRTIO_CRYPTO_OP_ENCRYPT/DECRYPT */
	uint32_t cipher_key_len;   /**< bytes at cipher_key */
	const uint8_t *cipher_key; /**< cipher or AEAD key */
	uint32_t hash_mode;        /**< CHAIN: VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN
				    *   (hash) or _AUTH (MAC) */
	uint32_t auth_algo;        /**< VIRTIO_CRYPTO_HASH_* or _MAC_* */
	uint32_t result_len;       /**< hash_result_len, or AEAD tag_len */
	uint32_t auth_key_len;     /**< bytes at auth_key */
	const uint8_t *auth_key;   /**< MAC key */
	uint32_t chain_order;      /**< VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_* */
	uint32_t aad_len;          /**< session aad_len (informational) */
};

/**
 * What the requests of a session must look like, filled by the engine at
 * session creation and checked by the request codec.
 */
struct vcrypto_sess_info {
	enum vcrypto_sess_kind kind;
	uint64_t iv_lens;      /**< bit n set: a cipher/AEAD iv of n bytes is
				*   accepted (bit 0: no iv) */
	uint32_t auth_iv_len;  /**< CHAIN: auth iv bytes after the cipher iv */
	uint32_t block;        /**< cipher lengths must be a multiple (>= 1) */
	uint32_t result_len;   /**< digest or tag bytes per request */
	uint32_t aad_max;      /**< AEAD: longest aad */
	bool no_cipher;        /**< CHAIN with VIRTIO_CRYPTO_NO_CIPHER */
	bool hash_first;       /**< CHAIN, order HASH_THEN_CIPHER: hash_result
				*   is written before the cipher reads src
				*   (set by the control path, not the engine) */
};

/** What an engine can do: the config space is built from this. */
struct vcrypto_engine_caps {
	uint32_t crypto_services;    /**< bit per VIRTIO_CRYPTO_SERVICE_* */
	uint32_t cipher_algo_l;      /**< bit per VIRTIO_CRYPTO_CIPHER_* (0..31) */
	uint32_t cipher_algo_h;      /**< bits 32..63 */
	uint32_t hash_algo;          /**< bit per VIRTIO_CRYPTO_HASH_* */
	uint32_t mac_algo_l;         /**< bit per VIRTIO_CRYPTO_MAC_* (0..31) */
	uint32_t mac_algo_h;         /**< bits 32..63 */
	uint32_t aead_algo;          /**< bit per VIRTIO_CRYPTO_AEAD_* */
	uint32_t max_cipher_key_len; /**< bytes, <= VCRYPTO_MAX_CIPHER_KEY_LEN */
	uint32_t max_auth_key_len;   /**< bytes, <= VCRYPTO_MAX_AUTH_KEY_LEN */
	uint64_t max_size;           /**< largest buffer one request may use */
};

/** How a device configures its engine's context. */
struct vcrypto_engine_conf {
	/** engine-specific: the part after "NAME:" of the device's engine
	 *  selection (e.g. which DPDK cryptodev); NULL or "" when none */
	const char *arg;
	/** sessions the context must be able to hold at once (0: only
	 *  stateless ones, a burst at a time: a data queue's context) */
	uint32_t max_sessions;
	/** the data queue the context executes for (0 for the device's
	 *  control context): an engine with per-queue resources (a
	 *  cryptodev's queue pairs) gives each queue its own */
	uint16_t queue;
	/** the device's max_size as asked for (0: not said), for engines that
	 *  size scratch memory by the longest request */
	uint64_t max_size;
};

/** An engine's operation table. */
struct vcrypto_engine_ops {
	const char *name;            /**< for logs */
	size_t session_size;         /**< private bytes per session */
	size_t session_align;        /**< alignment those bytes need */

	/**
	 * Create an engine context (the device's control context, and one per
	 * data queue; each used by one thread at a time) configured by
	 * @p conf (NULL: defaults). A session created on one context of an
	 * engine runs on any other of the same conf->arg.
	 * @return 0 or -errno (-EINVAL for a bad conf->arg).
	 */
	int (*ctx_create)(const struct vcrypto_engine_conf *conf, void **ctx);
	/** Fill @p caps with what the context's engine offers. */
	void (*get_caps)(void *ctx, struct vcrypto_engine_caps *caps);
	/** Free a context from ctx_create(). */
	void (*ctx_destroy)(void *ctx);
	/**
	 * Fill session private data @p priv (session_size bytes) from @p p,
	 * e.g. expand key schedules once, and say in @p info what its requests
	 * must look like.
	 * @return VIRTIO_CRYPTO_OK; NOTSUPP for an algorithm (or combination)
	 *         it does not offer; ERR for bad key, digest or tag lengths.
	 */
	uint8_t (*session_create)(void *ctx, void *priv,
			const struct vcrypto_sess_params *p,
			struct vcrypto_sess_info *info);
	/** Wipe session private data (keys) before the slot is reused. */
	void (*session_destroy)(void *ctx, void *priv);
	/**
	 * Execute @p n decoded requests and set each one's status: OK, ERR,
	 * or BADMSG from an engine that checks an AEAD tag itself (otherwise
	 * the codec compares the digest with the tag). Requests reach here
	 * only after validation (lengths, buffers).
	 */
	void (*process_burst)(void *ctx, struct vcrypto_req *const *reqs,
			uint16_t n);
};

/** The intel-ipsec-mb engine ("ipsec_mb"). */
extern const struct vcrypto_engine_ops vcrypto_engine_ipsec_mb;

/** Any DPDK software cryptodev ("cryptodev:NAME[:QP]", engine_cryptodev.c). */
extern const struct vcrypto_engine_ops vcrypto_engine_cryptodev;

#endif /* VCRYPTO_ENGINE_H */
