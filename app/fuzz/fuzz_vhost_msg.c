/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * fuzz_vhost_msg: vhost-user messages from a hostile front-end through the
 * REAL message hooks of the backend (vhost_msg.c, reached through the
 * vcrypto_vhost_msg_ops table rte_vhost calls), no EAL and no rte_vhost:
 * GET_CONFIG / SET_CONFIG, CREATE/CLOSE_CRYPTO_SESSION (every payload
 * layout, through the real session table and ipsec-mb engine), the
 * messages that pause and resume the poller, and whatever else the hooks
 * parse, since the request number comes from the input too.
 *
 * The message sits in a heap block of exactly the size of DPDK 22.11's
 * VhostUserMsg (12-byte header + 632-byte payload union), the buffer
 * rte_vhost hands to the hooks: rte_vhost reads at most that much and
 * refuses a longer payload before the hooks run. Payload bytes the front-end
 * did not send hold a stale pattern, as rte_vhost's reused buffer would.
 * The device lifecycle the hooks call into (vcrypto_dev_find,
 * vcrypto_dev_start_rings / _stop_rings, vcrypto_dev_lock / _unlock:
 * device.c, which needs rte_vhost) is replaced below by a fake device that
 * records what was asked. Its sessions go through a grace period whose one
 * data-queue reader is out of its pass, as the device lock ensures.
 *
 * Invariants (abort = crash report): the hook answers one of rte_vhost's
 * results; a reply fits the buffer and, for GET_CONFIG, is exactly the
 * 12-byte config header plus the size asked for, holding the device's
 * config space at the offset asked for and zeros past it; rings stopped
 * by a message are restarted by the post hook; the lock is free after.
 *
 * Input layout: u8 mode (bit 0: a guest is running; bit 1: the message
 * comes from another vid), then messages until the input ends (at most 8):
 * a 12-byte header {u32 request, u32 flags, u32 size} followed by
 * min(size, available) payload bytes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "device_priv.h"
#include "fuzz_input.h"
#include "fuzz_stubs.h"

#define VU_HDR 12
#define VU_PAYLOAD_MAX 632 /* sizeof(VhostUserMsg.payload), DPDK 22.11 */
#define VU_GET_CONFIG 24
#define MAX_MSGS 8

static struct vcrypto_dev *fake;
static void *mb_ctx;
static const struct vcrypto_engine_conf mb_conf = { .arg = NULL, .max_sessions = 4 };
static unsigned int starts, stops;
static struct vcrypto_grace_reader reader;
static int locked;

void
vcrypto_dev_lock(struct vcrypto_dev *dev)
{
	FZ_ASSERT(dev == fake && locked == 0, "device lock taken twice");
	rte_spinlock_lock(&dev->lock);
	locked++;
}

void
vcrypto_dev_unlock(struct vcrypto_dev *dev)
{
	FZ_ASSERT(dev == fake && locked == 1, "device lock released unheld");
	locked--;
	rte_spinlock_unlock(&dev->lock);
}

struct vcrypto_dev *
vcrypto_dev_find(int vid)
{
	return vid >= 0 ? fake : NULL;
}

int
vcrypto_dev_start_rings(struct vcrypto_dev *dev)
{
	FZ_ASSERT(dev == fake && !dev->started, "start of a started device");
	starts++;
	dev->started = true;
	__atomic_store_n(&dev->running, 1, __ATOMIC_RELEASE);
	return 0;
}

void
vcrypto_dev_stop_rings(struct vcrypto_dev *dev)
{
	FZ_ASSERT(dev == fake, "stop of an unknown device");
	stops++;
	__atomic_store_n(&dev->running, 0, __ATOMIC_RELEASE);
	dev->started = false;
}

static void
check_config_reply(const uint8_t *msg, uint32_t offset, uint32_t asked)
{
	struct vcrypto_config c;
	uint32_t size, i;

	memcpy(&size, msg + 8, 4);
	FZ_ASSERT(size == VU_HDR + asked, "GET_CONFIG reply of %u bytes for %u",
		size, asked);
	FZ_ASSERT(size <= VU_PAYLOAD_MAX, "reply of %u bytes", size);
	for (i = 0; i < asked; i++) {
		uint64_t at = (uint64_t)offset + i;
		uint8_t b = msg[VU_HDR + VU_HDR + i];

		if (at >= sizeof(c)) {
			FZ_ASSERT(b == 0, "config byte %lu past the end is %u",
				(unsigned long)at, b);
		} else if (at == offsetof(struct vcrypto_config, status)) {
			FZ_ASSERT(b == VIRTIO_CRYPTO_S_HW_READY, "status %u", b);
		}
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fake = calloc(1, sizeof(*fake));
	if (fake == NULL)
		exit(1);
	strcpy(fake->path, "fuzz");
	fake->max_dataqueues = 1;
	fake->nr_queues = 2;
	fake->max_size = 1u << 20;
	fake->engine = &vcrypto_engine_ipsec_mb;
	if (fake->engine->ctx_create(&mb_conf, &mb_ctx) != 0)
		exit(1);
	fake->engine->get_caps(mb_ctx, &fake->caps);
	fake->engine_ctx = mb_ctx;
	/* CREATE/CLOSE_CRYPTO_SESSION go through the control queue's code */
	vcrypto_grace_init(&fake->grace, &reader, 1);
	fake->ctrl = (struct vcrypto_ctrl_ctx){ .sessions = &fake->sessions,
		.engine = fake->engine, .caps = &fake->caps, .engine_ctx = mb_ctx,
		.grace = &fake->grace };
	rte_spinlock_init(&fake->lock);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rte_vhost_user_extern_ops *ops = &vcrypto_vhost_msg_ops;
	struct fz in = { data, size };
	uint8_t mode = fz_u8(&in);
	int vid = (mode & 2) ? 7 : 3;
	unsigned int k;

	if (vcrypto_session_table_init(&fake->sessions, 4,
			fake->engine->session_size, fake->engine->session_align) != 0)
		return 0;
	fake->vid = 3;
	fake->started = mode & 1;
	fake->running = mode & 1;
	fake->resync = false;
	starts = stops = 0;
	for (k = 0; k < MAX_MSGS && in.n >= VU_HDR; k++) {
		uint8_t *msg = malloc(VU_HDR + VU_PAYLOAD_MAX);
		uint32_t req, len, offset = 0, asked = 0;
		enum rte_vhost_msg_result r;
		bool was_started = fake->started;

		if (msg == NULL)
			break;
		fz_bytes(&in, msg, VU_HDR);
		memcpy(&req, msg, 4);
		memcpy(&len, msg + 8, 4);
		if (len > VU_PAYLOAD_MAX) {
			/* rte_vhost drops the connection before the hooks run */
			free(msg);
			break;
		}
		memset(msg + VU_HDR, 0xee, VU_PAYLOAD_MAX);
		fz_bytes(&in, msg + VU_HDR, len < in.n ? len : in.n);
		if (len >= VU_HDR) {
			memcpy(&offset, msg + VU_HDR, 4);
			memcpy(&asked, msg + VU_HDR + 4, 4);
		}

		r = ops->pre_msg_handle(vid, msg);
		FZ_ASSERT(r == RTE_VHOST_MSG_RESULT_ERR || r == RTE_VHOST_MSG_RESULT_OK ||
			r == RTE_VHOST_MSG_RESULT_REPLY ||
			r == RTE_VHOST_MSG_RESULT_NOT_HANDLED, "pre result %d", r);
		if (r == RTE_VHOST_MSG_RESULT_REPLY) {
			uint32_t rsize;

			memcpy(&rsize, msg + 8, 4);
			FZ_ASSERT(rsize <= VU_PAYLOAD_MAX, "reply size %u", rsize);
			if (req == VU_GET_CONFIG)
				check_config_reply(msg, offset, asked);
		}
		if (r == RTE_VHOST_MSG_RESULT_NOT_HANDLED) {
			/* rte_vhost applies the message, then the post hook */
			r = ops->post_msg_handle(vid, msg);
			FZ_ASSERT(r == RTE_VHOST_MSG_RESULT_NOT_HANDLED ||
				r == RTE_VHOST_MSG_RESULT_OK ||
				r == RTE_VHOST_MSG_RESULT_ERR, "post result %d", r);
			FZ_ASSERT(fake->started == was_started,
				"request %u: rings %s after the message", req,
				was_started ? "stopped" : "started");
		}
		FZ_ASSERT(rte_spinlock_trylock(&fake->lock), "lock left held");
		rte_spinlock_unlock(&fake->lock);
		free(msg);
	}
	FZ_ASSERT(starts == stops, "%u starts, %u stops", starts, stops);
	FZ_ASSERT(fake->sessions.active <= fake->sessions.cap, "session table");
	/* Closed under the device lock: no data queue can hold them. */
	FZ_ASSERT(fake->sessions.nretired == 0, "%u sessions left retired",
		fake->sessions.nretired);
	vcrypto_ctrl_destroy_all(&fake->ctrl);
	FZ_ASSERT(fake->sessions.active == 0, "sessions left after destroy_all");
	vcrypto_session_table_fini(&fake->sessions);
	return 0;
}
