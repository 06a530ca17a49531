/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_DEVICE_PRIV_H
#define VCRYPTO_DEVICE_PRIV_H

/**
 * @file
 * The device object shared by the lifecycle code (device.c, vhost_msg.c:
 * rte_vhost's thread) and the poller (worker.c: the caller's lcore).
 *
 * Hand-over: everything a poller reads (rings, memory table, sessions,
 * negotiated features) changes only under the device lock: @c lock and
 * then every queue's lock (vcrypto_dev_lock()). A poller takes its queue's
 * lock with a trylock once per pass, never per request; rte_vhost's thread
 * clears @c running first and then takes them all blocking, so when it
 * holds them every poller is out and will not come back until @c running
 * is set again.
 *
 * A device's queues may be polled from different lcores: each queue has its
 * own lock, engine context and counters. What they share is read-only while
 * running, except the session table, which the control queue's poller
 * changes while data queues look sessions up: sessions resolve once built,
 * and a destroyed one is reused only after a grace period (@c grace, every
 * data queue a reader).
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <limits.h>

#include <rte_spinlock.h>
#include <rte_vhost.h>

#include "vcrypto_backend.h"
#include "ctrl_priv.h"
#include "engine.h"
#include "gmem_priv.h"
#include "grace_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"
#include "vring_split_priv.h"

/** Requests taken from one queue in one pass: enough to fill every lane
 *  of ipsec-mb's widest managers twice and to overlap the cache misses of
 *  many requests; at most 64 (a burst's state lives on the stack). */
#define VCRYPTO_BURST 64
/** Most data queues a device offers. */
#define VCRYPTO_MAX_DATAQUEUES 64

/** Per-queue state, allocated once with the device, on its own cache
 *  lines: queues of one device may be polled from different lcores. */
struct vcrypto_vq {
	rte_spinlock_t lock; /**< held by the queue's poller for a pass */
	struct vcrypto_vring_split ring; /**< device side of the split ring */
	int callfd;          /**< eventfd to interrupt the guest, or -1 */
	bool ready;          /**< rings mapped by the last start */
	bool enabled;        /**< rte_vhost says the ring is enabled */
	bool broken_logged;  /**< the broken ring was reported */
	uint16_t index;      /**< vring index */
	struct vcrypto_chain chain;            /**< control queue walk scratch */
	struct vcrypto_chain *chains;  /**< data queues: VCRYPTO_BURST walked
					*   chains, one per request of a burst */
	struct vcrypto_bounce bounce;  /**< data queues: split fields */
	struct vcrypto_req reqs[VCRYPTO_BURST]; /**< one burst */
	struct vcrypto_req *batch[VCRYPTO_BURST]; /**< requests for the engine */
	void *engine_ctx;    /**< data queues: the engine context it runs on */
	/** data queues: the device's control view on this queue's engine
	 *  context, for stateless sessions */
	struct vcrypto_ctrl_ctx sl_ctrl;
	struct vcrypto_codec_cfg codec; /**< data queues: its codec view */
	/** its counters (one writer: its poller); the device's are the sum */
	struct vcrypto_dev_stats stats;
} __attribute__((aligned(64)));

/** A backend device. */
struct vcrypto_dev {
	TAILQ_ENTRY(vcrypto_dev) next; /**< registry link */
	char path[PATH_MAX];       /**< socket path (rte_vhost ifname) */
	uint16_t max_dataqueues;   /**< offered; control queue index too */
	uint16_t nr_queues;        /**< max_dataqueues + 1 */
	uint64_t max_size;         /**< config max_size (engine-capped) */
	uint32_t max_sessions;     /**< table capacity */

	rte_spinlock_t lock;       /**< see the file comment (lifecycle) */
	int running;               /**< atomic: the poller may serve queues */
	int vid;                   /**< connected guest, -1 when none */
	bool started;              /**< rings taken by the last start */
	bool resync;               /**< a message stopped the rings; restart */
	bool revision_1;           /**< negotiated VIRTIO_CRYPTO_F_REVISION_1 */
	/** the front-end took protocol feature CRYPTO_SESSION: it keeps the
	 *  control queue (QEMU's cryptodev-vhost-user; see vhost_msg.c) */
	bool fe_sessions;
	bool guest_polls;          /**< never interrupt the guest (params) */

	struct vcrypto_gmem mem;   /**< guest memory of the running device */
	struct vcrypto_session_table sessions; /**< the guest's sessions */
	const struct vcrypto_engine_ops *engine; /**< executes requests */
	struct vcrypto_engine_caps caps; /**< what it offers (config space) */
	void *engine_ctx;          /**< its control context (sessions, caps) */
	struct vcrypto_ctrl_ctx ctrl;   /**< control queue view */
	struct vcrypto_codec_cfg codec; /**< data queue view (copied per queue) */
	struct vcrypto_grace grace;     /**< session reuse (file comment) */
	struct vcrypto_grace_reader *grace_readers; /**< one per data queue */

	/** counters of rte_vhost's thread and the session messages (the
	 *  queues have their own); updated by one writer at a time, read
	 *  atomically; sessions_active lives only here */
	struct vcrypto_dev_stats stats;
	struct vcrypto_vq *vqs;    /**< nr_queues entries */
};

/** Add @p n to a counter; writers are serialised, readers are lock-free. */
static inline void
vcrypto_stat_add(uint64_t *counter, uint64_t n)
{
	__atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + n,
		__ATOMIC_RELAXED);
}

/**
 * Take the device for a change: @c lock, then every queue's lock, so no
 * poller is inside a pass (clear @c running first to keep them out after).
 */
void vcrypto_dev_lock(struct vcrypto_dev *dev);

/** Release what vcrypto_dev_lock() took. */
void vcrypto_dev_unlock(struct vcrypto_dev *dev);

/**
 * Map the guest's rings and memory and let the poller in.
 * Caller holds the device lock and dev->vid is the guest.
 * @return 0, or -errno when the memory table cannot be taken.
 */
int vcrypto_dev_start_rings(struct vcrypto_dev *dev);

/**
 * Stop the poller and hand the ring indices back to rte_vhost.
 * Caller holds the device lock.
 */
void vcrypto_dev_stop_rings(struct vcrypto_dev *dev);

/**
 * Call @p fn on each device, under the registry's lock: none is destroyed
 * meanwhile (for the telemetry thread). Stops at the first non-zero return.
 * @return that value, or 0.
 */
int vcrypto_dev_foreach(int (*fn)(const struct vcrypto_dev *dev, void *arg),
		void *arg);

/** Register the backend's telemetry commands (telemetry.c); once. */
void vcrypto_telemetry_register(void);

/** The device serving rte_vhost device @p vid, or NULL. */
struct vcrypto_dev *vcrypto_dev_find(int vid);

/** rte_vhost message hooks for a connected device (vhost_msg.c). */
extern const struct rte_vhost_user_extern_ops vcrypto_vhost_msg_ops;

#endif /* VCRYPTO_DEVICE_PRIV_H */
