#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# End-to-end known-answer test: the real backend process on a real
# vhost-user socket, the real driver plugin in vcrypto-test-e2e (NIST
# SP 800-38A AES-CBC vectors, then 16 B..65520 B against an independent
# reference, in place and out of place, bursts of 1 and 32). The backend
# must then exit 0 on SIGINT and remove its socket.
#
# Usage: devtools/tests/e2e-kat.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-e2e/vcrypto-test-e2e
t_need_built "$app" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/kat.sock

t_backend_start kat "$sock"
timeout -k 5 120 "$app" $(t_front_eal kat 0) \
	--vdev "crypto_virtio_user0,path=$sock,queues=1" -- \
	> "$VCRYPTO_RUN/e2e.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL) |^[0-9]+ passed, [0-9]+ failed$' "$VCRYPTO_RUN/e2e.log"
[ $rc = 0 ] || t_fail "vcrypto-test-e2e exited with status $rc"
t_backend_stop "$sock"
echo "PASS $t_name"
