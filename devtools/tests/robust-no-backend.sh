#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The driver must fail fast and clearly when no backend listens: a path that
# does not exist, and a stale socket file nobody listens on (a backend that
# crashed). The frontend must exit non-zero well within the 30 s bound, and
# its output must name the path.
#
# Usage: devtools/tests/robust-no-backend.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-e2e/vcrypto-test-e2e
t_need_built "$app" "$VCRYPTO_PLUGIN"
limit=20

# Usage: expect_fast_failure CASE PATH
expect_fast_failure() {
	local case=$1 path=$2 log=$VCRYPTO_RUN/$1.log start elapsed rc
	start=$(date +%s%N)
	timeout -k 5 30 "$app" $(t_front_eal "$case" 0) \
		--vdev "crypto_virtio_user0,path=$path" -- --kat-only > "$log" 2>&1
	rc=$?
	elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
	t_log "$case: exit status $rc after $elapsed ms"
	[ $rc = 124 ] || [ $rc = 137 ] && t_fail "$case: hung until the 30 s timeout"
	[ $rc != 0 ] || t_fail "$case: exited 0 although no backend listens"
	[ $elapsed -lt $((limit * 1000)) ] || t_fail "$case: took $elapsed ms (limit ${limit} s)"
	grep -qF "$path" "$log" || t_fail "$case: no error message names $path"
	t_log "$case: error names the path: $(grep -F "$path" "$log" | head -n 1)"
}

expect_fast_failure missing "$VCRYPTO_RUN/nobody-listens.sock"

# A socket file left by a dead server: connect() gets ECONNREFUSED.
stale=$VCRYPTO_RUN/stale.sock
python3 - "$stale" <<'PY' || t_fail "cannot create a stale socket file"
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1])
s.close()
PY
[ -S "$stale" ] || t_fail "stale socket file missing"
expect_fast_failure stale "$stale"
echo "PASS $t_name"
