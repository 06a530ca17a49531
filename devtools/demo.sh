#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The main job: set up and build, start the vcrypto backend, run the stock
# dpdk-test-crypto-perf through the crypto_virtio_user driver for AES-CBC at
# several buffer sizes, and print the results next to crypto_aesni_mb run
# directly in the same run (the ceiling). Stops everything it started.
#
# Usage: devtools/demo.sh [BUILD_DIR]
# Environment: VCRYPTO_DEMO_OPS (ops per size, default 1000000),
#              VCRYPTO_DEMO_SIZES (default 64,256,1024,4096,16384),
#              VCRYPTO_HUGE=1 to run on hugepages instead of --no-huge.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
"$top/devtools/setup.sh" "$build"

. "$top/devtools/lib.sh"
trap 'vcrypto_cleanup; rm -rf "$VCRYPTO_RUN"' EXIT
vcrypto_private_plugin

ops=${VCRYPTO_DEMO_OPS:-1000000}
sizes=${VCRYPTO_DEMO_SIZES:-64,256,1024,4096,16384}
sock=$VCRYPTO_RUN/demo.sock

# Two cores: the backend polls on lcore 1; crypto-perf's worker runs on
# lcore 0 and its busy-waiting main lcore shares core 1 at SCHED_IDLE so it
# never takes time from the backend's poller.
perf() {
	local name=$1
	shift
	chrt --idle 0 dpdk-test-crypto-perf $(vcrypto_eal_mem 1024) --no-pci \
		--file-prefix "vcd-$name-$$" -l 0,1 --main-lcore 1 "$@" \
		--ptest throughput --optype cipher-only --cipher-algo aes-cbc \
		--cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16 \
		--buffer-sz "$sizes" --burst-sz 32 --total-ops "$ops" --silent --csv-friendly
}

# Keep only crypto-perf's CSV rows: lcore,size,burst,enq,deq,fenq,fdeq,Mops,Gbps,cycles
csv_rows() { grep -E '^[0-9]+,[0-9]+,[0-9]+,' || true; }

echo "== crypto_aesni_mb, directly (the ceiling)"
perf ceiling --vdev crypto_aesni_mb -- --devtype crypto_aesni_mb \
	> "$VCRYPTO_RUN/ceiling.log" 2>&1 || { cat "$VCRYPTO_RUN/ceiling.log"; exit 1; }
csv_rows < "$VCRYPTO_RUN/ceiling.log" > "$VCRYPTO_RUN/ceiling.csv"

echo "== vcrypto: crypto_virtio_user -> vhost-user -> vcrypto-backend -> ipsec-mb"
vcrypto_backend_start demo "$VCRYPTO_RUN/backend.log" --socket-file "1,$sock"
perf virtio -d "$VCRYPTO_PLUGIN" --vdev "crypto_virtio_user0,path=$sock,queues=1" \
	-- --devtype crypto_virtio_user > "$VCRYPTO_RUN/virtio.log" 2>&1 \
	|| { cat "$VCRYPTO_RUN/virtio.log" "$VCRYPTO_RUN/backend.log"; exit 1; }
csv_rows < "$VCRYPTO_RUN/virtio.log" > "$VCRYPTO_RUN/virtio.csv"
vcrypto_backend_stop || { echo "backend exited with an error"; cat "$VCRYPTO_RUN/backend.log"; exit 1; }

[ -s "$VCRYPTO_RUN/virtio.csv" ] || { echo "no results from the virtio run"; cat "$VCRYPTO_RUN/virtio.log"; exit 1; }

echo
echo "AES-128-CBC encrypt, burst 32, $ops ops per size (same run, same machine)"
join -t, -j1 \
	<(awk -F, '{ print $2 "," $8 "," $9 }' "$VCRYPTO_RUN/virtio.csv" | sort -t, -k1,1) \
	<(awk -F, '{ print $2 "," $8 "," $9 }' "$VCRYPTO_RUN/ceiling.csv" | sort -t, -k1,1) \
	| sort -t, -k1,1n \
	| awk -F, 'BEGIN { printf "%8s %12s %10s %14s %10s %8s\n", "bytes", "virtio Mops", "Gbit/s",
			"aesni_mb Mops", "Gbit/s", "ratio" }
		{ printf "%8d %12.3f %10.3f %14.3f %10.3f %8.2f\n", $1, $2, $3, $4, $5,
			($4 > 0 ? $2 / $4 : 0) }'
echo
echo "backend: $(grep -E 'vcrypto-backend: dev' "$VCRYPTO_RUN/backend.log" || echo 'no stats line')"
