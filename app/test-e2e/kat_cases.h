/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_E2E_KAT_CASES_H
#define VCRYPTO_TEST_E2E_KAT_CASES_H

/**
 * @file
 * Known-answer cases of every algorithm in kat_table.h through the device
 * under test: each direction (encrypt and decrypt, generate and verify), a
 * wrong digest or tag (AUTH_FAILED), in place and out of place, one and
 * several mbuf segments. An algorithm the device's capabilities lack is
 * SKIPped (with the reason, after checking a session for it is refused);
 * one they list must pass. With a reference device each vector is first
 * checked there.
 */

#include "e2e_cases.h"

/** Run every vector of kat_table. */
void kat_cases_run(struct e2e_env *env);

#endif /* VCRYPTO_TEST_E2E_KAT_CASES_H */
