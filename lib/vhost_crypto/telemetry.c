/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Telemetry (DPDK's /var/run/dpdk/PREFIX/dpdk_telemetry.v2 socket, e.g.
 * usertools/dpdk-telemetry.py):
 *   /vcrypto/devices       the socket paths of the backend's devices
 *   /vcrypto/stats,PATH    that device's counters, and per data queue its
 *                          requests and busy cycles
 * Runs on the telemetry thread; counters are read atomically, and the
 * registry lock keeps a device from being destroyed under the reader.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <rte_common.h>
#include <rte_telemetry.h>

#include "device_priv.h"

static int
add_path(const struct vcrypto_dev *dev, void *arg)
{
	return rte_tel_data_add_array_string(arg, vcrypto_dev_socket_path(dev));
}

static int
tel_devices(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	/* A path too long for a telemetry string is left out, not fatal. */
	vcrypto_dev_foreach(add_path, d);
	return 0;
}

/* Add @p a to dict @p d as @p name, or free it. */
static void
add_container(struct rte_tel_data *d, const char *name, struct rte_tel_data *a)
{
	if (a != NULL && rte_tel_data_add_dict_container(d, name, a, 0) != 0)
		rte_tel_data_free(a);
}

/* Requests and busy cycles per data queue, as two u64 arrays. */
static void
add_queue_arrays(const struct vcrypto_dev *dev, struct rte_tel_data *d)
{
	struct rte_tel_data *req = rte_tel_data_alloc();
	struct rte_tel_data *busy = rte_tel_data_alloc();
	struct vcrypto_dev_stats s;
	uint16_t q;

	if (req == NULL || busy == NULL) {
		rte_tel_data_free(req);
		rte_tel_data_free(busy);
		return;
	}
	rte_tel_data_start_array(req, RTE_TEL_U64_VAL);
	rte_tel_data_start_array(busy, RTE_TEL_U64_VAL);
	for (q = 0; q < vcrypto_dev_max_dataqueues(dev); q++) {
		vcrypto_dev_queue_stats_get(dev, q, &s);
		rte_tel_data_add_array_u64(req, s.requests);
		rte_tel_data_add_array_u64(busy, s.busy_cycles);
	}
	add_container(d, "queue_requests", req);
	add_container(d, "queue_busy_cycles", busy);
}

static void
fill_stats(const struct vcrypto_dev *dev, struct rte_tel_data *d)
{
	static const char *const status[VCRYPTO_STAT_STATUS_NUM] = {
		"ok", "err", "badmsg", "notsupp", "invsess", "nospc",
		"key_rejected",
	};
	struct vcrypto_dev_stats s;
	unsigned int i;

	vcrypto_dev_stats_get(dev, &s);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "requests", s.requests);
	rte_tel_data_add_dict_u64(d, "ctrl_requests", s.ctrl_requests);
	for (i = 0; i < VCRYPTO_STAT_STATUS_NUM; i++)
		rte_tel_data_add_dict_u64(d, status[i], s.status[i]);
	rte_tel_data_add_dict_u64(d, "bytes", s.bytes);
	rte_tel_data_add_dict_u64(d, "bad_chains", s.bad_chains);
	rte_tel_data_add_dict_u64(d, "broken_queues", s.broken_queues);
	rte_tel_data_add_dict_u64(d, "sessions_created", s.sessions_created);
	rte_tel_data_add_dict_u64(d, "sessions_destroyed", s.sessions_destroyed);
	rte_tel_data_add_dict_u64(d, "sessions_active", s.sessions_active);
	rte_tel_data_add_dict_u64(d, "guest_connects", s.guest_connects);
	rte_tel_data_add_dict_u64(d, "guest_disconnects", s.guest_disconnects);
	rte_tel_data_add_dict_u64(d, "busy_cycles", s.busy_cycles);
	add_queue_arrays(dev, d);
}

struct stats_query {
	const char *path;
	struct rte_tel_data *d;
};

static int
stats_of(const struct vcrypto_dev *dev, void *arg)
{
	struct stats_query *q = arg;

	if (strcmp(vcrypto_dev_socket_path(dev), q->path) != 0)
		return 0;
	fill_stats(dev, q->d);
	return 1;
}

static int
tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct stats_query q = { params, d };

	RTE_SET_USED(cmd);
	if (params == NULL || params[0] == '\0')
		return -EINVAL;
	return vcrypto_dev_foreach(stats_of, &q) == 1 ? 0 : -ENODEV;
}

static void
register_cmds(void)
{
	rte_telemetry_register_cmd("/vcrypto/devices", tel_devices,
		"Returns the socket paths of the vcrypto backend's devices. No parameters");
	rte_telemetry_register_cmd("/vcrypto/stats", tel_stats,
		"Returns a vcrypto backend device's counters. Parameters: its socket path");
}

void
vcrypto_telemetry_register(void)
{
	/* Once per process, from the first device: a constructor would be
	 * dropped with its object file from a static link that calls
	 * nothing else here. */
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, register_cmds);
}
