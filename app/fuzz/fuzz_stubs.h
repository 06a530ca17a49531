/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_FUZZ_STUBS_H
#define VCRYPTO_FUZZ_STUBS_H

/**
 * @file
 * Link-time stand-ins for the DPDK functions the backend's EAL-facing files
 * call (rte_log), and the backend's log type, so the fuzz targets build the
 * real worker.c / vhost_msg.c without EAL or DPDK libraries.
 */

/** The backend's log type (device.c registers it in the real library). */
extern int vcrypto_backend_logtype;

#endif /* VCRYPTO_FUZZ_STUBS_H */
