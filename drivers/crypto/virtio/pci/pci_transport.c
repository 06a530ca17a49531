/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The modern virtio PCI transport (virtio 1.2, section 4.1): the device is a
 * PCI function whose vendor-specific capabilities point into its BARs at the
 * common, notify, ISR and device-specific configuration structures. Rings and
 * buffers are DMA'd by the device, so descriptors carry IOVAs. Only virtio
 * 1.0+ devices are driven (no legacy I/O-port interface). The driver polls:
 * no interrupt vector is configured.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_io.h>
#include <rte_memory.h>

#include "vcrypto_transport.h"
#include "virtio_crypto_log.h"

/* PCI configuration space. */
#define PCI_STATUS_REG      0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_CAP_PTR         0x34
#define PCI_CAP_ID_VNDR     0x09
/** A capability list longer than this is a loop. */
#define PCI_MAX_CAPS        48

/* virtio_pci_cap.cfg_type */
enum {
	CAP_COMMON = 1,
	CAP_NOTIFY = 2,
	CAP_ISR = 3,
	CAP_DEVICE = 4,
	CAP_PCI_CFG = 5,
	CAP_TYPES
};

/** struct virtio_pci_cap (16 bytes) plus the notify multiplier (4). */
struct vpci_cap {
	uint8_t cap_vndr;
	uint8_t cap_next;
	uint8_t cap_len;
	uint8_t cfg_type;
	uint8_t bar;
	uint8_t id;
	uint8_t padding[2];
	uint32_t offset;
	uint32_t length;
	uint32_t notify_off_multiplier; /**< CAP_NOTIFY only */
};

/* Offsets in the common configuration structure (virtio_pci_common_cfg). */
#define CC_DEVICE_FEATURE_SELECT 0
#define CC_DEVICE_FEATURE        4
#define CC_DRIVER_FEATURE_SELECT 8
#define CC_DRIVER_FEATURE        12
#define CC_MSIX_CONFIG           16
#define CC_NUM_QUEUES            18
#define CC_DEVICE_STATUS         20
#define CC_CONFIG_GENERATION     21
#define CC_QUEUE_SELECT          22
#define CC_QUEUE_SIZE            24
#define CC_QUEUE_MSIX_VECTOR     26
#define CC_QUEUE_ENABLE          28
#define CC_QUEUE_NOTIFY_OFF      30
#define CC_QUEUE_DESC            32
#define CC_QUEUE_DRIVER          40
#define CC_QUEUE_DEVICE          48
#define CC_LEN                   56

/* Device status bits (virtio 1.2, 2.1). */
#define ST_ACKNOWLEDGE 1
#define ST_DRIVER      2
#define ST_DRIVER_OK   4
#define ST_FEATURES_OK 8
#define ST_FAILED      128

#define NO_VECTOR 0xffff
/** How long a reset may take before the device is declared dead. */
#define RESET_TIMEOUT_MS 1000
/** Config reads retried while config_generation moves. */
#define CONFIG_RETRIES 16

/** Where one vring is notified. */
struct vpci_queue {
	struct vcrypto_pci_transport *p;
	uint16_t index;
	volatile uint16_t *notify; /**< inside the notify structure */
};

struct vcrypto_pci_transport {
	struct vcrypto_transport base;
	struct rte_pci_device *dev;
	uint8_t *common;     /**< common configuration structure */
	uint8_t *notify;     /**< notify structure */
	uint32_t notify_len; /**< its length */
	uint32_t notify_mult; /**< notify_off_multiplier */
	uint8_t *isr;        /**< ISR status (unused: the driver polls) */
	uint8_t *device;     /**< device-specific configuration */
	uint32_t device_len; /**< its length */
	uint16_t num_queues; /**< vrings the device has */
	struct vpci_queue *q; /**< num_queues entries */
};

static struct vcrypto_pci_transport *
vpci(struct vcrypto_transport *t)
{
	return (struct vcrypto_pci_transport *)t;
}

/* ---- register access (little-endian, natural width) -------------------- */

static uint8_t
cc_read8(const struct vcrypto_pci_transport *p, unsigned int off)
{
	return rte_read8(p->common + off);
}

static uint16_t
cc_read16(const struct vcrypto_pci_transport *p, unsigned int off)
{
	return rte_le_to_cpu_16(rte_read16(p->common + off));
}

static uint32_t
cc_read32(const struct vcrypto_pci_transport *p, unsigned int off)
{
	return rte_le_to_cpu_32(rte_read32(p->common + off));
}

static void
cc_write8(struct vcrypto_pci_transport *p, unsigned int off, uint8_t v)
{
	rte_write8(v, p->common + off);
}

static void
cc_write16(struct vcrypto_pci_transport *p, unsigned int off, uint16_t v)
{
	rte_write16(rte_cpu_to_le_16(v), p->common + off);
}

static void
cc_write32(struct vcrypto_pci_transport *p, unsigned int off, uint32_t v)
{
	rte_write32(rte_cpu_to_le_32(v), p->common + off);
}

/* 64-bit fields go as two 32-bit writes, low word first (spec 4.1.3.1). */
static void
cc_write64(struct vcrypto_pci_transport *p, unsigned int off, uint64_t v)
{
	cc_write32(p, off, (uint32_t)v);
	cc_write32(p, off + 4, (uint32_t)(v >> 32));
}

static uint8_t
get_status(const struct vcrypto_pci_transport *p)
{
	return cc_read8(p, CC_DEVICE_STATUS);
}

static void
add_status(struct vcrypto_pci_transport *p, uint8_t bits)
{
	cc_write8(p, CC_DEVICE_STATUS, get_status(p) | bits);
}

/* Writing 0 resets; the reset is done when status reads back 0 (4.1.4.3.2). */
static int
reset_device(struct vcrypto_pci_transport *p)
{
	uint64_t deadline = rte_get_timer_cycles() + rte_get_timer_hz() * RESET_TIMEOUT_MS / 1000;

	cc_write8(p, CC_DEVICE_STATUS, 0);
	while (get_status(p) != 0) {
		if (rte_get_timer_cycles() > deadline) {
			VC_LOG(ERR, "%s: device did not reset in %d ms", p->dev->name,
				RESET_TIMEOUT_MS);
			return -EIO;
		}
		rte_delay_us_sleep(100);
	}
	return 0;
}

/* ---- capabilities ------------------------------------------------------- */

/*
 * A BAR range a capability names, or NULL when it does not lie inside a
 * mapped memory BAR.
 */
static uint8_t *
cap_map(const struct vcrypto_pci_transport *p, const struct vpci_cap *c)
{
	const struct rte_mem_resource *r;

	if (c->bar >= PCI_MAX_RESOURCE)
		return NULL;
	r = &p->dev->mem_resource[c->bar];
	if (r->addr == NULL || (uint64_t)c->offset + c->length > r->len) {
		VC_LOG(ERR, "%s: virtio structure %u at BAR %u [%#x, +%#x) outside the "
			"mapped BAR (%#" PRIx64 " bytes)", p->dev->name, c->cfg_type, c->bar,
			c->offset, c->length, r->len);
		return NULL;
	}
	return (uint8_t *)r->addr + c->offset;
}

static int
read_cap(const struct rte_pci_device *dev, uint8_t pos, struct vpci_cap *c)
{
	memset(c, 0, sizeof(*c));
	if (rte_pci_read_config(dev, c, 16, pos) != 16)
		return -EIO;
	c->offset = rte_le_to_cpu_32(c->offset);
	c->length = rte_le_to_cpu_32(c->length);
	if (c->cfg_type == CAP_NOTIFY) {
		if (c->cap_len < 20 ||
		    rte_pci_read_config(dev, &c->notify_off_multiplier, 4, pos + 16) != 4)
			return -EIO;
		c->notify_off_multiplier = rte_le_to_cpu_32(c->notify_off_multiplier);
	}
	return 0;
}

/*
 * Walk the capability list for the virtio structures; the first one of each
 * type is used (spec 4.1.4: the driver SHOULD use the first it can support).
 */
static int
find_structures(struct vcrypto_pci_transport *p)
{
	bool seen[CAP_TYPES] = { false };
	uint16_t status = 0;
	uint8_t pos = 0;
	int n;

	if (rte_pci_read_config(p->dev, &status, 2, PCI_STATUS_REG) != 2 ||
	    !(rte_le_to_cpu_16(status) & PCI_STATUS_CAP_LIST) ||
	    rte_pci_read_config(p->dev, &pos, 1, PCI_CAP_PTR) != 1) {
		VC_LOG(ERR, "%s: no PCI capability list", p->dev->name);
		return -ENODEV;
	}
	for (n = 0; pos >= 0x40 && n < PCI_MAX_CAPS; n++) {
		struct vpci_cap c;
		uint8_t *at;

		if (read_cap(p->dev, pos & ~3u, &c) < 0) {
			VC_LOG(ERR, "%s: cannot read PCI capability at %#x", p->dev->name, pos);
			return -EIO;
		}
		pos = c.cap_next;
		if (c.cap_vndr != PCI_CAP_ID_VNDR || c.cfg_type == 0 || c.cfg_type >= CAP_TYPES ||
		    c.cfg_type == CAP_PCI_CFG || seen[c.cfg_type])
			continue;
		at = cap_map(p, &c);
		if (at == NULL)
			continue;
		seen[c.cfg_type] = true;
		switch (c.cfg_type) {
		case CAP_COMMON:
			if (c.length < CC_LEN) {
				seen[c.cfg_type] = false;
				continue;
			}
			p->common = at;
			break;
		case CAP_NOTIFY:
			p->notify = at;
			p->notify_len = c.length;
			p->notify_mult = c.notify_off_multiplier;
			break;
		case CAP_ISR:
			p->isr = at;
			break;
		case CAP_DEVICE:
			p->device = at;
			p->device_len = c.length;
			break;
		default:
			break;
		}
		VC_LOG(DEBUG, "%s: virtio structure %u: BAR %u offset %#x length %#x",
			p->dev->name, c.cfg_type, c.bar, c.offset, c.length);
	}
	if (p->common == NULL || p->notify == NULL || p->device == NULL) {
		VC_LOG(ERR, "%s: not a modern virtio device (common %s, notify %s, device "
			"config %s); legacy virtio is not supported", p->dev->name,
			p->common ? "found" : "missing", p->notify ? "found" : "missing",
			p->device ? "found" : "missing");
		return -ENODEV;
	}
	return 0;
}

/* ---- ops ---------------------------------------------------------------- */

static int
pci_get_features(struct vcrypto_transport *t, uint64_t *features)
{
	struct vcrypto_pci_transport *p = vpci(t);
	uint32_t lo, hi;

	cc_write32(p, CC_DEVICE_FEATURE_SELECT, 0);
	lo = cc_read32(p, CC_DEVICE_FEATURE);
	cc_write32(p, CC_DEVICE_FEATURE_SELECT, 1);
	hi = cc_read32(p, CC_DEVICE_FEATURE);
	*features = (uint64_t)hi << 32 | lo;
	return 0;
}

static int
pci_set_features(struct vcrypto_transport *t, uint64_t features)
{
	struct vcrypto_pci_transport *p = vpci(t);

	if (!(features & (1ULL << VCRYPTO_VIRTIO_F_VERSION_1))) {
		VC_LOG(ERR, "%s: device does not offer VIRTIO_F_VERSION_1; only modern "
			"(virtio 1.0+) PCI devices are supported", p->dev->name);
		return -ENOTSUP;
	}
	cc_write32(p, CC_DRIVER_FEATURE_SELECT, 0);
	cc_write32(p, CC_DRIVER_FEATURE, (uint32_t)features);
	cc_write32(p, CC_DRIVER_FEATURE_SELECT, 1);
	cc_write32(p, CC_DRIVER_FEATURE, (uint32_t)(features >> 32));
	add_status(p, ST_FEATURES_OK);
	if (!(get_status(p) & ST_FEATURES_OK)) {
		VC_LOG(ERR, "%s: device refused features %#" PRIx64 " (FEATURES_OK cleared)",
			p->dev->name, features);
		add_status(p, ST_FAILED);
		return -ENOTSUP;
	}
	p->num_queues = cc_read16(p, CC_NUM_QUEUES);
	p->q = calloc(p->num_queues ? p->num_queues : 1, sizeof(*p->q));
	return p->q == NULL ? -ENOMEM : 0;
}

/* Read the device config twice around config_generation until stable. */
static int
pci_read_config(struct vcrypto_transport *t, struct vcrypto_config *cfg)
{
	struct vcrypto_pci_transport *p = vpci(t);
	uint32_t words[sizeof(*cfg) / 4];
	uint32_t n = RTE_MIN(p->device_len, (uint32_t)sizeof(*cfg)) / 4, i;
	uint8_t before, after;
	int tries;

	for (tries = 0; tries < CONFIG_RETRIES; tries++) {
		memset(words, 0, sizeof(words));
		before = cc_read8(p, CC_CONFIG_GENERATION);
		/* Every field is 32 bits wide, max_size two aligned halves. */
		for (i = 0; i < n; i++)
			words[i] = rte_read32(p->device + 4 * i);
		after = cc_read8(p, CC_CONFIG_GENERATION);
		if (before == after) {
			/* Wire (little-endian) order, as vhost-user delivers it. */
			memcpy(cfg, words, sizeof(*cfg));
			if (n * 4 < sizeof(*cfg))
				VC_LOG(WARNING, "%s: device config is %u bytes, not %zu; "
					"missing fields read as 0", p->dev->name,
					p->device_len, sizeof(*cfg));
			return 0;
		}
	}
	VC_LOG(ERR, "%s: device config keeps changing (config_generation)", p->dev->name);
	return -EIO;
}

static int
pci_sync_memory(struct vcrypto_transport *t __rte_unused, bool mem_locked __rte_unused)
{
	return 0; /* the device reaches all DMA memory by IOVA */
}

static int
pci_queue_max(struct vcrypto_transport *t, uint16_t index, uint16_t *max)
{
	struct vcrypto_pci_transport *p = vpci(t);

	if (index >= p->num_queues)
		return -ENOENT;
	cc_write16(p, CC_QUEUE_SELECT, index);
	*max = cc_read16(p, CC_QUEUE_SIZE);
	return *max == 0 ? -ENOENT : 0;
}

static void
pci_notify(void *arg)
{
	const struct vpci_queue *q = arg;

	/* Without VIRTIO_F_NOTIFICATION_DATA the value is the queue index. */
	rte_write16(rte_cpu_to_le_16(q->index), q->notify);
}

static int
pci_setup_queue(struct vcrypto_transport *t, uint16_t index, struct vcrypto_vq *vq)
{
	struct vcrypto_pci_transport *p = vpci(t);
	struct vpci_queue *q;
	uint16_t max;
	uint64_t off;
	rte_iova_t desc = rte_mem_virt2iova(vq->desc);
	rte_iova_t avail = rte_mem_virt2iova(vq->avail);
	rte_iova_t used = rte_mem_virt2iova(vq->used);

	if (pci_queue_max(t, index, &max) < 0 || vq->num > max) {
		VC_LOG(ERR, "%s: vring %u: size %u not possible (device has %u vrings)",
			p->dev->name, index, vq->num, p->num_queues);
		return -EINVAL;
	}
	if (desc == RTE_BAD_IOVA || avail == RTE_BAD_IOVA || used == RTE_BAD_IOVA) {
		VC_LOG(ERR, "%s: vring %u: no IOVA for ring memory", p->dev->name, index);
		return -EFAULT;
	}
	off = (uint64_t)cc_read16(p, CC_QUEUE_NOTIFY_OFF) * p->notify_mult;
	if (off + sizeof(uint16_t) > p->notify_len) {
		VC_LOG(ERR, "%s: vring %u: notify offset %#" PRIx64 " beyond the notify "
			"structure (%#x bytes)", p->dev->name, index, off, p->notify_len);
		return -EINVAL;
	}
	cc_write16(p, CC_QUEUE_SIZE, vq->num);
	cc_write16(p, CC_QUEUE_MSIX_VECTOR, NO_VECTOR);
	cc_write64(p, CC_QUEUE_DESC, desc);
	cc_write64(p, CC_QUEUE_DRIVER, avail);
	cc_write64(p, CC_QUEUE_DEVICE, used);
	q = &p->q[index];
	q->p = p;
	q->index = index;
	q->notify = (volatile uint16_t *)(p->notify + off);
	vcrypto_vq_set_notify(vq, pci_notify, q);
	VC_LOG(DEBUG, "%s: vring %u: %u entries, desc %#" PRIx64 " notify +%#" PRIx64,
		p->dev->name, index, vq->num, desc, off);
	return 0;
}

/* queue_enable = 1 for every ring (0 is never written: 4.1.4.3.2), then DRIVER_OK. */
static int
pci_start(struct vcrypto_transport *t, uint16_t nb_vrings)
{
	struct vcrypto_pci_transport *p = vpci(t);
	uint16_t i;

	for (i = 0; i < nb_vrings; i++) {
		cc_write16(p, CC_QUEUE_SELECT, i);
		cc_write16(p, CC_QUEUE_ENABLE, 1);
	}
	add_status(p, ST_DRIVER_OK);
	if (get_status(p) & ST_FAILED) {
		VC_LOG(ERR, "%s: device failed at DRIVER_OK", p->dev->name);
		return -EIO;
	}
	return 0;
}

/* A reset is the only way to take rings back from a virtio 1.x device. */
static void
pci_stop(struct vcrypto_transport *t, uint16_t nb_vrings __rte_unused)
{
	reset_device(vpci(t));
}

static void
pci_destroy(struct vcrypto_transport *t)
{
	struct vcrypto_pci_transport *p = vpci(t);

	if (p->common != NULL && get_status(p) != 0)
		reset_device(p);
	free(p->q);
	free(p);
}

static const struct vcrypto_transport_ops pci_ops = {
	.name = "virtio-pci",
	.get_features = pci_get_features,
	.set_features = pci_set_features,
	.read_config = pci_read_config,
	.sync_memory = pci_sync_memory,
	.queue_max = pci_queue_max,
	.setup_queue = pci_setup_queue,
	.start = pci_start,
	.stop = pci_stop,
	.destroy = pci_destroy,
};

int
vcrypto_pci_transport_create(struct rte_pci_device *dev, struct vcrypto_transport **out)
{
	struct vcrypto_pci_transport *p;
	int ret;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return -ENOMEM;
	p->base.ops = &pci_ops;
	p->base.addr_is_va = false;
	p->dev = dev;
	ret = find_structures(p);
	if (ret == 0)
		ret = reset_device(p);
	if (ret < 0) {
		pci_destroy(&p->base);
		return ret;
	}
	/* 3.1.1: reset, ACKNOWLEDGE, DRIVER; features come next. */
	add_status(p, ST_ACKNOWLEDGE);
	add_status(p, ST_DRIVER);
	*out = &p->base;
	return 0;
}
