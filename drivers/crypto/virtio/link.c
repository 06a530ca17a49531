/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The driver survives its back-end. An EAL alarm (the interrupt thread, not
 * the data path) peeks at the vhost-user socket every
 * VCRYPTO_LINK_POLL_MS. When the back-end has gone:
 *
 *   1. the alarm sets VCRYPTO_LINK_DOWN in vd->link_state (release);
 *   2. each queue pair sees the new state at its next enqueue or dequeue
 *      (one load per burst): enqueue takes nothing; dequeue returns what
 *      the device completed, then every other op in flight with status
 *      ERROR, each exactly once, and then stores the state it saw in
 *      qp->link_seen (release), after which it leaves the rings alone;
 *   3. once every queue pair has acknowledged, the alarm reconnects
 *      (bounded attempts, exponential backoff), sends features, memory
 *      table and emptied rings again, re-creates every live session from
 *      the create request it kept (the session's private data gets the new
 *      id), and publishes a new up state; the queues resume.
 *
 * After VCRYPTO_LINK_MAX_RETRIES failed attempts it gives up: the state
 * becomes DEAD and enqueue fails ops with status ERROR instead of taking
 * none. The alarm takes ctrl_lock (try-lock, never blocking the interrupt
 * thread), so session creation and reconnection never interleave.
 *
 * Memory hotplug: a memory event callback sends the memory table again
 * (the back-end pauses its poller around SET_MEM_TABLE).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_alarm.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_pause.h>

#include "virtio_crypto_log.h"
#include "virtio_crypto_priv.h"

/** How often an up link is checked. */
#define VCRYPTO_LINK_POLL_MS 100
/** First and longest delay between reconnect attempts. */
#define VCRYPTO_LINK_RETRY_MIN_MS 100
#define VCRYPTO_LINK_RETRY_MAX_MS 1000
/** Reconnect attempts before giving up (about a minute and a half). */
#define VCRYPTO_LINK_MAX_RETRIES 100

static void link_alarm(void *arg);

static void
link_arm(struct vcrypto_dev *vd, uint32_t ms)
{
	int ret;

	/*
	 * Not while stopping: rte_eal_alarm_cancel() spins until no matching
	 * alarm runs, and an alarm that keeps arming a successor (every 1 ms
	 * while ctrl_lock is busy) could keep it spinning.
	 */
	if (__atomic_load_n(&vd->link_stopping, __ATOMIC_ACQUIRE))
		return;
	ret = rte_eal_alarm_set((uint64_t)ms * 1000, link_alarm, vd);
	if (ret < 0)
		VC_LOG(ERR, "%s: cannot arm the link alarm: %s; back-end failures "
			"will not be noticed", vd->name, strerror(-ret));
}

static uint32_t
link_load(const struct vcrypto_dev *vd)
{
	return __atomic_load_n(&vd->link_state, __ATOMIC_ACQUIRE);
}

/* Pairs with the release store of link_seen in vcrypto_link_dequeue(). */
static bool
queues_acknowledged(const struct vcrypto_dev *vd, uint32_t ls)
{
	uint16_t i;

	for (i = 0; i < vd->data->nb_queue_pairs; i++) {
		const struct vcrypto_qp *qp = vd->data->queue_pairs[i];

		if (qp != NULL && __atomic_load_n(&qp->link_seen, __ATOMIC_ACQUIRE) != ls)
			return false;
	}
	return true;
}

/* Every live session again, on the new connection; ctrl_lock held. */
static void
recreate_sessions(struct vcrypto_dev *vd)
{
	struct vcrypto_session *s;
	unsigned int ok = 0, bad = 0;

	TAILQ_FOREACH(s, &vd->sessions, next) {
		struct vcrypto_ctrl_plan p = {
			.req = s->create_req,
			.key1 = s->keys, .key1_len = s->key1_len,
			.key2 = s->keys + s->key1_len, .key2_len = s->key2_len,
			.what = "re-created",
		};
		uint64_t id;

		if (vcrypto_session_create_on_device(vd, &p, &id) == 0) {
			VC_LOG(DEBUG, "%s: session %" PRIu64 " is now %" PRIu64, vd->name,
				s->session_id, id);
			s->session_id = id;
			ok++;
		} else {
			/* Its ops will come back INVALID_SESSION from the device. */
			s->session_id = UINT64_MAX;
			bad++;
		}
	}
	if (bad > 0)
		VC_LOG(ERR, "%s: %u session(s) re-created, %u failed", vd->name, ok, bad);
	else if (ok > 0)
		VC_LOG(INFO, "%s: %u session(s) re-created", vd->name, ok);
}

/* The link is down and every queue has handed its ops back: try once. */
static void
link_try_reconnect(struct vcrypto_dev *vd, uint32_t ls)
{
	int ret = vcrypto_frontend_reconnect(vd->fe);

	if (ret == 0) {
		recreate_sessions(vd);
		vd->link_retries = 0;
		vd->link_delay_ms = VCRYPTO_LINK_POLL_MS;
		__atomic_store_n(&vd->link_state, (ls + VCRYPTO_LINK_GEN) & ~VCRYPTO_LINK_DOWN,
				 __ATOMIC_RELEASE);
		VC_LOG(INFO, "%s: reconnected to the back-end; queues resume", vd->name);
		return;
	}
	vd->link_retries++;
	vd->link_delay_ms = RTE_MIN(vd->link_delay_ms * 2, (uint32_t)VCRYPTO_LINK_RETRY_MAX_MS);
	VC_LOG(DEBUG, "%s: reconnect attempt %u: %s", vd->name, vd->link_retries,
		strerror(-ret));
	if (vd->link_retries >= VCRYPTO_LINK_MAX_RETRIES) {
		__atomic_store_n(&vd->link_state, ls | VCRYPTO_LINK_DEAD, __ATOMIC_RELEASE);
		VC_LOG(ERR, "%s: no back-end after %u reconnect attempts; giving up, "
			"operations now fail", vd->name, vd->link_retries);
	}
}

static void
link_alarm(void *arg)
{
	struct vcrypto_dev *vd = arg;
	uint32_t ls;

	if (!rte_spinlock_trylock(&vd->ctrl_lock)) {
		link_arm(vd, 1); /* a session is being created: come back soon */
		return;
	}
	ls = link_load(vd);
	if (!(ls & VCRYPTO_LINK_DOWN)) {
		if (vcrypto_frontend_link_down(vd->fe)) {
			ls = (ls + VCRYPTO_LINK_GEN) | VCRYPTO_LINK_DOWN;
			__atomic_store_n(&vd->link_state, ls, __ATOMIC_RELEASE);
			vd->link_retries = 0;
			vd->link_delay_ms = VCRYPTO_LINK_RETRY_MIN_MS;
			VC_LOG(WARNING, "%s: the back-end closed the connection; operations "
				"in flight fail, reconnecting", vd->name);
		}
	} else if (!(ls & VCRYPTO_LINK_DEAD) && queues_acknowledged(vd, ls)) {
		link_try_reconnect(vd, ls);
	}
	ls = link_load(vd);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (!(ls & VCRYPTO_LINK_DEAD))
		link_arm(vd, ls & VCRYPTO_LINK_DOWN ? vd->link_delay_ms : VCRYPTO_LINK_POLL_MS);
}

static void
mem_event(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	struct vcrypto_dev *vd = arg;
	int ret;

	/*
	 * EAL holds its memory hotplug lock for writing here, and a reconnect
	 * (link alarm) takes that lock for reading while it holds ctrl_lock:
	 * waiting for ctrl_lock unconditionally could wait forever. A reconnect
	 * only runs with the link down, and then sends the table anyway (once
	 * we return), so give up as soon as the link is seen down.
	 */
	while (!rte_spinlock_trylock(&vd->ctrl_lock)) {
		if (link_load(vd) & VCRYPTO_LINK_DOWN)
			return;
		rte_pause();
	}
	if (link_load(vd) & VCRYPTO_LINK_DOWN) {
		rte_spinlock_unlock(&vd->ctrl_lock);
		return;
	}
	ret = vcrypto_frontend_sync_memory_locked(vd->fe);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (ret < 0)
		VC_LOG(ERR, "%s: memory %s at %p (%zu bytes): memory table not sent: %s",
			vd->name, type == RTE_MEM_EVENT_ALLOC ? "added" : "removed", addr,
			len, strerror(-ret));
	else
		VC_LOG(DEBUG, "%s: memory %s at %p (%zu bytes): memory table current",
			vd->name, type == RTE_MEM_EVENT_ALLOC ? "added" : "removed", addr, len);
}

void
vcrypto_link_watch_start(struct vcrypto_dev *vd)
{
	if (!vcrypto_frontend_addr_is_va(vd->fe))
		return; /* PCI: the device does not go away under us */
	if (!vd->mem_watch) {
		if (rte_mem_event_callback_register(vd->name, mem_event, vd) == 0)
			vd->mem_watch = true;
		else if (rte_errno != ENOTSUP) /* ENOTSUP: --legacy-mem, no hotplug */
			VC_LOG(WARNING, "%s: no memory event callback: %s", vd->name,
				rte_strerror(rte_errno));
	}
	if (!vd->link_watch) {
		vd->link_watch = true;
		vd->link_delay_ms = VCRYPTO_LINK_POLL_MS;
		link_arm(vd, VCRYPTO_LINK_POLL_MS);
	}
}

void
vcrypto_link_watch_stop(struct vcrypto_dev *vd)
{
	if (vd->link_watch) {
		__atomic_store_n(&vd->link_stopping, true, __ATOMIC_RELEASE);
		/* Waits for a callback running on the interrupt thread. */
		rte_eal_alarm_cancel(link_alarm, vd);
		vd->link_watch = false;
		__atomic_store_n(&vd->link_stopping, false, __ATOMIC_RELEASE);
	}
	if (vd->mem_watch) {
		rte_mem_event_callback_unregister(vd->name, vd);
		vd->mem_watch = false;
	}
}

uint16_t
vcrypto_link_enqueue(struct vcrypto_qp *qp, uint32_t ls, struct rte_crypto_op **ops,
		uint16_t nb_ops)
{
	uint16_t i;

	if (!(ls & VCRYPTO_LINK_DEAD) || qp->link_seen != ls)
		return 0; /* reconnecting: the caller keeps its ops */
	/* Given up: fail visibly rather than leave the caller retrying. */
	for (i = 0; i < nb_ops && qp->rej_count < qp->rej_size; i++) {
		ops[i]->status = RTE_CRYPTO_OP_STATUS_ERROR;
		qp->rejected[(qp->rej_head + qp->rej_count) & (qp->rej_size - 1)] = ops[i];
		qp->rej_count++;
	}
	qp->stats.enqueued_count += i;
	return i;
}

uint16_t
vcrypto_link_dequeue(struct vcrypto_qp *qp, uint32_t ls, struct rte_crypto_op **ops,
		uint16_t nb_ops)
{
	uint16_t n = 0, got;

	while (n < nb_ops && qp->rej_count > 0) {
		ops[n++] = qp->rejected[qp->rej_head];
		qp->rej_head = (qp->rej_head + 1) & (qp->rej_size - 1);
		qp->rej_count--;
		qp->stats.dequeue_err_count++;
	}
	if (qp->link_seen != ls) {
		/* What the device finished before it went keeps its result ... */
		n += vcrypto_dequeue_completed(qp, ops + n, nb_ops - n);
		/* ... the rest will never complete. */
		got = vcrypto_vq_take_in_flight(qp->vq, (void **)(ops + n), nb_ops - n);
		for (uint16_t i = 0; i < got; i++)
			ops[n + i]->status = RTE_CRYPTO_OP_STATUS_ERROR;
		qp->stats.dequeue_err_count += got;
		n += got;
		if (vcrypto_vq_in_flight(qp->vq) == 0)
			__atomic_store_n(&qp->link_seen, ls, __ATOMIC_RELEASE);
	}
	qp->stats.dequeued_count += n;
	return n;
}
