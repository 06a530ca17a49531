/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The poller: one pass over a device's queues, or over one of them, from
 * the caller's lcore. Per queue: one trylock and one burst of at most
 * VCRYPTO_BURST chains, taken in stages over the whole burst (heads, walks,
 * decodes, one engine call, completions), one used-idx publish and at most
 * one eventfd write; an idle queue costs one read of avail->idx. Nothing
 * here allocates, blocks or logs above DEBUG per request; a broken ring is
 * reported once and the queue left alone.
 */
#include <string.h>
#include <sys/eventfd.h>

#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_prefetch.h>

#include "vcrypto_wire.h"
#include "device_priv.h"
#include "log_priv.h"

/* Per-burst counters, folded into the device's once per burst. */
struct burst_stats {
	uint64_t phase[VCRYPTO_PHASE_NUM]; /* -Dphase_stats only ... */
	uint64_t clock;                    /* ... the TSC at the last mark */
	uint64_t status[VCRYPTO_STAT_STATUS_NUM];
	uint64_t bytes;
	uint64_t bad_chains;
	uint64_t created;
	uint64_t destroyed;
	uint32_t done;
};

static void
ring_broken(struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	if (vq->broken_logged)
		return;
	vq->broken_logged = true;
	vcrypto_stat_add(&vq->stats.broken_queues, 1);
	VCRYPTO_LOG(ERR, "%s: queue %u: driver broke the ring (avail idx or head "
		"out of range); queue stopped until the guest resets it",
		dev->path, vq->index);
}

static void
count(struct burst_stats *bs, uint8_t status)
{
	bs->status[status < VCRYPTO_STAT_STATUS_NUM ? status : VCRYPTO_STAT_ERR]++;
}

/* Fold a burst into its queue's counters (the queue's poller writes them). */
static void
fold_stats(struct vcrypto_vq *vq, const struct burst_stats *bs, bool ctrl)
{
	struct vcrypto_dev_stats *s = &vq->stats;
	unsigned int i;

	vcrypto_stat_add(&s->requests, bs->done);
	if (ctrl)
		vcrypto_stat_add(&s->ctrl_requests, bs->done);
	for (i = 0; i < VCRYPTO_STAT_STATUS_NUM; i++)
		if (bs->status[i] != 0)
			vcrypto_stat_add(&s->status[i], bs->status[i]);
	if (bs->bytes != 0)
		vcrypto_stat_add(&s->bytes, bs->bytes);
	if (bs->bad_chains != 0)
		vcrypto_stat_add(&s->bad_chains, bs->bad_chains);
#ifdef VCRYPTO_PHASE_STATS
	for (i = 0; i < VCRYPTO_PHASE_NUM; i++)
		vcrypto_stat_add(&s->phase_cycles[i], bs->phase[i]);
#endif
	if (bs->created != 0 || bs->destroyed != 0) {
		vcrypto_stat_add(&s->sessions_created, bs->created);
		vcrypto_stat_add(&s->sessions_destroyed, bs->destroyed);
	}
}

/*
 * Publish the burst's used elements and interrupt the guest at most once,
 * never when it said it polls (the device's guest_polls).
 */
static void
finish_burst(const struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	if (vcrypto_vring_split_publish(&vq->ring) && vq->callfd >= 0 &&
			!dev->guest_polls)
		eventfd_write(vq->callfd, 1);
}

static unsigned int
poll_ctrlq(struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	uint16_t heads[VCRYPTO_BURST];
	struct vcrypto_ctrl_result res;
	struct burst_stats bs;
	uint16_t i, n;

	/* Destroyed sessions whose grace passed: wipe their keys now. */
	if (dev->sessions.nretired != 0)
		vcrypto_ctrl_reclaim(&dev->ctrl);
	n = vcrypto_vring_split_pop_burst(&vq->ring, heads, VCRYPTO_BURST);
	if (unlikely(vq->ring.broken))
		ring_broken(dev, vq);
	if (n == 0)
		return 0;
	memset(&bs, 0, sizeof(bs));
	for (i = 0; i < n; i++) {
		if (vcrypto_vring_split_walk(&vq->ring, &dev->mem, heads[i],
				&vq->chain) != 0) {
			bs.bad_chains++;
			count(&bs, VIRTIO_CRYPTO_ERR);
			vcrypto_vring_split_push(&vq->ring, heads[i], 0);
		} else {
			vcrypto_ctrl_handle(&dev->ctrl, &vq->chain, &res);
			count(&bs, res.status);
			bs.created += res.created;
			bs.destroyed += res.destroyed;
			vcrypto_vring_split_push(&vq->ring, heads[i], res.used_len);
		}
	}
	bs.done = n;
	finish_burst(dev, vq);
	fold_stats(vq, &bs, true);
	if (bs.created != 0 || bs.destroyed != 0)
		__atomic_store_n(&dev->stats.sessions_active, dev->sessions.active,
			__ATOMIC_RELAXED);
	return n;
}

/*
 * Phase timing (-Dphase_stats): charge the TSC time since the previous
 * mark to phase @p p (VCRYPTO_PHASE_NUM: just start the clock). Compiled
 * out otherwise.
 */
static inline void
phase_mark(struct burst_stats *bs, enum vcrypto_phase p)
{
#ifdef VCRYPTO_PHASE_STATS
	uint64_t now = rte_rdtsc();

	if (p < VCRYPTO_PHASE_NUM)
		bs->phase[p] += now - bs->clock;
	bs->clock = now;
#else
	(void)bs;
	(void)p;
#endif
}

/* Per-queue burst state: requests [first, end) are decoded, not finished. */
struct data_burst {
	struct burst_stats bs;
	uint16_t first;     /* first request not yet finished */
	uint16_t nb_engine; /* of those, how many are in vq->batch */
};

/*
 * Run the decoded requests through the engine, write their results and
 * statuses, and queue them on the used ring; then the bounce area is free.
 */
static void
run_batch(struct vcrypto_dev *dev, struct vcrypto_vq *vq,
		struct data_burst *db, uint16_t end)
{
	uint16_t i;

	phase_mark(&db->bs, VCRYPTO_PHASE_DECODE);
	if (db->nb_engine > 0)
		dev->engine->process_burst(vq->engine_ctx, vq->batch,
			db->nb_engine);
	phase_mark(&db->bs, VCRYPTO_PHASE_ENGINE);
	for (i = db->first; i < end; i++) {
		struct vcrypto_req *req = &vq->reqs[i];
		uint32_t used_len = vcrypto_codec_finish(req);

		if (req->status == VIRTIO_CRYPTO_OK)
			db->bs.bytes += req->len;
		count(&db->bs, req->status);
		vcrypto_vring_split_push(&vq->ring, req->head, used_len);
	}
	db->first = end;
	db->nb_engine = 0;
	vq->bounce.used = 0;
}

/*
 * Walk the chain of request @p i (stage 1 of a burst) and start loading
 * what decode and the engine touch first: the header, the first line of
 * each buffer, and the status byte's line (for writing). The driver wrote
 * all of them on another core; doing this for the whole burst before the
 * first decode overlaps those transfers instead of taking them one by one.
 * @return false when the chain is malformed (the request is then done).
 */
static bool
walk_request(struct vcrypto_dev *dev, struct vcrypto_vq *vq,
		struct data_burst *db, uint16_t i, uint16_t head)
{
	struct vcrypto_req *req = &vq->reqs[i];
	struct vcrypto_chain *chain = &vq->chains[i];
	uint16_t s;

	if (unlikely(vcrypto_vring_split_walk(&vq->ring, &dev->mem, head,
			chain) != 0)) {
		/* Where the status byte is cannot be trusted. */
		db->bs.bad_chains++;
		req->head = head;
		req->status_ptr = NULL;
		req->status = VIRTIO_CRYPTO_ERR;
		return false;
	}
	for (s = 0; s < chain->nread; s++)
		rte_prefetch0(chain->seg[s].hva);
	for (; s < chain->nseg; s++)
		rte_prefetch0_write(chain->seg[s].hva);
	if (chain->nseg > chain->nread)
		rte_prefetch0_write(chain->seg[chain->nseg - 1].hva +
			chain->seg[chain->nseg - 1].len - 1);
	return true;
}

/* Decode request @p i of the burst (stage 2; its chain is walked). */
static void
decode_request(struct vcrypto_dev *dev, struct vcrypto_vq *vq,
		struct data_burst *db, uint16_t i)
{
	struct vcrypto_req *req = &vq->reqs[i];
	struct vcrypto_chain *chain = &vq->chains[i];

	req->status = vcrypto_codec_data_decode(&vq->codec, chain,
		&vq->bounce, req);
	if (unlikely(req->status == VCRYPTO_CODEC_DEFER)) {
		/* The bounce area is full: finish what came before, retry. */
		run_batch(dev, vq, db, i);
		req->status = vcrypto_codec_data_decode(&vq->codec, chain,
			&vq->bounce, req);
		if (req->status == VCRYPTO_CODEC_DEFER)
			req->status = VIRTIO_CRYPTO_ERR;
	}
	if (req->status == VIRTIO_CRYPTO_OK)
		vq->batch[db->nb_engine++] = req;
}

/*
 * One burst: take the heads, walk every chain, decode every request, run
 * the engine once over all of them, then complete them in ring order with
 * one used-idx publish and at most one interrupt.
 */
static unsigned int
poll_dataq(struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	uint16_t heads[VCRYPTO_BURST];
	bool walked[VCRYPTO_BURST];
	struct data_burst db;
	uint16_t i, n;

	n = vcrypto_vring_split_pop_burst(&vq->ring, heads, VCRYPTO_BURST);
	if (unlikely(vq->ring.broken))
		ring_broken(dev, vq);
	if (n == 0)
		return 0;
	memset(&db, 0, sizeof(db));
	phase_mark(&db.bs, VCRYPTO_PHASE_NUM);
	for (i = 0; i < n; i++)
		walked[i] = walk_request(dev, vq, &db, i, heads[i]);
	phase_mark(&db.bs, VCRYPTO_PHASE_WALK);
	/* From the first session lookup to the last use of one. */
	vcrypto_grace_enter(&dev->grace, vq->index);
	for (i = 0; i < n; i++)
		if (walked[i])
			decode_request(dev, vq, &db, i);
	run_batch(dev, vq, &db, n);
	vcrypto_grace_leave(&dev->grace, vq->index);
	db.bs.done = n;
	finish_burst(dev, vq);
	phase_mark(&db.bs, VCRYPTO_PHASE_FINISH);
	fold_stats(vq, &db.bs, false);
	return n;
}

static inline bool
serviceable(const struct vcrypto_vq *vq)
{
	return vq->ready && vq->enabled && !vq->ring.broken;
}

/*
 * One pass over queue @p vq, from whichever lcore calls: its lock keeps a
 * second poller of the same queue out, and rte_vhost's thread takes every
 * queue's lock before changing what pollers read.
 */
static unsigned int
poll_queue(struct vcrypto_dev *dev, struct vcrypto_vq *vq)
{
	unsigned int done = 0;
	uint64_t t0;

	if (!rte_spinlock_trylock(&vq->lock))
		return 0;
	/* Re-check under the lock: rte_vhost's thread may have stopped us. */
	if (__atomic_load_n(&dev->running, __ATOMIC_RELAXED) &&
			serviceable(vq)) {
		t0 = rte_rdtsc();
		done = vq->index == dev->max_dataqueues ?
			poll_ctrlq(dev, vq) : poll_dataq(dev, vq);
		if (done != 0)
			vcrypto_stat_add(&vq->stats.busy_cycles,
				rte_rdtsc() - t0);
	}
	rte_spinlock_unlock(&vq->lock);
	return done;
}

unsigned int
vcrypto_dev_poll_queue(struct vcrypto_dev *dev, uint16_t qid)
{
	/* Cheap check first: no lock traffic while no guest runs. */
	if (qid > dev->max_dataqueues ||
			!__atomic_load_n(&dev->running, __ATOMIC_ACQUIRE))
		return 0;
	return poll_queue(dev, &dev->vqs[qid]);
}

unsigned int
vcrypto_dev_poll(struct vcrypto_dev *dev)
{
	unsigned int done;
	uint16_t q;

	if (!__atomic_load_n(&dev->running, __ATOMIC_ACQUIRE))
		return 0;
	done = poll_queue(dev, &dev->vqs[dev->max_dataqueues]);
	for (q = 0; q < dev->max_dataqueues; q++)
		done += poll_queue(dev, &dev->vqs[q]);
	return done;
}
