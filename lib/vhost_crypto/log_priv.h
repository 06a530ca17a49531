/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_LOG_PRIV_H
#define VCRYPTO_LOG_PRIV_H

/**
 * @file
 * Logging of the backend library: rte_log type "lib.vcrypto.backend".
 * Only the DPDK-facing modules (device, worker) log; the EAL-free modules
 * return codes and let them decide. Nothing above DEBUG is logged per
 * request: guest errors are counted instead.
 */

#include <rte_log.h>

extern int vcrypto_backend_logtype;

#define VCRYPTO_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, vcrypto_backend_logtype, \
		"vcrypto: " fmt "\n", ##__VA_ARGS__)

#endif /* VCRYPTO_LOG_PRIV_H */
