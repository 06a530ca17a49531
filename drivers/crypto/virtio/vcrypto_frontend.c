/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/* The transport-independent bring-up of a virtio-crypto device. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "vcrypto_frontend.h"
#include "vcrypto_transport.h"
#include "virtio_crypto_log.h"
#include "vu_transport.h"

/** Reconnects after the back-end closed a new connection at once. */
#define VCRYPTO_FE_RESET_RETRIES 20
#define VCRYPTO_FE_RESET_DELAY_MS 100

/** Ring size for data queues the caller does not use. */
#define VCRYPTO_FE_IDLE_QUEUE_SIZE 8

struct fe_queue {
	struct vcrypto_vq *vq;
	const struct rte_memzone *ring; /**< desc, avail and used */
	const struct rte_memzone *indirect; /**< indirect tables, or NULL */
};

/** Entries of one indirect table: the longest request the driver builds. */
#define VCRYPTO_FE_INDIRECT_MAX 64

struct vcrypto_frontend {
	struct vcrypto_transport *t;
	struct vcrypto_config cfg;  /**< host byte order */
	bool cfg_assumed;           /**< no config space: cfg is the minimal device */
	uint64_t driver_features;   /**< what the caller can use (for reconnects) */
	uint64_t features;          /**< negotiated */
	uint16_t nb_dataq;          /**< usable data queues */
	uint16_t nb_vrings;         /**< max_dataqueues + 1 */
	struct fe_queue *q;         /**< nb_vrings entries; ctrl last */
	bool data_only;             /**< params vu_data_queues_only (vhost-user) */
};

static bool
is_pow2(uint32_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

void *
vcrypto_dma_zalloc(const char *tag, const void *owner, unsigned int index,
		size_t len, size_t align, int socket, const struct rte_memzone **mz)
{
	char name[RTE_MEMZONE_NAMESIZE];

	snprintf(name, sizeof(name), "vc_%.8s%u_%" PRIxPTR, tag, index, (uintptr_t)owner);
	*mz = rte_memzone_reserve_aligned(name, len, socket, RTE_MEMZONE_IOVA_CONTIG,
					  align);
	if (*mz == NULL) {
		VC_LOG(ERR, "no IOVA-contiguous DPDK memory for %s (%zu bytes): %s", name, len,
			rte_strerror(rte_errno));
		return NULL;
	}
	memset((*mz)->addr, 0, len);
	return (*mz)->addr;
}

void
vcrypto_dma_free(const struct rte_memzone *mz)
{
	if (mz != NULL)
		rte_memzone_free(mz);
}

/* Ring (and indirect table) memory for vring @p index: before the memory
 * table is sent, so the back-end maps all of it. */
static int
alloc_vring(struct vcrypto_frontend *fe, uint16_t index, uint16_t num, int socket)
{
	struct fe_queue *q = &fe->q[index];
	uint16_t max = 0;
	void *ring, *tables;
	int ret;

	ret = fe->t->ops->queue_max(fe->t, index, &max);
	if (ret < 0) {
		VC_LOG(ERR, "device has no vring %u", index);
		return ret;
	}
	/* A ring smaller than the device's maximum is allowed (4.1.4.3.2). */
	if (max != 0 && num > max) {
		VC_LOG(INFO, "vring %u: the device takes at most %u entries, not %u",
			index, max, num);
		num = (uint16_t)rte_align32prevpow2(max);
	}
	ring = vcrypto_dma_zalloc("ring", fe, index, vcrypto_vq_ring_size(num),
				  VCRYPTO_VQ_ALIGN, socket, &q->ring);
	if (ring == NULL)
		return -ENOMEM;
	q->vq = vcrypto_vq_create(num, ring, index, true);
	if (q->vq == NULL)
		return -ENOMEM;
	if (fe->features & (1ULL << VCRYPTO_VIRTIO_F_RING_EVENT_IDX))
		vcrypto_vq_set_event_idx(q->vq);
	if (fe->features & (1ULL << VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC)) {
		tables = vcrypto_dma_zalloc("indir", fe, index, (size_t)num *
					    VCRYPTO_FE_INDIRECT_MAX *
					    sizeof(struct vcrypto_vring_desc),
					    RTE_CACHE_LINE_SIZE, socket, &q->indirect);
		if (tables == NULL)
			return -ENOMEM;
		vcrypto_vq_set_indirect(q->vq, tables, vcrypto_frontend_addr(fe, tables),
					VCRYPTO_FE_INDIRECT_MAX);
	}
	return 0;
}

/*
 * The device every vhost-user crypto back-end in circulation implements
 * (DPDK's vhost_crypto, QEMU's builtin over cryptodev-vhost-user): AES-CBC
 * and HMAC-SHA1, chained, keys up to 32 and 64 bytes, data up to 2048 bytes.
 */
static void
assume_minimal_config(struct vcrypto_config *c, uint16_t nb_queues)
{
	memset(c, 0, sizeof(*c));
	c->status = VIRTIO_CRYPTO_S_HW_READY;
	c->max_dataqueues = nb_queues;
	c->crypto_services = (1u << VIRTIO_CRYPTO_SERVICE_CIPHER) |
			     (1u << VIRTIO_CRYPTO_SERVICE_MAC);
	c->cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC;
	c->mac_algo_l = 1u << VIRTIO_CRYPTO_MAC_HMAC_SHA1;
	c->max_cipher_key_len = 32;
	c->max_auth_key_len = 64;
	/* DPDK 22.11's vhost_crypto copies a cipher request into one mbuf of
	 * RTE_MBUF_DEFAULT_BUF_SIZE bytes and leaves longer ones unanswered. */
	c->max_size = 2048;
}

static int
negotiate(struct vcrypto_frontend *fe, uint64_t driver_features)
{
	uint64_t offered, wanted;
	int ret;

	ret = fe->t->ops->get_features(fe->t, &offered);
	if (ret < 0)
		return ret;
	wanted = (1ULL << VCRYPTO_VIRTIO_F_VERSION_1) | driver_features;
	if (!(offered & (1ULL << VCRYPTO_VIRTIO_F_VERSION_1)))
		VC_LOG(WARNING, "device does not offer VIRTIO_F_VERSION_1; "
			"going on with little-endian rings");
	fe->features = offered & wanted;
	VC_LOG(DEBUG, "features: offered %#" PRIx64 ", negotiated %#" PRIx64,
		offered, fe->features);
	return fe->t->ops->set_features(fe->t, fe->features);
}

static int
bring_up(struct vcrypto_frontend *fe, const struct vcrypto_frontend_params *p)
{
	uint16_t qsize = p->queue_size ? p->queue_size : VCRYPTO_FE_DEFAULT_QUEUE_SIZE;
	uint16_t csize = p->ctrl_queue_size ? p->ctrl_queue_size :
			 VCRYPTO_FE_DEFAULT_CTRL_SIZE;
	uint16_t want = p->nb_queues ? p->nb_queues : 1;
	uint16_t i;
	int ret;

	if (!is_pow2(qsize) || qsize > VCRYPTO_VRING_MAX_SIZE || !is_pow2(csize) ||
	    csize > VCRYPTO_VRING_MAX_SIZE) {
		VC_LOG(ERR, "queue sizes must be powers of two up to %d (got %u, %u)",
			VCRYPTO_VRING_MAX_SIZE, qsize, csize);
		return -EINVAL;
	}
	fe->driver_features = p->driver_features;
	fe->data_only = p->vu_data_queues_only && vcrypto_vu_transport_client(fe->t) != NULL;
	ret = negotiate(fe, p->driver_features);
	if (ret == 0)
		ret = fe->t->ops->read_config(fe->t, &fe->cfg);
	if (ret == 0) {
		vcrypto_config_convert(&fe->cfg);
	} else if (ret == -ENODATA) {
		assume_minimal_config(&fe->cfg, want);
		fe->cfg_assumed = true;
		VC_LOG(INFO, "%s: the device has no config space (no vhost-user CONFIG); "
			"capabilities ASSUMED, not read: AES-CBC, HMAC-SHA1 (chained), "
			"keys up to 32/64 bytes, requests up to 2048 bytes, %u data queue(s)",
			p->path != NULL ? p->path : "device", want);
		ret = 0;
	}
	if (ret < 0)
		return ret;
	if (fe->cfg.max_dataqueues == 0 || fe->cfg.max_dataqueues >= UINT16_MAX) {
		VC_LOG(ERR, "device config: max_dataqueues %u is not usable",
			fe->cfg.max_dataqueues);
		return -EPROTO;
	}
	fe->nb_vrings = (uint16_t)(fe->cfg.max_dataqueues + 1);
	fe->nb_dataq = RTE_MIN(want, (uint16_t)fe->cfg.max_dataqueues);
	fe->q = calloc(fe->nb_vrings, sizeof(*fe->q));
	if (fe->q == NULL)
		return -ENOMEM;
	for (i = 0; ret == 0 && i < fe->nb_vrings; i++) {
		uint16_t num = i == fe->nb_vrings - 1 ? csize :
			       i < fe->nb_dataq ? qsize : VCRYPTO_FE_IDLE_QUEUE_SIZE;

		ret = alloc_vring(fe, i, num, p->socket_id);
	}
	if (ret == 0)
		ret = fe->t->ops->sync_memory(fe->t, false);
	for (i = 0; ret == 0 && i < fe->nb_vrings - fe->data_only; i++)
		ret = fe->t->ops->setup_queue(fe->t, i, fe->q[i].vq);
	if (ret == 0 && !fe->data_only)
		ret = fe->t->ops->start(fe->t, fe->nb_vrings);
	return ret;
}

/* @p ret is the transport's creation: 0 with fe->t set, or -errno. */
static int
open_on(struct vcrypto_frontend *fe, int ret, const struct vcrypto_frontend_params *params,
		struct vcrypto_frontend **out)
{
	if (ret == 0)
		ret = bring_up(fe, params);
	if (ret < 0) {
		vcrypto_frontend_close(fe);
		return ret;
	}
	*out = fe;
	return 0;
}

int
vcrypto_frontend_open(const struct vcrypto_frontend_params *params,
		struct vcrypto_frontend **out)
{
	struct vcrypto_frontend *fe;
	unsigned int attempt;
	int ret;

	if (params == NULL || params->path == NULL || out == NULL)
		return -EINVAL;
	/*
	 * A back-end that accepted the connection and closed it before its first
	 * reply is still letting go of the previous guest (a quick reconnect):
	 * try again for a bounded time, as QEMU's reconnecting clients do. A
	 * refused connection (no back-end) fails at once.
	 */
	for (attempt = 0;; attempt++) {
		fe = calloc(1, sizeof(*fe));
		if (fe == NULL)
			return -ENOMEM;
		ret = open_on(fe, vcrypto_vu_transport_create(params->path, params->vu_sessions,
							      &fe->t), params, out);
		if ((ret != -ECONNRESET && ret != -EPIPE) || attempt == VCRYPTO_FE_RESET_RETRIES)
			return ret;
		VC_LOG(INFO, "%s: back-end closed the connection at start, retrying",
			params->path);
		rte_delay_ms(VCRYPTO_FE_RESET_DELAY_MS);
	}
}

int
vcrypto_frontend_open_pci(const struct vcrypto_frontend_params *params,
		struct rte_pci_device *dev, struct vcrypto_frontend **out)
{
	struct vcrypto_frontend *fe;

	if (params == NULL || dev == NULL || out == NULL)
		return -EINVAL;
	fe = calloc(1, sizeof(*fe));
	if (fe == NULL)
		return -ENOMEM;
	return open_on(fe, vcrypto_pci_transport_create(dev, &fe->t), params, out);
}

void
vcrypto_frontend_close(struct vcrypto_frontend *fe)
{
	uint16_t i;

	if (fe == NULL)
		return;
	/* The device lets go of the rings before we free them. */
	if (fe->t != NULL && fe->q != NULL)
		fe->t->ops->stop(fe->t, fe->nb_vrings);
	if (fe->t != NULL)
		fe->t->ops->destroy(fe->t);
	for (i = 0; fe->q != NULL && i < fe->nb_vrings; i++) {
		vcrypto_vq_free(fe->q[i].vq);
		vcrypto_dma_free(fe->q[i].ring);
		vcrypto_dma_free(fe->q[i].indirect);
	}
	free(fe->q);
	free(fe);
}

const struct vcrypto_config *
vcrypto_frontend_config(const struct vcrypto_frontend *fe)
{
	return &fe->cfg;
}

uint64_t
vcrypto_frontend_features(const struct vcrypto_frontend *fe)
{
	return fe->features;
}

uint16_t
vcrypto_frontend_nb_dataq(const struct vcrypto_frontend *fe)
{
	return fe->nb_dataq;
}

struct vcrypto_vq *
vcrypto_frontend_dataq(struct vcrypto_frontend *fe, uint16_t i)
{
	return i < fe->nb_dataq ? fe->q[i].vq : NULL;
}

struct vcrypto_vq *
vcrypto_frontend_ctrlq(struct vcrypto_frontend *fe)
{
	return fe->q[fe->nb_vrings - 1].vq;
}

bool
vcrypto_frontend_addr_is_va(const struct vcrypto_frontend *fe)
{
	return fe->t->addr_is_va;
}

uint64_t
vcrypto_frontend_addr(const struct vcrypto_frontend *fe, const void *va)
{
	if (fe->t->addr_is_va)
		return (uint64_t)(uintptr_t)va;
	return rte_mem_virt2iova(va); /* memzone memory: IOVA-contiguous */
}

int
vcrypto_frontend_sync_memory(struct vcrypto_frontend *fe)
{
	return fe->t->ops->sync_memory(fe->t, false);
}

int
vcrypto_frontend_sync_memory_locked(struct vcrypto_frontend *fe)
{
	return fe->t->ops->sync_memory(fe->t, true);
}

bool
vcrypto_frontend_config_assumed(const struct vcrypto_frontend *fe)
{
	return fe->cfg_assumed;
}

int
vcrypto_frontend_session_msg(struct vcrypto_frontend *fe, void *payload, uint32_t len)
{
	if (fe->t->ops->session_create == NULL)
		return -ENOTSUP;
	return fe->t->ops->session_create(fe->t, payload, len);
}

int
vcrypto_frontend_session_msg_close(struct vcrypto_frontend *fe, uint64_t session_id)
{
	if (fe->t->ops->session_close == NULL)
		return -ENOTSUP;
	return fe->t->ops->session_close(fe->t, session_id);
}

bool
vcrypto_frontend_link_down(struct vcrypto_frontend *fe)
{
	return fe->t->ops->link_down != NULL && fe->t->ops->link_down(fe->t);
}

int
vcrypto_frontend_reconnect(struct vcrypto_frontend *fe)
{
	struct vcrypto_config cfg = fe->cfg;
	uint64_t features = fe->features;
	uint16_t i;
	int ret;

	if (fe->t->ops->reconnect == NULL || fe->data_only)
		return -ENOTSUP;
	for (i = 0; i < fe->nb_vrings; i++)
		if (vcrypto_vq_in_flight(fe->q[i].vq) > 0 &&
		    fe->q[i].vq != vcrypto_frontend_ctrlq(fe))
			return -EBUSY;
	ret = fe->t->ops->reconnect(fe->t);
	if (ret < 0)
		return ret;
	ret = negotiate(fe, fe->driver_features);
	if (ret == 0 && fe->features != features) {
		VC_LOG(ERR, "reconnect: the back-end now negotiates features %#" PRIx64
			", not %#" PRIx64 " as before", fe->features, features);
		ret = -EPROTO;
	}
	if (ret == 0 && !fe->cfg_assumed) {
		ret = fe->t->ops->read_config(fe->t, &cfg);
		vcrypto_config_convert(&cfg);
		if (ret == 0 && cfg.max_dataqueues != fe->cfg.max_dataqueues) {
			VC_LOG(ERR, "reconnect: the back-end now has %u data queues, not %u",
				cfg.max_dataqueues, fe->cfg.max_dataqueues);
			ret = -EPROTO;
		}
	}
	if (ret == 0)
		ret = fe->t->ops->sync_memory(fe->t, false);
	for (i = 0; ret == 0 && i < fe->nb_vrings; i++) {
		/* Control requests that timed out are forgotten with the device. */
		void *drop[64];

		while (vcrypto_vq_take_in_flight(fe->q[i].vq, drop, RTE_DIM(drop)) > 0)
			;
		vcrypto_vq_reset(fe->q[i].vq);
		ret = fe->t->ops->setup_queue(fe->t, i, fe->q[i].vq);
	}
	if (ret == 0)
		ret = fe->t->ops->start(fe->t, fe->nb_vrings);
	return ret;
}

struct vcrypto_vu_client *
vcrypto_frontend_vu_client(struct vcrypto_frontend *fe)
{
	return vcrypto_vu_transport_client(fe->t);
}
