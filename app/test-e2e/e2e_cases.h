/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_E2E_CASES_H
#define VCRYPTO_TEST_E2E_CASES_H

/**
 * @file
 * The AES-CBC cases of the end-to-end test. Each case prints exactly one
 * line, "PASS name" or "FAIL name: why", and is counted in the tally.
 */

#include <stdint.h>

#include "cbc_vectors.h"
#include "e2e_dev.h"
#include "ref_cbc.h"

/** Cases passed and failed so far. */
struct e2e_tally {
	unsigned int passed;
	unsigned int failed;
};

/** What the cases run against. */
struct e2e_env {
	struct e2e_dev *dev;                    /**< device under test */
	struct e2e_dev *refdev;                 /**< reference cryptodev, or NULL */
	unsigned int skipped;                   /**< cases skipped (not counted in tally) */
	int strict_sessions;                    /**< a refused session of a listed
						  *   algorithm is a failure */
	uint16_t next_qp;                       /**< KAT ops go round the queue pairs */
	struct ref_cbc *ref;                    /**< independent reference */
	struct cbc_vector vec[CBC_VEC_COUNT];   /**< NIST SP 800-38A F.2 */
	struct e2e_tally tally;
};

/** Length of a case's failure reason (its "why" buffer). */
#define E2E_WHY_LEN 256

/** Count and print one case: PASS when @p why is empty, else FAIL with it. */
void e2e_report(struct e2e_env *env, const char *name, const char *why);

/** Give @p why (E2E_WHY_LEN bytes) a reason unless it has one: the first stays. */
void e2e_whyf(char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * Compare @p len bytes; on a difference, name @p what and the first
 * differing byte in @p why.
 * @return 0 if equal, -1 otherwise
 */
int e2e_diff(char *why, const char *what, const uint8_t *got, const uint8_t *want,
	     uint32_t len);

/** Fill @p p with @p len reproducible bytes (xorshift64*) from @p state. */
void e2e_fill_random(uint64_t *state, uint8_t *p, uint32_t len);

/** Check the reference itself against the NIST vectors (no device involved). */
void e2e_case_ref_selfcheck(struct e2e_env *env);

/** Check the device advertises AES-CBC with each key size and a 16-byte IV. */
void e2e_case_capabilities(struct e2e_env *env);

/** NIST vectors through the device: every key size, both directions, in and out of place. */
void e2e_case_kat(struct e2e_env *env);

/**
 * Random data of @p len bytes, @p burst ops at a time, with a key of
 * @p key_len bytes: encrypt checked against the reference, then decrypt of
 * the result checked against the plaintext.
 */
void e2e_case_size(struct e2e_env *env, uint32_t key_len, uint32_t len, int oop,
		   uint16_t burst);

#endif /* VCRYPTO_TEST_E2E_CASES_H */
