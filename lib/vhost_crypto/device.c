/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Device lifecycle over rte_vhost: the socket, feature offer, and the
 * callbacks rte_vhost's thread makes when a guest connects, starts, stops
 * and leaves. The data path is in worker.c, vhost-user messages rte_vhost
 * does not handle for us (config space) in vhost_msg.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_vhost.h>

#include "vcrypto_wire.h"
#include "device_priv.h"
#include "log_priv.h"

RTE_LOG_REGISTER(vcrypto_backend_logtype, lib.vcrypto.backend, INFO);

#define DEFAULT_MAX_SESSIONS 1024
#define DEFAULT_MAX_SIZE (1ull << 20)
#define BOUNCE_MAX (64u << 20)

/* VIRTIO_F_VERSION_1, REVISION_1, stateless mode of every symmetric service
 * (req_codec.c), indirect tables, and vhost-user's own protocol-features
 * bit, without which no client asks for CONFIG. */
#define VCRYPTO_FEATURES ((1ull << VCRYPTO_VIRTIO_F_VERSION_1) | \
	(1ull << VIRTIO_CRYPTO_F_REVISION_1) | VCRYPTO_STATELESS_FEATURES | \
	(1ull << VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC) | \
	(1ull << VCRYPTO_VIRTIO_F_RING_EVENT_IDX) | \
	(1ull << VHOST_USER_F_PROTOCOL_FEATURES))

/* CRYPTO_SESSION: sessions over vhost-user messages (vhost_msg.c), for a
 * front-end that keeps the control queue (QEMU's cryptodev-vhost-user). */
#define VCRYPTO_PROTOCOL_FEATURES ((1ull << VHOST_USER_PROTOCOL_F_MQ) | \
	(1ull << VHOST_USER_PROTOCOL_F_REPLY_ACK) | \
	(1ull << VHOST_USER_PROTOCOL_F_CRYPTO_SESSION) | \
	(1ull << VHOST_USER_PROTOCOL_F_CONFIG))

/*
 * The registry: rte_vhost callbacks give only a vid, and the callback table
 * is shared by every socket without a user pointer, so the device is found
 * from the vid's socket path (rte_vhost_get_ifname) in this list. It is the
 * one piece of process-wide mutable state, protected by its own mutex and
 * touched only on the slow path (callbacks, create, destroy).
 */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static TAILQ_HEAD(, vcrypto_dev) registry = TAILQ_HEAD_INITIALIZER(registry);

static struct vcrypto_dev *
registry_find_path(const char *path)
{
	struct vcrypto_dev *dev;

	TAILQ_FOREACH(dev, &registry, next)
		if (strcmp(dev->path, path) == 0)
			return dev;
	return NULL;
}

struct vcrypto_dev *
vcrypto_dev_find(int vid)
{
	char ifname[PATH_MAX];
	struct vcrypto_dev *dev;

	if (rte_vhost_get_ifname(vid, ifname, sizeof(ifname)) != 0)
		return NULL;
	pthread_mutex_lock(&registry_lock);
	dev = registry_find_path(ifname);
	pthread_mutex_unlock(&registry_lock);
	/* Valid after the unlock: destroy unregisters the socket (no more
	 * callbacks) before it leaves the registry. */
	return dev;
}

void
vcrypto_dev_lock(struct vcrypto_dev *dev)
{
	uint16_t q;

	rte_spinlock_lock(&dev->lock);
	for (q = 0; q < dev->nr_queues; q++)
		rte_spinlock_lock(&dev->vqs[q].lock);
}

void
vcrypto_dev_unlock(struct vcrypto_dev *dev)
{
	uint16_t q;

	for (q = dev->nr_queues; q-- > 0;)
		rte_spinlock_unlock(&dev->vqs[q].lock);
	rte_spinlock_unlock(&dev->lock);
}

int
vcrypto_dev_foreach(int (*fn)(const struct vcrypto_dev *dev, void *arg),
		void *arg)
{
	const struct vcrypto_dev *dev;
	int rc = 0;

	pthread_mutex_lock(&registry_lock);
	TAILQ_FOREACH(dev, &registry, next) {
		rc = fn(dev, arg);
		if (rc != 0)
			break;
	}
	pthread_mutex_unlock(&registry_lock);
	return rc;
}

/* ---- Rings: start and stop (caller holds the device lock) --------------- */

static int
take_mem_table(struct vcrypto_dev *dev)
{
	struct rte_vhost_memory *m = NULL;
	uint32_t i;
	int rc = 0;

	if (rte_vhost_get_mem_table(dev->vid, &m) != 0)
		return -EIO;
	vcrypto_gmem_reset(&dev->mem);
	for (i = 0; i < m->nregions && rc == 0; i++) {
		const struct rte_vhost_mem_region *r = &m->regions[i];

		rc = vcrypto_gmem_add(&dev->mem, r->guest_phys_addr, r->size,
			r->host_user_addr);
	}
	free(m);
	if (rc != 0)
		vcrypto_gmem_reset(&dev->mem);
	return rc;
}

static void
start_queue(struct vcrypto_dev *dev, struct vcrypto_vq *vq, bool indirect,
		bool event_idx)
{
	struct rte_vhost_vring vr;
	uint16_t last_avail, last_used;
	int rc;

	if (rte_vhost_get_vhost_vring(dev->vid, vq->index, &vr) != 0 ||
			vr.desc == NULL)
		return;
	if (rte_vhost_get_vring_base(dev->vid, vq->index, &last_avail,
			&last_used) != 0)
		return;
	rc = vcrypto_vring_split_init(&vq->ring, vr.desc, vr.avail, vr.used,
		vr.size, last_avail, last_used, indirect);
	if (rc != 0) {
		VCRYPTO_LOG(ERR, "%s: queue %u: unusable ring (size %u)",
			dev->path, vq->index, vr.size);
		return;
	}
	vcrypto_vring_split_set_event_idx(&vq->ring, event_idx);
	vq->callfd = vr.callfd;
	vq->broken_logged = false;
	vq->ready = true;
	/*
	 * We poll: ask the guest not to kick us. Written directly rather than
	 * with rte_vhost_enable_guest_notification(), which takes the vring
	 * lock that rte_vhost already holds when post_msg() restarts us.
	 */
	vcrypto_vring_split_suppress_kicks(&vq->ring);
}

/* A data queue's own views: the device's, on the queue's engine context. */
static void
vq_views(const struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	vq->sl_ctrl = dev->ctrl;
	vq->sl_ctrl.engine_ctx = vq->engine_ctx;
	vq->sl_ctrl.grace = NULL; /* it builds no table sessions */
	vq->codec = dev->codec;
	vq->codec.ctrl = &vq->sl_ctrl;
}

int
vcrypto_dev_start_rings(struct vcrypto_dev *dev)
{
	uint64_t features = 0;
	uint16_t q, nr;
	bool indirect;
	int rc;

	if (rte_vhost_get_negotiated_features(dev->vid, &features) != 0)
		return -EIO;
	if (features & (1ull << VCRYPTO_VIRTIO_F_RING_PACKED))
		return -ENOTSUP; /* never offered */
	rc = take_mem_table(dev);
	if (rc != 0) {
		VCRYPTO_LOG(ERR, "%s: cannot take the guest memory table: %s",
			dev->path, strerror(-rc));
		return rc;
	}
	dev->revision_1 = (features >> VIRTIO_CRYPTO_F_REVISION_1) & 1;
	dev->ctrl.revision_1 = dev->revision_1;
	dev->codec.revision_1 = dev->revision_1;
	dev->codec.stateless = vcrypto_codec_stateless(features);
	for (q = 0; q < dev->max_dataqueues; q++)
		vq_views(dev, &dev->vqs[q]);

	/*
	 * A front-end that keeps the control queue (QEMU 7.2's
	 * cryptodev-vhost-user) sends features 0 whatever its guest acked:
	 * take indirect tables from it (the walker checks them as any other).
	 */
	indirect = ((features >> VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC) & 1) ||
		dev->fe_sessions;
	nr = rte_vhost_get_vring_num(dev->vid);
	for (q = 0; q < dev->nr_queues; q++) {
		dev->vqs[q].ready = false;
		if (q < nr)
			start_queue(dev, &dev->vqs[q], indirect,
				(features >> VCRYPTO_VIRTIO_F_RING_EVENT_IDX) & 1);
	}
	dev->started = true;
	__atomic_store_n(&dev->running, 1, __ATOMIC_RELEASE);
	return 0;
}

void
vcrypto_dev_stop_rings(struct vcrypto_dev *dev)
{
	uint16_t q;

	__atomic_store_n(&dev->running, 0, __ATOMIC_RELEASE);
	dev->started = false;
	for (q = 0; q < dev->nr_queues; q++) {
		struct vcrypto_vq *vq = &dev->vqs[q];

		if (!vq->ready)
			continue;
		/* So GET_VRING_BASE tells the guest where we stopped. */
		rte_vhost_set_vring_base(dev->vid, q, vq->ring.last_avail,
			vq->ring.last_used);
		vq->ready = false;
	}
	vcrypto_gmem_reset(&dev->mem);
}

/* ---- rte_vhost callbacks (rte_vhost's thread) ---------------------------- */

static int
on_new_connection(int vid)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);
	uint16_t q;

	if (dev == NULL)
		return -1;
	vcrypto_dev_lock(dev);
	if (dev->vid != -1) {
		vcrypto_dev_unlock(dev);
		VCRYPTO_LOG(WARNING, "%s: already serving a guest, refusing another",
			dev->path);
		return -1;
	}
	dev->vid = vid;
	dev->resync = false;
	dev->fe_sessions = false;
	for (q = 0; q < dev->nr_queues; q++)
		dev->vqs[q].enabled = false;
	vcrypto_dev_unlock(dev);

	if (rte_vhost_extern_callback_register(vid, &vcrypto_vhost_msg_ops,
			dev) != 0) {
		vcrypto_dev_lock(dev);
		dev->vid = -1;
		vcrypto_dev_unlock(dev);
		VCRYPTO_LOG(ERR, "%s: cannot hook vhost-user messages", dev->path);
		return -1;
	}
	vcrypto_stat_add(&dev->stats.guest_connects, 1);
	VCRYPTO_LOG(INFO, "%s: guest connected (vid %d)", dev->path, vid);
	return 0;
}

/* Guest gone: its sessions go too. Caller holds the device lock. */
static void
release_guest(struct vcrypto_dev *dev)
{
	uint32_t n;

	if (dev->started)
		vcrypto_dev_stop_rings(dev);
	dev->resync = false;
	n = vcrypto_ctrl_destroy_all(&dev->ctrl);
	vcrypto_stat_add(&dev->stats.sessions_destroyed, n);
	__atomic_store_n(&dev->stats.sessions_active, dev->sessions.active,
		__ATOMIC_RELAXED);
	dev->vid = -1;
	vcrypto_stat_add(&dev->stats.guest_disconnects, 1);
}

static void
on_destroy_connection(int vid)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);

	if (dev == NULL)
		return;
	vcrypto_dev_lock(dev);
	if (dev->vid == vid)
		release_guest(dev);
	vcrypto_dev_unlock(dev);
	VCRYPTO_LOG(INFO, "%s: guest disconnected (vid %d)", dev->path, vid);
}

static int
on_new_device(int vid)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);
	int rc = -1;

	if (dev == NULL)
		return -1;
	vcrypto_dev_lock(dev);
	if (dev->vid == vid)
		rc = vcrypto_dev_start_rings(dev);
	vcrypto_dev_unlock(dev);
	if (rc == 0)
		VCRYPTO_LOG(INFO, "%s: guest started (%u data queues, REVISION_1 %s)",
			dev->path, dev->max_dataqueues,
			dev->revision_1 ? "on" : "off");
	return rc;
}

static void
on_destroy_device(int vid)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);

	/* dev->vid is written only on this thread: no lock needed to read it. */
	if (dev == NULL || dev->vid != vid)
		return;
	/* Keep the poller from starting a new pass, then wait out this one. */
	__atomic_store_n(&dev->running, 0, __ATOMIC_RELEASE);
	vcrypto_dev_lock(dev);
	if (dev->started)
		vcrypto_dev_stop_rings(dev);
	dev->resync = false;
	vcrypto_dev_unlock(dev);
	VCRYPTO_LOG(INFO, "%s: guest stopped", dev->path);
}

static int
on_vring_state_changed(int vid, uint16_t queue_id, int enable)
{
	struct vcrypto_dev *dev = vcrypto_dev_find(vid);

	if (dev == NULL)
		return -1;
	vcrypto_dev_lock(dev);
	if (dev->vid == vid && queue_id < dev->nr_queues)
		dev->vqs[queue_id].enabled = enable != 0;
	vcrypto_dev_unlock(dev);
	return 0;
}

static const struct rte_vhost_device_ops vcrypto_device_ops = {
	.new_device = on_new_device,
	.destroy_device = on_destroy_device,
	.vring_state_changed = on_vring_state_changed,
	.new_connection = on_new_connection,
	.destroy_connection = on_destroy_connection,
};

/* ---- Public lifecycle --------------------------------------------------- */

static void
dev_free(struct vcrypto_dev *dev)
{
	uint16_t q;

	for (q = 0; dev->vqs != NULL && q < dev->nr_queues; q++) {
		if (dev->vqs[q].engine_ctx != NULL)
			dev->engine->ctx_destroy(dev->vqs[q].engine_ctx);
		free(dev->vqs[q].chains);
		free(dev->vqs[q].bounce.base);
	}
	if (dev->engine != NULL && dev->engine_ctx != NULL)
		dev->engine->ctx_destroy(dev->engine_ctx);
	vcrypto_session_table_fini(&dev->sessions);
	free(dev->grace_readers);
	free(dev->vqs);
	free(dev);
}

/*
 * A data queue's bounce area holds the split fields of requests in flight:
 * room for a request whose src, aad and dst are all split and of max_size,
 * capped so a huge max_size does not reserve huge memory (a request that
 * needs more is answered ERR).
 */
static uint32_t
bounce_size(uint64_t max_size)
{
	uint64_t n = 3 * max_size + 4096;

	return n > BOUNCE_MAX ? BOUNCE_MAX : (uint32_t)n;
}

static int
vq_alloc(struct vcrypto_vq *vq, uint64_t max_size)
{
	vq->chains = calloc(VCRYPTO_BURST, sizeof(*vq->chains));
	vq->bounce.cap = bounce_size(max_size);
	/* Pages are touched only when a split field needs them. */
	vq->bounce.base = malloc(vq->bounce.cap);
	return vq->chains != NULL && vq->bounce.base != NULL ? 0 : -ENOMEM;
}

/*
 * Each data queue runs on an engine context of its own, so queues polled
 * from different lcores share no engine state; it holds no table sessions
 * (only stateless ones, for a burst at most).
 */
static int
vq_engine_open(struct vcrypto_dev *dev, struct vcrypto_vq *vq,
		const struct vcrypto_engine_conf *dev_conf)
{
	struct vcrypto_engine_conf conf = *dev_conf;
	int rc;

	conf.queue = vq->index;
	conf.max_sessions = 0;
	rc = dev->engine->ctx_create(&conf, &vq->engine_ctx);
	if (rc != 0) {
		vq->engine_ctx = NULL;
		/* The usual cause: a cryptodev with too few queue pairs. */
		VCRYPTO_LOG(ERR, "%s: engine \"%s\" refused data queue %u: %s "
			"(a cryptodev engine runs data queue q on queue pair QP + q)",
			dev->path, dev->engine->name, vq->index, strerror(-rc));
	}
	return rc;
}

/*
 * The engine named by params->engine ("ipsec_mb", or "cryptodev:ARG"; NULL
 * or "" is ipsec_mb), its context, and what it offers.
 */
static int
engine_open(struct vcrypto_dev *dev, const struct vcrypto_dev_params *p,
		struct vcrypto_engine_conf *conf_out)
{
	static const struct vcrypto_engine_ops *const engines[] = {
		&vcrypto_engine_ipsec_mb,
		&vcrypto_engine_cryptodev,
	};
	const char *spec = p->engine != NULL && p->engine[0] != '\0' ?
		p->engine : vcrypto_engine_ipsec_mb.name;
	const char *colon = strchr(spec, ':');
	size_t len = colon != NULL ? (size_t)(colon - spec) : strlen(spec);
	struct vcrypto_engine_conf conf = {
		.arg = colon != NULL ? colon + 1 : NULL,
		.max_sessions = dev->max_sessions,
		.max_size = p->max_size ? p->max_size : DEFAULT_MAX_SIZE,
	};
	unsigned int i;
	int rc;

	for (i = 0; i < RTE_DIM(engines); i++)
		if (strlen(engines[i]->name) == len &&
				strncmp(engines[i]->name, spec, len) == 0)
			break;
	if (i == RTE_DIM(engines)) {
		VCRYPTO_LOG(ERR, "%s: unknown engine \"%s\"", dev->path, spec);
		return -EINVAL;
	}
	rc = engines[i]->ctx_create(&conf, &dev->engine_ctx);
	if (rc != 0) {
		VCRYPTO_LOG(ERR, "%s: engine \"%s\" refused: %s", dev->path, spec,
			strerror(-rc));
		return rc;
	}
	dev->engine = engines[i];
	dev->engine->get_caps(dev->engine_ctx, &dev->caps);
	*conf_out = conf;
	return 0;
}

static int
dev_alloc(const struct vcrypto_dev_params *p, struct vcrypto_dev **out)
{
	struct vcrypto_engine_conf conf;
	struct vcrypto_dev *dev;
	uint16_t q;
	int rc;

	dev = calloc(1, sizeof(*dev));
	if (dev == NULL)
		return -ENOMEM;
	strcpy(dev->path, p->socket_path);
	dev->max_dataqueues = p->max_dataqueues ? p->max_dataqueues : 1;
	dev->nr_queues = dev->max_dataqueues + 1;
	dev->max_sessions = p->max_sessions ? p->max_sessions : DEFAULT_MAX_SESSIONS;
	dev->vid = -1;
	dev->guest_polls = p->guest_polls;
	rte_spinlock_init(&dev->lock);
	rc = engine_open(dev, p, &conf);
	if (rc != 0) {
		dev_free(dev);
		return rc;
	}
	dev->max_size = p->max_size ? p->max_size : DEFAULT_MAX_SIZE;
	if (dev->max_size > dev->caps.max_size)
		dev->max_size = dev->caps.max_size;

	dev->vqs = aligned_alloc(64, dev->nr_queues * sizeof(*dev->vqs));
	dev->grace_readers = aligned_alloc(64,
		dev->max_dataqueues * sizeof(*dev->grace_readers));
	if (dev->vqs == NULL || dev->grace_readers == NULL) {
		free(dev->vqs);
		dev->vqs = NULL;
		dev_free(dev);
		return -ENOMEM;
	}
	memset(dev->vqs, 0, dev->nr_queues * sizeof(*dev->vqs));
	vcrypto_grace_init(&dev->grace, dev->grace_readers, dev->max_dataqueues);
	rc = 0;
	for (q = 0; q < dev->nr_queues; q++) {
		dev->vqs[q].index = q;
		dev->vqs[q].callfd = -1;
		rte_spinlock_init(&dev->vqs[q].lock);
		if (q < dev->max_dataqueues && rc == 0)
			rc = vq_alloc(&dev->vqs[q], dev->max_size);
		if (q < dev->max_dataqueues && rc == 0)
			rc = vq_engine_open(dev, &dev->vqs[q], &conf);
	}
	if (rc == 0)
		rc = vcrypto_session_table_init(&dev->sessions, dev->max_sessions,
			dev->engine->session_size, dev->engine->session_align);
	if (rc != 0) {
		dev_free(dev);
		return rc;
	}
	dev->ctrl.sessions = &dev->sessions;
	dev->ctrl.engine = dev->engine;
	dev->ctrl.caps = &dev->caps;
	dev->ctrl.engine_ctx = dev->engine_ctx;
	dev->ctrl.grace = &dev->grace;
	dev->codec.max_size = dev->max_size;
	dev->codec.sessions = &dev->sessions;
	dev->codec.ctrl = &dev->ctrl;
	*out = dev;
	return 0;
}

static int
socket_start(struct vcrypto_dev *dev)
{
	if (rte_vhost_driver_register(dev->path, 0) != 0)
		return -EIO;
	if (rte_vhost_driver_set_features(dev->path, VCRYPTO_FEATURES) != 0 ||
			rte_vhost_driver_set_protocol_features(dev->path,
				VCRYPTO_PROTOCOL_FEATURES) != 0 ||
			rte_vhost_driver_callback_register(dev->path,
				&vcrypto_device_ops) != 0 ||
			rte_vhost_driver_start(dev->path) != 0) {
		rte_vhost_driver_unregister(dev->path);
		return -EIO;
	}
	return 0;
}

int
vcrypto_dev_create(const struct vcrypto_dev_params *params,
		struct vcrypto_dev **out)
{
	struct vcrypto_dev *dev;
	int rc;

	if (params == NULL || out == NULL || params->socket_path == NULL ||
			params->socket_path[0] == '\0' ||
			strlen(params->socket_path) >= PATH_MAX ||
			params->max_dataqueues > VCRYPTO_MAX_DATAQUEUES) {
		VCRYPTO_LOG(ERR, "invalid device parameters");
		return -EINVAL;
	}
	vcrypto_telemetry_register();
	rc = dev_alloc(params, &dev);
	if (rc != 0) {
		VCRYPTO_LOG(ERR, "%s: cannot allocate the device: %s",
			params->socket_path, strerror(-rc));
		return rc;
	}

	/* In the registry before the socket exists, so callbacks find it. */
	pthread_mutex_lock(&registry_lock);
	if (registry_find_path(dev->path) != NULL) {
		pthread_mutex_unlock(&registry_lock);
		VCRYPTO_LOG(ERR, "%s: a device already serves this path", dev->path);
		dev_free(dev);
		return -EEXIST;
	}
	TAILQ_INSERT_TAIL(&registry, dev, next);
	pthread_mutex_unlock(&registry_lock);

	rc = socket_start(dev);
	if (rc != 0) {
		VCRYPTO_LOG(ERR, "%s: rte_vhost refused the socket (does the file exist?)",
			dev->path);
		pthread_mutex_lock(&registry_lock);
		TAILQ_REMOVE(&registry, dev, next);
		pthread_mutex_unlock(&registry_lock);
		dev_free(dev);
		return rc;
	}
	VCRYPTO_LOG(INFO, "%s: listening (%u data queues, %u sessions, engine %s)",
		dev->path, dev->max_dataqueues, dev->max_sessions, dev->engine->name);
	*out = dev;
	return 0;
}

void
vcrypto_dev_destroy(struct vcrypto_dev *dev)
{
	if (dev == NULL)
		return;
	/*
	 * Closes the connection (destroy_device runs on this thread, not
	 * destroy_connection), removes the socket file, and returns only once
	 * no rte_vhost callback for this path is running.
	 */
	if (rte_vhost_driver_unregister(dev->path) != 0)
		VCRYPTO_LOG(ERR, "%s: rte_vhost_driver_unregister failed", dev->path);

	vcrypto_dev_lock(dev);
	if (dev->vid != -1)
		release_guest(dev);
	vcrypto_dev_unlock(dev);

	pthread_mutex_lock(&registry_lock);
	TAILQ_REMOVE(&registry, dev, next);
	pthread_mutex_unlock(&registry_lock);
	VCRYPTO_LOG(INFO, "%s: destroyed", dev->path);
	dev_free(dev);
}

/* Add counters @p from to @p to, reading each one atomically. */
static void
stats_add(struct vcrypto_dev_stats *to, const struct vcrypto_dev_stats *from)
{
	const uint64_t *src = (const uint64_t *)from;
	uint64_t *dst = (uint64_t *)to;
	size_t i;

	static_assert(sizeof(*to) % sizeof(uint64_t) == 0, "u64 counters");
	for (i = 0; i < sizeof(*to) / sizeof(uint64_t); i++)
		dst[i] += __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

void
vcrypto_dev_stats_get(const struct vcrypto_dev *dev,
		struct vcrypto_dev_stats *stats)
{
	uint16_t q;

	memset(stats, 0, sizeof(*stats));
	stats_add(stats, &dev->stats);
	for (q = 0; q < dev->nr_queues; q++)
		stats_add(stats, &dev->vqs[q].stats);
}

int
vcrypto_dev_queue_stats_get(const struct vcrypto_dev *dev, uint16_t qid,
		struct vcrypto_dev_stats *stats)
{
	if (qid >= dev->nr_queues)
		return -EINVAL;
	memset(stats, 0, sizeof(*stats));
	stats_add(stats, &dev->vqs[qid].stats);
	return 0;
}

uint16_t
vcrypto_dev_max_dataqueues(const struct vcrypto_dev *dev)
{
	return dev->max_dataqueues;
}

const char *
vcrypto_dev_socket_path(const struct vcrypto_dev *dev)
{
	return dev->path;
}
