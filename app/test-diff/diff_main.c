/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vcrypto-test-diff: differential test of a cryptodev (normally
 * crypto_virtio_user0, the real driver over a real backend) against a
 * reference cryptodev (crypto_aesni_mb0) in the same process.
 *
 *   vcrypto-test-diff [EAL] -- [--dev NAME] [--ref NAME] [--seed N] [--ops N] [--only S]
 *                             [--time-limit SEC] [--max-len N] [--max-burst N] [--qps N]
 *                             [--timeout-ms MS]
 *
 * For every algorithm both devices list (intersecting their capabilities),
 * rounds of random keys, IVs, AAD, digest sizes and data lengths (0 and
 * non-block lengths where the mode allows) go through both devices: the
 * reference in one linear in-place buffer, the device under test with
 * random segmentation (1-3 segments), in or out of place, its queue pairs
 * in turn. Forward (encrypt / generate) outputs, digests and statuses must
 * match byte for byte; then the reference's output goes back through both
 * (decrypt / verify), one op in four with a corrupted digest or tag, which
 * both must report as AUTH_FAILED. One PRNG, seeded by --seed or the
 * clock, drives everything: the seed is printed, and --seed replays.
 *
 * --hmac-ref NAME: another reference for the HMAC algorithms (and chains
 * with them): crypto_aesni_mb of DPDK 22.11 gives wrong HMACs of empty
 * messages and of some truncations (checked against Python's hmac and
 * crypto_openssl), so devtools/tests/diff.sh uses crypto_openssl0 there.
 *
 * Prints per-algorithm and per-queue-pair counts, the first failures in
 * detail, and "N passed, N failed" (operations). --only S: the algorithms
 * whose name contains S (e.g. "sha2-256-hmac"), to replay a failure; exit status 0 only when
 * none failed and some ran.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "diff.h"

#define WHY_LEN 320
#define MAX_REPORTED 30

struct options {
	const char *dut_name;
	const char *ref_name;
	const char *hmac_ref_name;
	const char *only;
	uint64_t seed;
	uint64_t ops;
	unsigned int time_limit;
	uint32_t max_len;
	uint16_t max_burst;
	uint16_t qps;
	unsigned int timeout_ms;
};

/* One op's inputs and both devices' outputs. */
struct op_data {
	uint32_t len;
	uint8_t *in;
	uint8_t iv[SJ_MAX_IV];
	uint8_t auth_iv[SJ_MAX_IV];
	uint8_t aad[DIFF_MAX_AAD];
	uint8_t digest_in[SJ_MAX_DIGEST];
	bool corrupt;             /* reverse direction: digest_in was altered */
	uint8_t *ref_out;
	uint8_t *dut_out;
	struct sj_op dut_op;      /* its layout on the device under test */
};

struct diff_env {
	struct e2e_dev dut;
	struct e2e_dev ref;
	struct e2e_dev hmac_ref;  /* --hmac-ref: the reference of HMAC algorithms */
	bool has_hmac_ref;
	struct diff_rng rng;
	struct options o;
	uint64_t passed;
	uint64_t failed;
	uint64_t qp_ops[E2E_MAX_QPS];
	unsigned int reported;
	uint16_t next_qp;
	int fatal;                /* a device lost ops: stop */
	struct op_data d[E2E_MAX_BURST];
};

static void
usage(const char *prog)
{
	printf("usage: %s [EAL options] -- [--dev NAME] [--ref NAME] [--hmac-ref NAME] [--seed N] [--ops N] [--only S]\n"
	       "       [--time-limit SEC] [--max-len N] [--max-burst N] [--qps N]"
	       " [--timeout-ms MS]\n", prog);
}

static int
parse_args(struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "ref", required_argument, NULL, 'r' },
		{ "hmac-ref", required_argument, NULL, 'H' },
		{ "seed", required_argument, NULL, 's' },
		{ "only", required_argument, NULL, 'o' },
		{ "ops", required_argument, NULL, 'n' },
		{ "time-limit", required_argument, NULL, 'T' },
		{ "max-len", required_argument, NULL, 'l' },
		{ "max-burst", required_argument, NULL, 'b' },
		{ "qps", required_argument, NULL, 'q' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof(*o));
	o->dut_name = "crypto_virtio_user0";
	o->ref_name = "crypto_aesni_mb0";
	o->seed = (uint64_t)time(NULL) * 0x2545f4914f6cdd1dULL ^ (uint64_t)rte_rdtsc();
	o->ops = 20000;
	o->time_limit = 60;
	o->max_len = 2048;
	o->max_burst = E2E_MAX_BURST;
	o->qps = 1;
	o->timeout_ms = 5000;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			o->dut_name = optarg;
			break;
		case 'r':
			o->ref_name = optarg;
			break;
		case 'H':
			o->hmac_ref_name = optarg;
			break;
		case 'o':
			o->only = optarg;
			break;
		case 's':
			o->seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			o->ops = strtoull(optarg, NULL, 0);
			break;
		case 'T':
			o->time_limit = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'l':
			o->max_len = (uint32_t)strtoul(optarg, NULL, 0);
			if (o->max_len < 16 || o->max_len > 16384) {
				printf("--max-len: 16..16384\n");
				return -EINVAL;
			}
			break;
		case 'b':
			o->max_burst = (uint16_t)strtoul(optarg, NULL, 0);
			if (o->max_burst == 0 || o->max_burst > E2E_MAX_BURST) {
				printf("--max-burst: 1..%d\n", E2E_MAX_BURST);
				return -EINVAL;
			}
			break;
		case 'q':
			o->qps = (uint16_t)strtoul(optarg, NULL, 0);
			if (o->qps == 0 || o->qps > E2E_MAX_QPS) {
				printf("--qps: 1..%d\n", E2E_MAX_QPS);
				return -EINVAL;
			}
			break;
		case 't':
			o->timeout_ms = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'h':
		default:
			usage(argv[0]);
			return -EINVAL;
		}
	}
	return 0;
}

static const char *
status_name(int s)
{
	switch (s) {
	case RTE_CRYPTO_OP_STATUS_SUCCESS: return "SUCCESS";
	case RTE_CRYPTO_OP_STATUS_NOT_PROCESSED: return "NOT_PROCESSED";
	case RTE_CRYPTO_OP_STATUS_AUTH_FAILED: return "AUTH_FAILED";
	case RTE_CRYPTO_OP_STATUS_INVALID_SESSION: return "INVALID_SESSION";
	case RTE_CRYPTO_OP_STATUS_INVALID_ARGS: return "INVALID_ARGS";
	case RTE_CRYPTO_OP_STATUS_ERROR: return "ERROR";
	default: return "?";
	}
}

static void
op_fail(struct diff_env *env, struct diff_algo *al, const struct sj_xform *x,
	uint64_t round, unsigned int i, uint16_t qp, const char *why)
{
	const struct op_data *d = &env->d[i];
	char name[96];

	al->ops_bad++;
	env->failed++;
	if (env->reported++ >= MAX_REPORTED)
		return;
	if (getenv("VCRYPTO_DIFF_DUMP") != NULL && env->reported == 1) {
		unsigned int k;

		printf("DUMP akey:");
		for (k = 0; k < x->akey_len; k++)
			printf("%02x", x->akey[k]);
		printf("\nDUMP key:");
		for (k = 0; k < x->key_len; k++)
			printf("%02x", x->key[k]);
		printf("\nDUMP in:");
		for (k = 0; k < d->len && k < 256; k++)
			printf("%02x", d->in[k]);
		printf("\n");
	}
	printf("FAIL %s round %" PRIu64 " op %u: len %u key %u akey %u iv %u auth_iv %u "
	       "digest %u aad %u, %s src %u seg(s) dst %u seg(s), qp %u%s: %s\n",
	       sj_algo_name(x, name, sizeof(name)), round, i, d->len, x->key_len, x->akey_len,
	       x->iv_len, x->auth_iv_len, x->digest_len, x->aad_len,
	       d->dut_op.oop ? "out of place" : "in place", d->dut_op.src_segs,
	       d->dut_op.oop ? d->dut_op.dst_segs : 0, qp,
	       d->corrupt ? ", digest corrupted on purpose" : "", why);
	fflush(stdout);
}

static int
cmp(char *why, const char *what, const uint8_t *got, const uint8_t *want, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (got[i] != want[i]) {
			snprintf(why, WHY_LEN, "%s differs at byte %u of %u (device %02x, "
				 "reference %02x)", what, i, len, got[i], want[i]);
			return -1;
		}
	return 0;
}

/* A random layout the device under test supports (else linear in place). */
static void
pick_layout(struct diff_env *env, const struct sj_xform *x, struct sj_op *op)
{
	char why[WHY_LEN];

	op->oop = x->kind != SJ_AUTH && diff_below(&env->rng, 2) == 1;
	op->src_segs = (uint8_t)(1 + diff_below(&env->rng, 3));
	op->dst_segs = (uint8_t)(1 + diff_below(&env->rng, 3));
	op->split_seed = (uint32_t)diff_rand(&env->rng);
	if (sj_supported(env->dut.dev_id, env->dut.feature_flags, x, op, why, sizeof(why)) != 0) {
		op->oop = false;
		op->src_segs = op->dst_segs = 1;
	}
}

static bool
makes_digest(const struct sj_xform *x)
{
	if (x->kind == SJ_AEAD)
		return x->encrypt;
	return (x->kind == SJ_AUTH || x->kind == SJ_CHAIN) && !x->verify;
}

static bool
is_hmac(enum rte_crypto_auth_algorithm a)
{
	return a == RTE_CRYPTO_AUTH_MD5_HMAC || a == RTE_CRYPTO_AUTH_SHA1_HMAC ||
	       a == RTE_CRYPTO_AUTH_SHA224_HMAC || a == RTE_CRYPTO_AUTH_SHA256_HMAC ||
	       a == RTE_CRYPTO_AUTH_SHA384_HMAC || a == RTE_CRYPTO_AUTH_SHA512_HMAC;
}

/* The reference of @p al: --hmac-ref for HMAC algorithms when given. */
static struct e2e_dev *
ref_of(struct diff_env *env, const struct diff_algo *al)
{
	bool hmac = (al->kind == SJ_AUTH || al->kind == SJ_CHAIN) && is_hmac(al->auth);

	return hmac && env->has_hmac_ref ? &env->hmac_ref : &env->ref;
}

/*
 * Run @p n ops of @p x on both devices and compare. @p fwd: forward
 * direction (inputs are d->in), else reverse (inputs are the reference's
 * forward outputs, copied into d->in by the caller).
 */
static void
run_direction(struct diff_env *env, struct diff_algo *al, const struct sj_xform *x,
	      unsigned int n, uint64_t round)
{
	struct sj_op ref_ops[E2E_MAX_BURST], dut_ops[E2E_MAX_BURST];
	struct sj_result rr[E2E_MAX_BURST], dr[E2E_MAX_BURST];
	char why[WHY_LEN] = "";
	void *rs = NULL, *ds = NULL;
	uint16_t qp = env->next_qp;
	struct e2e_dev *ref = ref_of(env, al);
	unsigned int i;

	env->next_qp = (uint16_t)((env->next_qp + 1) % env->dut.nb_qps);
	for (i = 0; i < n; i++) {
		struct op_data *d = &env->d[i];

		ref_ops[i] = (struct sj_op){
			.in = d->in, .len = d->len, .iv = d->iv, .auth_iv = d->auth_iv,
			.aad = d->aad, .digest = d->digest_in, .src_segs = 1, .dst_segs = 1,
		};
		dut_ops[i] = ref_ops[i];
		dut_ops[i].oop = d->dut_op.oop;
		dut_ops[i].src_segs = d->dut_op.src_segs;
		dut_ops[i].dst_segs = d->dut_op.dst_segs;
		dut_ops[i].split_seed = d->dut_op.split_seed;
		rr[i] = (struct sj_result){ .out = d->ref_out };
		dr[i] = (struct sj_result){ .out = d->dut_out };
	}
	rs = sj_session(ref, x, why, sizeof(why));
	if (rs == NULL) {
		/* Not the device's fault: the reference refused the parameters. */
		if (env->reported++ < MAX_REPORTED)
			printf("NOTE %s round %" PRIu64 ": reference refused: %s\n", al->name,
			       round, why);
		return;
	}
	if (sj_run(ref, 0, rs, x, ref_ops, rr, (uint16_t)n, why, sizeof(why)) != 0) {
		printf("ERROR reference device: %s\n", why);
		env->fatal = 1;
		goto out;
	}
	ds = sj_session(&env->dut, x, why, sizeof(why));
	if (ds == NULL) {
		for (i = 0; i < n; i++)
			op_fail(env, al, x, round, i, qp, why);
		goto out;
	}
	if (sj_run(&env->dut, qp, ds, x, dut_ops, dr, (uint16_t)n, why, sizeof(why)) != 0) {
		for (i = 0; i < n; i++)
			op_fail(env, al, x, round, i, qp, why);
		env->fatal = env->dut.broken;
		goto out;
	}
	env->qp_ops[qp] += n;
	for (i = 0; i < n; i++) {
		struct op_data *d = &env->d[i];

		why[0] = '\0';
		/* The way back verifies what the reference made. */
		if (rr[i].status == RTE_CRYPTO_OP_STATUS_SUCCESS && makes_digest(x))
			memcpy(d->digest_in, rr[i].digest, x->digest_len);
		if (dr[i].status != rr[i].status)
			snprintf(why, sizeof(why), "status %s, reference %s",
				 status_name(dr[i].status), status_name(rr[i].status));
		else if (d->corrupt && rr[i].status != RTE_CRYPTO_OP_STATUS_AUTH_FAILED)
			snprintf(why, sizeof(why), "both devices accepted a corrupted digest "
				 "(status %s)", status_name(rr[i].status));
		else if (rr[i].status == RTE_CRYPTO_OP_STATUS_SUCCESS) {
			if (x->kind != SJ_AUTH &&
			    cmp(why, "output", d->dut_out, d->ref_out, d->len) != 0)
				;
			else if (makes_digest(x) &&
				 cmp(why, "digest", dr[i].digest, rr[i].digest, x->digest_len) != 0)
				;
			else if (dr[i].src_changed)
				snprintf(why, sizeof(why), "out-of-place op modified its source");
		}
		if (why[0] != '\0') {
			op_fail(env, al, x, round, i, qp, why);
		} else {
			al->ops_ok++;
			env->passed++;
		}
	}
out:
	if (rs != NULL)
		rte_cryptodev_sym_session_free(ref->dev_id, rs);
	if (ds != NULL)
		rte_cryptodev_sym_session_free(env->dut.dev_id, ds);
}

/* One round: a session's parameters, a burst forward, the same burst back. */
static void
run_round(struct diff_env *env, struct diff_algo *al, uint64_t round)
{
	uint8_t keys[2 * DIFF_MAX_KEY];
	struct sj_xform x;
	unsigned int n = 1 + diff_below(&env->rng, env->o.max_burst), i;

	diff_pick_xform(al, &env->rng, &x, keys);
	x.encrypt = true;
	for (i = 0; i < n; i++) {
		struct op_data *d = &env->d[i];

		d->len = diff_pick_len(al, &env->rng, env->o.max_len);
		diff_fill(&env->rng, d->in, d->len);
		diff_fill(&env->rng, d->iv, sizeof(d->iv));
		diff_fill(&env->rng, d->auth_iv, sizeof(d->auth_iv));
		diff_fill(&env->rng, d->aad, sizeof(d->aad));
		memset(d->digest_in, 0, sizeof(d->digest_in));
		d->corrupt = false;
		pick_layout(env, &x, &d->dut_op);
	}
	run_direction(env, al, &x, n, round);
	if (env->fatal)
		return;

	/* Back: decrypt and/or verify what the reference produced. */
	x.encrypt = false;
	x.verify = x.kind == SJ_AUTH || x.kind == SJ_CHAIN;
	x.auth_first = x.kind == SJ_CHAIN;
	if (x.kind == SJ_AUTH && x.digest_len == 0)
		return;
	for (i = 0; i < n; i++) {
		struct op_data *d = &env->d[i];

		if (x.kind != SJ_AUTH)
			memcpy(d->in, d->ref_out, d->len);
		if (x.digest_len > 0 && x.kind != SJ_CIPHER && diff_below(&env->rng, 4) == 0) {
			d->digest_in[diff_below(&env->rng, x.digest_len)] ^=
				(uint8_t)(1 + diff_below(&env->rng, 255));
			d->corrupt = true;
		}
		pick_layout(env, &x, &d->dut_op);
	}
	run_direction(env, al, &x, n, round);
}

static int
run(struct diff_env *env)
{
	struct diff_algo *algos, *usable[64];
	unsigned int n_algos, n_usable = 0, i;
	uint64_t round = 0, start = rte_get_timer_cycles();
	uint64_t limit = rte_get_timer_hz() * env->o.time_limit;

	algos = diff_algos(&n_algos);
	for (i = 0; i < n_algos; i++) {
		diff_algo_probe(&algos[i], env->dut.dev_id, ref_of(env, &algos[i])->dev_id);
		if (env->o.only != NULL && strstr(algos[i].name, env->o.only) == NULL)
			continue;
		if (algos[i].usable && n_usable < RTE_DIM(usable))
			usable[n_usable++] = &algos[i];
		else
			printf("SKIP %s: %s\n", algos[i].name, algos[i].why_not);
	}
	printf("%u algorithms in common\n", n_usable);
	fflush(stdout);
	if (n_usable == 0)
		return -ENOTSUP;
	while (env->passed + env->failed < env->o.ops && !env->fatal) {
		if (rte_get_timer_cycles() - start > limit) {
			printf("time limit of %u s reached\n", env->o.time_limit);
			break;
		}
		run_round(env, usable[round % n_usable], round);
		round++;
	}
	printf("%" PRIu64 " rounds in %.1f s\n", round,
	       (double)(rte_get_timer_cycles() - start) / rte_get_timer_hz());
	for (i = 0; i < n_usable; i++)
		printf("%s %s (reference %s): %" PRIu64 " ops, %" PRIu64 " matched, %" PRIu64 " differed\n",
		       usable[i]->ops_bad == 0 && usable[i]->ops_ok > 0 ? "PASS" : "FAIL",
		       usable[i]->name, rte_cryptodev_name_get(ref_of(env, usable[i])->dev_id),
		       usable[i]->ops_ok + usable[i]->ops_bad,
		       usable[i]->ops_ok, usable[i]->ops_bad);
	for (i = 0; i < env->dut.nb_qps; i++)
		printf("queue pair %u: %" PRIu64 " ops\n", i, env->qp_ops[i]);
	return 0;
}

static int
alloc_buffers(struct diff_env *env)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_BURST; i++) {
		env->d[i].in = malloc(env->o.max_len);
		env->d[i].ref_out = malloc(env->o.max_len);
		env->d[i].dut_out = malloc(env->o.max_len);
		if (env->d[i].in == NULL || env->d[i].ref_out == NULL ||
		    env->d[i].dut_out == NULL)
			return -ENOMEM;
	}
	return 0;
}

static void
free_buffers(struct diff_env *env)
{
	unsigned int i;

	for (i = 0; i < E2E_MAX_BURST; i++) {
		free(env->d[i].in);
		free(env->d[i].ref_out);
		free(env->d[i].dut_out);
	}
}

int
main(int argc, char **argv)
{
	static struct diff_env env;
	int ret, opened = 0;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("EAL initialisation failed: %s\n0 passed, 1 failed\n",
		       rte_strerror(rte_errno));
		return 1;
	}
	if (parse_args(&env.o, argc - ret, argv + ret) != 0) {
		rte_eal_cleanup();
		return 2;
	}
	printf("seed 0x%016" PRIx64 " (replay with --seed 0x%016" PRIx64 ")\n", env.o.seed,
	       env.o.seed);
	env.rng.s = env.o.seed;
	if (alloc_buffers(&env) != 0) {
		printf("FAIL out of memory\n");
		env.failed++;
		goto out;
	}
	if (e2e_dev_open(&env.ref, env.o.ref_name, env.o.timeout_ms) != 0) {
		printf("FAIL cannot open the reference device %s\n", env.o.ref_name);
		env.failed++;
		goto out;
	}
	opened = 1;
	if (env.o.hmac_ref_name != NULL) {
		if (e2e_dev_open(&env.hmac_ref, env.o.hmac_ref_name, env.o.timeout_ms) != 0) {
			printf("FAIL cannot open the HMAC reference device %s\n",
			       env.o.hmac_ref_name);
			env.failed++;
			goto out;
		}
		env.has_hmac_ref = true;
	}
	if (e2e_dev_open_qps(&env.dut, env.o.dut_name, env.o.timeout_ms, env.o.qps) != 0 ||
	    env.dut.nb_qps != env.o.qps) {
		printf("FAIL cannot open %s with %u queue pairs\n", env.o.dut_name, env.o.qps);
		env.failed++;
		goto out;
	}
	opened = 2;
	printf("device under test %s (%u queue pairs), reference %s\n", env.o.dut_name,
	       env.dut.nb_qps, env.o.ref_name);
	if (run(&env) != 0) {
		printf("FAIL no algorithm both devices offer\n");
		env.failed++;
	}
out:
	if (opened == 2 && !env.dut.broken)
		e2e_dev_close(&env.dut);
	if (env.has_hmac_ref && !env.hmac_ref.broken)
		e2e_dev_close(&env.hmac_ref);
	if (opened >= 1 && !env.ref.broken)
		e2e_dev_close(&env.ref);
	free_buffers(&env);
	rte_eal_cleanup();
	printf("%" PRIu64 " passed, %" PRIu64 " failed\n", env.passed, env.failed);
	return env.failed == 0 && env.passed > 0 ? 0 : 1;
}
