/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * vcrypto-test-invsess: raw requests naming sessions the back-end does not
 * have, on a real ring over a real vhost-user socket. Each must complete with
 * VIRTIO_CRYPTO_INVSESS within a bounded time (no hang, no crash), alone and
 * mixed with valid requests in one kick, and the back-end must go on serving
 * valid requests correctly. Runs once per request layout the device offers
 * (fixed 72-byte, then REVISION_1), each on a fresh connection.
 *
 *   vcrypto-test-invsess [EAL] -- --path SOCK [--timeout-ms MS]
 *
 * Prints one "PASS name" or "FAIL name: why" line per case and ends with
 * "N passed, N failed"; exit status 0 only if all passed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "cbc_vectors.h"
#include "raw_req.h"

#define WHY_LEN 256
/* An id no back-end hands out first; changed if the device happens to. */
#define BOGUS_SESSION_ID 0x5eed0000deadbeefULL

struct tally {
	unsigned int passed, failed;
};

static int
report(struct tally *t, const char *name, const char *layout, const char *why)
{
	if (why[0] == '\0') {
		t->passed++;
		printf("PASS %s-%s\n", name, layout);
	} else {
		t->failed++;
		printf("FAIL %s-%s: %s\n", name, layout, why);
	}
	fflush(stdout);
	return why[0] == '\0' ? 0 : -1;
}

/* Check one completed request's status, and its output when OK is expected. */
static void
check_req(const struct raw_cipher_req *r, unsigned int i, uint8_t want,
	  const struct cbc_vector *v, char *why)
{
	if (why[0] != '\0')
		return;
	if (*r->status != want)
		snprintf(why, WHY_LEN, "request %u: status %u (%s), want %u (%s)", i,
			 *r->status, vcrypto_status_str(*r->status), want,
			 vcrypto_status_str(want));
	else if (want == VIRTIO_CRYPTO_OK && memcmp(r->dst, v->ciphertext, CBC_VEC_LEN) != 0)
		snprintf(why, WHY_LEN, "request %u: status OK but the ciphertext is wrong", i);
}

/*
 * Run @p n requests whose session ids are ids[i] and expect statuses want[i];
 * OK requests encrypt NIST F.2.1 and must produce its ciphertext.
 */
static int
run_case(struct raw_dev *d, const struct cbc_vector *v, const uint64_t *ids,
	 const uint8_t *want, unsigned int n, char *why)
{
	struct raw_cipher_req r[8];
	unsigned int i;
	int ret = 0;

	memset(r, 0, sizeof(r));
	for (i = 0; i < n && ret == 0; i++)
		if (raw_cipher_req_make(d, &r[i], ids[i], v->iv, v->plaintext, CBC_VEC_LEN) != 0) {
			snprintf(why, WHY_LEN, "out of DPDK memory");
			ret = -ENOMEM;
		}
	if (ret == 0)
		ret = raw_cipher_run(d, r, n, why, WHY_LEN);
	for (i = 0; i < n && ret == 0; i++)
		check_req(&r[i], i, want[i], v, why);
	for (i = 0; i < n; i++)
		/* leave requests the device still owns in place */
		if (ret != -ETIMEDOUT)
			raw_cipher_req_free(&r[i]);
	return ret;
}

/* Every case on one connection. @return -1 if the connection became unusable */
static int
run_layout(struct tally *t, const char *path, uint64_t features, const char *layout,
	   unsigned int timeout_ms, const struct cbc_vector *v)
{
	uint64_t sid = 0, bogus = BOGUS_SESSION_ID;
	char why[WHY_LEN] = "";
	struct raw_dev d;
	int ret;

	if (raw_dev_open(&d, path, features, timeout_ms) != 0) {
		snprintf(why, WHY_LEN, "cannot connect to %s", path);
		report(t, "open", layout, why);
		return -1;
	}
	if (features != 0 && !d.rev1) {
		printf("SKIP %s: the device does not offer REVISION_1\n", layout);
		raw_dev_close(&d);
		return 0;
	}
	if (!features && d.rev1)
		snprintf(why, WHY_LEN, "REVISION_1 negotiated although not asked for");
	report(t, "open", layout, why);

	/* 1. alone: the first request on a fresh ring */
	why[0] = '\0';
	ret = run_case(&d, v, &bogus, (const uint8_t[]){ VIRTIO_CRYPTO_INVSESS }, 1, why);
	if (report(t, "invsess-unknown-id", layout, why) != 0 && ret == -ETIMEDOUT)
		return -1;

	/* 2. a real session, and a correct answer after the bad request */
	why[0] = '\0';
	ret = raw_cbc_session_create(&d, 1, v->key, v->key_len, &sid, why, WHY_LEN);
	if (report(t, "session-create", layout, why) != 0)
		return -1;
	if (sid == bogus)
		bogus ^= 0xffff; /* keep the bogus id unknown to the device */
	why[0] = '\0';
	ret = run_case(&d, v, &sid, (const uint8_t[]){ VIRTIO_CRYPTO_OK }, 1, why);
	if (report(t, "valid-after-invsess", layout, why) != 0 && ret == -ETIMEDOUT)
		return -1;

	/* 3. bad and good requests in one kick: each gets its own status */
	why[0] = '\0';
	ret = run_case(&d, v, (const uint64_t[]){ bogus, sid, bogus + 1, sid, bogus },
		       (const uint8_t[]){ VIRTIO_CRYPTO_INVSESS, VIRTIO_CRYPTO_OK,
					  VIRTIO_CRYPTO_INVSESS, VIRTIO_CRYPTO_OK,
					  VIRTIO_CRYPTO_INVSESS }, 5, why);
	if (report(t, "mixed-burst", layout, why) != 0 && ret == -ETIMEDOUT)
		return -1;

	/* 4. a destroyed session is invalid too */
	why[0] = '\0';
	ret = raw_session_destroy(&d, sid, why, WHY_LEN);
	if (ret > 0 || (ret == 0 && why[0] != '\0'))
		snprintf(why, WHY_LEN, "destroy answered status %d (%s)", ret,
			 vcrypto_status_str((uint32_t)ret));
	report(t, "session-destroy", layout, why);
	why[0] = '\0';
	ret = run_case(&d, v, &sid, (const uint8_t[]){ VIRTIO_CRYPTO_INVSESS }, 1, why);
	if (report(t, "invsess-destroyed-id", layout, why) != 0 && ret == -ETIMEDOUT)
		return -1;

	/* 5. and the device still serves a new session */
	why[0] = '\0';
	if (raw_cbc_session_create(&d, 1, v->key, v->key_len, &sid, why, WHY_LEN) == 0)
		run_case(&d, v, &sid, (const uint8_t[]){ VIRTIO_CRYPTO_OK }, 1, why);
	report(t, "still-serving", layout, why);
	raw_dev_close(&d);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "path", required_argument, NULL, 'p' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct cbc_vector vec[CBC_VEC_COUNT];
	unsigned int timeout_ms = 5000;
	const char *path = NULL;
	struct tally t = { 0, 0 };
	int ret, opt;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		printf("EAL initialisation failed: %s\n0 passed, 1 failed\n",
		       rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			path = optarg;
			break;
		case 't':
			timeout_ms = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		default:
			path = NULL;
			optind = argc;
			break;
		}
	}
	if (path == NULL || cbc_vectors_load(vec) != 0) {
		printf("usage: vcrypto-test-invsess [EAL options] -- --path SOCK"
		       " [--timeout-ms MS]\n0 passed, 1 failed\n");
		rte_eal_cleanup();
		return 2;
	}

	/* AES-128 F.2.1 is enough: this test is about session ids, not ciphers */
	if (run_layout(&t, path, 0, "legacy", timeout_ms, &vec[0]) == 0)
		run_layout(&t, path, 1ULL << VIRTIO_CRYPTO_F_REVISION_1, "rev1", timeout_ms,
			   &vec[0]);
	rte_eal_cleanup();
	printf("%u passed, %u failed\n", t.passed, t.failed);
	return t.failed == 0 && t.passed > 0 ? 0 : 1;
}
