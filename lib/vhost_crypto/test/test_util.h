/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_UTIL_H
#define VCRYPTO_TEST_UTIL_H

/**
 * @file
 * A minimal check harness for the EAL-free unit tests: CHECK() counts and
 * reports, TEST_DONE() prints "N passed, N failed" and gives the exit code.
 */

#include <stdio.h>

static unsigned int test_passed, test_failed;

#define CHECK(cond) do { \
	if (cond) { \
		test_passed++; \
	} else { \
		test_failed++; \
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long va_ = (long long)(a), vb_ = (long long)(b); \
	if (va_ == vb_) { \
		test_passed++; \
	} else { \
		test_failed++; \
		fprintf(stderr, "FAIL %s:%d: %s == %s (%lld != %lld)\n", \
			__FILE__, __LINE__, #a, #b, va_, vb_); \
	} \
} while (0)

#define TEST_DONE() ( \
	printf("%u passed, %u failed\n", test_passed, test_failed), \
	test_failed == 0 && test_passed > 0 ? 0 : 1)

#endif /* VCRYPTO_TEST_UTIL_H */
