/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_BACKEND_H
#define VCRYPTO_BACKEND_H

/**
 * @file
 * The vcrypto backend: a virtio-crypto device served over a vhost-user
 * socket (this process is the server), built on DPDK's public rte_vhost API,
 * executing requests with intel-ipsec-mb or a DPDK software cryptodev (an
 * engine per device). Sessions come from the control queue or, for a
 * front-end that keeps the control queue (QEMU's cryptodev-vhost-user),
 * from vhost-user CREATE/CLOSE_CRYPTO_SESSION messages.
 *
 * A dataplane embeds it by creating one device per socket and calling
 * vcrypto_dev_poll() from the lcore of its choice: one lcore may poll many
 * devices. To spread one device over several lcores, each lcore calls
 * vcrypto_dev_poll_queue() for its share of the device's queues instead.
 * rte_vhost's own thread tells the device about guests connecting, starting
 * and stopping; the device hands that state to the pollers safely, so the
 * caller needs no locking of its own, except that a device must not be
 * polled while or after it is destroyed.
 *
 * Requires an initialised EAL (rte_eal_init) before vcrypto_dev_create().
 */

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque backend device. */
struct vcrypto_dev;

/** Creation parameters. */
struct vcrypto_dev_params {
	/** Path of the vhost-user UNIX socket to listen on (must not exist). */
	const char *socket_path;
	/** Data queues offered (max_dataqueues), 1..64; the control queue is
	 *  queue index max_dataqueues. 0 means 1. */
	uint16_t max_dataqueues;
	/** Session table capacity; 0 means 1024. */
	uint32_t max_sessions;
	/** Largest src/dst of one request in bytes (config max_size);
	 *  0 means 1 MiB; the engine may lower it. */
	uint64_t max_size;
	/** Engine that executes the requests: NULL, "" or "ipsec_mb" for
	 *  intel-ipsec-mb, "cryptodev:NAME" for the DPDK cryptodev NAME
	 *  (created before, e.g. with EAL --vdev; see the cryptodev engine). */
	const char *engine;
	/** The guest polls the used rings (e.g. a DPDK driver): never write
	 *  its call eventfds, whatever the rings' flags or used_event say. */
	bool guest_polls;
};

/** Status codes counted per request (indices into status[]). */
enum vcrypto_dev_stat_status {
	VCRYPTO_STAT_OK = 0,       /**< VIRTIO_CRYPTO_OK */
	VCRYPTO_STAT_ERR = 1,      /**< VIRTIO_CRYPTO_ERR */
	VCRYPTO_STAT_BADMSG = 2,   /**< VIRTIO_CRYPTO_BADMSG */
	VCRYPTO_STAT_NOTSUPP = 3,  /**< VIRTIO_CRYPTO_NOTSUPP */
	VCRYPTO_STAT_INVSESS = 4,  /**< VIRTIO_CRYPTO_INVSESS */
	VCRYPTO_STAT_NOSPC = 5,    /**< VIRTIO_CRYPTO_NOSPC */
	VCRYPTO_STAT_KEY_REJECTED = 6, /**< VIRTIO_CRYPTO_KEY_REJECTED */
	VCRYPTO_STAT_STATUS_NUM
};

/** Device counters since creation. */
/** Data-path phases, for vcrypto_dev_stats.phase_cycles. */
enum vcrypto_phase {
	VCRYPTO_PHASE_WALK = 0, /**< taking heads, walking chains */
	VCRYPTO_PHASE_DECODE,   /**< decoding and validating requests */
	VCRYPTO_PHASE_ENGINE,   /**< the engine's burst call */
	VCRYPTO_PHASE_FINISH,   /**< results, statuses, used ring, interrupt */
	VCRYPTO_PHASE_NUM
};

struct vcrypto_dev_stats {
	uint64_t requests;          /**< requests completed (data and control) */
	uint64_t ctrl_requests;     /**< of which control requests */
	/** requests per status given to the guest; a chain the ring walker
	 *  refused (no status byte could be located) counts as ERR */
	uint64_t status[VCRYPTO_STAT_STATUS_NUM];
	uint64_t bad_chains;        /**< chains refused by the ring walker */
	uint64_t broken_queues;     /**< queues stopped for a broken ring */
	uint64_t bytes;             /**< bytes ciphered by OK data requests */
	uint64_t sessions_created;  /**< sessions created */
	uint64_t sessions_destroyed; /**< destroyed by the guest or at teardown */
	uint64_t sessions_active;   /**< live now */
	uint64_t guest_connects;    /**< vhost-user connections accepted */
	uint64_t guest_disconnects; /**< connections closed */
	/** TSC cycles spent in poll passes that completed at least one
	 *  request (the backend's cost per request is busy_cycles/requests) */
	uint64_t busy_cycles;
	/** TSC cycles per data-path phase (enum vcrypto_phase) over all data
	 *  bursts; zero unless the library was built with
	 *  -Dphase_stats=true */
	uint64_t phase_cycles[VCRYPTO_PHASE_NUM];
};

/**
 * Create a device and start listening on params->socket_path.
 *
 * @param params creation parameters (copied)
 * @param[out] out the new device
 * @return 0; -EINVAL for bad parameters (an unknown engine too); -ENODEV
 *         for an engine naming a cryptodev that does not exist; -ENOTSUP
 *         for a hardware cryptodev; -ENOMEM; -EEXIST if a device
 *         already serves that path; -EIO when rte_vhost refuses the socket
 *         (e.g. the file exists). Logged once.
 */
int vcrypto_dev_create(const struct vcrypto_dev_params *params,
		struct vcrypto_dev **out);

/**
 * Serve one pass over the device's ready queues from the calling lcore:
 * the control queue, then each data queue, up to one burst each.
 *
 * Never blocks: when rte_vhost's thread is reconfiguring the device, the
 * pass is skipped, and so is a queue another lcore is serving right now.
 *
 * @return the number of requests completed (control and data).
 */
unsigned int vcrypto_dev_poll(struct vcrypto_dev *dev);

/**
 * Serve one pass over one queue of the device, up to one burst: data queue
 * @p qid (0 .. max_dataqueues - 1) or, for @p qid == max_dataqueues, the
 * control queue. Lets several lcores share a device, each polling its own
 * queues: each data queue runs on an engine context and counters of its
 * own, and a session the control queue destroys is reused only once no data
 * queue can still be using it.
 *
 * Never blocks; a queue another lcore is serving right now is skipped, as
 * is an unknown @p qid.
 *
 * @return the number of requests completed.
 */
unsigned int vcrypto_dev_poll_queue(struct vcrypto_dev *dev, uint16_t qid);

/** Data queues the device offers (its control queue's index). */
uint16_t vcrypto_dev_max_dataqueues(const struct vcrypto_dev *dev);

/**
 * Stop listening, disconnect the guest, remove the socket file, destroy
 * all sessions (keys wiped) and free the device. The device must no longer
 * be polled. NULL is ignored.
 */
void vcrypto_dev_destroy(struct vcrypto_dev *dev);

/** Read the device's counters (from any thread; each counter is atomic).
 *  DPDK telemetry gives them too: /vcrypto/devices, /vcrypto/stats,PATH. */
void vcrypto_dev_stats_get(const struct vcrypto_dev *dev,
		struct vcrypto_dev_stats *stats);

/**
 * Read the counters of queue @p qid alone (data queue, or max_dataqueues
 * for the control queue): requests, statuses, bytes, busy cycles and
 * phases of that queue; device-wide counters (connections, sessions_active)
 * stay zero.
 * @return 0, or -EINVAL for an unknown queue.
 */
int vcrypto_dev_queue_stats_get(const struct vcrypto_dev *dev, uint16_t qid,
		struct vcrypto_dev_stats *stats);

/** The socket path the device serves. */
const char *vcrypto_dev_socket_path(const struct vcrypto_dev *dev);

#ifdef __cplusplus
}
#endif

#endif /* VCRYPTO_BACKEND_H */
