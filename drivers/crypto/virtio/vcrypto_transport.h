/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TRANSPORT_H
#define VCRYPTO_TRANSPORT_H

/**
 * @file
 * @internal
 * The narrow operation table between the transport-independent front-end
 * (vcrypto_frontend.c) and a way of reaching the device: vhost-user client
 * (virtio_user/) or a modern virtio PCI device (pci/). A transport knows
 * feature and config access, where rings live and how to notify; it knows
 * nothing of crypto.
 *
 * Addresses: over vhost-user the back-end maps our memory with guest
 * "physical" address = virtual address, so descriptors carry virtual
 * addresses; a PCI device does DMA, so they carry IOVAs. The transport says
 * which once (addr_is_va); the datapath then takes buf_addr or buf_iova.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vcrypto_wire.h"
#include "virtqueue.h"

struct vcrypto_transport;

/** What every transport implements. All int returns: 0 or -errno (logged). */
struct vcrypto_transport_ops {
	const char *name;
	/** Device feature bits offered. */
	int (*get_features)(struct vcrypto_transport *t, uint64_t *features);
	/** Acknowledge @p features (a subset of the offer). */
	int (*set_features)(struct vcrypto_transport *t, uint64_t features);
	/**
	 * Read the whole config space (converted to host order by the caller).
	 * -ENODATA: the device has none (a vhost-user back-end without CONFIG).
	 */
	int (*read_config)(struct vcrypto_transport *t, struct vcrypto_config *cfg);
	/**
	 * Make the device's view of driver memory current (before rings).
	 * @p mem_locked: called from a memory event, hotplug lock held.
	 */
	int (*sync_memory)(struct vcrypto_transport *t, bool mem_locked);
	/**
	 * Largest ring the device accepts for vring @p index (*max = 0: no
	 * limit of its own). -ENOENT when the device has no such vring.
	 */
	int (*queue_max)(struct vcrypto_transport *t, uint16_t index, uint16_t *max);
	/** Hand ring @p index to the device and bind vq's notify callback. */
	int (*setup_queue)(struct vcrypto_transport *t, uint16_t index,
			struct vcrypto_vq *vq);
	/** Let the device start on rings 0..nb_vrings-1, all set up by now. */
	int (*start)(struct vcrypto_transport *t, uint16_t nb_vrings);
	/** Make the device stop using rings 0..nb_vrings-1 (before they are freed). */
	void (*stop)(struct vcrypto_transport *t, uint16_t nb_vrings);
	/** Tear down: close connections, free the transport. */
	void (*destroy)(struct vcrypto_transport *t);
	/*
	 * Optional (NULL when the transport has no such thing).
	 */
	/**
	 * Create a session by a transport message (vhost-user
	 * CREATE_CRYPTO_SESSION): @p payload is sent and replaced by the reply.
	 */
	int (*session_create)(struct vcrypto_transport *t, void *payload, uint32_t len);
	/** Close a session created by session_create. */
	int (*session_close)(struct vcrypto_transport *t, uint64_t session_id);
	/**
	 * Whether the device went away (the back-end closed the socket). One
	 * non-blocking check, for a poller outside the data path.
	 */
	bool (*link_down)(struct vcrypto_transport *t);
	/**
	 * Connect again after link_down and redo the transport's own
	 * handshake; features, memory and rings follow from the front-end.
	 * -ECONNREFUSED/-ENOENT while nothing listens.
	 */
	int (*reconnect)(struct vcrypto_transport *t);
};

/** Common head of every transport's private structure. */
struct vcrypto_transport {
	const struct vcrypto_transport_ops *ops; /**< the table */
	bool addr_is_va; /**< descriptors carry virtual, not IO, addresses */
};

/**
 * Create the vhost-user client transport: connect to @p path, take
 * ownership, negotiate protocol features (with CRYPTO_SESSION when
 * @p sessions: sessions then travel as vhost-user messages).
 *
 * @return 0 and *out, or -errno (ECONNREFUSED/ENOENT when nothing listens;
 *   ENOTSUP when @p sessions and the back-end lacks CRYPTO_SESSION).
 */
int vcrypto_vu_transport_create(const char *path, bool sessions,
		struct vcrypto_transport **out);

struct rte_pci_device;

/**
 * Create the modern virtio PCI transport on a mapped device (1af4:1054):
 * find the virtio capabilities, reset the device, set ACKNOWLEDGE and
 * DRIVER.
 *
 * @return 0 and *out; -ENODEV when the device lacks a virtio 1.0 structure
 *   or its BAR is not mapped; -EIO when it does not reset.
 */
int vcrypto_pci_transport_create(struct rte_pci_device *dev, struct vcrypto_transport **out);

#endif /* VCRYPTO_TRANSPORT_H */
