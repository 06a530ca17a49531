/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VU_CLIENT_H
#define VCRYPTO_VU_CLIENT_H

/**
 * @file
 * The client (front-end) side of the vhost-user protocol: a UNIX socket
 * connection, message framing, file descriptors passed with SCM_RIGHTS,
 * replies and REPLY_ACK. One function per message the driver sends.
 *
 * It knows the protocol, not virtqueues (it takes ring addresses and
 * eventfds), not crypto, not DPDK memory (it takes a region list).
 * Every function returns 0 or a negative errno and logs the failure once.
 */

#include <stdbool.h>
#include <stdint.h>

/* Front-end requests (vhost-user specification, "Front-end message types"). */
#define VHOST_USER_GET_FEATURES          1
#define VHOST_USER_SET_FEATURES          2
#define VHOST_USER_SET_OWNER             3
#define VHOST_USER_SET_MEM_TABLE         5
#define VHOST_USER_SET_VRING_NUM         8
#define VHOST_USER_SET_VRING_ADDR        9
#define VHOST_USER_SET_VRING_BASE        10
#define VHOST_USER_GET_VRING_BASE        11
#define VHOST_USER_SET_VRING_KICK        12
#define VHOST_USER_SET_VRING_CALL        13
#define VHOST_USER_GET_PROTOCOL_FEATURES 15
#define VHOST_USER_SET_PROTOCOL_FEATURES 16
#define VHOST_USER_GET_QUEUE_NUM         17
#define VHOST_USER_SET_VRING_ENABLE      18
#define VHOST_USER_GET_CONFIG            24
#define VHOST_USER_CREATE_CRYPTO_SESSION 26
#define VHOST_USER_CLOSE_CRYPTO_SESSION  27

/** Virtio feature bit: the back-end speaks protocol features. */
#define VHOST_USER_F_PROTOCOL_FEATURES 30

/* Protocol feature bits the driver uses. */
#define VHOST_USER_PROTOCOL_F_MQ        0
#define VHOST_USER_PROTOCOL_F_REPLY_ACK 3
#define VHOST_USER_PROTOCOL_F_CRYPTO_SESSION 7
#define VHOST_USER_PROTOCOL_F_CONFIG    9

/** Most memory regions one SET_MEM_TABLE carries. */
#define VCRYPTO_VU_MAX_REGIONS 8
/** Largest config space GET_CONFIG may ask for. */
#define VCRYPTO_VU_MAX_CONFIG 256
/** Largest CREATE_CRYPTO_SESSION payload (the op_code-first layout). */
#define VCRYPTO_VU_MAX_SESSION_PAYLOAD 1072

/** One region of the memory table. */
struct vcrypto_vu_region {
	uint64_t addr;   /**< virtual address; also the "guest physical" one */
	uint64_t size;   /**< bytes */
	uint64_t offset; /**< offset of addr in fd */
	int fd;          /**< file backing the region (not owned) */
};

/** A connection to a vhost-user back-end. */
struct vcrypto_vu_client {
	int fd;                       /**< connected socket, -1 when closed */
	bool reply_ack;               /**< REPLY_ACK negotiated */
	char path[108];               /**< socket path, for logs */
};

/**
 * Connect to the back-end listening on @p path. Fails at once (no retry)
 * when nothing listens. Replies time out after a few seconds.
 *
 * @param quiet a refused connection is logged at DEBUG (reconnect attempts)
 * @return 0, or -errno of socket()/connect() (-ENAMETOOLONG for a long path).
 */
int vcrypto_vu_connect(struct vcrypto_vu_client *c, const char *path, bool quiet);

/** Close the connection (idempotent). */
void vcrypto_vu_close(struct vcrypto_vu_client *c);

/** SET_OWNER. */
int vcrypto_vu_set_owner(struct vcrypto_vu_client *c);

/** GET_FEATURES, GET_PROTOCOL_FEATURES or GET_QUEUE_NUM: a u64 reply. */
int vcrypto_vu_get_u64(struct vcrypto_vu_client *c, uint32_t req, uint64_t *val);

/** SET_FEATURES or SET_PROTOCOL_FEATURES: a u64 payload. */
int vcrypto_vu_set_u64(struct vcrypto_vu_client *c, uint32_t req, uint64_t val);

/**
 * GET_CONFIG of @p size bytes at @p offset into @p buf.
 *
 * @return 0; -ENODATA when the back-end answered that it has no config
 *   space (a REPLY_ACK failure instead of the config: with REPLY_ACK the
 *   request carries NEED_REPLY, so a back-end that cannot answer, such as
 *   DPDK's vhost_crypto, says so instead of dropping the connection).
 */
int vcrypto_vu_get_config(struct vcrypto_vu_client *c, uint32_t offset,
		uint32_t size, void *buf);

/**
 * CREATE_CRYPTO_SESSION: send @p len bytes of @p payload and read the reply,
 * the same payload with its session id set, back into @p payload.
 *
 * @return 0, or -errno when the exchange failed (not a refused session: the
 *   caller reads the id the reply carries).
 */
int vcrypto_vu_create_crypto_session(struct vcrypto_vu_client *c, void *payload,
		uint32_t len);

/** CLOSE_CRYPTO_SESSION of @p session_id (acknowledged with REPLY_ACK). */
int vcrypto_vu_close_crypto_session(struct vcrypto_vu_client *c, uint64_t session_id);

/**
 * Whether the back-end closed the connection: one non-blocking peek at the
 * socket, for a poller outside the data path (an alarm).
 *
 * @return true when the socket is closed or in error.
 */
bool vcrypto_vu_peer_closed(const struct vcrypto_vu_client *c);

/** SET_MEM_TABLE with @p n regions (1..VCRYPTO_VU_MAX_REGIONS). */
int vcrypto_vu_set_mem_table(struct vcrypto_vu_client *c,
		const struct vcrypto_vu_region *r, unsigned int n);

/** SET_VRING_NUM, SET_VRING_BASE or SET_VRING_ENABLE: (index, num). */
int vcrypto_vu_set_vring_state(struct vcrypto_vu_client *c, uint32_t req,
		uint32_t index, uint32_t num);

/**
 * GET_VRING_BASE: stop ring @p index; the back-end answers with the next
 * avail index it would have read.
 */
int vcrypto_vu_get_vring_base(struct vcrypto_vu_client *c, uint32_t index,
		uint32_t *base);

/** SET_VRING_ADDR with the rings' user (virtual) addresses. */
int vcrypto_vu_set_vring_addr(struct vcrypto_vu_client *c, uint32_t index,
		uint64_t desc, uint64_t avail, uint64_t used);

/** SET_VRING_KICK or SET_VRING_CALL with an eventfd. */
int vcrypto_vu_set_vring_fd(struct vcrypto_vu_client *c, uint32_t req,
		uint32_t index, int fd);

/** Name of a request, for logs. */
const char *vcrypto_vu_req_str(uint32_t req);

#endif /* VCRYPTO_VU_CLIENT_H */
