#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# INVSESS on a real ring: vcrypto-test-invsess puts hand-built requests
# naming sessions the backend never created (or destroyed) on a data queue
# of the real backend; each must complete with VIRTIO_CRYPTO_INVSESS in
# bounded time, and valid requests around them must still be served
# correctly. The backend must survive and exit 0 on SIGTERM.
#
# Usage: devtools/tests/e2e-invsess.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-invsess/vcrypto-test-invsess
t_need_built "$app" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/invsess.sock

t_backend_start invsess "$sock"
# no -d: this program links the driver's transport itself
eal=$(t_front_eal invsess 0)
eal=${eal% -d *}
timeout -k 5 60 "$app" $eal -- --path "$sock" > "$VCRYPTO_RUN/invsess.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP) |^[0-9]+ passed, [0-9]+ failed$' "$VCRYPTO_RUN/invsess.log"
[ $rc = 0 ] || t_fail "vcrypto-test-invsess exited with status $rc"
kill -0 "$VCRYPTO_BACKEND_PID" 2>/dev/null || t_fail "the backend died"
t_backend_stop "$sock" TERM
# The backend's own count must agree: 5 INVSESS requests per layout run.
layouts=$(grep -c '^PASS open-' "$VCRYPTO_RUN/invsess.log")
counted=$(grep -oE 'vcrypto-backend: dev .* invsess=[0-9]+' "$VCRYPTO_RUN/backend-invsess.log" \
	| tail -n 1 | sed -E 's/.* invsess=//')
[ "${counted:-x}" = $((5 * layouts)) ] \
	|| t_fail "backend counted invsess=${counted:-none}, want $((5 * layouts))"
t_log "backend counted invsess=$counted"
echo "PASS $t_name"
