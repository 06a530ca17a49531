/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vcrypto-test-hostile: a hostile guest (A) against a real backend process,
 * while a well-behaved guest (B) uses a second device of the same backend.
 * A writes its rings by hand (hostile_ring.h) and sends malformed rings and
 * requests of every kind; for each case the test checks what the backend
 * wrote: the exact status byte, or nothing at all (used length 0) for a
 * chain whose status byte cannot be trusted, or a queue the backend stopped
 * (an index or head out of range; A then reconnects). After every case A's
 * device must still answer a good request correctly (unless it stopped the
 * queue) and B must get the right AES-CBC ciphertext (NIST SP 800-38A
 * F.2.1). The backend must stay up: a dead backend fails every later check.
 * Runs once per request layout (legacy 72-byte, then REVISION_1).
 *
 *   vcrypto-test-hostile [EAL] -- --path-a SOCK --path-b SOCK
 *                                 [--timeout-ms MS] [--max-sessions N]
 *
 * --max-sessions must be the backend's value (it is filled to NOSPC).
 * Prints "PASS name" or "FAIL name: why" per case and "N passed, N failed";
 * exit status 0 only if all passed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "cbc_vectors.h"
#include "hostile_req.h"

#define WHY 256
#define QSIZE 256
#define SILENT_MS 300
#define BOGUS_SID 0x5eed0000deadbeefULL

struct ctx {
	struct hdev a, b;
	const char *path_a, *path_b;
	const char *layout;
	uint64_t features;
	uint64_t sid_a, sid_b;
	uint32_t max_sessions;
	unsigned int timeout_ms;
	const struct cbc_vector *v;
	unsigned int passed, failed;
	bool a_up;       /**< A connected with a working session */
	bool b_up;
	char why[WHY];
};

static void
fail(struct ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->why[0] != '\0')
		return; /* the first reason is the one that matters */
	va_start(ap, fmt);
	vsnprintf(x->why, WHY, fmt, ap);
	va_end(ap);
}

/* A good AES-CBC request on @p d; false with x->why set when it is wrong. */
static bool
good_request(struct ctx *x, struct hdev *d, uint64_t sid, const char *who)
{
	const struct cbc_vector *v = x->v;
	struct hchain c;
	uint32_t len;
	int ret;

	h_cbc_req(d, &c, sid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, v->iv, v->plaintext,
		CBC_VEC_LEN);
	ret = h_run(d, &d->data, &c, &len);
	if (ret != 0) {
		fail(x, "%s: good request not completed (%s)", who, strerror(-ret));
		return false;
	}
	if (h_data_status(d) != VIRTIO_CRYPTO_OK || len != CBC_VEC_LEN + 1 ||
			memcmp(d->mem + M_DST, v->ciphertext, CBC_VEC_LEN) != 0) {
		fail(x, "%s: good request: status %u, used len %u, ciphertext %s", who,
			h_data_status(d), len, memcmp(d->mem + M_DST, v->ciphertext,
			CBC_VEC_LEN) ? "wrong" : "right");
		return false;
	}
	return true;
}

static int
connect_guest(struct ctx *x, struct hdev *d, const char *path, uint64_t *sid)
{
	int st;

	if (hdev_open(d, path, x->features, QSIZE, x->timeout_ms) != 0)
		return -1;
	st = h_create_session(d, x->v->key, x->v->key_len, sid);
	if (st != VIRTIO_CRYPTO_OK) {
		printf("%s: session create answered %d\n", path, st);
		hdev_close(d);
		return -1;
	}
	return 0;
}

/*
 * The backend serves one guest per device and learns that the old one left
 * only when it sees the socket close: a connection made at once may be
 * refused, so retry for a while (bounded).
 */
static void
reconnect_a(struct ctx *x)
{
	unsigned int tries;

	if (x->a.fe != NULL)
		hdev_close(&x->a);
	x->a_up = false;
	for (tries = 0; tries < 50 && !x->a_up; tries++) {
		if (tries > 0)
			rte_delay_ms(100);
		x->a_up = connect_guest(x, &x->a, x->path_a, &x->sid_a) == 0;
	}
	if (!x->a_up)
		fail(x, "cannot reconnect guest A");
}

/* Close a case: A (unless it broke) and B must still be served correctly. */
static void
finish(struct ctx *x, const char *name, bool a_broken)
{
	if (a_broken)
		reconnect_a(x);
	if (x->a_up)
		good_request(x, &x->a, x->sid_a, "guest A after the case");
	if (x->b_up && !good_request(x, &x->b, x->sid_b, "second guest B"))
		x->b_up = false;
	if (x->why[0] == '\0') {
		x->passed++;
		printf("PASS %s-%s\n", name, x->layout);
	} else {
		x->failed++;
		printf("FAIL %s-%s: %s\n", name, x->layout, x->why);
	}
	fflush(stdout);
	x->why[0] = '\0';
}

/* ---- expectations ------------------------------------------------------ */

/* A data request answered with @p want in its status byte. */
static void
expect_status(struct ctx *x, const struct hchain *c, uint8_t want, uint32_t want_len)
{
	uint32_t len;
	int ret = h_run(&x->a, &x->a.data, c, &len);

	if (ret != 0)
		fail(x, "not completed (%s)", strerror(-ret));
	else if (h_data_status(&x->a) != want)
		fail(x, "status %u (%s), want %u (%s)", h_data_status(&x->a),
			vcrypto_status_str(h_data_status(&x->a)), want,
			vcrypto_status_str(want));
	else if (len != want_len)
		fail(x, "used len %u, want %u", len, want_len);
}

/* A chain the backend must complete without writing anything. */
static void
expect_refused(struct ctx *x, struct hq *q, const struct hchain *c)
{
	uint32_t len;
	int ret;

	x->a.mem[M_ST] = H_UNSET;
	ret = h_run(&x->a, q, c, &len);
	if (ret != 0)
		fail(x, "not completed (%s)", strerror(-ret));
	else if (len != 0)
		fail(x, "used len %u, want 0 (nothing written)", len);
	else if (h_data_status(&x->a) != H_UNSET && q == &x->a.data)
		fail(x, "status byte written (%u) in a refused chain",
			h_data_status(&x->a));
}

/* The backend must stop the queue: nothing completes any more. */
static void
expect_broken(struct ctx *x)
{
	if (!hq_silent(&x->a.data, SILENT_MS))
		fail(x, "the backend went on serving a broken ring");
}

/* ---- cases --------------------------------------------------------------- */

static void
good_chain(struct ctx *x, struct hchain *c)
{
	h_cbc_req(&x->a, c, x->sid_a, VIRTIO_CRYPTO_CIPHER_ENCRYPT, x->v->iv,
		x->v->plaintext, CBC_VEC_LEN);
}

static void
ring_cases(struct ctx *x)
{
	struct hdev *a = &x->a;
	uint64_t hdr = h_addr(a, a->mem + M_HDR), st = h_addr(a, a->mem + M_ST);
	struct hchain c;
	uint16_t i;

	good_chain(x, &c);
	c.d[4].flags |= VCRYPTO_VRING_DESC_F_NEXT;
	c.d[4].next = 1; /* status -> iv: a cycle */
	expect_refused(x, &a->data, &c);
	finish(x, "chain-loop", false);

	/* every descriptor of the table, in one cycle */
	{
		struct hdesc all[QSIZE];
		uint32_t len = 1;
		int ret;

		for (i = 0; i < QSIZE; i++)
			all[i] = (struct hdesc){ hdr, 1, VCRYPTO_VRING_DESC_F_NEXT,
				(uint16_t)((i + 1) % QSIZE) };
		hq_write_descs(&a->data, 0, all, QSIZE);
		a->mem[M_ST] = H_UNSET;
		hq_post(&a->data, 0);
		hq_publish(&a->data);
		ret = hq_wait(&a->data, 1, x->timeout_ms, NULL, &len);

		if (ret != 0 || len != 0)
			fail(x, "ring-sized cycle: %s, used len %u",
				ret ? strerror(-ret) : "completed", len);
	}
	finish(x, "chain-ring-cycle", false);

	/* longer than the walker allows (64): 79 readable bytes + status */
	c.n = 0;
	for (i = 0; i < 79; i++)
		hc_add(&c, hdr + i, 1, false);
	hc_add(&c, st, 1, true);
	expect_refused(x, &a->data, &c);
	finish(x, "chain-too-long", false);

	good_chain(x, &c);
	c.d[2].next = QSIZE + 44;
	expect_refused(x, &a->data, &c);
	finish(x, "next-out-of-range", false);

	good_chain(x, &c);
	c.d[1].flags |= VCRYPTO_VRING_DESC_F_WRITE; /* iv writable, src readable after */
	expect_refused(x, &a->data, &c);
	finish(x, "readable-after-writable", false);

	good_chain(x, &c);
	c.d[1].len = 0;
	expect_refused(x, &a->data, &c);
	finish(x, "zero-length-descriptor", false);

	good_chain(x, &c);
	c.d[2].len = 0xffffffff;
	expect_refused(x, &a->data, &c);
	finish(x, "length-4g", false);

	/* readable lengths summing past 2^32, each inside the region */
	{
		uint64_t size = a->region_end - a->region_start;
		uint64_t chunk = size < 0x7fffffff ? size : 0x7fffffff;
		uint32_t n = (uint32_t)((1ull << 32) / chunk + 1);

		if (n > 60) {
			printf("SKIP length-sum-over-4g-%s: region of %lu bytes too small\n",
				x->layout, (unsigned long)size);
		} else {
			c.n = 0;
			for (i = 0; i < n; i++)
				hc_add(&c, a->region_start, (uint32_t)chunk, false);
			hc_add(&c, st, 1, true);
			a->mem[M_ST] = H_UNSET;
			expect_refused(x, &a->data, &c);
			finish(x, "length-sum-over-4g", false);
		}
	}

	good_chain(x, &c);
	c.d[2].addr = 0x1000;
	expect_refused(x, &a->data, &c);
	finish(x, "address-outside-memory", false);

	good_chain(x, &c);
	c.d[2].addr = a->region_end - 32; /* 64 bytes: 32 past the region */
	expect_refused(x, &a->data, &c);
	finish(x, "address-straddles-region-end", false);

	good_chain(x, &c);
	c.d[0].addr = UINT64_MAX - 8; /* wraps around 2^64 */
	expect_refused(x, &a->data, &c);
	finish(x, "address-wraps", false);

	/* the status byte is missing: no device-writable descriptor */
	good_chain(x, &c);
	c.n = 3;
	c.d[2].flags &= ~VCRYPTO_VRING_DESC_F_NEXT;
	expect_refused(x, &a->data, &c);
	finish(x, "no-writable-descriptor", false);

	/* the same head twice in one publish: served twice */
	good_chain(x, &c);
	hq_write_descs(&a->data, 0, c.d, c.n);
	hq_post(&a->data, 0);
	hq_post(&a->data, 0);
	hq_publish(&a->data);
	{
		uint32_t ids[2], lens[2];

		if (hq_wait(&a->data, 2, x->timeout_ms, ids, lens) != 0)
			fail(x, "duplicate head: not both completed");
		else if (ids[0] != 0 || ids[1] != 0 || lens[0] != CBC_VEC_LEN + 1 ||
				lens[1] != CBC_VEC_LEN + 1 ||
				h_data_status(a) != VIRTIO_CRYPTO_OK)
			fail(x, "duplicate head: ids %u %u lens %u %u status %u", ids[0],
				ids[1], lens[0], lens[1], h_data_status(a));
	}
	finish(x, "duplicate-head", false);

	/* ring-level: the backend must stop the queue */
	good_chain(x, &c);
	hq_write_descs(&a->data, 0, c.d, c.n);
	hq_post(&a->data, QSIZE + 3);
	hq_publish(&a->data);
	expect_broken(x);
	finish(x, "head-out-of-range", true);
	if (!x->a_up)
		return;

	good_chain(x, &c);
	hq_write_descs(&a->data, 0, c.d, c.n);
	hq_post(&a->data, 0);
	hq_publish_raw(&a->data, (uint16_t)(a->data.avail_idx + QSIZE + 7));
	expect_broken(x);
	finish(x, "avail-idx-jump", true);
}

static void
indirect_cases(struct ctx *x)
{
	struct hdev *a = &x->a;
	struct hdesc *tbl = (void *)(a->mem + M_IND);
	uint64_t taddr = h_addr(a, tbl);
	struct hchain c, ind;
	uint16_t i;

	if (!a->indirect) {
		printf("SKIP indirect-*-%s: VIRTIO_F_RING_INDIRECT_DESC not negotiated\n",
			x->layout);
		return;
	}
	/* the table must be little-endian like the ring */
	good_chain(x, &ind);
	for (i = 0; i < ind.n; i++)
		tbl[i] = (struct hdesc){ vcrypto_to_le64(ind.d[i].addr),
			vcrypto_to_le32(ind.d[i].len), ind.d[i].flags, ind.d[i].next };
	c.n = 0;
	hc_add(&c, taddr, ind.n * 16, false);
	c.d[0].flags = VCRYPTO_VRING_DESC_F_INDIRECT;
	expect_status(x, &c, VIRTIO_CRYPTO_OK, CBC_VEC_LEN + 1);
	if (x->why[0] == '\0' && memcmp(a->mem + M_DST, x->v->ciphertext, CBC_VEC_LEN))
		fail(x, "wrong ciphertext through an indirect table");
	finish(x, "indirect-good", false);

	c.d[0].len = ind.n * 16 + 8;
	a->mem[M_ST] = H_UNSET;
	expect_refused(x, &a->data, &c);
	finish(x, "indirect-len-not-multiple", false);

	c.d[0].len = ind.n * 16;
	c.d[0].flags |= VCRYPTO_VRING_DESC_F_NEXT;
	c.d[0].next = 1;
	c.d[1] = (struct hdesc){ h_addr(a, a->mem + M_ST), 1,
		VCRYPTO_VRING_DESC_F_WRITE, 0 };
	c.n = 2;
	a->mem[M_ST] = H_UNSET;
	expect_refused(x, &a->data, &c);
	finish(x, "indirect-with-next", false);

	/* a table entry pointing at another table */
	c.n = 1;
	c.d[0].flags = VCRYPTO_VRING_DESC_F_INDIRECT;
	tbl[1] = (struct hdesc){ vcrypto_to_le64(taddr), vcrypto_to_le32(ind.n * 16),
		VCRYPTO_VRING_DESC_F_INDIRECT, 0 };
	tbl[0].flags = VCRYPTO_VRING_DESC_F_NEXT;
	tbl[0].next = 1;
	a->mem[M_ST] = H_UNSET;
	expect_refused(x, &a->data, &c);
	finish(x, "indirect-nested", false);

	/* a cycle inside the table */
	for (i = 0; i < ind.n; i++)
		tbl[i] = (struct hdesc){ vcrypto_to_le64(ind.d[i].addr),
			vcrypto_to_le32(ind.d[i].len), ind.d[i].flags, ind.d[i].next };
	tbl[4].flags |= VCRYPTO_VRING_DESC_F_NEXT;
	tbl[4].next = 0;
	tbl[3].flags &= ~VCRYPTO_VRING_DESC_F_NEXT;
	tbl[3].flags |= VCRYPTO_VRING_DESC_F_NEXT;
	tbl[3].next = 4;
	a->mem[M_ST] = H_UNSET;
	expect_refused(x, &a->data, &c);
	finish(x, "indirect-loop", false);

	c.d[0].addr = a->region_end - 16;
	c.d[0].len = ind.n * 16;
	a->mem[M_ST] = H_UNSET;
	expect_refused(x, &a->data, &c);
	finish(x, "indirect-table-outside-memory", false);
}

static void
request_cases(struct ctx *x)
{
	struct hdev *a = &x->a;
	struct vcrypto_data_req *r = (void *)(a->mem + M_HDR);
	struct hchain c;

	good_chain(x, &c);
	r->header.opcode = vcrypto_to_le32(0x7777);
	expect_status(x, &c, VIRTIO_CRYPTO_NOTSUPP, 1);
	finish(x, "unknown-opcode", false);

	good_chain(x, &c);
	r->header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_IPSEC, 0));
	expect_status(x, &c, VIRTIO_CRYPTO_NOTSUPP, 1);
	finish(x, "unknown-service", false);

	good_chain(x, &c);
	r->u.sym.op_type = vcrypto_to_le32(77);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "unknown-op-type", false);

	/* the header cut short: 20 bytes, then the rest as "iv" */
	good_chain(x, &c);
	c.d[0].len = 20;
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "header-cut-short", false);

	good_chain(x, &c);
	r->header.session_id = vcrypto_to_le64(BOGUS_SID);
	expect_status(x, &c, VIRTIO_CRYPTO_INVSESS, 1);
	finish(x, "unknown-session", false);

	good_chain(x, &c);
	r->u.sym.u.cipher.src_data_len = vcrypto_to_le32(128);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(128);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "src-longer-than-buffers", false);

	good_chain(x, &c);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(4096);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "dst-longer-than-buffers", false);

	good_chain(x, &c);
	r->u.sym.u.cipher.iv_len = vcrypto_to_le32(4096);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "iv-longer-than-buffers", false);

	good_chain(x, &c);
	r->u.sym.u.cipher.iv_len = vcrypto_to_le32(0xffffffff);
	r->u.sym.u.cipher.src_data_len = vcrypto_to_le32(0xfffffff0);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(0xfffffff0);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "lengths-wrapping", false);

	/* above max_size (1 MiB by default), buffers present or not */
	good_chain(x, &c);
	r->u.sym.u.cipher.src_data_len = vcrypto_to_le32(2u << 20);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(2u << 20);
	c.d[2].len = 2u << 20;
	c.d[3].len = 2u << 20;
	c.d[3].addr = c.d[2].addr; /* the region holds them; never touched */
	c.d[2].addr = a->region_start;
	c.d[3].addr = a->region_start;
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "length-above-max-size", false);

	good_chain(x, &c);
	r->u.sym.u.cipher.src_data_len = vcrypto_to_le32(60);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(60);
	expect_status(x, &c, VIRTIO_CRYPTO_ERR, 1);
	finish(x, "length-not-block-multiple", false);

	/* REVISION_1 only: a stateless request, not offered */
	if (a->rev1) {
		good_chain(x, &c);
		r->header.flag = 0;
		expect_status(x, &c, VIRTIO_CRYPTO_NOTSUPP, 1);
		finish(x, "stateless-not-offered", false);
	}
}

/* A control request answered in a 1-byte status (destroy, unknown). */
static void
expect_ctrl1(struct ctx *x, const struct hchain *c, uint8_t want)
{
	uint32_t len;
	int ret = h_run(&x->a, &x->a.ctrl, c, &len);

	if (ret != 0)
		fail(x, "not completed (%s)", strerror(-ret));
	else if (h_ctrl_status(&x->a) != want || len != 1)
		fail(x, "status %u, used len %u; want %u (%s), 1", h_ctrl_status(&x->a),
			len, want, vcrypto_status_str(want));
}

/* A create answered in its 16-byte answer. */
static void
expect_create(struct ctx *x, const struct hchain *c, uint32_t want)
{
	uint32_t len;
	int ret = h_run(&x->a, &x->a.ctrl, c, &len);

	if (ret != 0)
		fail(x, "not completed (%s)", strerror(-ret));
	else if (h_create_status(&x->a) != want || len != 16)
		fail(x, "create status %u, used len %u; want %u (%s), 16",
			h_create_status(&x->a), len, want, vcrypto_status_str(want));
}

static void
ctrl_cases(struct ctx *x)
{
	struct hdev *a = &x->a;
	struct vcrypto_ctrl_req *r = (void *)(a->mem + M_CTRL);
	static const uint8_t big[1024];
	uint64_t sids[64], sid;
	struct hchain c;
	uint32_t i, n, len;
	int st;

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 1000);
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-key-too-long", false);

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 16);
	r->u.sym.u.cipher.key_len = vcrypto_to_le32(0xffffffff);
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-key-len-4g", false);

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 17);
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-key-len-17", false);

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 16);
	c.d[1].len = 8; /* key_len says 16: the key is cut short */
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-key-missing", false);

	h_create_req(a, &c, 99, big, 16);
	expect_create(x, &c, VIRTIO_CRYPTO_NOTSUPP);
	finish(x, "ctrl-unknown-algo", false);

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 16);
	r->u.sym.op_type = vcrypto_to_le32(9);
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-unknown-op-type", false);

	/* the fixed part cut short: 40 bytes, no key */
	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, big, 16);
	c.d[0].len = 40;
	c.d[1] = c.d[2];
	c.n = 2;
	expect_create(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-request-too-short", false);

	h_destroy_req(a, &c, 0);
	r->header.opcode = vcrypto_to_le32(0x7777);
	expect_ctrl1(x, &c, VIRTIO_CRYPTO_NOTSUPP);
	finish(x, "ctrl-unknown-opcode", false);

	h_destroy_req(a, &c, BOGUS_SID);
	expect_ctrl1(x, &c, VIRTIO_CRYPTO_INVSESS);
	finish(x, "ctrl-destroy-unknown", false);

	h_destroy_req(a, &c, 0);
	c.d[0].len = 20; /* header + 4 bytes of the 8-byte id */
	expect_ctrl1(x, &c, VIRTIO_CRYPTO_ERR);
	finish(x, "ctrl-destroy-too-short", false);

	/* no room for the answer: nothing written, no session leaked (the
	 * table is filled below, so a leak shows as an early NOSPC) */
	for (i = 0; i < x->max_sessions + 2 && x->why[0] == '\0'; i++) {
		h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, x->v->key, 16);
		c.d[2].len = 8;
		if (h_run(a, &a->ctrl, &c, &len) != 0 || len != 0 ||
				h_create_status(a) != 0xffffffff)
			fail(x, "create without room for the answer: used len %u, status %u",
				len, h_create_status(a));
	}
	finish(x, "ctrl-answer-too-small", false);

	h_create_req(a, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, x->v->key, 16);
	c.n = 2;
	c.d[1].flags &= ~VCRYPTO_VRING_DESC_F_NEXT;
	expect_refused(x, &a->ctrl, &c);
	finish(x, "ctrl-no-writable-descriptor", false);

	/* fill the table: A holds one session already */
	n = 0;
	for (i = 1; i < x->max_sessions && x->why[0] == '\0'; i++) {
		st = h_create_session(a, x->v->key, 16, &sids[n]);
		if (st != VIRTIO_CRYPTO_OK)
			fail(x, "session %u of %u: status %d", i + 1, x->max_sessions, st);
		else
			n++;
	}
	if (x->why[0] == '\0') {
		st = h_create_session(a, x->v->key, 16, &sid);
		if (st != (a->rev1 ? VIRTIO_CRYPTO_NOSPC : VIRTIO_CRYPTO_ERR))
			fail(x, "full table answered %d, want %s", st,
				a->rev1 ? "NOSPC" : "ERR");
	}
	for (i = 0; i < n; i++) {
		h_destroy_req(a, &c, sids[i]);
		expect_ctrl1(x, &c, VIRTIO_CRYPTO_OK);
	}
	finish(x, "ctrl-table-full", false);

	/* a destroyed session is gone */
	st = h_create_session(a, x->v->key, 16, &sid);
	if (st != VIRTIO_CRYPTO_OK)
		fail(x, "create answered %d", st);
	h_destroy_req(a, &c, sid);
	expect_ctrl1(x, &c, VIRTIO_CRYPTO_OK);
	h_destroy_req(a, &c, sid);
	expect_ctrl1(x, &c, VIRTIO_CRYPTO_INVSESS);
	good_chain(x, &c);
	((struct vcrypto_data_req *)(a->mem + M_HDR))->header.session_id =
		vcrypto_to_le64(sid);
	expect_status(x, &c, VIRTIO_CRYPTO_INVSESS, 1);
	finish(x, "destroyed-session", false);
}

static void
run_layout(struct ctx *x, uint64_t features, const char *layout)
{
	x->layout = layout;
	x->features = features | (1ull << VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC);
	x->why[0] = '\0';
	reconnect_a(x);
	if (!x->a_up) {
		finish(x, "open", false);
		return;
	}
	if ((features != 0) != x->a.rev1) {
		printf("SKIP %s: REVISION_1 not negotiated as asked\n", layout);
		hdev_close(&x->a);
		return;
	}
	finish(x, "open", false);
	ring_cases(x);
	/* A guest that cannot reconnect was reported; the rest needs it. */
	if (x->a_up)
		indirect_cases(x);
	if (x->a_up)
		request_cases(x);
	if (x->a_up)
		ctrl_cases(x);
	if (x->a.fe != NULL)
		hdev_close(&x->a);
	x->a_up = false;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "path-a", required_argument, NULL, 'a' },
		{ "path-b", required_argument, NULL, 'b' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ "max-sessions", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	static struct ctx x;
	struct cbc_vector vec[CBC_VEC_COUNT];
	int ret, opt;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("EAL initialisation failed: %s\n0 passed, 1 failed\n",
			rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	x.timeout_ms = 3000;
	x.max_sessions = 8;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a':
			x.path_a = optarg;
			break;
		case 'b':
			x.path_b = optarg;
			break;
		case 't':
			x.timeout_ms = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'm':
			x.max_sessions = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		default:
			x.path_a = NULL;
			break;
		}
	}
	if (x.path_a == NULL || x.path_b == NULL || x.max_sessions == 0 ||
			x.max_sessions > 64 || cbc_vectors_load(vec) != 0) {
		printf("usage: vcrypto-test-hostile [EAL] -- --path-a SOCK --path-b SOCK"
			" [--timeout-ms MS] [--max-sessions N (1..64)]\n0 passed, 1 failed\n");
		rte_eal_cleanup();
		return 2;
	}
	x.v = &vec[0]; /* NIST SP 800-38A F.2.1 */

	x.layout = "setup";
	x.features = 1ull << VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC;
	x.b_up = connect_guest(&x, &x.b, x.path_b, &x.sid_b) == 0 &&
		good_request(&x, &x.b, x.sid_b, "second guest B");
	if (!x.b_up)
		fail(&x, "the second guest cannot work on %s", x.path_b);
	finish(&x, "second-guest", false);
	if (x.b_up) {
		run_layout(&x, 0, "legacy");
		run_layout(&x, 1ull << VIRTIO_CRYPTO_F_REVISION_1, "rev1");
		x.layout = "end";
		finish(&x, "second-guest", false);
	}
	if (x.b.fe != NULL)
		hdev_close(&x.b);
	rte_eal_cleanup();
	printf("%u passed, %u failed\n", x.passed, x.failed);
	return x.failed == 0 && x.passed > 0 ? 0 : 1;
}
