/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "raw_req.h"

#define MAX_CHAINS 32

int
raw_dev_open(struct raw_dev *d, const char *path, uint64_t features, unsigned int timeout_ms)
{
	struct vcrypto_frontend_params p = {
		.path = path,
		.nb_queues = 1,
		.queue_size = 256,
		.socket_id = SOCKET_ID_ANY,
		.driver_features = features,
	};
	int ret;

	memset(d, 0, sizeof(*d));
	d->timeout_ms = timeout_ms;
	ret = vcrypto_frontend_open(&p, &d->fe);
	if (ret != 0) {
		printf("cannot open the device at %s: %s\n", path, strerror(-ret));
		return ret;
	}
	d->rev1 = vcrypto_frontend_has(d->fe, VIRTIO_CRYPTO_F_REVISION_1);
	return 0;
}

void
raw_dev_close(struct raw_dev *d)
{
	vcrypto_frontend_close(d->fe);
	d->fe = NULL;
}

/*
 * Add @p n chains (each bufs[i], n_out[i] readable then n_in[i] writable) to
 * @p vq with one kick, and wait for all. @return 0 or -errno with @p why set.
 */
static int
run_chains(struct raw_dev *d, struct vcrypto_vq *vq, struct vcrypto_vq_buf (*bufs)[5],
	   const uint16_t *n_out, const uint16_t *n_in, unsigned int n,
	   char *why, size_t why_len)
{
	uint64_t deadline = rte_get_timer_cycles() + rte_get_timer_hz() * d->timeout_ms / 1000;
	int done[MAX_CHAINS] = { 0 };
	unsigned int i, got = 0;
	int ret;

	if (n > MAX_CHAINS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		/* the cookie is the request number, offset so it is never NULL */
		ret = vcrypto_vq_add(vq, bufs[i], n_out[i], n_in[i], (void *)(uintptr_t)(i + 1));
		if (ret < 0) {
			snprintf(why, why_len, "vcrypto_vq_add: %s", strerror(-ret));
			return ret;
		}
	}
	ret = vcrypto_vq_kick(vq);
	if (ret < 0) {
		snprintf(why, why_len, "vcrypto_vq_kick: %s", strerror(-ret));
		return ret;
	}
	while (got < n) {
		struct vcrypto_vq_used u[MAX_CHAINS];
		int k = vcrypto_vq_get_used(vq, u, MAX_CHAINS);

		if (k < 0) {
			snprintf(why, why_len, "the queue broke (device misbehaved): %s",
				 strerror(-k));
			return -EIO;
		}
		for (i = 0; i < (unsigned int)k; i++) {
			uintptr_t c = (uintptr_t)u[i].cookie;

			if (c == 0 || c > n || done[c - 1]) {
				snprintf(why, why_len, "completion with a bad cookie %zu",
					 (size_t)c);
				return -EIO;
			}
			done[c - 1] = 1;
		}
		got += k;
		if (got < n && rte_get_timer_cycles() > deadline) {
			snprintf(why, why_len, "%u of %u requests not completed within %u ms"
				 " (device hangs on them)", n - got, n, d->timeout_ms);
			return -ETIMEDOUT;
		}
		if (k == 0)
			rte_pause();
	}
	return 0;
}

/* A zeroed control request of the negotiated layout; returns its length. */
static uint32_t
ctrl_init(struct raw_dev *d, struct vcrypto_ctrl_req *req, uint32_t opcode, uint32_t algo)
{
	memset(req, 0, sizeof(*req));
	req->header.opcode = vcrypto_to_le32(opcode);
	req->header.algo = vcrypto_to_le32(algo);
	req->header.queue_id = vcrypto_to_le32(0);
	return vcrypto_ctrl_fixed_len(opcode, d->rev1);
}

int
raw_cbc_session_create(struct raw_dev *d, int encrypt, const uint8_t *key, uint32_t key_len,
		       uint64_t *session_id, char *why, size_t why_len)
{
	struct vcrypto_ctrl_req *req = rte_zmalloc(NULL, sizeof(*req), 64);
	struct vcrypto_create_session_input *in = rte_zmalloc(NULL, sizeof(*in), 64);
	uint8_t *k = rte_zmalloc(NULL, key_len, 64);
	struct vcrypto_vq_buf bufs[1][5];
	uint16_t n_out = 2, n_in = 1;
	uint32_t len;
	int ret = -ENOMEM;

	if (req == NULL || in == NULL || k == NULL) {
		snprintf(why, why_len, "out of DPDK memory");
		goto out;
	}
	len = ctrl_init(d, req, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req->u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	req->u.sym.u.cipher.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req->u.sym.u.cipher.key_len = vcrypto_to_le32(key_len);
	req->u.sym.u.cipher.op = vcrypto_to_le32(encrypt ? VIRTIO_CRYPTO_OP_ENCRYPT :
							  VIRTIO_CRYPTO_OP_DECRYPT);
	memcpy(k, key, key_len);
	/* a status the device never writes, so a missing answer shows */
	in->status = vcrypto_to_le32(0xffffffff);
	bufs[0][0] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, req), len };
	bufs[0][1] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, k), key_len };
	bufs[0][2] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, in), sizeof(*in) };
	ret = run_chains(d, vcrypto_frontend_ctrlq(d->fe), bufs, &n_out, &n_in, 1,
			 why, why_len);
	if (ret != 0)
		goto out;
	ret = (int)vcrypto_le32(in->status);
	if (ret != VIRTIO_CRYPTO_OK)
		snprintf(why, why_len, "create session answered status %d (%s)", ret,
			 vcrypto_status_str((uint32_t)ret));
	else
		*session_id = vcrypto_le64(in->session_id);
out:
	rte_free(req);
	rte_free(in);
	rte_free(k);
	return ret;
}

int
raw_session_destroy(struct raw_dev *d, uint64_t session_id, char *why, size_t why_len)
{
	struct vcrypto_ctrl_req *req = rte_zmalloc(NULL, sizeof(*req), 64);
	struct vcrypto_destroy_session_input *in = rte_zmalloc(NULL, sizeof(*in), 64);
	struct vcrypto_vq_buf bufs[1][5];
	uint16_t n_out = 1, n_in = 1;
	uint32_t len;
	int ret = -ENOMEM;

	if (req == NULL || in == NULL) {
		snprintf(why, why_len, "out of DPDK memory");
		goto out;
	}
	len = ctrl_init(d, req, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, 0);
	req->u.destroy.session_id = vcrypto_to_le64(session_id);
	in->status = 0xff;
	bufs[0][0] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, req), len };
	bufs[0][1] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, in), sizeof(*in) };
	ret = run_chains(d, vcrypto_frontend_ctrlq(d->fe), bufs, &n_out, &n_in, 1,
			 why, why_len);
	if (ret == 0)
		ret = in->status;
out:
	rte_free(req);
	rte_free(in);
	return ret;
}

int
raw_cipher_req_make(struct raw_dev *d, struct raw_cipher_req *r, uint64_t session_id,
		    const uint8_t *iv, const uint8_t *src, uint32_t len)
{
	struct vcrypto_data_req *q;

	memset(r, 0, sizeof(*r));
	r->len = len;
	r->req = q = rte_zmalloc(NULL, sizeof(*q), 64);
	r->iv = rte_zmalloc(NULL, 16, 64);
	r->src = rte_zmalloc(NULL, len, 64);
	r->dst = rte_zmalloc(NULL, len, 64);
	r->status = rte_zmalloc(NULL, 1, 64);
	if (q == NULL || r->iv == NULL || r->src == NULL || r->dst == NULL || r->status == NULL) {
		raw_cipher_req_free(r);
		return -ENOMEM;
	}
	q->header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	q->header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	q->header.session_id = vcrypto_to_le64(session_id);
	/* REVISION_1 devices may refuse a request without SESSION_MODE */
	q->header.flag = vcrypto_to_le32(d->rev1 ? VIRTIO_CRYPTO_FLAG_SESSION_MODE : 0);
	q->u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	q->u.sym.u.cipher.iv_len = vcrypto_to_le32(16);
	q->u.sym.u.cipher.src_data_len = vcrypto_to_le32(len);
	q->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(len);
	memcpy(r->iv, iv, 16);
	memcpy(r->src, src, len);
	memset(r->dst, 0x5a, len);
	*r->status = 0xff;
	return 0;
}

void
raw_cipher_req_free(struct raw_cipher_req *r)
{
	rte_free(r->req);
	rte_free(r->iv);
	rte_free(r->src);
	rte_free(r->dst);
	rte_free(r->status);
	memset(r, 0, sizeof(*r));
}

int
raw_cipher_run(struct raw_dev *d, struct raw_cipher_req *r, unsigned int n,
	       char *why, size_t why_len)
{
	struct vcrypto_vq_buf bufs[MAX_CHAINS][5];
	uint16_t n_out[MAX_CHAINS], n_in[MAX_CHAINS];
	unsigned int i;

	if (n > MAX_CHAINS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		uint32_t flen = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_ENCRYPT, d->rev1, 0);

		/* spec order: header, iv, src | dst, status */
		bufs[i][0] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, r[i].req), flen };
		bufs[i][1] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, r[i].iv), 16 };
		bufs[i][2] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, r[i].src), r[i].len };
		bufs[i][3] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, r[i].dst), r[i].len };
		bufs[i][4] = (struct vcrypto_vq_buf){ vcrypto_frontend_addr(d->fe, r[i].status), 1 };
		n_out[i] = 3;
		n_in[i] = 2;
	}
	return run_chains(d, vcrypto_frontend_dataq(d->fe, 0), bufs, n_out, n_in, n,
			  why, why_len);
}
