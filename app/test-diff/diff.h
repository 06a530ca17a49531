/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_DIFF_H
#define VCRYPTO_TEST_DIFF_H

/**
 * @file
 * The differential test's algorithm table and random parameter choice:
 * which algorithms to try, how long their data may be, and picking key,
 * IV, digest and AAD sizes inside what BOTH devices' capabilities allow.
 */

#include <stdbool.h>
#include <stdint.h>

#include "symop.h"

/** Longest key the test uses (HMAC keys longer than a block are hashed). */
#define DIFF_MAX_KEY 160
/** Longest AAD the test uses. */
#define DIFF_MAX_AAD 256

/** Data length rule of an algorithm. */
enum diff_len_rule {
	DIFF_LEN_ANY,    /**< 0..max bytes */
	DIFF_LEN_NONZERO,/**< 1..max bytes */
	DIFF_LEN_BLOCK,  /**< 1..max/block blocks */
};

/** One algorithm (or chain) the test tries. */
struct diff_algo {
	enum sj_kind kind;
	enum rte_crypto_cipher_algorithm cipher;
	enum rte_crypto_auth_algorithm auth;
	enum rte_crypto_aead_algorithm aead;
	enum diff_len_rule len_rule;
	uint16_t block;        /**< DIFF_LEN_BLOCK: data is a multiple of this */
	char name[64];         /**< filled by diff_algo_probe() */
	bool usable;           /**< both devices list it */
	char why_not[160];     /**< when not usable */
	uint64_t ops_ok;       /**< ops that matched */
	uint64_t ops_bad;      /**< ops that differed */
	/* capability ranges of the device under test [0] and the reference [1] */
	struct rte_crypto_param_range key[2], akey[2], iv[2], auth_iv[2], digest[2], aad[2];
};

/** The table (static storage), and its length. */
struct diff_algo *diff_algos(unsigned int *n);

/** xoshiro-like 64-bit generator state. */
struct diff_rng {
	uint64_t s;
};

/** Next 64 random bits (splitmix64). */
uint64_t diff_rand(struct diff_rng *r);

/** Uniform in [0, n) (n > 0). */
uint32_t diff_below(struct diff_rng *r, uint32_t n);

/** Fill @p len bytes. */
void diff_fill(struct diff_rng *r, uint8_t *p, uint32_t len);

/**
 * Intersect the capabilities of devices @p a and @p b for @p al: sets
 * al->usable, al->why_not and the ranges.
 */
void diff_algo_probe(struct diff_algo *al, uint8_t a, uint8_t b);

/**
 * Pick session parameters for @p al inside the intersected ranges
 * (keys point into @p keybuf, 2 x DIFF_MAX_KEY bytes).
 */
void diff_pick_xform(struct diff_algo *al, struct diff_rng *r, struct sj_xform *x,
		     uint8_t *keybuf);

/** A random data length for @p al, at most @p max bytes. */
uint32_t diff_pick_len(const struct diff_algo *al, struct diff_rng *r, uint32_t max);

#endif /* VCRYPTO_TEST_DIFF_H */
