/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * fuzz_ctrl_req: a sequence of control requests (create and destroy for
 * every service, legacy and REVISION_1 layouts, any key length) through the
 * REAL control-queue code (ctrl.c) on a real session table (session.c) with
 * the real intel-ipsec-mb engine creating sessions, no EAL.
 *
 * Each request is a chain of host segments, each its own heap block of
 * exactly its size (ASan sees any access beyond), as the ring walker would
 * hand it over: 0..3 device-readable segments splitting the request bytes at
 * fuzzer-chosen points, then 0..3 device-writable segments.
 *
 * Invariants checked after every request (abort = crash report):
 *  - status is a virtio-crypto code; used_len is 0 (nothing written), 1
 *    (a status byte) or 16 (a create answer), never above the writable bytes;
 *  - a 16-byte answer carries the same status; with OK its session id is
 *    live in the table, and a session was created;
 *  - a destroy that answered OK made its id stop resolving;
 *  - the table's live count moves by exactly the sessions created/destroyed;
 *  - with a grace period (cfg bit 4), a destroyed session waits retired
 *    while the data-queue reader is inside a pass, and is freed once it
 *    leaves; every slot is live, free or retired, never two of them;
 *  - after vcrypto_ctrl_destroy_all() nothing is live; nothing leaks.
 *
 * Input layout (little-endian; bytes past the end read as 0):
 *   u8 cfg       bit 0 REVISION_1; bits 1-3: max_sessions - 1; bit 4:
 *                destroys go through a grace period with one reader
 *   then requests until the input ends (at most 16):
 *     u8  shape  bits 0-1 readable segments (0..3), bits 2-3 writable
 *                segments (0..3), bit 4: put the last created session id
 *                at bytes 16..23 (destroy's session_id), bit 5: the
 *                reader enters a pass (or leaves it) before the request
 *     u16 rlen   request bytes (% 512)
 *     u8  split[2]  where the readable segments are cut
 *     u8  wlen[3]   writable segment sizes (0 means 16)
 *     rlen bytes of request (header, fixed part, key)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "engine.h"
#include "req_codec_priv.h"
#include "session_priv.h"
#include "fuzz_input.h"

#define MAX_REQS 16
#define MAX_RLEN 512

static void *mb_ctx;
/* Sessions are per input and few; the table bounds them anyway. */
static const struct vcrypto_engine_conf mb_conf = { .arg = NULL, .max_sessions = 8 };
static struct vcrypto_engine_caps caps;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (vcrypto_engine_ipsec_mb.ctx_create(&mb_conf, &mb_ctx) != 0) {
		fprintf(stderr, "cannot create the ipsec-mb engine\n");
		exit(1);
	}
	vcrypto_engine_ipsec_mb.get_caps(mb_ctx, &caps);
	return 0;
}

static void
seg_add(struct vcrypto_chain *c, uint8_t *p, uint32_t len, bool write)
{
	struct vcrypto_seg *s = &c->seg[c->nseg++];

	s->hva = p;
	s->len = len;
	s->write = write;
	if (write) {
		c->write_len += len;
	} else {
		c->nread++;
		c->read_len += len;
	}
}

static void
chain_free(struct vcrypto_chain *c)
{
	uint16_t i;

	for (i = 0; i < c->nseg; i++)
		free(c->seg[i].hva);
	memset(c, 0, sizeof(*c));
}

/* Build one request's chain from the input. @return -1 when out of memory. */
static int
chain_build(struct fz *in, struct vcrypto_chain *c, uint64_t last_id)
{
	uint8_t shape = fz_u8(in);
	uint32_t rlen = fz_u16(in) % MAX_RLEN;
	unsigned int nr = shape & 3, nw = (shape >> 2) & 3, i;
	uint32_t cut[4] = { 0 };
	uint8_t req[MAX_RLEN], split[2], wlen[3];

	fz_bytes(in, split, sizeof(split));
	fz_bytes(in, wlen, sizeof(wlen));
	fz_bytes(in, req, rlen);
	if ((shape & 0x10) && rlen >= 24) {
		uint64_t le = vcrypto_to_le64(last_id);

		memcpy(req + 16, &le, sizeof(le));
	}
	memset(c, 0, sizeof(*c));
	if (rlen == 0)
		nr = 0;
	/* cut[0] = 0 < cut[1] <= cut[2] <= cut[nr] = rlen */
	cut[nr] = rlen;
	for (i = 1; i < nr; i++) {
		uint32_t rem = rlen - cut[i - 1];

		cut[i] = rem > 1 ? cut[i - 1] + 1 + split[i - 1] % (rem - 1) : rlen;
	}
	for (i = 0; i < nr; i++) {
		uint32_t len = cut[i + 1] - cut[i];
		uint8_t *p;

		if (len == 0)
			continue;
		p = malloc(len);
		if (p == NULL)
			return -1;
		memcpy(p, req + cut[i], len);
		seg_add(c, p, len, false);
	}
	for (i = 0; i < nw; i++) {
		uint32_t len = wlen[i] ? wlen[i] : 16;
		uint8_t *p = malloc(len);

		if (p == NULL)
			return -1;
		memset(p, 0xa5, len);
		seg_add(c, p, len, true);
	}
	return 0;
}

/* Read back the answer the control queue wrote and check it. */
static void
check_result(const struct vcrypto_ctrl_ctx *ctx, const struct vcrypto_chain *c,
		const struct vcrypto_ctrl_result *res, uint32_t active_before,
		uint64_t destroy_id, uint64_t *last_id)
{
	const struct vcrypto_session_table *t = ctx->sessions;

	FZ_ASSERT(fz_status_valid(res->status), "status %u", res->status);
	FZ_ASSERT(res->used_len <= c->write_len, "used_len %u > writable %lu",
		res->used_len, (unsigned long)c->write_len);
	FZ_ASSERT(res->written ? res->used_len == 1 || res->used_len == 16 :
		res->used_len == 0, "used_len %u written %d", res->used_len,
		res->written);
	FZ_ASSERT(!(res->created && res->destroyed), "created and destroyed");
	FZ_ASSERT(t->active == active_before + res->created - res->destroyed,
		"active %u -> %u, created %d destroyed %d", active_before,
		t->active, res->created, res->destroyed);
	FZ_ASSERT(t->active + t->nfree + t->nretired == t->cap,
		"table accounting");
	if (res->written && res->used_len == 1)
		FZ_ASSERT(c->seg[c->nread].hva[0] == res->status,
			"status byte %u, result %u", c->seg[c->nread].hva[0],
			res->status);
	if (res->written && res->used_len == 16) {
		struct vcrypto_create_session_input a;

		/* ctrl.c writes the answer only into one segment */
		FZ_ASSERT(c->seg[c->nread].len >= sizeof(a), "answer split");
		memcpy(&a, c->seg[c->nread].hva, sizeof(a));
		FZ_ASSERT(vcrypto_le32(a.status) == res->status,
			"answer status %u, result %u", vcrypto_le32(a.status),
			res->status);
		if (res->status == VIRTIO_CRYPTO_OK) {
			FZ_ASSERT(res->created, "OK answer without a session");
			FZ_ASSERT(vcrypto_session_lookup(t,
				vcrypto_le64(a.session_id)) != NULL,
				"answered id %lu does not resolve",
				(unsigned long)vcrypto_le64(a.session_id));
			*last_id = vcrypto_le64(a.session_id);
		}
	}
	if (res->created)
		FZ_ASSERT(res->written && res->used_len == 16,
			"a session the guest cannot learn was kept");
	if (res->destroyed)
		FZ_ASSERT(vcrypto_session_lookup(t, destroy_id) == NULL,
			"destroyed id still resolves");
}

/*
 * The data queue's reader enters a pass, or leaves it: then nothing may
 * stay retired once the control path reclaims.
 */
static bool
reader_toggle(const struct vcrypto_ctrl_ctx *ctx, bool inside)
{
	if (!inside) {
		vcrypto_grace_enter(ctx->grace, 0);
		return true;
	}
	vcrypto_grace_leave(ctx->grace, 0);
	vcrypto_ctrl_reclaim(ctx);
	FZ_ASSERT(ctx->sessions->nretired == 0, "%u retired after the reader left",
		ctx->sessions->nretired);
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	uint8_t cfg = fz_u8(&in);
	struct vcrypto_session_table t;
	struct vcrypto_ctrl_ctx ctx = {
		.revision_1 = cfg & 1,
		.sessions = &t,
		.engine = &vcrypto_engine_ipsec_mb,
		.caps = &caps,
		.engine_ctx = mb_ctx,
	};
	struct vcrypto_grace_reader reader;
	struct vcrypto_ctrl_result res;
	struct vcrypto_grace grace;
	struct vcrypto_chain c;
	uint64_t last_id = 0;
	bool inside = false;
	unsigned int i;

	if (vcrypto_session_table_init(&t, 1 + ((cfg >> 1) & 7),
			vcrypto_engine_ipsec_mb.session_size,
			vcrypto_engine_ipsec_mb.session_align) != 0)
		return 0;
	if (cfg & 0x10) {
		vcrypto_grace_init(&grace, &reader, 1);
		ctx.grace = &grace;
	}
	for (i = 0; i < MAX_REQS && in.n > 0; i++) {
		uint32_t before = t.active;
		uint64_t destroy_id = 0;

		if (ctx.grace != NULL && in.n > 0 && (in.p[0] & 0x20))
			inside = reader_toggle(&ctx, inside);
		if (chain_build(&in, &c, last_id) == 0) {
			/* The id a destroy names, read as ctrl.c reads it. */
			if (c.read_len >= 24) {
				uint8_t b[8];

				vcrypto_chain_read(&c, 16, b, 8);
				memcpy(&destroy_id, b, 8);
				destroy_id = vcrypto_le64(destroy_id);
			}
			__builtin_memset(&res, 0x5a, sizeof(res));
			vcrypto_ctrl_handle(&ctx, &c, &res);
			check_result(&ctx, &c, &res, before, destroy_id, &last_id);
		}
		chain_free(&c);
	}
	vcrypto_ctrl_destroy_all(&ctx);
	FZ_ASSERT(t.active == 0, "%u sessions left after destroy_all", t.active);
	vcrypto_session_table_fini(&t);
	return 0;
}
