/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_E2E_SYMOP_H
#define VCRYPTO_TEST_E2E_SYMOP_H

/**
 * @file
 * Any symmetric operation through any cryptodev, described in bytes:
 * what the session does (struct sj_xform), what each op carries
 * (struct sj_op: data, IVs, AAD, expected digest, in or out of place,
 * how many mbuf segments), and what came back (struct sj_result). The
 * module follows DPDK's conventions (bit lengths for SNOW3G, KASUMI and
 * ZUC, the CCM nonce one byte into the IV field and the AAD 18 bytes into
 * its buffer, the digest after the data in the last segment) so the same
 * description runs on the device under test and on a reference device.
 * Used by vcrypto-test-e2e and vcrypto-test-diff.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include <rte_crypto.h>

#include "e2e_dev.h"

/** Longest digest, IVs and AAD an op may carry. */
#define SJ_MAX_DIGEST 64
#define SJ_MAX_IV 32
#define SJ_MAX_AAD 512
/** Most mbuf segments of a source or destination. */
#define SJ_MAX_SEGS 4

/** What a session does. */
enum sj_kind {
	SJ_CIPHER, /**< one cipher transform */
	SJ_AUTH,   /**< one auth transform (hash or MAC) */
	SJ_AEAD,   /**< one AEAD transform */
	SJ_CHAIN,  /**< cipher and auth transforms */
};

/** A session's parameters. */
struct sj_xform {
	enum sj_kind kind;
	enum rte_crypto_cipher_algorithm cipher; /**< CIPHER, CHAIN */
	enum rte_crypto_auth_algorithm auth;     /**< AUTH, CHAIN */
	enum rte_crypto_aead_algorithm aead;     /**< AEAD */
	bool encrypt;     /**< cipher/AEAD direction */
	bool verify;      /**< auth: verify the op's digest instead of generating */
	bool auth_first;  /**< CHAIN: the auth transform comes first */
	const uint8_t *key;  /**< cipher or AEAD key */
	uint16_t key_len;
	const uint8_t *akey; /**< auth key (GMAC: the AES key) */
	uint16_t akey_len;
	uint16_t iv_len;      /**< cipher/AEAD IV (CCM: nonce) bytes */
	uint16_t auth_iv_len; /**< auth IV bytes */
	uint16_t digest_len;  /**< digest or tag bytes */
	uint16_t aad_len;     /**< AEAD AAD bytes */
};

/** One operation's input and layout. */
struct sj_op {
	const uint8_t *in;      /**< data: plaintext, ciphertext or message */
	uint32_t len;           /**< bytes of data */
	const uint8_t *iv;      /**< xform.iv_len bytes */
	const uint8_t *auth_iv; /**< xform.auth_iv_len bytes */
	const uint8_t *aad;     /**< xform.aad_len bytes */
	const uint8_t *digest;  /**< verify / AEAD decrypt: the digest or tag to check */
	bool oop;               /**< out of place (a destination chain) */
	uint8_t src_segs;       /**< segments of the source, 1..SJ_MAX_SEGS */
	uint8_t dst_segs;       /**< segments of the destination (oop), 1..SJ_MAX_SEGS */
	uint32_t split_seed;    /**< where segments are cut */
};

/** One operation's outcome. */
struct sj_result {
	int status;                     /**< enum rte_crypto_op_status */
	uint8_t *out;                   /**< caller's buffer of len bytes: the output data */
	uint8_t digest[SJ_MAX_DIGEST];  /**< generated digest or tag */
	bool src_changed;               /**< oop: the source was modified */
};

/**
 * Can device @p dev_id run @p x? Checks each transform against its
 * capabilities (and the feature flags @p op needs, when not NULL).
 *
 * @return 0, or -ENOTSUP with the reason in @p why.
 */
int sj_supported(uint8_t dev_id, uint64_t feature_flags, const struct sj_xform *x,
		 const struct sj_op *op, char *why, size_t why_len);

/**
 * Create a session for @p x.
 *
 * @return the session, or NULL with the reason in @p why.
 */
void *sj_session(struct e2e_dev *dev, const struct sj_xform *x, char *why, size_t why_len);

/**
 * Run @p n (at most E2E_MAX_BURST) operations of one session on queue pair
 * @p qp and collect their results.
 *
 * @return 0 when every op came back (whatever its status), or a negative
 *   errno with the reason in @p why (-ENOMEM: pools empty; -ETIMEDOUT,
 *   -EIO: see e2e_dev_run()).
 */
int sj_run(struct e2e_dev *dev, uint16_t qp, void *sess, const struct sj_xform *x,
	   const struct sj_op *ops, struct sj_result *res, uint16_t n, char *why,
	   size_t why_len);

/** A short name of the transform chain, e.g. "AES_CBC-enc" (static storage per call site). */
const char *sj_algo_name(const struct sj_xform *x, char *buf, size_t len);

#endif /* VCRYPTO_TEST_E2E_SYMOP_H */
