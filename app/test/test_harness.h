/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_HARNESS_H
#define VCRYPTO_TEST_HARNESS_H

/**
 * @file
 * A tiny assertion harness for unit tests that need no EAL: every check is
 * counted, every failed check prints its file, line, expression and values,
 * and the test ends with a summary line and an exit status that is non-zero
 * as soon as one check failed. Checks never stop the test, so one run shows
 * every broken fact at once.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/** Counters of one test program. */
struct vt_counts {
	unsigned int checks; /**< checks evaluated */
	unsigned int failed; /**< checks that did not hold */
};

/** Record one check; print it when it fails. @return @p ok */
static inline int
vt_record(struct vt_counts *c, int ok, const char *file, int line, const char *what)
{
	c->checks++;
	if (!ok) {
		c->failed++;
		fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
	}
	return ok;
}

/** Check that a condition holds. */
#define VT_CHECK(c, cond) vt_record((c), !!(cond), __FILE__, __LINE__, #cond)

/** Check that two unsigned integers are equal, printing both when not. */
#define VT_EQ(c, got, want) do { \
	uint64_t vt_g_ = (uint64_t)(got), vt_w_ = (uint64_t)(want); \
	if (!vt_record((c), vt_g_ == vt_w_, __FILE__, __LINE__, #got " == " #want)) \
		fprintf(stderr, "     got %" PRIu64 " (0x%" PRIx64 "), want %" PRIu64 \
			" (0x%" PRIx64 ")\n", vt_g_, vt_g_, vt_w_, vt_w_); \
} while (0)

/** Check that two strings are equal. */
#define VT_STREQ(c, got, want) do { \
	const char *vt_g_ = (got), *vt_w_ = (want); \
	if (!vt_record((c), vt_g_ != NULL && strcmp(vt_g_, vt_w_) == 0, \
			__FILE__, __LINE__, #got " == \"" want "\"")) \
		fprintf(stderr, "     got \"%s\"\n", vt_g_ ? vt_g_ : "(null)"); \
} while (0)

/** Check that two byte ranges are equal. */
#define VT_MEMEQ(c, got, want, len) \
	vt_record((c), memcmp((got), (want), (len)) == 0, __FILE__, __LINE__, \
		"memcmp(" #got ", " #want ", " #len ") == 0")

/** Print the summary line. @return the process exit status */
static inline int
vt_finish(const struct vt_counts *c, const char *name)
{
	printf("%s: %u checks, %u failed\n", name, c->checks, c->failed);
	if (c->checks == 0) {
		fprintf(stderr, "%s: no check ran\n", name);
		return 1;
	}
	return c->failed == 0 ? 0 : 1;
}

#endif /* VCRYPTO_TEST_HARNESS_H */
