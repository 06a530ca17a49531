/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_APP_ARGS_H
#define VCRYPTO_APP_ARGS_H

/**
 * @file
 * Command line of vcrypto-backend (the part after EAL's "--").
 */

#include <stdbool.h>
#include <stdint.h>

/** Most --socket-file options. */
#define APP_MAX_DEVICES 64

/** Longest engine selection. */
#define APP_ENGINE_MAX 128

/** Most lcores polling one device. */
#define APP_MAX_DEV_LCORES 64

/** One --socket-file LCORE[:LCORE...],PATH[,engine=ENGINE]. */
struct app_socket {
	/** worker lcores polling the device: one lcore polls all its queues;
	 *  with several, data queue q is polled by lcores[q % nb_lcores] and
	 *  the control queue by lcores[0] */
	unsigned int lcores[APP_MAX_DEV_LCORES];
	unsigned int nb_lcores;
	const char *path;   /**< socket path (points into argv) */
	/** engine: "ipsec_mb" (the default), or "cryptodev:NAME:QP"; a
	 *  cryptodev named without a queue pair gets the first one past
	 *  those of the devices before it on that cryptodev (each device
	 *  takes one per data queue) */
	char engine[APP_ENGINE_MAX];
};

/** Parsed options. */
struct app_args {
	struct app_socket sockets[APP_MAX_DEVICES]; /**< devices to serve */
	unsigned int nb_sockets;    /**< entries in sockets[] */
	uint16_t queues;            /**< data queues per device */
	uint32_t max_sessions;      /**< session table size per device */
	unsigned int stats_interval; /**< seconds; 0 = only at exit */
	bool guest_polls;           /**< --guest-polls: never interrupt guests */
};

/**
 * Parse @p argv (without the EAL part).
 * @return 0; 1 after printing the usage for --help; -EINVAL after printing
 *   what is wrong and the usage.
 */
int app_args_parse(int argc, char **argv, struct app_args *args);

#endif /* VCRYPTO_APP_ARGS_H */
