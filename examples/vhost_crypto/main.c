/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vcrypto-backend: serves virtio-crypto devices over vhost-user sockets.
 * One device per --socket-file, polled by the worker lcore(s) named with
 * it (several split its queues); a worker polls its devices and queues
 * round-robin. The main lcore sleeps in
 * sigtimedwait(): it wakes to print statistics and on SIGINT/SIGTERM, when
 * it stops the workers, prints the final statistics, destroys the devices
 * (sockets removed, sessions wiped) and exits 0.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_pause.h>

#include "vcrypto_backend.h"
#include "args.h"

#define APP "vcrypto-backend"

/** One thing a worker polls: a whole device, or one of its queues. */
struct poll_item {
	struct vcrypto_dev *dev;
	uint16_t qid;        /**< queue, or ALL_QUEUES */
};

#define ALL_QUEUES UINT16_MAX

/** What one worker lcore polls. */
struct worker {
	unsigned int lcore;
	unsigned int nb_items;
	struct poll_item *items; /**< round-robin, in order */
	const int *stop; /**< set by the main lcore, read atomically */
};

/** The application: devices and workers. */
struct app {
	struct app_args args;
	struct vcrypto_dev *devs[APP_MAX_DEVICES];
	unsigned int nb_devs;
	struct worker workers[RTE_MAX_LCORE];
	unsigned int nb_workers;
	int stop;
};

static inline unsigned int
poll_item(const struct poll_item *it)
{
	return it->qid == ALL_QUEUES ? vcrypto_dev_poll(it->dev) :
		vcrypto_dev_poll_queue(it->dev, it->qid);
}

static int
worker_main(void *arg)
{
	struct worker *w = arg;
	unsigned int i, done;

	while (!__atomic_load_n(w->stop, __ATOMIC_RELAXED)) {
		done = 0;
		for (i = 0; i < w->nb_items; i++)
			done += poll_item(&w->items[i]);
		if (done == 0)
			rte_pause();
	}
	return 0;
}

static struct worker *
worker_of(struct app *app, unsigned int lcore)
{
	unsigned int i;

	for (i = 0; i < app->nb_workers; i++)
		if (app->workers[i].lcore == lcore)
			return &app->workers[i];
	app->workers[app->nb_workers].lcore = lcore;
	app->workers[app->nb_workers].stop = &app->stop;
	return &app->workers[app->nb_workers++];
}

static int
worker_add(struct app *app, unsigned int lcore, struct vcrypto_dev *dev,
		uint16_t qid)
{
	struct worker *w = worker_of(app, lcore);
	struct poll_item *items;

	items = realloc(w->items, (w->nb_items + 1) * sizeof(*items));
	if (items == NULL)
		return -ENOMEM;
	items[w->nb_items++] = (struct poll_item){ dev, qid };
	w->items = items;
	return 0;
}

/*
 * Hand device @p i's queues to its lcores: one lcore polls the whole
 * device; several split its data queues round-robin, the first taking the
 * control queue too.
 */
static int
assign_device(struct app *app, unsigned int i)
{
	const struct app_socket *s = &app->args.sockets[i];
	struct vcrypto_dev *dev = app->devs[i];
	uint16_t q, nq = vcrypto_dev_max_dataqueues(dev);
	int rc;

	if (s->nb_lcores == 1)
		return worker_add(app, s->lcores[0], dev, ALL_QUEUES);
	rc = worker_add(app, s->lcores[0], dev, nq);
	printf(APP ": %s: control queue on lcore %u", s->path, s->lcores[0]);
	for (q = 0; q < nq && rc == 0; q++) {
		rc = worker_add(app, s->lcores[q % s->nb_lcores], dev, q);
		printf(", data queue %u on lcore %u", q, s->lcores[q % s->nb_lcores]);
	}
	printf("\n");
	return rc;
}

static int
check_lcore(unsigned int lc, const char *path)
{
	if (lc >= RTE_MAX_LCORE || !rte_lcore_is_enabled(lc)) {
		fprintf(stderr, APP ": lcore %u (for %s) is not enabled: "
			"add it to the EAL -l list\n", lc, path);
		return -EINVAL;
	}
	if (lc == rte_get_main_lcore()) {
		fprintf(stderr, APP ": lcore %u (for %s) is the main lcore; "
			"name a worker lcore\n", lc, path);
		return -EINVAL;
	}
	return 0;
}

static int
check_lcores(const struct app_args *args)
{
	unsigned int i, k;

	for (i = 0; i < args->nb_sockets; i++) {
		for (k = 0; k < args->sockets[i].nb_lcores; k++) {
			if (check_lcore(args->sockets[i].lcores[k],
					args->sockets[i].path) != 0)
				return -EINVAL;
		}
	}
	return 0;
}

static int
create_devices(struct app *app)
{
	struct vcrypto_dev_params p;
	unsigned int i;
	int rc;

	for (i = 0; i < app->args.nb_sockets; i++) {
		memset(&p, 0, sizeof(p));
		p.socket_path = app->args.sockets[i].path;
		p.max_dataqueues = app->args.queues;
		p.max_sessions = app->args.max_sessions;
		p.engine = app->args.sockets[i].engine;
		p.guest_polls = app->args.guest_polls;
		rc = vcrypto_dev_create(&p, &app->devs[i]);
		if (rc != 0) {
			fprintf(stderr, APP ": cannot serve %s: %s\n", p.socket_path,
				strerror(-rc));
			return rc;
		}
		app->nb_devs++;
		rc = assign_device(app, i);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* With several data queues: how the requests and the work spread over
 * them (busy cycles per queue tell the lcores' costs apart). */
static void
print_queue_requests(const struct vcrypto_dev *dev)
{
	uint16_t q, nq = vcrypto_dev_max_dataqueues(dev);
	struct vcrypto_dev_stats s;

	if (nq < 2)
		return;
	printf(" queue_requests=");
	for (q = 0; q < nq; q++) {
		vcrypto_dev_queue_stats_get(dev, q, &s);
		printf("%s%" PRIu64, q ? "," : "", s.requests);
	}
	printf(" queue_busy_cycles=");
	for (q = 0; q < nq; q++) {
		vcrypto_dev_queue_stats_get(dev, q, &s);
		printf("%s%" PRIu64, q ? "," : "", s.busy_cycles);
	}
}

static void
print_stats(const struct app *app, const char *prefix)
{
	struct vcrypto_dev_stats s;
	unsigned int i;

	for (i = 0; i < app->nb_devs; i++) {
		vcrypto_dev_stats_get(app->devs[i], &s);
		printf("%sdev %s: requests=%" PRIu64 " bytes=%" PRIu64
			" ok=%" PRIu64 " err=%" PRIu64 " badmsg=%" PRIu64
			" notsupp=%" PRIu64 " invsess=%" PRIu64 " nospc=%" PRIu64
			" ctrl_requests=%" PRIu64 " sessions_created=%" PRIu64
			" sessions_destroyed=%" PRIu64 " sessions_active=%" PRIu64
			" bad_chains=%" PRIu64 " broken_queues=%" PRIu64
			" connects=%" PRIu64 " disconnects=%" PRIu64
			" busy_cycles=%" PRIu64,
			prefix, vcrypto_dev_socket_path(app->devs[i]), s.requests, s.bytes,
			s.status[VCRYPTO_STAT_OK], s.status[VCRYPTO_STAT_ERR],
			s.status[VCRYPTO_STAT_BADMSG], s.status[VCRYPTO_STAT_NOTSUPP],
			s.status[VCRYPTO_STAT_INVSESS], s.status[VCRYPTO_STAT_NOSPC],
			s.ctrl_requests, s.sessions_created, s.sessions_destroyed,
			s.sessions_active, s.bad_chains, s.broken_queues,
			s.guest_connects, s.guest_disconnects, s.busy_cycles);
		print_queue_requests(app->devs[i]);
		/* Only a -Dphase_stats build counts them. */
		if (s.phase_cycles[VCRYPTO_PHASE_WALK] != 0)
			printf(" walk_cycles=%" PRIu64 " decode_cycles=%" PRIu64
				" engine_cycles=%" PRIu64 " finish_cycles=%" PRIu64,
				s.phase_cycles[VCRYPTO_PHASE_WALK],
				s.phase_cycles[VCRYPTO_PHASE_DECODE],
				s.phase_cycles[VCRYPTO_PHASE_ENGINE],
				s.phase_cycles[VCRYPTO_PHASE_FINISH]);
		printf("\n");
	}
	fflush(stdout);
}

/* Sleep until a signal (returns true) or the stats interval passes. */
static bool
wait_signal(const sigset_t *set, unsigned int interval)
{
	struct timespec ts = { .tv_sec = interval ? interval : 3600 };
	int sig;

	do {
		sig = sigtimedwait(set, NULL, &ts);
	} while (sig < 0 && errno == EINTR);
	return sig > 0;
}

static void
shutdown_app(struct app *app)
{
	unsigned int i;

	__atomic_store_n(&app->stop, 1, __ATOMIC_RELAXED);
	rte_eal_mp_wait_lcore();
	print_stats(app, APP ": ");
	for (i = 0; i < app->nb_devs; i++)
		vcrypto_dev_destroy(app->devs[i]);
	app->nb_devs = 0;
	for (i = 0; i < app->nb_workers; i++) {
		free(app->workers[i].items);
		app->workers[i].items = NULL;
		app->workers[i].nb_items = 0;
	}
}

int
main(int argc, char **argv)
{
	static struct app app; /* large; one per process */
	sigset_t sigs;
	unsigned int i;
	int n, ret;

	/* Blocked before any thread exists, so every thread inherits the
	 * mask and only sigtimedwait() in the main thread takes them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, APP ": EAL initialisation failed\n");
		return 1;
	}
	argv[n] = argv[0];
	ret = app_args_parse(argc - n, argv + n, &app.args);
	if (ret != 0 || check_lcores(&app.args) != 0) {
		rte_eal_cleanup();
		return ret == 1 ? 0 : 1;
	}
	if (create_devices(&app) != 0) {
		shutdown_app(&app);
		rte_eal_cleanup();
		return 1;
	}
	for (i = 0; i < app.nb_workers; i++)
		rte_eal_remote_launch(worker_main, &app.workers[i],
			app.workers[i].lcore);
	printf(APP ": ready\n");
	fflush(stdout);

	while (!wait_signal(&sigs, app.args.stats_interval))
		if (app.args.stats_interval != 0)
			print_stats(&app, APP ": periodic ");

	shutdown_app(&app);
	rte_eal_cleanup();
	printf(APP ": exit\n");
	return 0;
}
