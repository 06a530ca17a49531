/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "e2e_dev.h"

/* Two bursts (source and destination) of the largest buffers, plus slack. */
/* Up to three segments each for source and destination. */
#define E2E_NB_MBUFS (8 * E2E_MAX_BURST)
#define E2E_NB_OPS (4 * E2E_MAX_BURST)
#define E2E_NB_SESS 64
#define E2E_QP_DESCS 512
/* Largest data room an mbuf can have: its length fields are 16-bit. */
#define E2E_DATA_ROOM UINT16_MAX

int
e2e_dev_open(struct e2e_dev *dev, const char *name, unsigned int timeout_ms)
{
	return e2e_dev_open_qps(dev, name, timeout_ms, 1);
}

int
e2e_dev_open_qps(struct e2e_dev *dev, const char *name, unsigned int timeout_ms,
		 uint16_t nb_qps)
{
	char pname[RTE_MEMPOOL_NAMESIZE];
	uint16_t q;
	struct rte_cryptodev_config conf = { 0 };
	struct rte_cryptodev_qp_conf qp_conf = { 0 };
	struct rte_cryptodev_info info;
	int id, socket, ret;

	memset(dev, 0, sizeof(*dev));
	dev->timeout_ms = timeout_ms;
	id = rte_cryptodev_get_dev_id(name);
	if (id < 0) {
		uint8_t i, count = rte_cryptodev_count();

		printf("no cryptodev named %s; %u present:", name, count);
		for (i = 0; i < RTE_CRYPTO_MAX_DEVS; i++)
			if (rte_cryptodev_is_valid_dev(i))
				printf(" %s", rte_cryptodev_name_get(i));
		printf("\n");
		return -ENODEV;
	}
	dev->dev_id = (uint8_t)id;
	socket = rte_cryptodev_socket_id(dev->dev_id);
	if (socket < 0)
		socket = (int)rte_socket_id();
	rte_cryptodev_info_get(dev->dev_id, &info);
	dev->feature_flags = info.feature_flags;
	printf("device %s: id %d, driver %s, %u queue pairs max\n", name, id,
	       info.driver_name, info.max_nb_queue_pairs);

	/* Pool names carry the device id: a test may open two devices. */
	snprintf(pname, sizeof(pname), "e2e_sess%d", id);
	dev->sess_pool = rte_cryptodev_sym_session_pool_create(pname, E2E_NB_SESS,
			rte_cryptodev_sym_get_private_session_size(dev->dev_id), 0, 0, socket);
	snprintf(pname, sizeof(pname), "e2e_ops%d", id);
	dev->op_pool = rte_crypto_op_pool_create(pname, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
			E2E_NB_OPS, 0, E2E_OP_PRIV, socket);
	snprintf(pname, sizeof(pname), "e2e_mbufs%d", id);
	dev->mbuf_pool = rte_pktmbuf_pool_create(pname, E2E_NB_MBUFS, 0, 0,
			E2E_DATA_ROOM, socket);
	if (dev->sess_pool == NULL || dev->op_pool == NULL || dev->mbuf_pool == NULL) {
		printf("pool creation failed: %s\n", rte_strerror(rte_errno));
		e2e_dev_close(dev);
		return -ENOMEM;
	}

	if (nb_qps > E2E_MAX_QPS)
		nb_qps = E2E_MAX_QPS;
	if (nb_qps > info.max_nb_queue_pairs)
		nb_qps = info.max_nb_queue_pairs;
	if (nb_qps == 0)
		nb_qps = 1;
	dev->nb_qps = nb_qps;
	conf.socket_id = socket;
	conf.nb_queue_pairs = nb_qps;
	ret = rte_cryptodev_configure(dev->dev_id, &conf);
	if (ret < 0) {
		printf("rte_cryptodev_configure: %d\n", ret);
		e2e_dev_close(dev);
		return ret;
	}
	qp_conf.nb_descriptors = E2E_QP_DESCS;
	qp_conf.mp_session = dev->sess_pool;
	for (q = 0; q < nb_qps; q++) {
		ret = rte_cryptodev_queue_pair_setup(dev->dev_id, q, &qp_conf, socket);
		if (ret < 0) {
			printf("rte_cryptodev_queue_pair_setup(%u): %d\n", q, ret);
			e2e_dev_close(dev);
			return ret;
		}
	}
	ret = rte_cryptodev_start(dev->dev_id);
	if (ret < 0) {
		printf("rte_cryptodev_start: %d\n", ret);
		e2e_dev_close(dev);
		return ret;
	}
	return 0;
}

void
e2e_dev_close(struct e2e_dev *dev)
{
	if (rte_cryptodev_is_valid_dev(dev->dev_id) && dev->op_pool != NULL) {
		rte_cryptodev_stop(dev->dev_id);
		rte_cryptodev_close(dev->dev_id);
	}
	rte_mempool_free(dev->mbuf_pool);
	rte_mempool_free(dev->op_pool);
	rte_mempool_free(dev->sess_pool);
	dev->mbuf_pool = dev->op_pool = dev->sess_pool = NULL;
}

void *
e2e_dev_cbc_session(struct e2e_dev *dev, int encrypt, const uint8_t *key,
		    uint32_t key_len, char *why, size_t why_len)
{
	struct rte_crypto_sym_xform xf = { 0 };
	void *sess;

	xf.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	xf.cipher.op = encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT : RTE_CRYPTO_CIPHER_OP_DECRYPT;
	xf.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	xf.cipher.key.data = key;
	xf.cipher.key.length = (uint16_t)key_len;
	xf.cipher.iv.offset = E2E_IV_OFFSET;
	xf.cipher.iv.length = 16;
	sess = rte_cryptodev_sym_session_create(dev->dev_id, &xf, dev->sess_pool);
	if (sess == NULL)
		snprintf(why, why_len, "session create (%s, %u-byte key) failed: %s",
			 encrypt ? "encrypt" : "decrypt", key_len, rte_strerror(rte_errno));
	return sess;
}

void
e2e_dev_session_free(struct e2e_dev *dev, void *sess)
{
	if (sess != NULL)
		rte_cryptodev_sym_session_free(dev->dev_id, sess);
}

struct rte_mbuf *
e2e_dev_mbuf(struct e2e_dev *dev, const uint8_t *data, uint32_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(dev->mbuf_pool);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	/* The largest sizes need the headroom too. */
	if (len > rte_pktmbuf_tailroom(m))
		m->data_off = 0;
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
	if (len > UINT16_MAX || p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	if (data != NULL)
		memcpy(p, data, len);
	else
		memset(p, 0xa5, len);
	return m;
}

int
e2e_dev_run(struct e2e_dev *dev, struct rte_crypto_op **ops, uint16_t n)
{
	return e2e_dev_run_qp(dev, dev->qp_id, ops, n);
}

int
e2e_dev_run_qp(struct e2e_dev *dev, uint16_t qp, struct rte_crypto_op **ops, uint16_t n)
{
	struct rte_crypto_op *out[E2E_MAX_BURST];
	uint64_t deadline = rte_get_timer_cycles() +
			    rte_get_timer_hz() * dev->timeout_ms / 1000;
	uint16_t sent = 0, got = 0, i, j, k;

	while (got < n) {
		if (sent < n)
			sent += rte_cryptodev_enqueue_burst(dev->dev_id, qp,
							    ops + sent, n - sent);
		k = rte_cryptodev_dequeue_burst(dev->dev_id, qp, out, n - got);
		for (i = 0; i < k; i++) {
			for (j = 0; j < n && ops[j] != out[i]; j++)
				;
			if (j == n) {
				printf("device returned an op that was not submitted\n");
				dev->broken = 1;
				return -EIO;
			}
		}
		got += k;
		if (got < n && rte_get_timer_cycles() > deadline) {
			printf("timeout after %u ms: %u of %u enqueued, %u dequeued\n",
			       dev->timeout_ms, sent, n, got);
			dev->broken = 1;
			return -ETIMEDOUT;
		}
	}
	return 0;
}
