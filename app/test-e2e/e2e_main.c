/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vcrypto-test-e2e: known-answer tests of every symmetric algorithm, and
 * reference tests of AES-CBC, through a cryptodev, normally
 * crypto_virtio_user talking to a real vcrypto backend over a real
 * vhost-user socket (or the crypto_virtio PCI device in a VM).
 *
 *   vcrypto-test-e2e [EAL] -- [--dev NAME] [--ref NAME] [--qps N] [--kat-only]
 *                            [--strict-sessions] [--grow-memory MB]
 *                            [--sizes N,N,...] [--timeout-ms MS]
 *
 * --dev: the device under test (default crypto_virtio_user0; a PCI device
 * is named by its address, e.g. 0000:00:05.0). --ref: a reference cryptodev
 * (e.g. crypto_aesni_mb0) every vector is first checked on. --qps: queue
 * pairs to configure; the known-answer ops go round them. --kat-only: skip
 * the AES-CBC size sweep. --strict-sessions: an algorithm the capabilities
 * list but whose session the device refuses FAILs (else it is SKIPped: QEMU's
 * builtin backend lists algorithms it refuses).
 * --grow-memory: after the known-answer vectors, allocate a pool of MB MiB
 * so that EAL maps new memory (EAL in dynamic memory mode: hugepages without
 * --legacy-mem or -m), and run known-answer ops whose buffers all lie in it
 * (see grow_case.h); implies --kat-only.
 *
 * Prints one "PASS name", "FAIL name: why" or "SKIP name: why" line per
 * case, then "N skipped" and "N passed, N failed"; the exit status is 0
 * only if no case failed (and at least one passed).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "e2e_cases.h"
#include "grow_case.h"
#include "kat_cases.h"

#define MAX_SIZES 16

struct options {
	const char *dev_name;
	const char *ref_name;
	uint16_t qps;
	int kat_only;
	int strict_sessions;
	unsigned int grow_mb;
	unsigned int timeout_ms;
	unsigned int nb_sizes;
	uint32_t sizes[MAX_SIZES];
};

static void
usage(const char *prog)
{
	printf("usage: %s [EAL options] -- [--dev NAME] [--ref NAME] [--qps N] [--kat-only]"
	       " [--strict-sessions] [--grow-memory MB] [--sizes N,N,...] [--timeout-ms MS]\n",
	       prog);
}

static int
parse_sizes(struct options *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL, *end;

	o->nb_sizes = 0;
	for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		unsigned long v = strtoul(tok, &end, 0);

		if (*end != '\0' || v == 0 || v % 16 != 0 || v > UINT16_MAX ||
		    o->nb_sizes == MAX_SIZES) {
			printf("bad size '%s' (a multiple of 16, 16..65520, at most %d sizes)\n",
			       tok, MAX_SIZES);
			free(copy);
			return -EINVAL;
		}
		o->sizes[o->nb_sizes++] = (uint32_t)v;
	}
	free(copy);
	return o->nb_sizes > 0 ? 0 : -EINVAL;
}

static int
parse_args(struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "ref", required_argument, NULL, 'r' },
		{ "qps", required_argument, NULL, 'q' },
		{ "kat-only", no_argument, NULL, 'k' },
		{ "strict-sessions", no_argument, NULL, 'S' },
		{ "sizes", required_argument, NULL, 's' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ "grow-memory", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const uint32_t default_sizes[] = { 16, 64, 1024, 4096, 16384, 65520 };
	int opt;

	memset(o, 0, sizeof(*o));
	o->dev_name = "crypto_virtio_user0";
	o->timeout_ms = 5000;
	o->qps = 1;
	o->nb_sizes = sizeof(default_sizes) / sizeof(default_sizes[0]);
	memcpy(o->sizes, default_sizes, sizeof(default_sizes));
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			o->dev_name = optarg;
			break;
		case 'r':
			o->ref_name = optarg;
			break;
		case 'q':
			o->qps = (uint16_t)strtoul(optarg, NULL, 0);
			if (o->qps == 0 || o->qps > E2E_MAX_QPS) {
				printf("bad --qps '%s' (1..%d)\n", optarg, E2E_MAX_QPS);
				return -EINVAL;
			}
			break;
		case 'S':
			o->strict_sessions = 1;
			break;
		case 'k':
			o->kat_only = 1;
			break;
		case 's':
			if (parse_sizes(o, optarg) != 0)
				return -EINVAL;
			break;
		case 't':
			o->timeout_ms = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'g':
			o->grow_mb = (unsigned int)strtoul(optarg, NULL, 0);
			if (o->grow_mb < 16 || o->grow_mb > 8192) {
				printf("bad --grow-memory '%s' (16..8192 MiB)\n", optarg);
				return -EINVAL;
			}
			o->kat_only = 1;
			break;
		case 'h':
		default:
			usage(argv[0]);
			return -EINVAL;
		}
	}
	return 0;
}

static void
run_all(struct e2e_env *env, const struct options *o)
{
	static const uint32_t key_lens[] = { 16, 32 };
	static const uint16_t bursts[] = { 1, E2E_MAX_BURST };
	unsigned int s, k, b;
	int oop;

	e2e_case_ref_selfcheck(env);
	e2e_case_capabilities(env);
	e2e_case_kat(env);
	if (o->grow_mb != 0) {
		e2e_case_grow_memory(env, o->grow_mb);
		return;
	}
	kat_cases_run(env);
	if (o->kat_only)
		return;
	for (s = 0; s < o->nb_sizes; s++)
		for (k = 0; k < sizeof(key_lens) / sizeof(key_lens[0]); k++)
			for (oop = 0; oop <= 1; oop++)
				for (b = 0; b < sizeof(bursts) / sizeof(bursts[0]); b++)
					e2e_case_size(env, key_lens[k], o->sizes[s], oop,
						      bursts[b]);
}

int
main(int argc, char **argv)
{
	struct e2e_env env;
	struct e2e_dev dev, ref;
	struct options o;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("EAL initialisation failed: %s\n", rte_strerror(rte_errno));
		printf("0 passed, 1 failed\n");
		return 1;
	}
	if (parse_args(&o, argc - ret, argv + ret) != 0) {
		rte_eal_cleanup();
		return 2;
	}

	memset(&env, 0, sizeof(env));
	env.dev = &dev;
	env.strict_sessions = o.strict_sessions;
	if (cbc_vectors_load(env.vec) != 0) {
		printf("FAIL vectors: malformed vector text\n");
		env.tally.failed++;
		goto out;
	}
	env.ref = ref_cbc_create();
	if (env.ref == NULL) {
		printf("FAIL reference: cannot create an ipsec-mb manager\n");
		env.tally.failed++;
		goto out;
	}
	if (o.ref_name != NULL) {
		ret = e2e_dev_open(&ref, o.ref_name, o.timeout_ms);
		if (ret != 0) {
			printf("FAIL open-%s: cannot set up the reference device (%s)\n",
			       o.ref_name, strerror(-ret));
			env.tally.failed++;
			goto out;
		}
		env.refdev = &ref;
	}
	ret = e2e_dev_open_qps(&dev, o.dev_name, o.timeout_ms, o.qps);
	if (ret == 0 && dev.nb_qps != o.qps) {
		printf("FAIL open-%s: %u queue pairs asked, the device has %u\n", o.dev_name,
		       o.qps, dev.nb_qps);
		env.tally.failed++;
		e2e_dev_close(&dev);
		goto out;
	}
	if (ret != 0) {
		printf("FAIL open-%s: cannot set up the device (%s)\n", o.dev_name,
		       strerror(-ret));
		env.tally.failed++;
		goto out;
	}
	printf("PASS open-%s (%u queue pairs)\n", o.dev_name, dev.nb_qps);
	env.tally.passed++;
	fflush(stdout);
	run_all(&env, &o);
	/* Leave in-flight ops alone: closing a device that lost them may hang. */
	if (!dev.broken)
		e2e_dev_close(&dev);
out:
	if (env.refdev != NULL && !ref.broken)
		e2e_dev_close(&ref);
	ref_cbc_free(env.ref);
	rte_eal_cleanup();
	printf("%u skipped\n", env.skipped);
	printf("%u passed, %u failed\n", env.tally.passed, env.tally.failed);
	return env.tally.failed == 0 && env.tally.passed > 0 ? 0 : 1;
}
