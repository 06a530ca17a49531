# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Helpers shared by the run, test and benchmark scripts (sourced, not run).
# Callers set: top (repository root) and build (build directory).

VCRYPTO_PLUGIN=${VCRYPTO_PLUGIN:-$build/drivers/crypto/virtio/librte_crypto_virtio.so}
VCRYPTO_BACKEND=${VCRYPTO_BACKEND:-$build/examples/vhost_crypto/vcrypto-backend}
# Run directory for sockets and logs: not world-writable, unique per run.
VCRYPTO_RUN=${VCRYPTO_RUN:-$(mktemp -d /run/vcrypto.XXXXXX 2>/dev/null || mktemp -d)}

# EAL refuses to load a plugin (-d) when the file or any directory above it
# is world-writable, as /tmp is: a clone under /tmp could load no driver.
# Then load a private copy from the run directory instead.
_vcrypto_path_safe() {
	local p=$1
	while [ "$p" != / ] && [ -n "$p" ]; do
		[ -n "$(find "$p" -maxdepth 0 -perm -0002 2>/dev/null)" ] && return 1
		p=$(dirname "$p")
	done
	return 0
}
vcrypto_private_plugin() {
	[ -f "$VCRYPTO_PLUGIN" ] && ! _vcrypto_path_safe "$VCRYPTO_PLUGIN" || return 0
	mkdir -p "$VCRYPTO_RUN/plugin" && chmod 700 "$VCRYPTO_RUN/plugin"
	cp "$VCRYPTO_PLUGIN" "$VCRYPTO_RUN/plugin/"
	VCRYPTO_PLUGIN=$VCRYPTO_RUN/plugin/$(basename "$VCRYPTO_PLUGIN")
	_vcrypto_path_safe "$VCRYPTO_PLUGIN" \
		|| echo "warning: no private directory for the plugin; EAL may refuse it" >&2
}

# EAL memory arguments. --no-huge works everywhere (EAL backs memory with a
# memfd that vhost-user can share); set VCRYPTO_HUGE=1 to use hugepages
# (single-file segments keep the vhost-user memory table within 8 regions).
vcrypto_eal_mem() {
	local mb=$1
	if [ "${VCRYPTO_HUGE:-0}" = 1 ]; then
		echo "--single-file-segments -m $mb"
	else
		echo "--no-huge -m $mb"
	fi
}

_vcrypto_pids=()

# Start the backend application in the background.
# Usage: vcrypto_backend_start NAME LOG [backend args...]
# VCRYPTO_BACKEND_EAL adds EAL arguments (e.g. a --vdev for an engine);
# VCRYPTO_BACKEND_LCORES replaces its lcore list "-l 0,1" (e.g. --lcores).
# Waits (bounded) for its "ready" line; returns non-zero if it never comes.
vcrypto_backend_start() {
	local name=$1 log=$2 i
	shift 2
	"$VCRYPTO_BACKEND" $(vcrypto_eal_mem 256) --no-pci --file-prefix "vcb-$name-$$" \
		${VCRYPTO_BACKEND_LCORES:--l 0,1} --main-lcore 0 --log-level=lib.vcrypto.*:info ${VCRYPTO_BACKEND_EAL:-} \
		-- "$@" > "$log" 2>&1 &
	VCRYPTO_BACKEND_PID=$!
	_vcrypto_pids+=("$VCRYPTO_BACKEND_PID")
	for i in $(seq 1 200); do
		grep -q 'vcrypto-backend: ready' "$log" 2>/dev/null && return 0
		kill -0 "$VCRYPTO_BACKEND_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "backend did not become ready; its log:" >&2
	cat "$log" >&2
	return 1
}

# Stop the backend with SIGINT and wait for it; returns its exit status.
vcrypto_backend_stop() {
	local pid=${1:-$VCRYPTO_BACKEND_PID} rc=0 i
	kill -INT "$pid" 2>/dev/null || return 0
	for i in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; rc=124; }
	wait "$pid" 2>/dev/null || rc=$?
	return $rc
}

# Kill everything this script started (trap handler).
vcrypto_cleanup() {
	local p
	for p in "${_vcrypto_pids[@]}"; do
		kill -KILL "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -f "$VCRYPTO_RUN"/*.sock 2>/dev/null || true
}
