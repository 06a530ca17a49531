#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Differential test: vcrypto-test-diff in one process with two cryptodevs,
# crypto_virtio_user0 (the real driver over the real backend on a real
# vhost-user socket, queues=2, both queue pairs used in turn) and
# crypto_aesni_mb0. Random keys, IVs, AAD, lengths, segmentation and
# in/out of place over every algorithm both offer; outputs, digests and
# statuses must match byte for byte. The seed is printed (replay it with
# VCRYPTO_DIFF_SEED=0x...); VCRYPTO_DIFF_OPS and VCRYPTO_DIFF_TIME bound the
# run (default 20000 ops, 60 s).
#
# Usage: devtools/tests/diff.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-diff/vcrypto-test-diff
t_need_built "$app" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/diff.sock
args=(--ops "${VCRYPTO_DIFF_OPS:-20000}" --time-limit "${VCRYPTO_DIFF_TIME:-60}" --qps 2)
[ -n "${VCRYPTO_DIFF_SEED:-}" ] && args+=(--seed "$VCRYPTO_DIFF_SEED")

t_backend_start diff "$sock" --queues 2
timeout -k 5 180 "$app" $(t_front_eal diff 0) \
	--vdev "crypto_virtio_user0,path=$sock,queues=2" --vdev crypto_aesni_mb0 --vdev crypto_openssl0 -- \
	--hmac-ref crypto_openssl0 "${args[@]}" > "$VCRYPTO_RUN/diff.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP|NOTE|ERROR) |^seed |^queue pair |^[0-9]+ (rounds|algorithms)|^time limit|^[0-9]+ passed, [0-9]+ failed$' \
	"$VCRYPTO_RUN/diff.log"
[ $rc = 0 ] || t_fail "vcrypto-test-diff exited with status $rc"
t_backend_stop "$sock"
echo "PASS $t_name"
