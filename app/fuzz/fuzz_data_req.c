/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * fuzz_data_req: one fuzzer input is a whole guest as the backend sees it
 * (a guest memory map, a control queue and a data queue, their indices) and
 * the REAL poller (worker.c: vcrypto_dev_poll) serves it: split-ring walker,
 * control requests, data request decoder and the intel-ipsec-mb engine, no
 * EAL. The guest decides every descriptor, flag, length, address (inside,
 * across and outside the regions), index and byte of memory.
 *
 * Memory: each guest region is its own heap block of exactly its size, and
 * the rings are heap blocks of exactly their spec size, so AddressSanitizer
 * sees any access outside them. The engine (ipsec-mb, assembly that ASan
 * does not instrument) is checked explicitly: every buffer it is given must
 * lie inside one region.
 *
 * Invariants checked (abort = crash report):
 *  - every chain popped gets exactly one used element, with the popped head
 *    as id, and used->idx published;
 *  - a used length is 0 for a chain the walker refused, else at most the
 *    chain's writable bytes; a control answer is 0, 1 or 16 bytes;
 *  - every status the decoder, the control queue or the engine produces is
 *    a virtio-crypto status code (OK .. KEY_REJECTED);
 *  - a request given to the engine has src, dst and status byte inside the
 *    guest regions, and its status byte is the chain's last writable byte;
 *  - no session survives vcrypto_ctrl_destroy_all(); nothing leaks.
 *
 * Input layout (little-endian; bytes past the end read as 0):
 *   u8  cfg          bit 0 REVISION_1, bit 1 INDIRECT_DESC negotiated,
 *                    bit 2 stateless mode of every service (with bit 0)
 *   u8  nregions     1 + v % 3
 *   u8  ctrl_log2    control queue size 1 << (v % 5)   (1..16)
 *   u8  data_log2    data queue size 1 << (v % 7)      (1..64)
 *   u16 ctrl_last_avail, u16 data_last_avail   (start indices: wrap tests)
 *   u32 max_size     config max_size (0: 1 MiB)
 *   u8  max_sessions 1 + v % 8
 *   u8  bounce       data queue bounce area of 1 + 64 * v bytes
 *   3 x { u64 gpa; u16 size (1 + v % 8192) }    (always 3 records)
 *   control queue: desc table (16 * size), avail {u16 flags, u16 idx,
 *                  u16 ring[size], u16 used_event}
 *   data queue:    the same
 *   region contents, in order
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "device_priv.h"
#include "fuzz_input.h"
#include "fuzz_stubs.h"

#define NREGIONS_MAX 3
#define LOG_MAX 256
#define PASSES 4

/* What the wrappers saw, per ring, in push order. */
struct walk_log {
	const struct vcrypto_vring_split *ring;
	unsigned int n;
	struct {
		uint16_t head;
		int rc;
		uint64_t write_len;
	} e[LOG_MAX];
};

/* One input's guest, built from the bytes. */
struct guest {
	uint8_t *region[NREGIONS_MAX];
	uint64_t region_size[NREGIONS_MAX];
	unsigned int nregions;
	void *ring_mem[2][3];
	struct walk_log log[2];
	struct vcrypto_engine_ops engine; /* ipsec-mb with a checking burst */
	struct vcrypto_dev *dev;
};

/* The one guest being run; the wrappers below have no context argument. */
static struct guest *cur;
static void *mb_ctx;
/* Sessions are per input and few; the table bounds them anyway. */
static const struct vcrypto_engine_conf mb_conf = { .arg = NULL, .max_sessions = 8 };

int __real_vcrypto_vring_split_walk(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain);
int __wrap_vcrypto_vring_split_walk(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain);
uint8_t __real_vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req);
uint8_t __wrap_vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req);
void __real_vcrypto_ctrl_handle(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, struct vcrypto_ctrl_result *res);
void __wrap_vcrypto_ctrl_handle(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, struct vcrypto_ctrl_result *res);

static bool
in_block(uintptr_t a, uint64_t len, const void *base, uint64_t size)
{
	uintptr_t b = (uintptr_t)base;

	return base != NULL && a >= b && a - b <= size && len <= size - (a - b);
}

static bool
in_regions(const void *p, uint64_t len)
{
	uintptr_t a = (uintptr_t)p;
	unsigned int i;

	for (i = 0; i < cur->nregions; i++) {
		uintptr_t b = (uintptr_t)cur->region[i];

		if (a >= b && a - b <= cur->region_size[i] &&
				len <= cur->region_size[i] - (a - b))
			return true;
	}
	return false;
}

/* Guest memory, or the data queue's bounce area (split fields). */
static bool
in_guest(const void *p, uint64_t len)
{
	const struct vcrypto_bounce *b = &cur->dev->vqs[0].bounce;

	return in_regions(p, len) || in_block((uintptr_t)p, len, b->base, b->cap);
}

int
__wrap_vcrypto_vring_split_walk(const struct vcrypto_vring_split *vq,
		const struct vcrypto_gmem *mem, uint16_t head,
		struct vcrypto_chain *chain)
{
	int rc = __real_vcrypto_vring_split_walk(vq, mem, head, chain);
	struct walk_log *l = &cur->log[vq == cur->log[0].ring ? 0 : 1];
	uint16_t i;

	if (rc == 0) {
		uint64_t r = 0, w = 0;

		FZ_ASSERT(chain->nseg > 0 && chain->nread <= chain->nseg,
			"nseg %u nread %u", chain->nseg, chain->nread);
		for (i = 0; i < chain->nseg; i++) {
			const struct vcrypto_seg *s = &chain->seg[i];

			FZ_ASSERT(s->len > 0 && in_regions(s->hva, s->len),
				"segment %u outside the guest", i);
			FZ_ASSERT(s->write == (i >= chain->nread),
				"readable after writable");
			*(s->write ? &w : &r) += s->len;
		}
		FZ_ASSERT(r == chain->read_len && w == chain->write_len &&
			r + w <= UINT32_MAX, "lengths %lu %lu", (unsigned long)r,
			(unsigned long)w);
	} else {
		FZ_ASSERT(rc == -ELOOP || rc == -ERANGE || rc == -EINVAL ||
			rc == -EFAULT || rc == -E2BIG, "walk returned %d", rc);
	}
	if (l->n < LOG_MAX) {
		l->e[l->n].head = head;
		l->e[l->n].rc = rc;
		l->e[l->n].write_len = rc == 0 ? chain->write_len : 0;
		l->n++;
	}
	return rc;
}

uint8_t
__wrap_vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req)
{
	uint8_t st = __real_vcrypto_codec_data_decode(cfg, chain, b, req);

	FZ_ASSERT(fz_status_valid(st) || st == VCRYPTO_CODEC_DEFER,
		"decode status %u", st);
	FZ_ASSERT(b->used <= b->cap, "bounce area: %u of %u used", b->used,
		b->cap);
	FZ_ASSERT(req->status_ptr == vcrypto_chain_last_writable(chain),
		"status byte is not the last writable byte");
	return st;
}

void
__wrap_vcrypto_ctrl_handle(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, struct vcrypto_ctrl_result *res)
{
	__real_vcrypto_ctrl_handle(ctx, chain, res);
	FZ_ASSERT(fz_status_valid(res->status), "ctrl status %u", res->status);
	FZ_ASSERT(res->used_len <= chain->write_len, "ctrl used_len %u > %lu",
		res->used_len, (unsigned long)chain->write_len);
	FZ_ASSERT(res->written ? res->used_len == 1 || res->used_len == 16 :
		res->used_len == 0, "ctrl used_len %u written %d", res->used_len,
		res->written);
	FZ_ASSERT(!res->created || res->status == VIRTIO_CRYPTO_OK,
		"created with status %u", res->status);
	FZ_ASSERT(ctx->sessions->active <= ctx->sessions->cap, "active > cap");
}

/* The engine's burst, with every buffer checked first (ipsec-mb is not
 * instrumented by ASan) and every status after. */
static void
checked_burst(void *ctx, struct vcrypto_req *const *reqs, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		const struct vcrypto_req *r = reqs[i];

		FZ_ASSERT(r->sess != NULL, "request %u without session", i);
		FZ_ASSERT(r->src == NULL || r->len == 0 ||
			in_guest(r->src, r->len), "request %u: src of %u bytes "
			"outside the guest and the bounce area", i, r->len);
		FZ_ASSERT(r->dst == NULL || r->out_len == 0 ||
			in_guest(r->dst, r->out_len), "request %u: dst of %u bytes "
			"outside the guest and the bounce area", i, r->out_len);
		FZ_ASSERT(r->aad == NULL || r->aad_len == 0 ||
			in_guest(r->aad, r->aad_len), "request %u: aad of %u bytes "
			"outside the guest and the bounce area", i, r->aad_len);
		FZ_ASSERT(r->status_ptr != NULL && in_regions(r->status_ptr, 1),
			"request %u: status byte outside the guest", i);
		/* the digest goes to the request, or inside its own dst (its
		 * bytes past src's end, result_len - result_skip of them, in
		 * room behind a bounced dst) */
		FZ_ASSERT(r->digest_out == r->digest || (r->dst != NULL &&
			r->digest_out >= r->dst && r->result_skip <= r->result_len &&
			(r->result_skip == r->result_len || r->dst_bounce == r->dst) &&
			in_guest(r->dst, (uint64_t)r->len + r->result_len - r->result_skip) &&
			r->digest_out + r->result_len <=
				r->dst + r->len + (r->result_len - r->result_skip)),
			"request %u: digest output outside the request", i);
		FZ_ASSERT(r->iv_len <= sizeof(r->iv) &&
			r->auth_iv_len <= sizeof(r->auth_iv) &&
			r->result_len <= sizeof(r->digest), "iv %u auth iv %u result %u",
			r->iv_len, r->auth_iv_len, r->result_len);
	}
	vcrypto_engine_ipsec_mb.process_burst(ctx, reqs, n);
	for (i = 0; i < n; i++)
		FZ_ASSERT(fz_status_valid(reqs[i]->status), "engine status %u",
			reqs[i]->status);
}

/* A ring of 2^log2 entries: exact-size blocks filled from the input. */
static int
ring_build(struct guest *g, struct fz *in, unsigned int q, uint32_t size,
		uint16_t last_avail, bool indirect)
{
	struct vcrypto_vq *vq = &g->dev->vqs[q];
	size_t dsz = vcrypto_vring_desc_size(size);
	size_t asz = vcrypto_vring_avail_size(size);
	size_t usz = vcrypto_vring_used_size(size);
	void *d = malloc(dsz), *a = malloc(asz), *u = calloc(1, usz);

	g->ring_mem[q][0] = d;
	g->ring_mem[q][1] = a;
	g->ring_mem[q][2] = u;
	if (d == NULL || a == NULL || u == NULL)
		return -1;
	fz_bytes(in, d, dsz);
	fz_bytes(in, a, asz);
	if (vcrypto_vring_split_init(&vq->ring, d, a, u, size, last_avail,
			last_avail, indirect) != 0)
		return -1;
	vq->index = q;
	vq->callfd = -1;
	vq->ready = true;
	vq->enabled = true;
	return 0;
}

/* Every popped chain got one used element, in order, with a sane length. */
static void
check_used(const struct guest *g, unsigned int q, uint16_t first_avail)
{
	const struct vcrypto_vring_split *r = &g->dev->vqs[q].ring;
	const struct walk_log *l = &g->log[q];
	uint16_t consumed = (uint16_t)(r->last_avail - first_avail);
	uint16_t k;

	FZ_ASSERT((uint16_t)(r->last_used - first_avail) == consumed,
		"queue %u: %u chains consumed, %u used elements", q, consumed,
		(uint16_t)(r->last_used - first_avail));
	FZ_ASSERT(le16toh(r->used->idx) == r->last_used || consumed == 0,
		"queue %u: used idx not published", q);
	for (k = 0; k < consumed && k < l->n; k++) {
		const struct vcrypto_vring_used_elem *e =
			&r->used->ring[(uint16_t)(first_avail + k) & (r->size - 1)];
		uint32_t len = le32toh(e->len);

		/* A full ring wraps onto its own earlier elements. */
		if (consumed - k > r->size)
			continue;
		FZ_ASSERT(le32toh(e->id) == l->e[k].head && l->e[k].head < r->size,
			"queue %u: used id %u, walked head %u", q, le32toh(e->id),
			l->e[k].head);
		FZ_ASSERT(l->e[k].rc == 0 ? len <= l->e[k].write_len : len == 0,
			"queue %u: used len %u for a chain with %lu writable bytes "
			"(walk %d)", q, len, (unsigned long)l->e[k].write_len,
			l->e[k].rc);
	}
}

static int
guest_build(struct guest *g, struct fz *in)
{
	uint8_t cfg = fz_u8(in);
	unsigned int nregions = 1 + fz_u8(in) % NREGIONS_MAX;
	uint32_t csize = 1u << (fz_u8(in) % 5), dsize = 1u << (fz_u8(in) % 7);
	uint16_t c_avail = fz_u16(in), d_avail = fz_u16(in);
	uint64_t max_size = fz_u32(in);
	uint32_t max_sessions = 1 + fz_u8(in) % 8;
	uint32_t bounce_sel = fz_u8(in);
	uint64_t gpa[NREGIONS_MAX];
	struct vcrypto_dev *dev;
	unsigned int i;

	for (i = 0; i < NREGIONS_MAX; i++) {
		gpa[i] = fz_u64(in);
		g->region_size[i] = 1 + fz_u16(in) % 8192;
	}
	dev = g->dev = calloc(1, sizeof(*dev));
	if (dev == NULL)
		return -1;
	/* As device.c: queues on their own cache lines, one grace reader per
	 * data queue. */
	dev->vqs = aligned_alloc(64, 2 * sizeof(*dev->vqs));
	dev->grace_readers = aligned_alloc(64, sizeof(*dev->grace_readers));
	if (dev->vqs == NULL || dev->grace_readers == NULL)
		return -1;
	memset(dev->vqs, 0, 2 * sizeof(*dev->vqs));
	vcrypto_grace_init(&dev->grace, dev->grace_readers, 1);
	dev->max_dataqueues = 1;
	dev->nr_queues = 2;
	g->engine = vcrypto_engine_ipsec_mb;
	g->engine.get_caps(mb_ctx, &dev->caps);
	dev->max_size = max_size ? max_size : 1u << 20;
	if (dev->max_size > dev->caps.max_size)
		dev->max_size = dev->caps.max_size;
	dev->vid = 0;
	dev->running = 1;
	dev->started = true;
	dev->revision_1 = cfg & 1;
	rte_spinlock_init(&dev->lock);
	g->engine.process_burst = checked_burst;
	dev->engine = &g->engine;
	dev->engine_ctx = mb_ctx;
	if (vcrypto_session_table_init(&dev->sessions, max_sessions,
			g->engine.session_size, g->engine.session_align) != 0)
		return -1;
	dev->ctrl = (struct vcrypto_ctrl_ctx){ .revision_1 = dev->revision_1,
		.sessions = &dev->sessions, .engine = dev->engine,
		.caps = &dev->caps, .engine_ctx = mb_ctx, .grace = &dev->grace };
	/* As device.c's vq_alloc(), but a small bounce area: filling it up
	 * (a deferred batch) is a path worth fuzzing too. */
	dev->vqs[0].chains = calloc(VCRYPTO_BURST, sizeof(*dev->vqs[0].chains));
	dev->vqs[0].bounce.cap = 1 + bounce_sel * 64;
	dev->vqs[0].bounce.base = malloc(dev->vqs[0].bounce.cap);
	if (dev->vqs[0].chains == NULL || dev->vqs[0].bounce.base == NULL)
		return -1;
	dev->codec = (struct vcrypto_codec_cfg){ .revision_1 = dev->revision_1,
		.max_size = dev->max_size, .sessions = &dev->sessions,
		.ctrl = &dev->ctrl,
		.stateless = vcrypto_codec_stateless((cfg & 1 ?
			1ull << VIRTIO_CRYPTO_F_REVISION_1 : 0) |
			(cfg & 4 ? VCRYPTO_STATELESS_FEATURES : 0)) };
	/* The data queue's own views (device.c's vq_views()); one engine
	 * context serves both queues here, as they are polled in turn. */
	dev->vqs[0].engine_ctx = mb_ctx;
	dev->vqs[0].sl_ctrl = dev->ctrl;
	dev->vqs[0].sl_ctrl.grace = NULL;
	dev->vqs[0].codec = dev->codec;
	dev->vqs[0].codec.ctrl = &dev->vqs[0].sl_ctrl;
	for (i = 0; i < 2; i++)
		rte_spinlock_init(&dev->vqs[i].lock);

	if (ring_build(g, in, 1, csize, c_avail, cfg & 2) != 0 ||
			ring_build(g, in, 0, dsize, d_avail, cfg & 2) != 0)
		return -1;
	g->log[0].ring = &dev->vqs[0].ring;
	g->log[1].ring = &dev->vqs[1].ring;

	vcrypto_gmem_reset(&dev->mem);
	g->nregions = nregions;
	for (i = 0; i < nregions; i++) {
		g->region[i] = malloc(g->region_size[i]);
		if (g->region[i] == NULL)
			return -1;
		fz_bytes(in, g->region[i], g->region_size[i]);
		/* A table the guest cannot express (wrapping) is refused. */
		vcrypto_gmem_add(&dev->mem, gpa[i], g->region_size[i],
			(uintptr_t)g->region[i]);
	}
	return 0;
}

static void
guest_free(struct guest *g)
{
	unsigned int i, j;

	if (g->dev != NULL) {
		if (g->dev->sessions.slots != NULL) {
			vcrypto_ctrl_destroy_all(&g->dev->ctrl);
			FZ_ASSERT(g->dev->sessions.active == 0,
				"%u sessions left after destroy_all",
				g->dev->sessions.active);
		}
		vcrypto_session_table_fini(&g->dev->sessions);
		if (g->dev->vqs != NULL) {
			free(g->dev->vqs[0].chains);
			free(g->dev->vqs[0].bounce.base);
		}
		free(g->dev->vqs);
		free(g->dev->grace_readers);
		free(g->dev);
	}
	for (i = 0; i < NREGIONS_MAX; i++)
		free(g->region[i]);
	for (i = 0; i < 2; i++)
		for (j = 0; j < 3; j++)
			free(g->ring_mem[i][j]);
}

/* The device's counters: its own plus each queue's (vcrypto_dev_stats_get()
 * does the same in device.c, which this target does not link). */
static void
dev_stats(const struct vcrypto_dev *dev, struct vcrypto_dev_stats *sum)
{
	const uint64_t *parts[3] = { (const uint64_t *)&dev->stats,
		(const uint64_t *)&dev->vqs[0].stats,
		(const uint64_t *)&dev->vqs[1].stats };
	uint64_t *out = (uint64_t *)sum;
	size_t i, k;

	memset(sum, 0, sizeof(*sum));
	for (k = 0; k < 3; k++)
		for (i = 0; i < sizeof(*sum) / sizeof(uint64_t); i++)
			out[i] += parts[k][i];
}

/* To see what a seed does: VCRYPTO_FUZZ_STATS=1 ./fuzz_data_req SEED */
static void
print_stats(const struct vcrypto_dev *dev, const struct vcrypto_dev_stats *s)
{
	fprintf(stderr, "requests=%lu ctrl=%lu ok=%lu err=%lu badmsg=%lu "
		"notsupp=%lu invsess=%lu nospc=%lu bad_chains=%lu broken=%d/%d "
		"created=%lu bytes=%lu\n", (unsigned long)s->requests,
		(unsigned long)s->ctrl_requests, (unsigned long)s->status[0],
		(unsigned long)s->status[1], (unsigned long)s->status[2],
		(unsigned long)s->status[3], (unsigned long)s->status[4],
		(unsigned long)s->status[5], (unsigned long)s->bad_chains,
		dev->vqs[1].ring.broken, dev->vqs[0].ring.broken,
		(unsigned long)s->sessions_created, (unsigned long)s->bytes);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* One ipsec-mb manager for the whole run: creating it is slow. */
	if (vcrypto_engine_ipsec_mb.ctx_create(&mb_conf, &mb_ctx) != 0) {
		fprintf(stderr, "cannot create the ipsec-mb engine\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	struct vcrypto_dev_stats st;
	uint64_t statuses;
	struct guest g;
	uint16_t first[2];
	unsigned int pass, i;

	memset(&g, 0, sizeof(g));
	cur = &g;
	if (guest_build(&g, &in) == 0) {
		first[0] = g.dev->vqs[0].ring.last_avail;
		first[1] = g.dev->vqs[1].ring.last_avail;
		/* The control queue first, then data, as many passes as the
		 * backend would make while the guest stays idle. */
		for (pass = 0; pass < PASSES; pass++)
			if (vcrypto_dev_poll(g.dev) == 0)
				break;
		check_used(&g, 0, first[0]);
		check_used(&g, 1, first[1]);
		dev_stats(g.dev, &st);
		FZ_ASSERT(st.requests <= PASSES * 2 * VCRYPTO_BURST,
			"requests %lu", (unsigned long)st.requests);
		/* Every request completed is counted under one status. */
		for (i = 0, statuses = 0; i < VCRYPTO_STAT_STATUS_NUM; i++)
			statuses += st.status[i];
		FZ_ASSERT(statuses == st.requests, "%lu statuses for %lu requests",
			(unsigned long)statuses, (unsigned long)st.requests);
		if (getenv("VCRYPTO_FUZZ_STATS") != NULL)
			print_stats(g.dev, &st);
	}
	guest_free(&g);
	cur = NULL;
	return 0;
}
