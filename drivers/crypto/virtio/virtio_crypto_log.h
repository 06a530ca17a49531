/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VIRTIO_CRYPTO_LOG_H
#define VIRTIO_CRYPTO_LOG_H

/**
 * @file
 * The driver's one log type, "pmd.crypto.virtio", shared by every layer of
 * the driver and by the vcrypto_frontend library.
 */

#include <rte_log.h>

/** Log type id of "pmd.crypto.virtio" (registered in virtqueue.c). */
extern int vcrypto_virtio_logtype;

/** Log a line (a newline is appended) at RTE_LOG_<level>. */
#define VC_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, vcrypto_virtio_logtype, \
		"crypto_virtio: " fmt "\n", ##__VA_ARGS__)

#endif /* VIRTIO_CRYPTO_LOG_H */
