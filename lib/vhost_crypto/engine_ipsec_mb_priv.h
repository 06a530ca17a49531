/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_ENGINE_IPSEC_MB_PRIV_H
#define VCRYPTO_ENGINE_IPSEC_MB_PRIV_H

/**
 * @file
 * Internals of the intel-ipsec-mb engine shared by its two files:
 * engine_ipsec_mb_sess.c (the algorithm tables, capabilities and session
 * creation: keys expanded once) and engine_ipsec_mb.c (jobs and bursts).
 * The tables are the single source of what the engine offers: the config
 * space and session validation both read them.
 */

#include <stdbool.h>
#include <stdint.h>

#include <intel-ipsec-mb.h>

#include "engine.h"

struct vcrypto_req;

/** Largest AES key schedule: 15 round keys of 16 bytes (AES-256). */
#define MB_AES_EXP_LEN (15 * 16)
/** Largest HMAC block (SHA-384/512). */
#define MB_HMAC_MAX_BLOCK 128

/** How a cipher's offsets and lengths are given to ipsec-mb. */
enum mb_units {
	MB_BYTES = 0,  /**< offsets and lengths in bytes */
	MB_BITS,       /**< in bits (SNOW3G UEA2, KASUMI F8) */
};

/** Which job fields an authentication algorithm needs. */
enum mb_auth_kind {
	MB_AUTH_NONE = 0,
	MB_AUTH_PLAIN,   /**< plain SHA: nothing */
	MB_AUTH_HMAC,    /**< u.HMAC ipad/opad */
	MB_AUTH_CMAC,    /**< u.CMAC */
	MB_AUTH_XCBC,    /**< u.XCBC */
	MB_AUTH_SNOW3G,  /**< u.SNOW3G_UIA2, length in bits, auth iv */
	MB_AUTH_ZUC,     /**< u.ZUC_EIA3, length in bits, auth iv */
	MB_AUTH_KASUMI,  /**< u.KASUMI_UIA1 */
	MB_AUTH_GCM,     /**< AEAD: u.GCM aad */
	MB_AUTH_CCM,     /**< AEAD: u.CCM aad */
	MB_AUTH_CHACHA,  /**< AEAD: u.CHACHA20_POLY1305 aad */
};

/** Session private data. */
struct mb_session {
	union {
		struct {
			uint8_t enc[MB_AES_EXP_LEN] __attribute__((aligned(16)));
			uint8_t dec[MB_AES_EXP_LEN] __attribute__((aligned(16)));
		} aes;
		struct {
			uint64_t ks[3][16] __attribute__((aligned(16)));
			const void *ptr[3]; /**< 3DES: the three schedules */
		} des;
		kasumi_key_sched_t kasumi;
		snow3g_key_schedule_t snow3g;
		uint8_t raw[32] __attribute__((aligned(16))); /**< ZUC, ChaCha20 */
		struct gcm_key_data gcm;
	} c __attribute__((aligned(64)));  /**< cipher / AEAD keys */
	union {
		struct {
			uint8_t ipad[64] __attribute__((aligned(16)));
			uint8_t opad[64] __attribute__((aligned(16)));
		} hmac;
		struct {
			uint8_t k1[MB_AES_EXP_LEN] __attribute__((aligned(16)));
			uint8_t k2[16] __attribute__((aligned(16)));
			uint8_t k3[16] __attribute__((aligned(16)));
		} xcbc;
		struct {
			uint8_t exp[MB_AES_EXP_LEN] __attribute__((aligned(16)));
			uint8_t sk1[16] __attribute__((aligned(16)));
			uint8_t sk2[16] __attribute__((aligned(16)));
		} cmac;
		kasumi_key_sched_t kasumi;
		snow3g_key_schedule_t snow3g;
		uint8_t raw[32] __attribute__((aligned(16))); /**< ZUC */
	} a __attribute__((aligned(16)));  /**< authentication keys */
	const void *enc_keys;        /**< job->enc_keys */
	const void *dec_keys;        /**< job->dec_keys */
	IMB_CIPHER_MODE cipher_mode; /**< IMB_CIPHER_NULL when none */
	IMB_HASH_ALG hash_alg;       /**< IMB_AUTH_NULL when none */
	IMB_CHAIN_ORDER chain_order; /**< CHAIN sessions only */
	uint32_t key_len;            /**< job->key_len_in_bytes */
	uint32_t gen_len;            /**< job->auth_tag_output_len_in_bytes */
	enum mb_units units;         /**< cipher units */
	enum mb_auth_kind auth_kind; /**< job->u fields to set */
	/** HMAC: the key as the algorithm's block takes it (hashed when
	 *  longer, zero-padded), for messages too long for a job */
	uint8_t hmac_key[MB_HMAC_MAX_BLOCK];
	uint32_t hmac_block;         /**< HMAC: block size (64 or 128) */
};

/** Jobs per library burst (IMB_MAX_BURST_SIZE is 128). */
#define MB_MAX_BURST 64

/** How the engine handed requests to the library (mb_ctx.path). */
enum mb_path {
	MB_PATH_DIRECT = 0,   /**< a direct call, no job (AES-GCM) */
	MB_PATH_ONE_ALGO,     /**< one cipher or hash burst call */
	MB_PATH_BURST,        /**< the generic burst API */
	MB_PATH_JOB,          /**< job by job (after a refused burst) */
	MB_PATH_NUM
};

/** An engine context: one multi-buffer manager and its burst scratch. */
struct mb_ctx {
	IMB_MGR *mgr;
	/** requests per submission path, for tests and profiling */
	uint64_t path[MB_PATH_NUM];
	/** room for an HMAC block and the longest message an HMAC job cannot
	 *  take (see engine_ipsec_mb.c), NULL when max_size needs none */
	uint8_t *scratch;
	uint64_t scratch_len;
	/** jobs for the one-algorithm burst calls, which take an array */
	IMB_JOB jobs[MB_MAX_BURST] __attribute__((aligned(64)));
};

/** Longest message or cipher text intel-ipsec-mb 1.3 takes in one job for
 *  AES-CBC encryption, HMAC, plain SHA and others (its MB_MAX_LEN16). */
#define MB_MAX_JOB_LEN 65534u

/**
 * The whole SHA-1 or SHA-2 digest of @p len bytes (any length: the
 * library's one-shot functions), for @p alg a plain SHA or an HMAC-SHA.
 * @return the digest length written to @p out (64 bytes of room), 0 for
 *         another algorithm (nothing written).
 */
uint32_t vcrypto_mb_sha(IMB_MGR *mgr, IMB_HASH_ALG alg, const void *in,
		uint64_t len, uint8_t *out);

/**
 * Run @p n requests as jobs, each by the cheapest way the library takes it
 * (engine_ipsec_mb_jobs.c); each gets its status.
 */
void vcrypto_mb_submit_jobs(struct mb_ctx *c, struct vcrypto_req *const *reqs,
		uint16_t n);

/**
 * An AES-CBC encryption longer than a job takes, as chained pieces.
 * @return false when @p r is not one (nothing done).
 */
bool vcrypto_mb_cbc_encrypt_long(IMB_MGR *mgr, struct vcrypto_req *r);

/**
 * Run a request longer than a job takes outside the job queue, when the
 * engine has a way (AES-CBC encryption, SHA, HMAC-SHA;
 * engine_ipsec_mb_long.c); it then has its status.
 * @return false when it must go as a job (nothing done).
 */
bool vcrypto_mb_run_long(struct mb_ctx *c, struct vcrypto_req *r);

/** Capabilities, computed from the tables. */
void vcrypto_mb_get_caps(void *ctx, struct vcrypto_engine_caps *caps);

/** Session creation (see vcrypto_engine_ops.session_create). */
uint8_t vcrypto_mb_session_create(void *ctx, void *priv,
		const struct vcrypto_sess_params *p,
		struct vcrypto_sess_info *info);

#endif /* VCRYPTO_ENGINE_IPSEC_MB_PRIV_H */
