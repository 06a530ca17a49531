/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_CBC_VECTORS_H
#define VCRYPTO_TEST_CBC_VECTORS_H

/**
 * @file
 * AES-CBC known-answer vectors of NIST SP 800-38A, appendix F.2 (F.2.1 to
 * F.2.6): one key per AES size, the same IV and four-block plaintext, and the
 * expected ciphertext. Decryption vectors (F.2.2, F.2.4, F.2.6) are the same
 * data read backwards.
 */

#include <stdint.h>

/** Bytes of plaintext and ciphertext in every F.2 vector. */
#define CBC_VEC_LEN 64

/** One SP 800-38A CBC vector. */
struct cbc_vector {
	const char *name;            /**< e.g. "F.2.1-aes128" */
	uint32_t key_len;            /**< 16, 24 or 32 */
	uint8_t key[32];
	uint8_t iv[16];
	uint8_t plaintext[CBC_VEC_LEN];
	uint8_t ciphertext[CBC_VEC_LEN];
};

/** Number of vectors (one per key size). */
#define CBC_VEC_COUNT 3

/** Decode the vectors from their hex text. @return 0, or -1 if the text is malformed */
int cbc_vectors_load(struct cbc_vector vec[CBC_VEC_COUNT]);

#endif /* VCRYPTO_TEST_CBC_VECTORS_H */
