#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# One-shot set-up on Debian 12, as root: installs the packages vcrypto builds
# and tests with, fetches DPDK's driver SDK headers from Debian's source
# package of exactly the installed libdpdk-dev, reserves hugepages when the
# kernel allows (everything also runs with --no-huge), then configures and
# builds. Idempotent: a second run only rebuilds what changed.
#
# Usage: devtools/setup.sh [BUILD_DIR]     (default: build)
# Environment: VCRYPTO_HUGEPAGES=N (2 MiB pages to reserve, default 1024, 0 = none)
#              VCRYPTO_MESON_ARGS="..." (extra meson setup arguments)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

packages=(dpdk dpdk-dev libdpdk-dev libipsec-mb-dev meson ninja-build pkg-config
	dpkg-dev gcc clang libclang-rt-14-dev python3 xz-utils gnuplot-nox libssl-dev)

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
			|| printf '%s\n' "$p"
	done
}

install_packages() {
	local missing
	missing=$(missing_packages)
	[ -z "$missing" ] && { log "packages: all present"; return; }
	[ "$(id -u)" = 0 ] || die "missing packages ($(echo $missing)); run this script as root"
	log "installing: $(echo $missing)"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# apt serves source packages only once a deb-src entry is known: add one
# beside each Debian "deb" entry, never in place of it.
ensure_deb_src() {
	local f=/etc/apt/sources.list.d/vcrypto-deb-src.sources
	[ -f "$f" ] && return
	if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return
	fi
	log "adding deb-src entries in $f"
	{
		local s
		for s in /etc/apt/sources.list.d/*.sources; do
			[ -f "$s" ] || continue
			# copy each stanza that is a Debian "deb" entry, as "deb-src"
			awk 'BEGIN { RS=""; ORS="\n\n" }
			     /(^|\n)Types:[ \t]*deb[ \t]*(\n|$)/ && /debian/ {
				sub(/Types:[ \t]*deb/, "Types: deb-src"); print }' "$s"
		done
		if [ -f /etc/apt/sources.list ]; then
			grep -E '^deb [^#]*debian' /etc/apt/sources.list \
				| sed 's/^deb /deb-src /' \
				| awk '{ printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents:", $2, $3;
					for (i = 4; i <= NF; i++) printf " %s", $i; printf "\n\n" }'
		fi
	} > "$f"
	apt-get update -qq
}

fetch_sdk_headers() {
	local deb_ver up_ver sdk src
	deb_ver=$(dpkg-query -W -f='${Version}' libdpdk-dev)
	up_ver=$(pkg-config --modversion libdpdk)
	sdk=$top/.deps/dpdk-sdk-$up_ver/include
	if [ -f "$sdk/.complete" ]; then
		log "DPDK $up_ver SDK headers: present"
		return
	fi
	[ "$(id -u)" = 0 ] || die "DPDK SDK headers missing; run this script as root"
	ensure_deb_src
	src=$top/.deps/src
	rm -rf "$src" && mkdir -p "$src"
	log "fetching Debian source of dpdk=$deb_ver for the driver SDK headers"
	(cd "$src" && apt-get source -qq --download-only "dpdk=$deb_ver" >/dev/null 2>&1) \
		|| die "apt-get source dpdk=$deb_ver failed (is a deb-src entry reachable?)"
	(cd "$src" && dpkg-source --no-check -x ./*.dsc tree >/dev/null) \
		|| die "unpacking the dpdk source package failed"
	mkdir -p "$sdk"
	cp "$src/tree/lib/cryptodev/cryptodev_pmd.h" \
		"$src/tree/lib/eal/include/dev_driver.h" \
		"$src/tree/lib/eal/include/bus_driver.h" \
		"$src/tree/drivers/bus/vdev/bus_vdev_driver.h" \
		"$src/tree/drivers/bus/pci/bus_pci_driver.h" "$sdk/"
	touch "$sdk/.complete"
	rm -rf "$src"
	log "DPDK $up_ver SDK headers in $sdk"
}

reserve_hugepages() {
	local want=${VCRYPTO_HUGEPAGES:-1024} have
	[ "$want" -gt 0 ] || { log "hugepages: not requested, everything runs with --no-huge"; return; }
	have=$(awk '/HugePages_Total/ { print $2 }' /proc/meminfo)
	if [ "${have:-0}" -lt "$want" ]; then
		echo "$want" > /proc/sys/vm/nr_hugepages 2>/dev/null || true
		have=$(awk '/HugePages_Total/ { print $2 }' /proc/meminfo)
	fi
	if ! grep -qs hugetlbfs /proc/mounts; then
		mkdir -p /dev/hugepages
		mount -t hugetlbfs nodev /dev/hugepages 2>/dev/null || have=0
	fi
	if [ "${have:-0}" -gt 0 ]; then
		log "hugepages: $have reserved (VCRYPTO_HUGE=1 uses them; the default is --no-huge)"
	else
		log "hugepages: none here; everything runs with --no-huge"
	fi
}

configure_and_build() {
	if [ ! -f "$build/build.ninja" ]; then
		log "configuring $build"
		meson setup "$build" "$top" ${VCRYPTO_MESON_ARGS:-} >/dev/null \
			|| { meson setup "$build" "$top" ${VCRYPTO_MESON_ARGS:-}; die "meson setup failed"; }
	fi
	# EAL refuses to load plugins from a world-writable directory.
	chmod go-w "$build"
	log "building in $build"
	ninja -C "$build" >/dev/null || { ninja -C "$build"; die "build failed"; }
}

install_packages
fetch_sdk_headers
reserve_hugepages
configure_and_build
log "done"
