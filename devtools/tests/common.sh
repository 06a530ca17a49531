# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Sourced by every devtools/tests/*.sh script: the build directory (first
# argument), devtools/lib.sh (backend start/stop, plugin and backend paths,
# EAL memory arguments, a private run directory), and helpers to start
# frontend processes, fail with the logs shown, and clean up on any exit.
# A test script exits 0 when it passed; it prints its logs when it failed.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$top/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
. "$top/devtools/lib.sh"

t_name=$(basename "$0" .sh)
t_pids=()

vcrypto_private_plugin

# Kill what this script started, remove its run directory and the EAL runtime
# directories of its file-prefixes (a SIGKILLed process leaves them behind).
t_cleanup() {
	local p
	for p in "${t_pids[@]}"; do
		kill -KILL "$p" 2>/dev/null || true
	done
	vcrypto_cleanup
	rm -rf "$VCRYPTO_RUN"
	# every EAL --file-prefix of this script ends in -$$
	rm -rf /var/run/dpdk/vc[bt]-*-"$$"
}
trap t_cleanup EXIT
trap 'echo "$t_name: interrupted"; exit 130' INT TERM

t_log() { printf '[%s] %s\n' "$t_name" "$*"; }

# Print every log of this run, so CI output shows why a test failed.
t_dump_logs() {
	local f
	for f in "$VCRYPTO_RUN"/*.log; do
		[ -f "$f" ] || continue
		echo "----- $(basename "$f") (last 150 lines)"
		tail -n 150 "$f"
	done
	echo "-----"
}

t_fail() {
	echo "FAIL $t_name: $*"
	t_dump_logs
	exit 1
}

# Check the pieces a test needs were built.
t_need_built() {
	local f
	for f in "$@"; do
		[ -e "$f" ] || t_fail "not built: $f"
	done
}

# EAL arguments of a frontend (driver) process. Usage: t_front_eal NAME LCORES
t_front_eal() {
	local prefix=vct-$1-$$
	echo "$(vcrypto_eal_mem 256) --no-pci --file-prefix $prefix -l $2 -d $VCRYPTO_PLUGIN"
}

# Start the backend on one socket (EAL prefix vcb-NAME-PID, see lib.sh),
# polled by worker lcore 1, or by the lcores in T_BACKEND_POLLERS (e.g.
# "1:2", with VCRYPTO_BACKEND_LCORES placing them).
# Usage: t_backend_start NAME SOCK [more backend args...]
t_backend_start() {
	local name=$1 sock=$2
	shift 2
	vcrypto_backend_start "$name" "$VCRYPTO_RUN/backend-$name.log" \
		--socket-file "${T_BACKEND_POLLERS:-1},$sock" "$@" || t_fail "backend did not start"
	t_log "backend $VCRYPTO_BACKEND_PID listening on $sock"
}

# Stop the backend with SIGINT (or SIGTERM): it must exit 0 within 10 s,
# remove its socket and print its statistics.
# Usage: t_backend_stop SOCK [INT|TERM]
t_backend_stop() {
	local sock=$1 sig=${2:-INT} pid=$VCRYPTO_BACKEND_PID rc=0 i
	kill -"$sig" "$pid" 2>/dev/null || t_fail "backend $pid was not running at SIG$sig"
	for i in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		t_fail "backend still running 10 s after SIG$sig"
	fi
	wait "$pid" 2>/dev/null || rc=$?
	[ "$rc" = 0 ] || t_fail "backend exited with status $rc after SIG$sig"
	[ -e "$sock" ] && t_fail "backend left its socket $sock behind"
	grep -E 'vcrypto-backend: dev ' "$VCRYPTO_RUN"/backend-*.log || true
	t_log "backend stopped by SIG$sig: exit 0, socket removed"
}

# Data requests the backend counted in its last statistics line (0 if none).
# Usage: t_backend_requests NAME
t_backend_requests() {
	grep -oE 'dev [^ ]+: requests=[0-9]+' "$VCRYPTO_RUN/backend-$1.log" 2>/dev/null \
		| tail -n 1 | sed -E 's/.*requests=//' | grep -E '^[0-9]+$' || echo 0
}
