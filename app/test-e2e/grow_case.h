/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_GROW_CASE_H
#define VCRYPTO_TEST_GROW_CASE_H

/**
 * @file
 * Memory hotplug through the device: with EAL in dynamic memory mode,
 * allocate a large mbuf pool after the device started so that EAL maps new
 * memory segments (a driver over vhost-user must send its memory table
 * again), then run known-answer ops whose buffers all lie in that new memory.
 */

#include "e2e_cases.h"

/**
 * Run the memory growth cases: ops in flight while memory grows, the growth
 * itself (segments and bytes before and after, printed), NIST SP 800-38A
 * vectors and reference-checked data in mbufs that all lie in the new
 * memory, and a vector in the old memory after the new pool is freed.
 *
 * @param mb size of the pool to create, in MiB
 */
void e2e_case_grow_memory(struct e2e_env *env, unsigned int mb);

#endif /* VCRYPTO_TEST_GROW_CASE_H */
