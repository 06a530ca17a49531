/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * What the backend's DPDK-facing files need from DPDK at link time, without
 * EAL: the fuzz targets compile worker.c and vhost_msg.c as they are, and
 * those log through rte_log(). DPDK headers are used, DPDK libraries are
 * not linked. Logs are dropped unless VCRYPTO_FUZZ_LOG is set, so a run
 * stays fast and its output shows only findings.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_log.h>

#include "fuzz_stubs.h"

int vcrypto_backend_logtype;

int
rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	static int verbose = -1;
	va_list ap;

	if (verbose < 0)
		verbose = getenv("VCRYPTO_FUZZ_LOG") != NULL;
	if (!verbose)
		return 0;
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	return 0;
}
