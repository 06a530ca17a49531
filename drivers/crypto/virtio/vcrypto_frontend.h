/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_FRONTEND_H
#define VCRYPTO_FRONTEND_H

/**
 * @file
 * vcrypto_frontend: the driver side of a virtio-crypto device below crypto:
 * reach the device (vhost-user client, or a virtio PCI function), negotiate
 * features, read the
 * config space, and bring up every virtqueue on DPDK memory. The PMD is built
 * on it, and tests use it to put raw, hand-built requests on a real ring
 * against a real back-end (meson dependency `vcrypto_frontend`).
 *
 * Needs an initialised EAL (rings and requests live in DPDK memory, which is
 * what the back-end maps). Buffers given to the device must be DPDK memory,
 * and a buffer a PCI device reads in one piece must be IOVA-contiguous
 * (vcrypto_dma_zalloc()); vcrypto_frontend_addr() turns a virtual address
 * into the address a descriptor carries.
 *
 * Typical raw use:
 * @code
 * struct vcrypto_frontend_params p = { .path = "/run/vc.sock", .nb_queues = 1 };
 * struct vcrypto_frontend *fe;
 * int err = vcrypto_frontend_open(&p, &fe);
 * struct vcrypto_vq *q = vcrypto_frontend_dataq(fe, 0);
 * struct vcrypto_vq_buf b[2] = {
 *     { vcrypto_frontend_addr(fe, req), 72 },     // device-readable
 *     { vcrypto_frontend_addr(fe, status), 1 } }; // device-writable
 * vcrypto_vq_add(q, b, 1, 1, cookie);
 * vcrypto_vq_kick(q);
 * struct vcrypto_vq_used u;
 * while (vcrypto_vq_get_used(q, &u, 1) == 0) ;  // then read *status
 * vcrypto_frontend_close(fe);
 * @endcode
 */

#include <stdbool.h>
#include <stdint.h>

#include "vcrypto_wire.h"
#include "virtqueue.h"

/** Default data queue size. */
#define VCRYPTO_FE_DEFAULT_QUEUE_SIZE 1024
/** Default control queue size. */
#define VCRYPTO_FE_DEFAULT_CTRL_SIZE 64

/** How to open a device. */
struct vcrypto_frontend_params {
	const char *path;          /**< vhost-user socket the back-end listens on
				        (vcrypto_frontend_open() only) */
	uint16_t nb_queues;        /**< data queues wanted (0 = 1); capped by the device */
	uint16_t queue_size;       /**< data queue size, power of two (0 = default) */
	uint16_t ctrl_queue_size;  /**< control queue size, power of two (0 = default) */
	int socket_id;             /**< NUMA socket for ring memory (SOCKET_ID_ANY ok) */
	uint64_t driver_features;  /**< device-specific feature bits the caller can use,
				        e.g. 1 << VIRTIO_CRYPTO_F_REVISION_1 */
	bool vu_sessions;          /**< vhost-user: negotiate CRYPTO_SESSION, sessions
				        go by vcrypto_frontend_session_msg() */
	bool vu_data_queues_only;  /**< vhost-user, as QEMU's cryptodev-vhost-user:
				        set up the data queues only, and enable
				        none (no SET_VRING_ENABLE); the control
				        queue is then unusable and
				        vcrypto_frontend_reconnect() refused */
};

/** An open device. */
struct vcrypto_frontend;
struct rte_memzone;
struct rte_pci_device;

/**
 * Zeroed DPDK memory a device can reach as one IOVA range (an
 * IOVA-contiguous memzone): rings, request slots.
 *
 * @param tag   short name of the use (at most 8 characters)
 * @param owner the object it belongs to (makes the memzone name unique)
 * @param index distinguishes several areas of one owner and tag
 * @param[out] mz the memzone, for vcrypto_dma_free()
 * @return the memory, or NULL (logged)
 */
void *vcrypto_dma_zalloc(const char *tag, const void *owner, unsigned int index,
		size_t len, size_t align, int socket, const struct rte_memzone **mz);

/** Free what vcrypto_dma_zalloc() returned. NULL is allowed. */
void vcrypto_dma_free(const struct rte_memzone *mz);

/**
 * Connect to the device and bring it up: feature negotiation (VERSION_1 plus
 * whatever of params->driver_features the device offers), config space read,
 * memory table, then every data queue and the control queue set up, enabled,
 * empty. Data queues the caller did not ask for but the device has get a
 * minimal ring, because a back-end may wait for all of them to be ready.
 *
 * A vhost-user back-end without a config space (no CONFIG protocol feature,
 * or GET_CONFIG refused) is taken for the minimal device every vhost-user
 * crypto back-end implements (AES-CBC, HMAC-SHA1, chained; keys up to
 * 32/64 bytes; params->nb_queues data queues): logged at INFO, and
 * vcrypto_frontend_config_assumed() says so.
 *
 * @return 0 and *out; -ECONNREFUSED/-ENOENT when nothing listens on path;
 *   -ENOTSUP when params->vu_sessions and the back-end lacks CRYPTO_SESSION;
 *   -EINVAL for bad params;
 *   -ENOMEM; another -errno from the transport. Failures are logged.
 */
int vcrypto_frontend_open(const struct vcrypto_frontend_params *params,
		struct vcrypto_frontend **out);

/**
 * As vcrypto_frontend_open() on a modern virtio-crypto PCI function whose
 * BARs the PCI bus has mapped; params->path is ignored.
 */
int vcrypto_frontend_open_pci(const struct vcrypto_frontend_params *params,
		struct rte_pci_device *dev, struct vcrypto_frontend **out);

/** Close the connection, free rings and state. NULL is allowed. */
void vcrypto_frontend_close(struct vcrypto_frontend *fe);

/** The config space read at open time, in host byte order. */
const struct vcrypto_config *vcrypto_frontend_config(const struct vcrypto_frontend *fe);

/** Feature bits negotiated with the device. */
uint64_t vcrypto_frontend_features(const struct vcrypto_frontend *fe);

/** Whether feature bit @p bit was negotiated. */
static inline bool
vcrypto_frontend_has(const struct vcrypto_frontend *fe, unsigned int bit)
{
	return (vcrypto_frontend_features(fe) >> bit) & 1;
}

/** Data queues usable: min(params->nb_queues, config max_dataqueues). */
uint16_t vcrypto_frontend_nb_dataq(const struct vcrypto_frontend *fe);

/** Data queue @p i (< vcrypto_frontend_nb_dataq()), or NULL. */
struct vcrypto_vq *vcrypto_frontend_dataq(struct vcrypto_frontend *fe, uint16_t i);

/** The control queue (vring index max_dataqueues). */
struct vcrypto_vq *vcrypto_frontend_ctrlq(struct vcrypto_frontend *fe);

/** Whether descriptors carry virtual addresses (vhost-user) or IOVAs (PCI). */
bool vcrypto_frontend_addr_is_va(const struct vcrypto_frontend *fe);

/**
 * Address a descriptor carries for DPDK memory at @p va: the virtual address
 * itself over vhost-user, its IOVA otherwise.
 */
uint64_t vcrypto_frontend_addr(const struct vcrypto_frontend *fe, const void *va);

/**
 * Re-send the memory table if DPDK memory changed since open (call with the
 * queues idle, e.g. at device start).
 *
 * @return 0 or -errno.
 */
int vcrypto_frontend_sync_memory(struct vcrypto_frontend *fe);

/**
 * As vcrypto_frontend_sync_memory(), from a memory event callback (DPDK
 * holds its memory hotplug lock there).
 */
int vcrypto_frontend_sync_memory_locked(struct vcrypto_frontend *fe);

/** Whether the config was assumed (the device has no config space). */
bool vcrypto_frontend_config_assumed(const struct vcrypto_frontend *fe);

/**
 * Create a session by a transport message (vhost-user
 * CREATE_CRYPTO_SESSION, opened with params->vu_sessions): @p payload (@p len
 * bytes, the layout the back-end expects) is sent and overwritten by the
 * reply, which carries the session id (negative: refused).
 *
 * @return 0 (read the id from the reply); -ENOTSUP when the transport has
 *   no session messages; another -errno when the exchange failed.
 */
int vcrypto_frontend_session_msg(struct vcrypto_frontend *fe, void *payload, uint32_t len);

/** Close a session created by vcrypto_frontend_session_msg(). */
int vcrypto_frontend_session_msg_close(struct vcrypto_frontend *fe, uint64_t session_id);

/**
 * Whether the device went away (vhost-user: the back-end closed the
 * socket). One non-blocking check; meant for a poller outside the data
 * path. Always false for PCI.
 */
bool vcrypto_frontend_link_down(struct vcrypto_frontend *fe);

/**
 * After vcrypto_frontend_link_down(): connect again, negotiate the same
 * features, send the memory table and every ring anew (emptied, same
 * memory), enable them. The data queues must hold nothing in flight (take
 * it back with vcrypto_vq_take_in_flight() first) and nobody may use any
 * queue meanwhile. Sessions are the caller's to create again.
 *
 * @return 0; -ECONNREFUSED/-ENOENT while nothing listens; -EBUSY while a
 *   data queue holds requests; -EPROTO when the back-end now offers other
 *   features or queues; -ENOTSUP for a transport that cannot reconnect.
 */
int vcrypto_frontend_reconnect(struct vcrypto_frontend *fe);

struct vcrypto_vu_client;

/**
 * The vhost-user connection of @p fe (NULL for another transport), for a
 * test that sends protocol messages of its own with the functions of
 * virtio_user/vu_client.h: another memory table, rings moved, GET_VRING_BASE.
 * What it changes behind the frontend's back is its to undo: the frontend
 * still takes its own last memory table and ring addresses for the
 * device's.
 */
struct vcrypto_vu_client *vcrypto_frontend_vu_client(struct vcrypto_frontend *fe);

#endif /* VCRYPTO_FRONTEND_H */
