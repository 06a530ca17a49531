/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vhost-user messages the backend handles before rte_vhost does:
 *  - GET_CONFIG / SET_CONFIG: rte_vhost answers them only for vDPA devices,
 *    so the virtio-crypto config space is answered here;
 *  - CREATE_CRYPTO_SESSION / CLOSE_CRYPTO_SESSION: sessions from a
 *    front-end that keeps the control queue to itself (QEMU's
 *    cryptodev-vhost-user); they go into the same table as control-queue
 *    sessions, under the device lock (the poller is out meanwhile);
 *  - messages that remap guest memory or rings while the device runs: the
 *    poller is stopped before rte_vhost changes them and restarted after,
 *    so it never touches an unmapped ring or a closed eventfd.
 * The message layout is the vhost-user protocol's, declared here (DPDK's
 * own vhost_user.h is internal).
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include <rte_vhost.h>

#include "vcrypto_wire.h"
#include "device_priv.h"
#include "log_priv.h"
#include "sess_msg_priv.h"

/* vhost-user requests (front-end to back-end) we look at. */
enum {
	VU_SET_FEATURES = 2,
	VU_SET_PROTOCOL_FEATURES = 16,
	VU_SET_MEM_TABLE = 5,
	VU_SET_VRING_NUM = 8,
	VU_SET_VRING_ADDR = 9,
	VU_SET_VRING_BASE = 10,
	VU_SET_VRING_KICK = 12,
	VU_SET_VRING_CALL = 13,
	VU_SET_VRING_ENABLE = 18,
	VU_GET_CONFIG = 24,
	VU_SET_CONFIG = 25,
	VU_CREATE_CRYPTO_SESSION = VCRYPTO_VU_CREATE_CRYPTO_SESSION,
	VU_CLOSE_CRYPTO_SESSION = VCRYPTO_VU_CLOSE_CRYPTO_SESSION,
};

/* Protocol feature bit: sessions over vhost-user messages. */
#define VU_PROTOCOL_F_CRYPTO_SESSION 7
/* Virtio feature bit vhost-user adds: protocol features (rings start
 * disabled until SET_VRING_ENABLE). */
#define VU_F_PROTOCOL_FEATURES 30

/* Header flag: the front-end wants an ack (REPLY_ACK). */
#define VU_FLAG_NEED_REPLY (1u << 3)

#define VU_CONFIG_HDR_SIZE 12
#define VU_CONFIG_MAX_SIZE 256

/** Payload of GET_CONFIG / SET_CONFIG. */
struct vu_config {
	uint32_t offset;
	uint32_t size;
	uint32_t flags;
	uint8_t region[VU_CONFIG_MAX_SIZE];
} __attribute__((packed));

/** A vhost-user message as rte_vhost hands it to pre/post handlers. */
struct vu_msg {
	uint32_t request;
	uint32_t flags;
	uint32_t size; /**< payload bytes */
	union {
		uint64_t u64;
		struct vu_config cfg;
	} payload;
} __attribute__((packed));

static_assert(sizeof(struct vu_config) == VU_CONFIG_HDR_SIZE + VU_CONFIG_MAX_SIZE,
	"vhost-user config payload");

static void
build_config(const struct vcrypto_dev *dev, struct vcrypto_config *c)
{
	const struct vcrypto_engine_caps *caps = &dev->caps;

	*c = (struct vcrypto_config){
		.status = VIRTIO_CRYPTO_S_HW_READY,
		.max_dataqueues = dev->max_dataqueues,
		.crypto_services = caps->crypto_services,
		.cipher_algo_l = caps->cipher_algo_l,
		.cipher_algo_h = caps->cipher_algo_h,
		.hash_algo = caps->hash_algo,
		.mac_algo_l = caps->mac_algo_l,
		.mac_algo_h = caps->mac_algo_h,
		.aead_algo = caps->aead_algo,
		.max_cipher_key_len = caps->max_cipher_key_len,
		.max_auth_key_len = caps->max_auth_key_len,
		.max_size = dev->max_size,
	};
	vcrypto_config_convert(c);
}

static enum rte_vhost_msg_result
get_config(struct vcrypto_dev *dev, struct vu_msg *msg)
{
	uint32_t offset, size, n = 0;
	struct vcrypto_config c;

	if (msg->size < VU_CONFIG_HDR_SIZE)
		return RTE_VHOST_MSG_RESULT_ERR;
	offset = msg->payload.cfg.offset;
	size = msg->payload.cfg.size;
	if (size > VU_CONFIG_MAX_SIZE) {
		VCRYPTO_LOG(ERR, "%s: GET_CONFIG of %u bytes refused", dev->path,
			size);
		return RTE_VHOST_MSG_RESULT_ERR;
	}
	build_config(dev, &c);
	memset(msg->payload.cfg.region, 0, size);
	if (offset < sizeof(c)) {
		n = sizeof(c) - offset;
		if (n > size)
			n = size;
		memcpy(msg->payload.cfg.region, (const uint8_t *)&c + offset, n);
	}
	msg->size = VU_CONFIG_HDR_SIZE + size;
	return RTE_VHOST_MSG_RESULT_REPLY;
}

/* The payload bytes rte_vhost received (at most its buffer's size). */
static uint8_t *
payload_of(struct vu_msg *msg)
{
	return (uint8_t *)msg + offsetof(struct vu_msg, payload);
}

/*
 * CREATE_CRYPTO_SESSION: the front-end waits for the same payload back with
 * the session id set, or -status on failure. A size no layout has cannot
 * be answered: the message fails (rte_vhost then closes the connection
 * unless the front-end asked for an ack).
 */
static enum rte_vhost_msg_result
create_session(struct vcrypto_dev *dev, int vid, struct vu_msg *msg)
{
	uint8_t *payload = payload_of(msg);
	struct vcrypto_sess_msg m;
	uint64_t id = 0;
	uint8_t st;

	st = vcrypto_sess_msg_decode(payload, msg->size, &m);
	if (m.layout == VCRYPTO_SESS_MSG_UNKNOWN) {
		VCRYPTO_LOG(ERR, "%s: CREATE_CRYPTO_SESSION of %u bytes: no known layout",
			dev->path, msg->size);
		return RTE_VHOST_MSG_RESULT_ERR;
	}
	if (st == VIRTIO_CRYPTO_OK) {
		vcrypto_dev_lock(dev);
		st = dev->vid == vid ?
			vcrypto_ctrl_session_create(&dev->ctrl, &m.params, &id) :
			VIRTIO_CRYPTO_ERR;
		if (st == VIRTIO_CRYPTO_OK) {
			vcrypto_stat_add(&dev->stats.sessions_created, 1);
			__atomic_store_n(&dev->stats.sessions_active,
				dev->sessions.active, __ATOMIC_RELAXED);
		}
		vcrypto_dev_unlock(dev);
	}
	VCRYPTO_LOG(DEBUG, "%s: CREATE_CRYPTO_SESSION (layout %d, op 0x%x, algo %u/%u): status %u, id 0x%" PRIx64,
		dev->path, m.layout, m.op_code, m.params.cipher_algo,
		m.params.auth_algo, st, id);
	vcrypto_sess_msg_answer(payload, msg->size,
		st == VIRTIO_CRYPTO_OK ? (int64_t)id : -(int64_t)st);
	return RTE_VHOST_MSG_RESULT_REPLY;
}

/*
 * CLOSE_CRYPTO_SESSION: no answer, unless the front-end asked for an ack,
 * which then says whether the id was live.
 */
static enum rte_vhost_msg_result
close_session(struct vcrypto_dev *dev, int vid, struct vu_msg *msg)
{
	uint64_t id;
	uint8_t st = VIRTIO_CRYPTO_INVSESS;

	if (vcrypto_sess_msg_close_decode(payload_of(msg), msg->size, &id) != 0) {
		VCRYPTO_LOG(ERR, "%s: CLOSE_CRYPTO_SESSION of %u bytes refused",
			dev->path, msg->size);
		return RTE_VHOST_MSG_RESULT_ERR;
	}
	vcrypto_dev_lock(dev);
	if (dev->vid == vid)
		st = vcrypto_ctrl_session_destroy(&dev->ctrl, 0, id);
	if (st == VIRTIO_CRYPTO_OK) {
		vcrypto_stat_add(&dev->stats.sessions_destroyed, 1);
		__atomic_store_n(&dev->stats.sessions_active, dev->sessions.active,
			__ATOMIC_RELAXED);
	}
	vcrypto_dev_unlock(dev);
	if (st != VIRTIO_CRYPTO_OK && (msg->flags & VU_FLAG_NEED_REPLY))
		return RTE_VHOST_MSG_RESULT_ERR;
	return RTE_VHOST_MSG_RESULT_OK;
}

/*
 * QEMU (7.2, cryptodev-vhost-user) negotiates VHOST_USER_F_PROTOCOL_FEATURES
 * but never sends SET_VRING_ENABLE to a crypto back-end, and rte_vhost keeps
 * the rings of such a front-end disabled until that message: the device
 * would never start. A front-end that took CRYPTO_SESSION is of that kind
 * (it keeps the control queue): its features are applied without that bit,
 * so rte_vhost enables each ring when its kick fd arrives, as vhost-user
 * does without protocol features. Protocol features themselves (REPLY_ACK,
 * CONFIG, CRYPTO_SESSION) are negotiated separately and stay.
 */
static void
fe_features(struct vcrypto_dev *dev, int vid, struct vu_msg *msg)
{
	if (dev->vid != vid || msg->size != sizeof(uint64_t))
		return;
	if (msg->request == VU_SET_PROTOCOL_FEATURES)
		dev->fe_sessions = (msg->payload.u64 >>
			VU_PROTOCOL_F_CRYPTO_SESSION) & 1;
	else if (dev->fe_sessions)
		msg->payload.u64 &= ~(1ull << VU_F_PROTOCOL_FEATURES);
}

/*
 * Before rte_vhost applies a message that may unmap memory, move a ring or
 * close an eventfd: stop the poller (it is out once we hold the lock) and
 * remember to restart it once the message is applied.
 */
static void
pause_for_change(struct vcrypto_dev *dev, int vid)
{
	if (dev->vid != vid)
		return;
	__atomic_store_n(&dev->running, 0, __ATOMIC_RELEASE);
	vcrypto_dev_lock(dev);
	if (dev->started) {
		vcrypto_dev_stop_rings(dev);
		dev->resync = true;
	}
	vcrypto_dev_unlock(dev);
}

static enum rte_vhost_msg_result
pre_msg(int vid, void *m)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);
	struct vu_msg *msg = m;

	if (dev == NULL)
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	switch (msg->request) {
	case VU_GET_CONFIG:
		return get_config(dev, msg);
	case VU_SET_CONFIG:
		/* The crypto config space is read-only. */
		return RTE_VHOST_MSG_RESULT_OK;
	case VU_CREATE_CRYPTO_SESSION:
		return create_session(dev, vid, msg);
	case VU_CLOSE_CRYPTO_SESSION:
		return close_session(dev, vid, msg);
	case VU_SET_PROTOCOL_FEATURES:
		fe_features(dev, vid, msg);
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	case VU_SET_FEATURES:
		fe_features(dev, vid, msg);
		pause_for_change(dev, vid);
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	case VU_SET_MEM_TABLE:
	case VU_SET_VRING_NUM:
	case VU_SET_VRING_ADDR:
	case VU_SET_VRING_BASE:
	case VU_SET_VRING_KICK:
	case VU_SET_VRING_CALL:
	case VU_SET_VRING_ENABLE:
		pause_for_change(dev, vid);
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	default:
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	}
}

/* After rte_vhost applied a message: restart what pre_msg() stopped. */
static enum rte_vhost_msg_result
post_msg(int vid, void *m)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);
	int rc = 0;

	if (dev == NULL)
		return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
	vcrypto_dev_lock(dev);
	if (dev->resync && dev->vid == vid) {
		dev->resync = false;
		rc = vcrypto_dev_start_rings(dev);
	}
	vcrypto_dev_unlock(dev);
	if (rc != 0)
		VCRYPTO_LOG(ERR, "%s: cannot restart after a vhost-user message (%u)",
			dev->path, ((struct vu_msg *)m)->request);
	return RTE_VHOST_MSG_RESULT_NOT_HANDLED;
}

const struct rte_vhost_user_extern_ops vcrypto_vhost_msg_ops = {
	.pre_msg_handle = pre_msg,
	.post_msg_handle = post_msg,
};
