/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_REF_CBC_H
#define VCRYPTO_TEST_REF_CBC_H

/**
 * @file
 * An AES-CBC reference for the end-to-end test, computed in the test process
 * with intel-ipsec-mb (never through the device under test). It is checked
 * against the NIST SP 800-38A vectors before any result is compared with it.
 */

#include <stdint.h>

/** Opaque reference context (an ipsec-mb manager). */
struct ref_cbc;

/** Create a reference context. @return NULL on failure. */
struct ref_cbc *ref_cbc_create(void);

/** Free a reference context (NULL is allowed). */
void ref_cbc_free(struct ref_cbc *ref);

/**
 * AES-CBC over @p len bytes (a multiple of 16) from @p src into @p dst
 * (may be equal), with a 16-byte @p iv and a key of 16, 24 or 32 bytes.
 *
 * @return 0 on success, -EINVAL for a bad key or length, -EIO if ipsec-mb
 *   reports an error.
 */
int ref_cbc(struct ref_cbc *ref, int encrypt, const uint8_t *key, uint32_t key_len,
	    const uint8_t *iv, const uint8_t *src, uint8_t *dst, uint32_t len);

#endif /* VCRYPTO_TEST_REF_CBC_H */
