/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The cryptodev face of the driver: the crypto_virtio_user vdev and the
 * crypto_virtio PCI driver (probe, remove, devargs), device and queue-pair
 * ops, info and stats. Sessions are in session.c, the datapath in
 * datapath.c; the transport is behind vcrypto_frontend.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <bus_vdev_driver.h>
#include <rte_kvargs.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "virtio_crypto_log.h"
#include "virtio_crypto_priv.h"

#define ARG_PATH       "path"
#define ARG_QUEUES     "queues"
#define ARG_QUEUE_SIZE "queue_size"
#define ARG_SESSION    "session"

/* Set once by RTE_PMD_REGISTER_CRYPTO_DRIVER at load time. */
static uint8_t vcrypto_driver_id;

struct devargs {
	char *path;
	uint16_t queues;
	uint16_t queue_size;
	bool vu_sessions; /**< session=vhost-user (default session=ctrlq) */
};

static struct vcrypto_dev *
vdev_of(struct rte_cryptodev *dev)
{
	return dev->data->dev_private;
}

/* ---- queue pairs ------------------------------------------------------ */

static int
qp_release(struct rte_cryptodev *dev, uint16_t qp_id)
{
	struct vcrypto_qp *qp = dev->data->queue_pairs[qp_id];

	if (qp == NULL)
		return 0;
	if (vcrypto_vq_in_flight(qp->vq) > 0 && !vcrypto_vq_is_broken(qp->vq)) {
		VC_LOG(ERR, "queue pair %u still has %u operation(s) in flight; dequeue "
			"them first", qp_id, vcrypto_vq_in_flight(qp->vq));
		return -EBUSY;
	}
	rte_free(qp->rejected);
	rte_free(qp->meta);
	vcrypto_dma_free(qp->slots_mz);
	rte_free(qp);
	dev->data->queue_pairs[qp_id] = NULL;
	return 0;
}

static int
qp_setup(struct rte_cryptodev *dev, uint16_t qp_id,
		const struct rte_cryptodev_qp_conf *conf, int socket_id)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	struct vcrypto_vq *vq = vcrypto_frontend_dataq(vd->fe, qp_id);
	struct vcrypto_qp *qp;
	int ret;

	if (vq == NULL)
		return -EINVAL;
	ret = qp_release(dev, qp_id);
	if (ret < 0)
		return ret;
	if (conf->nb_descriptors != vq->num)
		VC_LOG(DEBUG, "queue pair %u: ring has %u descriptors (queue_size devarg), "
			"%u asked; room for %u operations", qp_id, vq->num,
			conf->nb_descriptors, vq->num / VCRYPTO_DATA_DESCS);
	qp = rte_zmalloc_socket("vcrypto_qp", sizeof(*qp), RTE_CACHE_LINE_SIZE, socket_id);
	if (qp == NULL)
		return -ENOMEM;
	/* The device reads and writes slots by one IOVA base plus an offset. */
	qp->slots = vcrypto_dma_zalloc("slots", qp, qp_id, sizeof(*qp->slots) * vq->num,
				       RTE_CACHE_LINE_SIZE, socket_id, &qp->slots_mz);
	qp->rejected = rte_zmalloc_socket("vcrypto_rej", sizeof(void *) * vq->num,
					  RTE_CACHE_LINE_SIZE, socket_id);
	qp->meta = rte_zmalloc_socket("vcrypto_meta", sizeof(*qp->meta) * vq->num,
				      RTE_CACHE_LINE_SIZE, socket_id);
	if (qp->slots == NULL || qp->rejected == NULL || qp->meta == NULL) {
		vcrypto_dma_free(qp->slots_mz);
		rte_free(qp->rejected);
		rte_free(qp->meta);
		rte_free(qp);
		return -ENOMEM;
	}
	qp->vq = vq;
	qp->slots_addr = vcrypto_frontend_addr(vd->fe, qp->slots);
	/* Fixed-part and status descriptors written once per slot (not with
	 * indirect tables: DPDK's vhost_crypto, one descriptor per field). */
	if (vq->indirect == NULL)
		vcrypto_vq_set_slots(vq, qp->slots_addr, sizeof(*qp->slots),
				     offsetof(struct vcrypto_data_slot, inhdr),
				     sizeof(qp->slots->inhdr));
	qp->addr_is_va = vcrypto_frontend_addr_is_va(vd->fe);
	qp->rev1 = vd->rev1;
	qp->desc_per_field = vd->vu_sessions;
	qp->dev = vd;
	qp->stateless = vd->stateless;
	qp->digest_encrypted = vd->rev1;
	qp->max_size = vd->cfg.max_size != 0 ? vd->cfg.max_size : UINT64_MAX;
	qp->rej_size = vq->num;
	qp->id = qp_id;
	qp->link_state = &vd->link_state;
	/* Up: the first burst adopts the state; down: it hands back nothing. */
	qp->link_seen = __atomic_load_n(&vd->link_state, __ATOMIC_ACQUIRE) &
			~(VCRYPTO_LINK_DOWN | VCRYPTO_LINK_DEAD);
	dev->data->queue_pairs[qp_id] = qp;
	return 0;
}

/* ---- device ops ------------------------------------------------------- */

static int
dev_configure(struct rte_cryptodev *dev, struct rte_cryptodev_config *config)
{
	struct vcrypto_dev *vd = vdev_of(dev);

	if (config->nb_queue_pairs > vd->nb_dataq) {
		VC_LOG(ERR, "%u queue pairs asked, the device has %u (queues devarg, "
			"max_dataqueues)", config->nb_queue_pairs, vd->nb_dataq);
		return -EINVAL;
	}
	return 0;
}

static int
dev_start(struct rte_cryptodev *dev)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	int ret = 0;

	/* Memory the application allocated since probe (mbuf pools, our
	 * queue-pair slots) must be mapped by the back-end too. */
	rte_spinlock_lock(&vd->ctrl_lock);
	if (!(__atomic_load_n(&vd->link_state, __ATOMIC_ACQUIRE) & VCRYPTO_LINK_DOWN))
		ret = vcrypto_frontend_sync_memory(vd->fe);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (ret == 0)
		vcrypto_link_watch_start(vd);
	return ret;
}

static void
dev_stop(struct rte_cryptodev *dev)
{
	/* Queue pairs may be set up again once stopped: no alarm reads them. */
	vcrypto_link_watch_stop(vdev_of(dev));
}

static int
dev_close(struct rte_cryptodev *dev)
{
	uint16_t i;
	int ret = 0;

	for (i = 0; i < dev->data->nb_queue_pairs; i++)
		if (qp_release(dev, i) < 0)
			ret = -EBUSY;
	return ret;
}

static void
dev_infos_get(struct rte_cryptodev *dev, struct rte_cryptodev_info *info)
{
	struct vcrypto_dev *vd = vdev_of(dev);

	info->driver_id = vcrypto_driver_id;
	info->feature_flags = dev->feature_flags;
	info->capabilities = vd->caps;
	info->max_nb_queue_pairs = vd->nb_dataq;
	info->sym.max_nb_sessions = 0; /* the device says NOSPC when full */
	info->min_mbuf_headroom_req = 0;
	info->min_mbuf_tailroom_req = 0;
}

static void
stats_get(struct rte_cryptodev *dev, struct rte_cryptodev_stats *stats)
{
	uint16_t i;

	memset(stats, 0, sizeof(*stats));
	for (i = 0; i < dev->data->nb_queue_pairs; i++) {
		const struct vcrypto_qp *qp = dev->data->queue_pairs[i];

		if (qp == NULL)
			continue;
		stats->enqueued_count += qp->stats.enqueued_count;
		stats->dequeued_count += qp->stats.dequeued_count;
		stats->enqueue_err_count += qp->stats.enqueue_err_count;
		stats->dequeue_err_count += qp->stats.dequeue_err_count;
	}
}

static void
stats_reset(struct rte_cryptodev *dev)
{
	uint16_t i;

	for (i = 0; i < dev->data->nb_queue_pairs; i++) {
		struct vcrypto_qp *qp = dev->data->queue_pairs[i];

		if (qp != NULL)
			memset(&qp->stats, 0, sizeof(qp->stats));
	}
}

static struct rte_cryptodev_ops vcrypto_ops = {
	.dev_configure = dev_configure,
	.dev_start = dev_start,
	.dev_stop = dev_stop,
	.dev_close = dev_close,
	.dev_infos_get = dev_infos_get,
	.stats_get = stats_get,
	.stats_reset = stats_reset,
	.queue_pair_setup = qp_setup,
	.queue_pair_release = qp_release,
	.sym_session_get_size = vcrypto_sym_session_get_size,
	.sym_session_configure = vcrypto_sym_session_configure,
	.sym_session_clear = vcrypto_sym_session_clear,
};

/* ---- vdev ------------------------------------------------------------- */

static int
parse_u16(const char *key, const char *value, void *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(value, &end, 0);
	if (errno != 0 || *end != '\0' || v == 0 || v > UINT16_MAX) {
		VC_LOG(ERR, "devarg %s=%s: want an integer in 1..%u", key, value, UINT16_MAX);
		return -EINVAL;
	}
	*(uint16_t *)out = (uint16_t)v;
	return 0;
}

static int
parse_path(const char *key, const char *value, void *out)
{
	char **p = out;

	free(*p);
	*p = strdup(value);
	return *p == NULL ? -ENOMEM : 0;
}

static int
parse_session(const char *key, const char *value, void *out)
{
	if (strcmp(value, "vhost-user") == 0)
		*(bool *)out = true;
	else if (strcmp(value, "ctrlq") == 0)
		*(bool *)out = false;
	else {
		VC_LOG(ERR, "devarg %s=%s: want ctrlq (control queue, the default) or "
			"vhost-user (CREATE/CLOSE_CRYPTO_SESSION messages)", key, value);
		return -EINVAL;
	}
	return 0;
}

static int
parse_devargs(const char *name, const char *args, bool need_path, struct devargs *a)
{
	static const char *const keys[] = { ARG_PATH, ARG_QUEUES, ARG_QUEUE_SIZE, ARG_SESSION,
					    NULL };
	struct rte_kvargs *kv;
	int ret;

	a->queues = 1;
	a->queue_size = VCRYPTO_FE_DEFAULT_QUEUE_SIZE;
	kv = rte_kvargs_parse(args != NULL ? args : "", keys);
	if (kv == NULL) {
		VC_LOG(ERR, "%s: bad devargs \"%s\"; expected %s[queues=<n>] "
			"[queue_size=<n>]", name, args ? args : "",
			need_path ? "path=<socket> " : "");
		return -EINVAL;
	}
	ret = rte_kvargs_process(kv, ARG_PATH, parse_path, &a->path);
	if (ret == 0)
		ret = rte_kvargs_process(kv, ARG_QUEUES, parse_u16, &a->queues);
	if (ret == 0)
		ret = rte_kvargs_process(kv, ARG_QUEUE_SIZE, parse_u16, &a->queue_size);
	if (ret == 0)
		ret = rte_kvargs_process(kv, ARG_SESSION, parse_session, &a->vu_sessions);
	rte_kvargs_free(kv);
	if (ret == 0 && a->vu_sessions && !need_path) {
		VC_LOG(ERR, "%s: session=vhost-user is for crypto_virtio_user only", name);
		ret = -EINVAL;
	}
	if (ret == 0 && need_path && a->path == NULL) {
		VC_LOG(ERR, "%s: devarg path=<vhost-user socket> is required", name);
		ret = -EINVAL;
	}
	if (ret == 0 && !need_path && a->path != NULL) {
		VC_LOG(ERR, "%s: devarg path= is for crypto_virtio_user only", name);
		ret = -EINVAL;
	}
	if (ret == 0 && (a->queue_size & (a->queue_size - 1)) != 0) {
		VC_LOG(ERR, "queue_size=%u: must be a power of two", a->queue_size);
		ret = -EINVAL;
	}
	if (ret == 0 && a->queue_size < VCRYPTO_DATA_DESCS) {
		VC_LOG(ERR, "queue_size=%u: at least %d", a->queue_size, VCRYPTO_DATA_DESCS);
		ret = -EINVAL;
	}
	return ret;
}

/*
 * Everything below crypto: connect (vhost-user at a->path, or the PCI
 * function @p pci), negotiate, config, rings.
 */
static int
attach_device(struct vcrypto_dev *vd, const struct devargs *a, struct rte_pci_device *pci,
		const char *name, int socket)
{
	struct vcrypto_frontend_params p = {
		.path = a->path,
		.nb_queues = a->queues,
		.queue_size = a->queue_size,
		.ctrl_queue_size = VCRYPTO_FE_DEFAULT_CTRL_SIZE,
		.socket_id = socket,
		.vu_sessions = a->vu_sessions,
		.driver_features = (1ULL << VIRTIO_CRYPTO_F_REVISION_1) |
				   /* kicks from avail_event, no reads of used->flags */
				   (1ULL << VCRYPTO_VIRTIO_F_RING_EVENT_IDX) |
				   (1ULL << VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE) |
				   (1ULL << VIRTIO_CRYPTO_F_HASH_STATELESS_MODE) |
				   (1ULL << VIRTIO_CRYPTO_F_MAC_STATELESS_MODE) |
				   (1ULL << VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE) |
				   /*
				    * Back-ends reached with session messages
				    * (DPDK's vhost_crypto) read only chains in
				    * indirect tables, as QEMU guests send them.
				    */
				   ((uint64_t)a->vu_sessions <<
				    VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC),
	};
	static const struct {
		unsigned int bit, service;
	} sl[] = {
		{ VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_CIPHER },
		{ VIRTIO_CRYPTO_F_HASH_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_HASH },
		{ VIRTIO_CRYPTO_F_MAC_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_MAC },
		{ VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE, VIRTIO_CRYPTO_SERVICE_AEAD },
	};
	unsigned int i;
	int ret;

	rte_spinlock_init(&vd->ctrl_lock);
	TAILQ_INIT(&vd->sessions);
	snprintf(vd->name, sizeof(vd->name), "%s", name);
	/* Before the memory table is sent, so the back-end maps it at once. */
	vd->ctrl_slots = vcrypto_dma_zalloc("ctrl", vd, 0, sizeof(*vd->ctrl_slots) *
					    VCRYPTO_FE_DEFAULT_CTRL_SIZE,
					    RTE_CACHE_LINE_SIZE, socket, &vd->ctrl_mz);
	if (vd->ctrl_slots == NULL)
		return -ENOMEM;
	ret = pci != NULL ? vcrypto_frontend_open_pci(&p, pci, &vd->fe) :
			    vcrypto_frontend_open(&p, &vd->fe);
	if (ret < 0)
		return ret;
	vd->cfg = *vcrypto_frontend_config(vd->fe);
	if (!(vd->cfg.status & VIRTIO_CRYPTO_S_HW_READY)) {
		VC_LOG(ERR, "%s: device is not ready: config status %#x lacks "
			"VIRTIO_CRYPTO_S_HW_READY", name, vd->cfg.status);
		return -EAGAIN;
	}
	vd->rev1 = vcrypto_frontend_has(vd->fe, VIRTIO_CRYPTO_F_REVISION_1);
	/* Stateless mode requires REVISION_1 (spec 5.9.3.1). */
	for (i = 0; vd->rev1 && i < RTE_DIM(sl); i++)
		if (vcrypto_frontend_has(vd->fe, sl[i].bit))
			vd->stateless |= 1u << sl[i].service;
	vd->nb_dataq = vcrypto_frontend_nb_dataq(vd->fe);
	vd->queue_size = vcrypto_frontend_dataq(vd->fe, 0)->num;
	vd->vu_sessions = a->vu_sessions;
	/*
	 * DPDK 22.11's vhost_crypto, the back-end this mode is for, takes an
	 * avail slot for the descriptor index it names and writes used
	 * entries at that index: give it chains where the two agree.
	 */
	for (i = 0; vd->vu_sessions && i < vd->nb_dataq; i++)
		vcrypto_vq_set_in_order(vcrypto_frontend_dataq(vd->fe, i));
	if (vcrypto_caps_from_config(&vd->cfg, vd->caps) == 0)
		VC_LOG(WARNING, "%s: device offers no algorithm this driver supports "
			"(services %#x, cipher %#x:%#x)", name, vd->cfg.crypto_services,
			vd->cfg.cipher_algo_h, vd->cfg.cipher_algo_l);
	return 0;
}

static void
detach_device(struct vcrypto_dev *vd)
{
	vcrypto_frontend_close(vd->fe);
	vd->fe = NULL;
	vcrypto_dma_free(vd->ctrl_mz);
	vd->ctrl_mz = NULL;
	vd->ctrl_slots = NULL;
}

/* Cryptodev features: what the negotiated requests can express. */
static uint64_t
feature_flags(const struct vcrypto_dev *vd)
{
	/* Every range becomes one descriptor per segment piece, in and out. */
	uint64_t ff = RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO |
		      RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING |
		      RTE_CRYPTODEV_FF_IN_PLACE_SGL |
		      RTE_CRYPTODEV_FF_OOP_SGL_IN_SGL_OUT |
		      RTE_CRYPTODEV_FF_OOP_SGL_IN_LB_OUT |
		      RTE_CRYPTODEV_FF_OOP_LB_IN_SGL_OUT |
		      RTE_CRYPTODEV_FF_OOP_LB_IN_LB_OUT;

	if (vd->stateless != 0)
		ff |= RTE_CRYPTODEV_FF_SYM_SESSIONLESS;
	/*
	 * No config bit says a device writes hash_result before it reads the
	 * cipher input (the digest-encrypted convention); a device that
	 * negotiates REVISION_1 is taken to follow vcrypto's conventions
	 * (doc/guides/wire-conventions.rst).
	 */
	if (vd->rev1)
		ff |= RTE_CRYPTODEV_FF_DIGEST_ENCRYPTED;
	return ff;
}

/*
 * Create the cryptodev @p name on @p device and bring the virtio device up
 * below it (vhost-user at a->path, or the PCI function @p pci).
 */
static int
create_cryptodev(const char *name, struct rte_device *device, const struct devargs *a,
		struct rte_pci_device *pci, const char *where)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct vcrypto_dev),
		.socket_id = device->numa_node >= 0 ? device->numa_node : (int)rte_socket_id(),
		.max_nb_queue_pairs = a->queues,
	};
	struct rte_cryptodev *dev;
	struct vcrypto_dev *vd;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		/* The device belongs to one process (connection, status, rings). */
		VC_LOG(ERR, "%s: secondary processes are not supported", name);
		return -ENOTSUP;
	}
	snprintf(params.name, sizeof(params.name), "%s", name);
	dev = rte_cryptodev_pmd_create(name, device, &params);
	if (dev == NULL) {
		VC_LOG(ERR, "%s: cannot create the cryptodev", name);
		return -ENOMEM;
	}
	vd = dev->data->dev_private;
	vd->data = dev->data;
	ret = attach_device(vd, a, pci, name, params.socket_id);
	if (ret < 0) {
		VC_LOG(ERR, "%s: probe failed: %s", name, strerror(-ret));
		detach_device(vd);
		rte_cryptodev_pmd_destroy(dev);
		return ret;
	}
	dev->driver_id = vcrypto_driver_id;
	dev->dev_ops = &vcrypto_ops;
	dev->enqueue_burst = vcrypto_enqueue_burst;
	dev->dequeue_burst = vcrypto_dequeue_burst;
	dev->feature_flags = feature_flags(vd);
	rte_cryptodev_pmd_probing_finish(dev);
	VC_LOG(INFO, "%s: %s, %u data queue(s) of %u, device max %u, features %#" PRIx64
		", max key %u", name, where, vd->nb_dataq, vd->queue_size,
		vd->cfg.max_dataqueues, vcrypto_frontend_features(vd->fe),
		vd->cfg.max_cipher_key_len);
	return 0;
}

static int
destroy_cryptodev(const char *name)
{
	struct rte_cryptodev *dev = rte_cryptodev_pmd_get_named_dev(name);

	if (dev == NULL)
		return -ENODEV;
	vcrypto_link_watch_stop(dev->data->dev_private);
	dev_close(dev);
	detach_device(dev->data->dev_private);
	return rte_cryptodev_pmd_destroy(dev);
}

/* ---- vdev: crypto_virtio_user ----------------------------------------- */

static int
vcrypto_user_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct devargs a = { 0 };
	int ret;

	ret = parse_devargs(name, rte_vdev_device_args(vdev), true, &a);
	if (ret == 0)
		ret = create_cryptodev(name, &vdev->device, &a, NULL, a.path);
	free(a.path);
	return ret;
}

static int
vcrypto_user_remove(struct rte_vdev_device *vdev)
{
	return destroy_cryptodev(rte_vdev_device_name(vdev));
}

static struct rte_vdev_driver vcrypto_user_drv = {
	.probe = vcrypto_user_probe,
	.remove = vcrypto_user_remove,
};

/* ---- PCI: crypto_virtio on a modern virtio-crypto function ------------ */

static int
vcrypto_pci_probe(struct rte_pci_driver *drv __rte_unused, struct rte_pci_device *pci)
{
	const struct rte_devargs *da = pci->device.devargs;
	struct devargs a = { 0 };
	int ret;

	ret = parse_devargs(pci->name, da != NULL ? da->args : NULL, false, &a);
	if (ret == 0)
		ret = create_cryptodev(pci->name, &pci->device, &a, pci, "virtio PCI");
	free(a.path);
	return ret;
}

static int
vcrypto_pci_remove(struct rte_pci_device *pci)
{
	return destroy_cryptodev(pci->name);
}

/* Modern (virtio 1.0+) virtio-crypto only: 0x1040 + device id 20. */
static const struct rte_pci_id vcrypto_pci_ids[] = {
	{ RTE_PCI_DEVICE(VIRTIO_CRYPTO_PCI_VENDOR, VIRTIO_CRYPTO_PCI_DEVICE) },
	{ .vendor_id = 0 },
};

static struct rte_pci_driver vcrypto_pci_drv = {
	.id_table = vcrypto_pci_ids,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = vcrypto_pci_probe,
	.remove = vcrypto_pci_remove,
};

static struct cryptodev_driver vcrypto_crypto_drv;

/*
 * The cryptodev driver is named "crypto_virtio" (what
 * rte_cryptodev_driver_id_get() and DPDK's cryptodev_virtio_autotest look
 * for), while the vdev bus driver keeps crypto_virtio_user (what --vdev
 * and crypto-perf's --devtype match). A plugin given with -d registers
 * before the PMDs of the default directory, so this entry comes first; so
 * does the PCI driver, which therefore probes 1af4:1054 before Debian's.
 */
static const struct rte_driver vcrypto_cryptodev_name = {
	.name = VCRYPTO_CRYPTODEV_DRIVER_NAME,
};

RTE_PMD_REGISTER_VDEV(VCRYPTO_USER_DRIVER_NAME, vcrypto_user_drv);
RTE_PMD_REGISTER_PARAM_STRING(VCRYPTO_USER_DRIVER_NAME,
	"path=<string> queues=<int> queue_size=<int> session=ctrlq|vhost-user");
RTE_PMD_REGISTER_PCI(VCRYPTO_PCI_DRIVER_NAME, vcrypto_pci_drv);
RTE_PMD_REGISTER_PCI_TABLE(VCRYPTO_PCI_DRIVER_NAME, vcrypto_pci_ids);
RTE_PMD_REGISTER_PARAM_STRING(VCRYPTO_PCI_DRIVER_NAME, "queues=<int> queue_size=<int>");
RTE_PMD_REGISTER_CRYPTO_DRIVER(vcrypto_crypto_drv, vcrypto_cryptodev_name,
	vcrypto_driver_id);
