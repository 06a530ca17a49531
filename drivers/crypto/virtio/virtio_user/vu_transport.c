/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The vhost-user client transport: the device is a vhost-user back-end
 * reached over a UNIX socket; it maps this process's DPDK memory with
 * guest "physical" address = our virtual address, so descriptors carry
 * virtual addresses. Notifications are eventfd writes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "vcrypto_transport.h"
#include "virtio_crypto_log.h"
#include "vu_client.h"
#include "vu_mem.h"
#include "vu_transport.h"

/** Most vrings one device may have over vhost-user (DPDK vhost's limit). */
#define VU_MAX_VRINGS 256

struct vu_queue {
	int kickfd; /**< we write: "new buffers" */
	int callfd; /**< the back-end writes; we poll the used ring instead */
};

struct vu_transport {
	struct vcrypto_transport base;
	struct vcrypto_vu_client c;
	uint64_t features;          /**< offered by the back-end */
	uint64_t protocol_features; /**< negotiated */
	struct vcrypto_vu_region mem[VCRYPTO_VU_MAX_REGIONS]; /**< last table sent */
	int nb_mem;
	bool sessions;              /**< CRYPTO_SESSION wanted (session=vhost-user) */
	struct vu_queue q[VU_MAX_VRINGS];
};

static struct vu_transport *
vu(struct vcrypto_transport *t)
{
	return (struct vu_transport *)t;
}

static int
vu_get_features(struct vcrypto_transport *t, uint64_t *features)
{
	*features = vu(t)->features;
	return 0;
}

static int
vu_set_features(struct vcrypto_transport *t, uint64_t features)
{
	struct vu_transport *v = vu(t);

	/* Protocol features stay on only if we keep announcing the bit. */
	if (v->features & (1ULL << VHOST_USER_F_PROTOCOL_FEATURES))
		features |= 1ULL << VHOST_USER_F_PROTOCOL_FEATURES;
	return vcrypto_vu_set_u64(&v->c, VHOST_USER_SET_FEATURES, features);
}

static int
vu_read_config(struct vcrypto_transport *t, struct vcrypto_config *cfg)
{
	struct vu_transport *v = vu(t);

	/* No config space: the front-end decides what to assume. */
	if (!(v->protocol_features & (1ULL << VHOST_USER_PROTOCOL_F_CONFIG))) {
		VC_LOG(DEBUG, "%s: back-end does not offer the CONFIG protocol feature",
			v->c.path);
		return -ENODATA;
	}
	return vcrypto_vu_get_config(&v->c, 0, sizeof(*cfg), cfg);
}

static bool
same_table(const struct vcrypto_vu_region *a, int na,
		const struct vcrypto_vu_region *b, int nb)
{
	int i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].addr != b[i].addr || a[i].size != b[i].size ||
		    a[i].offset != b[i].offset || a[i].fd != b[i].fd)
			return false;
	return true;
}

static int
vu_sync_memory(struct vcrypto_transport *t, bool mem_locked)
{
	struct vu_transport *v = vu(t);
	struct vcrypto_vu_region r[VCRYPTO_VU_MAX_REGIONS];
	int n, ret;

	n = vcrypto_vu_mem_collect(r, mem_locked);
	if (n < 0)
		return n;
	if (same_table(r, n, v->mem, v->nb_mem))
		return 0;
	ret = vcrypto_vu_set_mem_table(&v->c, r, (unsigned int)n);
	/*
	 * Buffers in memory just added go on the rings as soon as we return
	 * (memory hotplug): the back-end must have mapped it by then. Without
	 * REPLY_ACK nothing says so; a back-end handles messages in order, so
	 * its answer to a GET_FEATURES sent next does.
	 */
	if (ret == 0 && !v->c.reply_ack) {
		uint64_t features;

		ret = vcrypto_vu_get_u64(&v->c, VHOST_USER_GET_FEATURES, &features);
	}
	if (ret < 0)
		return ret;
	memcpy(v->mem, r, n * sizeof(r[0]));
	v->nb_mem = n;
	for (int i = 0; i < n; i++)
		VC_LOG(DEBUG, "%s: region %d: va %#" PRIx64 " size %#" PRIx64 " offset %#"
			PRIx64, v->c.path, i, r[i].addr, r[i].size, r[i].offset);
	return 0;
}

static int
vu_queue_max(struct vcrypto_transport *t, uint16_t index, uint16_t *max)
{
	if (index >= VU_MAX_VRINGS) {
		VC_LOG(ERR, "%s: vring %u beyond the vhost-user limit of %d", vu(t)->c.path,
			index, VU_MAX_VRINGS);
		return -ENOENT;
	}
	*max = 0; /* the back-end takes any size up to the virtio maximum */
	return 0;
}

static void
vu_notify(void *arg)
{
	const struct vu_queue *q = arg;
	uint64_t one = 1;

	/* An eventfd write only fails if the counter would overflow, in
	 * which case the back-end has a kick pending anyway. */
	if (write(q->kickfd, &one, sizeof(one)) < 0)
		return;
}

static int
vu_setup_queue(struct vcrypto_transport *t, uint16_t index, struct vcrypto_vq *vq)
{
	struct vu_transport *v = vu(t);
	struct vu_queue *q;
	int ret;

	if (index >= VU_MAX_VRINGS) {
		VC_LOG(ERR, "%s: vring %u beyond the vhost-user limit of %d", v->c.path,
			index, VU_MAX_VRINGS);
		return -ERANGE;
	}
	q = &v->q[index];
	if (q->kickfd < 0)
		q->kickfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (q->callfd < 0)
		q->callfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (q->kickfd < 0 || q->callfd < 0) {
		ret = -errno;
		VC_LOG(ERR, "eventfd: %s", strerror(errno));
		return ret;
	}
	ret = vcrypto_vu_set_vring_state(&v->c, VHOST_USER_SET_VRING_NUM, index, vq->num);
	if (ret == 0)
		ret = vcrypto_vu_set_vring_state(&v->c, VHOST_USER_SET_VRING_BASE, index,
						 vq->avail_idx);
	if (ret == 0)
		ret = vcrypto_vu_set_vring_addr(&v->c, index, (uintptr_t)vq->desc,
						(uintptr_t)vq->avail, (uintptr_t)vq->used);
	if (ret == 0)
		ret = vcrypto_vu_set_vring_fd(&v->c, VHOST_USER_SET_VRING_KICK, index,
					      q->kickfd);
	if (ret == 0)
		ret = vcrypto_vu_set_vring_fd(&v->c, VHOST_USER_SET_VRING_CALL, index,
					      q->callfd);
	if (ret < 0)
		return ret;
	vcrypto_vq_set_notify(vq, vu_notify, q);
	return 0;
}

/*
 * Enable the rings only once all of them are described, as QEMU does: a
 * back-end may start serving as soon as the rings it knows are enabled, and
 * should not see further rings arrive while it runs.
 */
static int
vu_start(struct vcrypto_transport *t, uint16_t nb_vrings)
{
	struct vu_transport *v = vu(t);
	uint16_t i;
	int ret;

	/* Without protocol features, rings are enabled from the start. */
	if (!(v->features & (1ULL << VHOST_USER_F_PROTOCOL_FEATURES)))
		return 0;
	for (i = 0; i < nb_vrings; i++) {
		ret = vcrypto_vu_set_vring_state(&v->c, VHOST_USER_SET_VRING_ENABLE, i, 1);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * GET_VRING_BASE is how a front-end stops a ring: once answered, the
 * back-end no longer reads it, so its memory can be freed (DPDK zeroes
 * freed memory, which a still-polling back-end would take for a broken ring).
 */
static void
vu_stop(struct vcrypto_transport *t, uint16_t nb_vrings)
{
	struct vu_transport *v = vu(t);
	uint32_t base;
	uint16_t i;

	for (i = 0; i < nb_vrings && i < VU_MAX_VRINGS && v->c.fd >= 0; i++) {
		if (v->q[i].kickfd < 0)
			continue; /* never set up */
		if (vcrypto_vu_get_vring_base(&v->c, i, &base) < 0)
			return;
	}
}

static void
vu_destroy(struct vcrypto_transport *t)
{
	struct vu_transport *v = vu(t);
	int i;

	vcrypto_vu_close(&v->c);
	for (i = 0; i < VU_MAX_VRINGS; i++) {
		if (v->q[i].kickfd >= 0)
			close(v->q[i].kickfd);
		if (v->q[i].callfd >= 0)
			close(v->q[i].callfd);
	}
	free(v);
}

static int
vu_session_create(struct vcrypto_transport *t, void *payload, uint32_t len)
{
	return vcrypto_vu_create_crypto_session(&vu(t)->c, payload, len);
}

static int
vu_session_close(struct vcrypto_transport *t, uint64_t session_id)
{
	return vcrypto_vu_close_crypto_session(&vu(t)->c, session_id);
}

static bool
vu_link_down(struct vcrypto_transport *t)
{
	return vcrypto_vu_peer_closed(&vu(t)->c);
}

static int vu_handshake(struct vu_transport *v);

/*
 * A new connection to the same path; kick and call eventfds are kept (they
 * are sent again with the rings), the memory table is forgotten so the next
 * sync sends it.
 */
static int
vu_reconnect(struct vcrypto_transport *t)
{
	struct vu_transport *v = vu(t);
	char path[sizeof(v->c.path)];
	int ret;

	memcpy(path, v->c.path, sizeof(path));
	vcrypto_vu_close(&v->c);
	v->nb_mem = 0;
	v->protocol_features = 0;
	ret = vcrypto_vu_connect(&v->c, path, true);
	if (ret == 0)
		ret = vu_handshake(v);
	if (ret < 0)
		vcrypto_vu_close(&v->c);
	return ret;
}

static const struct vcrypto_transport_ops vu_ops = {
	.name = "vhost-user",
	.get_features = vu_get_features,
	.set_features = vu_set_features,
	.read_config = vu_read_config,
	.sync_memory = vu_sync_memory,
	.queue_max = vu_queue_max,
	.setup_queue = vu_setup_queue,
	.start = vu_start,
	.stop = vu_stop,
	.destroy = vu_destroy,
	.session_create = vu_session_create,
	.session_close = vu_session_close,
	.link_down = vu_link_down,
	.reconnect = vu_reconnect,
};

/* Take ownership and agree on protocol features; the virtio features are
 * acknowledged later, by set_features. */
static int
vu_handshake(struct vu_transport *v)
{
	const uint64_t wanted = (1ULL << VHOST_USER_PROTOCOL_F_MQ) |
				(1ULL << VHOST_USER_PROTOCOL_F_REPLY_ACK) |
				(1ULL << VHOST_USER_PROTOCOL_F_CONFIG) |
				((uint64_t)v->sessions << VHOST_USER_PROTOCOL_F_CRYPTO_SESSION);
	uint64_t offered, qnum;
	int ret;

	ret = vcrypto_vu_set_owner(&v->c);
	if (ret == 0)
		ret = vcrypto_vu_get_u64(&v->c, VHOST_USER_GET_FEATURES, &v->features);
	if (ret < 0)
		return ret;
	if (!(v->features & (1ULL << VHOST_USER_F_PROTOCOL_FEATURES))) {
		if (!v->sessions)
			return 0;
		VC_LOG(ERR, "%s: session=vhost-user needs protocol features; the "
			"back-end offers none", v->c.path);
		return -ENOTSUP;
	}
	ret = vcrypto_vu_get_u64(&v->c, VHOST_USER_GET_PROTOCOL_FEATURES, &offered);
	if (ret == 0 && v->sessions &&
	    !(offered & (1ULL << VHOST_USER_PROTOCOL_F_CRYPTO_SESSION))) {
		VC_LOG(ERR, "%s: session=vhost-user needs the CRYPTO_SESSION protocol "
			"feature, which the back-end does not offer (%#" PRIx64 ")",
			v->c.path, offered);
		return -ENOTSUP;
	}
	if (ret == 0)
		ret = vcrypto_vu_set_u64(&v->c, VHOST_USER_SET_PROTOCOL_FEATURES,
					 offered & wanted);
	if (ret < 0)
		return ret;
	v->protocol_features = offered & wanted;
	v->c.reply_ack = !!(v->protocol_features & (1ULL << VHOST_USER_PROTOCOL_F_REPLY_ACK));
	if (v->protocol_features & (1ULL << VHOST_USER_PROTOCOL_F_MQ)) {
		ret = vcrypto_vu_get_u64(&v->c, VHOST_USER_GET_QUEUE_NUM, &qnum);
		if (ret < 0)
			return ret;
		VC_LOG(DEBUG, "%s: back-end supports %" PRIu64 " queue(s)", v->c.path, qnum);
	}
	VC_LOG(DEBUG, "%s: features %#" PRIx64 ", protocol features %#" PRIx64,
		v->c.path, v->features, v->protocol_features);
	return 0;
}

int
vcrypto_vu_transport_create(const char *path, bool sessions, struct vcrypto_transport **out)
{
	struct vu_transport *v;
	int i, ret;

	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	v->base.ops = &vu_ops;
	v->base.addr_is_va = true;
	v->sessions = sessions;
	for (i = 0; i < VU_MAX_VRINGS; i++)
		v->q[i].kickfd = v->q[i].callfd = -1;
	ret = vcrypto_vu_connect(&v->c, path, false);
	if (ret == 0)
		ret = vu_handshake(v);
	if (ret < 0) {
		vu_destroy(&v->base);
		return ret;
	}
	*out = &v->base;
	return 0;
}

struct vcrypto_vu_client *
vcrypto_vu_transport_client(struct vcrypto_transport *t)
{
	return t != NULL && t->ops == &vu_ops ? &vu(t)->c : NULL;
}
