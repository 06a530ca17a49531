/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Unit tests of the device-side split ring walker, without EAL: a fake
 * "guest" ring and buffers in ordinary memory, seen through a memory table
 * that places them at a made-up guest address.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vring_split_priv.h"
#include "test_util.h"

#define QSZ 16
#define GPA_BASE 0x40000000ull

/* The fake guest RAM: rings first, then data buffers. */
static struct {
	struct vcrypto_vring_desc desc[QSZ];
	uint16_t avail[2 + QSZ + 1];
	struct {
		uint16_t flags, idx;
		struct vcrypto_vring_used_elem ring[QSZ];
		uint16_t avail_event; /* EVENT_IDX */
	} used;
	struct vcrypto_vring_desc indirect[VCRYPTO_CHAIN_MAX_SEGS + 8];
	uint8_t buf[16][256];
} __attribute__((aligned(64))) ram;

static struct vcrypto_gmem mem;
static struct vcrypto_vring_split vq;
static struct vcrypto_chain chain;

static uint64_t
gpa_of(const void *p)
{
	return GPA_BASE + ((const uint8_t *)p - (const uint8_t *)&ram);
}

static void
reset(bool indirect)
{
	memset(&ram, 0, sizeof(ram));
	vcrypto_gmem_reset(&mem);
	vcrypto_gmem_add(&mem, GPA_BASE, sizeof(ram), (uintptr_t)&ram);
	CHECK_EQ(vcrypto_vring_split_init(&vq, ram.desc, ram.avail, &ram.used,
		QSZ, 0, 0, indirect), 0);
}

static void
set_desc(struct vcrypto_vring_desc *d, uint64_t addr, uint32_t len,
		uint16_t flags, uint16_t next)
{
	d->addr = addr;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

static void
make_avail(uint16_t head)
{
	ram.avail[2 + (ram.avail[1] % QSZ)] = head;
	ram.avail[1]++;
}

static void
test_init(void)
{
	struct vcrypto_vring_split v;

	CHECK_EQ(vcrypto_vring_split_init(&v, ram.desc, ram.avail, &ram.used,
		12, 0, 0, false), -EINVAL);
	CHECK_EQ(vcrypto_vring_split_init(&v, ram.desc, ram.avail, &ram.used,
		0, 0, 0, false), -EINVAL);
	CHECK_EQ(vcrypto_vring_split_init(&v, ram.desc, ram.avail, &ram.used,
		65536, 0, 0, false), -EINVAL);
	CHECK_EQ(vcrypto_vring_split_init(&v, NULL, ram.avail, &ram.used,
		16, 0, 0, false), -EINVAL);
}

static void
test_good_chain(void)
{
	uint16_t head = 99;

	reset(false);
	set_desc(&ram.desc[3], gpa_of(ram.buf[0]), 72, VCRYPTO_VRING_DESC_F_NEXT, 7);
	set_desc(&ram.desc[7], gpa_of(ram.buf[1]), 16, VCRYPTO_VRING_DESC_F_NEXT, 1);
	set_desc(&ram.desc[1], gpa_of(ram.buf[2]), 64,
		VCRYPTO_VRING_DESC_F_WRITE | VCRYPTO_VRING_DESC_F_NEXT, 2);
	set_desc(&ram.desc[2], gpa_of(ram.buf[3]), 1, VCRYPTO_VRING_DESC_F_WRITE, 0);
	make_avail(3);
	vcrypto_vring_split_suppress_kicks(&vq);
	CHECK_EQ(ram.used.flags, VCRYPTO_VRING_USED_F_NO_NOTIFY);
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), 1);
	CHECK_EQ(vcrypto_vring_split_pop(&vq, &head), 0);
	CHECK_EQ(head, 3);
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, head, &chain), 0);
	CHECK_EQ(chain.nseg, 4);
	CHECK_EQ(chain.nread, 2);
	CHECK_EQ(chain.read_len, 88);
	CHECK_EQ(chain.write_len, 65);
	CHECK(chain.seg[0].hva == ram.buf[0] && !chain.seg[0].write);
	CHECK(chain.seg[1].hva == ram.buf[1] && chain.seg[1].len == 16);
	CHECK(chain.seg[2].hva == ram.buf[2] && chain.seg[2].write);
	CHECK(chain.seg[3].hva == ram.buf[3] && chain.seg[3].len == 1);

	/* Completion: used element, then one publish and a notification. */
	vcrypto_vring_split_push(&vq, head, 65);
	CHECK_EQ(ram.used.idx, 0); /* not visible before publish */
	CHECK(vcrypto_vring_split_publish(&vq));
	CHECK_EQ(ram.used.idx, 1);
	CHECK_EQ(ram.used.ring[0].id, 3);
	CHECK_EQ(ram.used.ring[0].len, 65);
	CHECK(!vcrypto_vring_split_publish(&vq)); /* nothing new */

	/* The driver asks for no interrupts. */
	ram.avail[0] = VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT;
	vcrypto_vring_split_push(&vq, head, 1);
	CHECK(!vcrypto_vring_split_publish(&vq));
	CHECK_EQ(ram.used.idx, 2);
}

/* Several heads at once, and a bad head stops the burst before it. */
static void
test_pop_burst(void)
{
	uint16_t heads[8];

	reset(false);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, 8), 0);
	make_avail(5);
	make_avail(9);
	make_avail(2);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, 2), 2);
	CHECK(heads[0] == 5 && heads[1] == 9);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, 8), 1);
	CHECK_EQ(heads[0], 2);
	CHECK_EQ(vq.last_avail, 3);
	make_avail(4);
	make_avail(QSZ); /* out of range */
	make_avail(1);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, 8), 1);
	CHECK_EQ(heads[0], 4);
	CHECK(vq.broken);
	CHECK_EQ(vq.last_avail, 4);

	/* The driver's index more than a queue ahead. */
	reset(false);
	ram.avail[1] = QSZ + 1;
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, 8), 0);
	CHECK(vq.broken);
	CHECK_EQ(vq.last_avail, 0);
}

/* VIRTIO_F_RING_EVENT_IDX: used_event decides interrupts, avail_event
 * stays where a driver never kicks. */
static void
test_event_idx(void)
{
	uint16_t heads[QSZ], i, n;

	reset(false);
	vcrypto_vring_split_set_event_idx(&vq, true);
	vcrypto_vring_split_suppress_kicks(&vq);
	CHECK_EQ(ram.used.flags, 0); /* the flag is not how it is done */
	CHECK_EQ(ram.used.avail_event, 0xffff); /* behind avail idx 0 */

	/* Driver: interrupt me when used idx passes 2 (used_event = 2). */
	ram.avail[2 + QSZ] = 2;
	ram.avail[0] = VCRYPTO_VRING_AVAIL_F_NO_INTERRUPT; /* ignored now */
	for (i = 0; i < 3; i++)
		make_avail(i);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, QSZ), 3);
	vcrypto_vring_split_push(&vq, heads[0], 1);
	vcrypto_vring_split_push(&vq, heads[1], 1);
	CHECK(!vcrypto_vring_split_publish(&vq)); /* idx 2: not past 2 yet */
	vcrypto_vring_split_push(&vq, heads[2], 1);
	CHECK(vcrypto_vring_split_publish(&vq));  /* idx 3 passed 2 */
	CHECK_EQ(ram.used.idx, 3);
	make_avail(3);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, QSZ), 1);
	vcrypto_vring_split_push(&vq, heads[0], 1);
	CHECK(!vcrypto_vring_split_publish(&vq)); /* 2 already passed */
	ram.avail[2 + QSZ] = 4; /* the driver re-arms at the idx it saw */
	make_avail(4);
	CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, QSZ), 1);
	vcrypto_vring_split_push(&vq, heads[0], 1);
	CHECK(vcrypto_vring_split_publish(&vq));

	/* Over many wraps of the 16-bit index, avail_event is never inside
	 * the window of indices the driver adds (so it never kicks). */
	for (n = 0; n < 5000; n++) {
		uint16_t old = ram.avail[1], ev;

		for (i = 0; i < 13; i++)
			make_avail(i);
		ev = ram.used.avail_event;
		CHECK((uint16_t)(ram.avail[1] - ev - 1) >=
			(uint16_t)(ram.avail[1] - old));
		CHECK_EQ(vcrypto_vring_split_pop_burst(&vq, heads, QSZ), 13);
		for (i = 0; i < 13; i++)
			vcrypto_vring_split_push(&vq, heads[i], 1);
		vcrypto_vring_split_publish(&vq);
	}
	CHECK(!vq.broken);
}

static void
test_loops(void)
{
	reset(false);
	/* 0 -> 1 -> 0 ... */
	set_desc(&ram.desc[0], gpa_of(ram.buf[0]), 8, VCRYPTO_VRING_DESC_F_NEXT, 1);
	set_desc(&ram.desc[1], gpa_of(ram.buf[1]), 8, VCRYPTO_VRING_DESC_F_NEXT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -ELOOP);
	/* self loop */
	set_desc(&ram.desc[5], gpa_of(ram.buf[0]), 8, VCRYPTO_VRING_DESC_F_NEXT, 5);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 5, &chain), -ELOOP);
	/* a full-length chain without a loop is fine: 16 descriptors */
	reset(false);
	for (int i = 0; i < QSZ; i++)
		set_desc(&ram.desc[i], gpa_of(ram.buf[i]), 4,
			i < QSZ - 1 ? VCRYPTO_VRING_DESC_F_NEXT : 0, i + 1);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), 0);
	CHECK_EQ(chain.nseg, QSZ);
}

static void
test_bad_indices(void)
{
	uint16_t head;

	reset(false);
	/* next outside the table */
	set_desc(&ram.desc[0], gpa_of(ram.buf[0]), 8, VCRYPTO_VRING_DESC_F_NEXT, QSZ);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -ERANGE);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, QSZ, &chain), -ERANGE);

	/* head out of range in the avail ring: the queue is broken */
	make_avail(QSZ + 3);
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), 1);
	CHECK_EQ(vcrypto_vring_split_pop(&vq, &head), -EPROTO);
	CHECK(vq.broken);
	CHECK_EQ(vq.last_avail, 0);

	/* avail idx exactly a queue size ahead is legal */
	reset(false);
	ram.avail[1] = QSZ;
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), QSZ);
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 4), 4);
	CHECK(!vq.broken);
	/* one more is a jump: the queue is broken */
	ram.avail[1] = QSZ + 1;
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), -EPROTO);
	CHECK(vq.broken);
	/* a jump backwards looks like a huge jump forwards */
	reset(false);
	ram.avail[1] = 0xffff;
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), -EPROTO);

	/* index wrap-around at 2^16 */
	CHECK_EQ(vcrypto_vring_split_init(&vq, ram.desc, ram.avail, &ram.used,
		QSZ, 65534, 65534, false), 0);
	ram.avail[1] = 1;
	CHECK_EQ(vcrypto_vring_split_avail(&vq, 32), 3);
	ram.avail[2 + (65534 % QSZ)] = 4;
	CHECK_EQ(vcrypto_vring_split_pop(&vq, &head), 0);
	CHECK_EQ(head, 4);
	vcrypto_vring_split_push(&vq, 4, 0);
	vcrypto_vring_split_push(&vq, 4, 0);
	vcrypto_vring_split_push(&vq, 4, 0);
	vcrypto_vring_split_publish(&vq);
	CHECK_EQ(ram.used.idx, 1);
}

static void
test_bad_descriptors(void)
{
	reset(false);
	/* readable after writable */
	set_desc(&ram.desc[0], gpa_of(ram.buf[0]), 8, VCRYPTO_VRING_DESC_F_NEXT, 1);
	set_desc(&ram.desc[1], gpa_of(ram.buf[1]), 8,
		VCRYPTO_VRING_DESC_F_WRITE | VCRYPTO_VRING_DESC_F_NEXT, 2);
	set_desc(&ram.desc[2], gpa_of(ram.buf[2]), 8, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EINVAL);
	/* zero length */
	set_desc(&ram.desc[1], gpa_of(ram.buf[1]), 0, VCRYPTO_VRING_DESC_F_NEXT, 2);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EINVAL);
	/* outside guest memory, and running off its end */
	set_desc(&ram.desc[1], 0x1000, 8, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EFAULT);
	set_desc(&ram.desc[1], GPA_BASE + sizeof(ram) - 4, 8, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EFAULT);
	set_desc(&ram.desc[1], UINT64_MAX - 2, 8, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EFAULT);

	/* total length of 2^32: two buffers of 2^31 in a huge (unread) region */
	vcrypto_gmem_add(&mem, 1ull << 40, 1ull << 33, (uintptr_t)&ram);
	set_desc(&ram.desc[0], 1ull << 40, 0x80000000u, VCRYPTO_VRING_DESC_F_NEXT, 1);
	set_desc(&ram.desc[1], 1ull << 40, 0x80000000u, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -E2BIG);
	set_desc(&ram.desc[1], 1ull << 40, 0x7fffffffu, 0, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), 0);

	/* an indirect descriptor when indirect was not negotiated */
	set_desc(&ram.desc[0], gpa_of(ram.indirect), 32,
		VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -EINVAL);
}

static void
test_indirect(void)
{
	reset(true);
	set_desc(&ram.desc[2], gpa_of(ram.buf[0]), 72, VCRYPTO_VRING_DESC_F_NEXT, 9);
	set_desc(&ram.desc[9], gpa_of(ram.indirect), 3 * 16,
		VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	set_desc(&ram.indirect[0], gpa_of(ram.buf[1]), 16, VCRYPTO_VRING_DESC_F_NEXT, 2);
	set_desc(&ram.indirect[2], gpa_of(ram.buf[2]), 32, VCRYPTO_VRING_DESC_F_NEXT, 1);
	set_desc(&ram.indirect[1], gpa_of(ram.buf[3]), 33, VCRYPTO_VRING_DESC_F_WRITE, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), 0);
	CHECK_EQ(chain.nseg, 4);
	CHECK_EQ(chain.nread, 3);
	CHECK(chain.seg[1].hva == ram.buf[1] && chain.seg[2].hva == ram.buf[2]);
	CHECK(chain.seg[3].hva == ram.buf[3] && chain.seg[3].write);

	/* next outside the indirect table (but inside the ring) */
	set_desc(&ram.indirect[2], gpa_of(ram.buf[2]), 32, VCRYPTO_VRING_DESC_F_NEXT, 3);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -ERANGE);
	/* a loop inside the table */
	set_desc(&ram.indirect[2], gpa_of(ram.buf[2]), 32, VCRYPTO_VRING_DESC_F_NEXT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -ELOOP);
	/* nested indirect */
	set_desc(&ram.indirect[2], gpa_of(ram.indirect), 16,
		VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -EINVAL);
	/* table length not a multiple of 16, or zero */
	set_desc(&ram.desc[9], gpa_of(ram.indirect), 40, VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -EINVAL);
	set_desc(&ram.desc[9], gpa_of(ram.indirect), 0, VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -EINVAL);
	/* INDIRECT together with NEXT */
	set_desc(&ram.desc[9], gpa_of(ram.indirect), 48,
		VCRYPTO_VRING_DESC_F_INDIRECT | VCRYPTO_VRING_DESC_F_NEXT, 2);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -EINVAL);
	/* table outside guest memory */
	set_desc(&ram.desc[9], 0x10, 48, VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 2, &chain), -EFAULT);

	/* more segments than a chain may hold */
	reset(true);
	for (int i = 0; i < VCRYPTO_CHAIN_MAX_SEGS + 1; i++)
		set_desc(&ram.indirect[i], gpa_of(ram.buf[0]), 4,
			VCRYPTO_VRING_DESC_F_NEXT, i + 1);
	ram.indirect[VCRYPTO_CHAIN_MAX_SEGS].flags = 0;
	set_desc(&ram.desc[0], gpa_of(ram.indirect),
		(VCRYPTO_CHAIN_MAX_SEGS + 1) * 16, VCRYPTO_VRING_DESC_F_INDIRECT, 0);
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), -E2BIG);
	ram.indirect[VCRYPTO_CHAIN_MAX_SEGS - 1].flags = 0;
	CHECK_EQ(vcrypto_vring_split_walk(&vq, &mem, 0, &chain), 0);
	CHECK_EQ(chain.nseg, VCRYPTO_CHAIN_MAX_SEGS);
}

/*
 * The walk (fast path first) and the general walk alone give the same
 * answer and the same chain for random tables: lengths 0, small or near
 * 2^32, addresses inside, across the end of and outside guest memory,
 * random flags (indirect included) and next indices, in one or two
 * memory regions.
 */
static void
test_fast_path_agrees(void)
{
	struct vcrypto_chain a, b;
	uint64_t x = 0x9e3779b97f4a7c15ull; /* xorshift64 */
	int iter, i, mismatches = 0, ok = 0;

	for (iter = 0; iter < 100000; iter++) {
		reset(iter & 1);
		if (iter % 7 == 0) /* a second region: the fast path gives up */
			vcrypto_gmem_add(&mem, GPA_BASE + (1ull << 32), 4096,
				(uintptr_t)ram.buf[0]);
		for (i = 0; i < QSZ; i++) {
			uint64_t addr;
			uint32_t len;
			uint16_t flags;

			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			switch (x % 8) {
			case 0: len = 0; break;
			case 1: len = (uint32_t)(UINT32_MAX - (x >> 40) % 4); break;
			default: len = 1 + (uint32_t)((x >> 8) % 300); break;
			}
			switch ((x >> 20) % 8) {
			case 0: addr = GPA_BASE - 16; break;
			case 1: addr = GPA_BASE + sizeof(ram) - 8; break;
			case 2: addr = gpa_of(ram.indirect); len = 16 * (1 + (x >> 30) % 4); break;
			default: addr = gpa_of(ram.buf[(x >> 24) % 16]); break;
			}
			/* mostly NEXT, often WRITE, now and then INDIRECT */
			flags = (uint16_t)(((x >> 33) % 5 != 0 ? 1 : 0) |
				((x >> 36) % 3 == 0 ? 2 : 0) |
				((x >> 39) % 13 == 0 ? 4 : 0));
			set_desc(&ram.desc[i], addr, len, flags,
				(uint16_t)((x >> 42) % 20 == 0 ? QSZ + 1 :
				(i + 1 + (x >> 44) % 3) % QSZ));
		}
		for (i = 0; i < 4; i++)
			set_desc(&ram.indirect[i], gpa_of(ram.buf[i]), 32,
				i < 3 ? 1 | (i >= 2 ? 2 : 0) : 2, (uint16_t)(i + 1));
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		memset(&a, 0xa5, sizeof(a));
		memset(&b, 0xa5, sizeof(b));
		int ra = vcrypto_vring_split_walk(&vq, &mem, (uint16_t)(x % QSZ), &a);
		int rb = vcrypto_vring_split_walk_general(&vq, &mem,
			(uint16_t)(x % QSZ), &b);

		if (ra != rb) {
			mismatches++;
			continue;
		}
		if (ra != 0)
			continue;
		ok++;
		if (a.head != b.head || a.nseg != b.nseg || a.nread != b.nread ||
				a.read_len != b.read_len || a.write_len != b.write_len)
			mismatches++;
		for (i = 0; i < a.nseg; i++)
			if (a.seg[i].hva != b.seg[i].hva || a.seg[i].len != b.seg[i].len ||
					a.seg[i].write != b.seg[i].write)
				mismatches++;
	}
	CHECK_EQ(mismatches, 0);
	/* the random tables must also produce good chains, or this proves little */
	CHECK(ok > 1000);
	printf("fast path vs general walk: %d tables, %d good chains, %d mismatches\n",
		iter, ok, mismatches);
}

int
main(void)
{
	test_init();
	test_good_chain();
	test_pop_burst();
	test_event_idx();
	test_loops();
	test_bad_indices();
	test_bad_descriptors();
	test_indirect();
		test_fast_path_agrees();
return TEST_DONE();
}
