#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Prepares the VM tests (app/vm/run-vm-tests.sh), as root, idempotently:
#   - installs qemu-system-x86, busybox-static and cpio when missing;
#   - downloads Debian's generic amd64 6.1 kernel package (never installed on
#     the host: apt-get download + dpkg-deb -x) and keeps only the kernel image
#     and the modules the guests need, with their dependencies in load order,
#     in BUILD_DIR/vm/kernel/;
#   - builds the static guest programs (afalg_kat);
#   - packs two initramfs images in BUILD_DIR/vm/:
#       initrd-linux.cpio.gz  busybox, modules, /init, tests, afalg_kat
#       initrd-dpdk.cpio.gz   the same plus dpdk-test-crypto-perf, the DPDK
#                             libraries it and the plugins need, the project's
#                             plugin and Debian's crypto_virtio PMD (kept apart),
#                             and the NIST AES-CBC crypto-perf vector files.
# A second run only repacks what changed (a manifest of inputs per image) and
# touches neither apt nor the network once the kernel is cached.
#
# Usage: app/vm/prepare.sh [BUILD_DIR]          (default: build)
# Environment: VCRYPTO_VM_KERNEL_PKG=linux-image-6.1.0-N-amd64 picks a kernel
#              package (default: the newest such package apt knows).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
vm=$build/vm
guest_src=$top/app/vm/guest

log() { printf '[vm-prepare] %s\n' "$*"; }
die() { printf '[vm-prepare] error: %s\n' "$*" >&2; exit 1; }

packages=(qemu-system-x86 busybox-static cpio gcc libc6-dev binutils gzip)

# Modules the guests load; their dependencies are added from .modinfo.
guest_modules=(virtio_pci virtio_crypto af_alg algif_skcipher uio_pci_generic)

# DPDK pieces for the guest: the test program, the bus and mempool plugins it
# loads with -d, and Debian's own crypto_virtio PCI PMD (a harness check).
# The plugins keep their host paths in the guest: loading one file under two
# paths would map it twice (and register the PCI bus twice) once the
# project's plugin links librte_bus_pci by soname.
dpdk_pmds=/usr/lib/x86_64-linux-gnu/dpdk/pmds-23.0
dpdk_prog=/usr/bin/dpdk-test-crypto-perf
dpdk_plugins=(/usr/lib/x86_64-linux-gnu/librte_bus_pci.so.23
	/usr/lib/x86_64-linux-gnu/librte_mempool_ring.so.23)
debian_pmd=$dpdk_pmds/librte_crypto_virtio.so.23
project_plugin=$build/drivers/crypto/virtio/librte_crypto_virtio.so
# The project's known-answer test program (every algorithm the device offers),
# run by test-dpdk-driver.sh with the project's plugin; optional (-Dtests=false).
e2e_prog=$build/app/test-e2e/vcrypto-test-e2e
e2e_progs=()
[ -x "$e2e_prog" ] && e2e_progs=("$e2e_prog")
# glibc loads libgcc_s at run time (pthread_cancel in rte_eal_cleanup).
runtime_libs=(/usr/lib/x86_64-linux-gnu/libgcc_s.so.1)
vectors=$top/drivers/crypto/virtio/test/vectors

install_packages() {
	local p missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
			|| missing+=("$p")
	done
	[ ${#missing[@]} = 0 ] && { log "packages: all present"; return; }
	[ "$(id -u)" = 0 ] || die "missing packages (${missing[*]}); run this script as root"
	log "installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

# The newest linux-image-6.1.0-N-amd64 (generic flavour: the cloud flavour
# lacks virtio_crypto and uio_pci_generic).
pick_kernel_pkg() {
	if [ -n "${VCRYPTO_VM_KERNEL_PKG:-}" ]; then
		echo "$VCRYPTO_VM_KERNEL_PKG"
		return
	fi
	apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64(-unsigned)?$' \
		| awk '{ print $1 }' | sort -V | awk '
			{ n = $1; sub(/-unsigned$/, "", n); last = n; full[n] = full[n] ? full[n] : $1 }
			END { if (last != "") print full[last] }'
}

# Value of one .modinfo key of a module file (modinfo without kmod).
modinfo_key() {
	objcopy -O binary --only-section=.modinfo "$1" /dev/stdout 2>/dev/null \
		| tr '\0' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# Emit NAME's dependencies, then NAME, depth first; modules already emitted
# (in the caller's "seen" list) are skipped. Module names use '_'.
declare -A mod_path=()
declare -A mod_seen=()
mod_order=()
resolve_module() {
	local name=${1//-/_} dep deps
	[ -n "${mod_seen[$name]:-}" ] && return
	mod_seen[$name]=1
	[ -n "${mod_path[$name]:-}" ] || die "module $name not found in the kernel package"
	deps=$(modinfo_key "${mod_path[$name]}" depends)
	for dep in ${deps//,/ }; do
		resolve_module "$dep"
	done
	mod_order+=("$name")
}

fetch_kernel() {
	local pkg kver dir tmp f name m
	if [ -f "$vm/kernel/VERSION" ]; then
		kver=$(cat "$vm/kernel/VERSION")
		if [ -f "$vm/kernel/$kver/.complete" ]; then
			log "kernel $kver: cached"
			return
		fi
	fi
	[ "$(id -u)" = 0 ] || die "the guest kernel is not cached; run this script as root"
	pkg=$(pick_kernel_pkg)
	if [ -z "$pkg" ]; then
		log "no kernel package in apt's lists: apt-get update"
		apt-get update -qq
		pkg=$(pick_kernel_pkg)
	fi
	[ -n "$pkg" ] || die "apt knows no linux-image-6.1.0-N-amd64 package (apt-get update?)"
	tmp=$vm/kernel/tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	log "downloading $pkg"
	(cd "$tmp" && apt-get download -qq "$pkg" 2>&1 | grep -v 'unsandboxed' || true)
	f=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
	[ -n "$f" ] || die "apt-get download $pkg failed"
	dpkg-deb -x "$f" "$tmp/x"
	kver=$(ls "$tmp/x/lib/modules" | head -n 1)
	[ -n "$kver" ] && [ -f "$tmp/x/boot/vmlinuz-$kver" ] || die "$pkg holds no kernel image"
	dir=$vm/kernel/$kver
	rm -rf "$dir" && mkdir -p "$dir/modules"
	cp "$tmp/x/boot/vmlinuz-$kver" "$dir/vmlinuz"
	cp "$tmp/x/boot/config-$kver" "$dir/config"
	while IFS= read -r f; do
		name=$(basename "$f" .ko)
		mod_path[${name//-/_}]=$f
	done < <(find "$tmp/x/lib/modules/$kver" -name '*.ko')
	# modules.deps: "TOP: dep ... TOP" per wanted module, in load order.
	: > "$dir/modules.deps"
	for m in "${guest_modules[@]}"; do
		mod_order=()
		mod_seen=()
		resolve_module "$m"
		echo "$m: ${mod_order[*]}" >> "$dir/modules.deps"
		for name in "${mod_order[@]}"; do
			cp "${mod_path[$name]}" "$dir/modules/$name.ko"
		done
	done
	echo "$pkg" > "$dir/PACKAGE"
	touch "$dir/.complete"
	echo "$kver" > "$vm/kernel/VERSION"
	rm -rf "$tmp"
	log "kernel $kver from $pkg: $(ls "$dir/modules" | wc -l) modules"
	sed 's/^/[vm-prepare]   /' "$dir/modules.deps"
}

build_guest_programs() {
	local out=$vm/guest/afalg_kat src=$guest_src/afalg_kat.c
	mkdir -p "$vm/guest"
	if [ -x "$out" ] && [ "$out" -nt "$src" ]; then
		log "afalg_kat: up to date"
		return
	fi
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static -o "$out.tmp" "$src"
	mv "$out.tmp" "$out"
	log "afalg_kat: built"
}

# Copy a host file to the same path under ROOT (symlinks followed).
copy_same_path() {
	local root=$1 f=$2
	mkdir -p "$root$(dirname "$f")"
	cp -L "$f" "$root$f"
}

# Shared libraries (absolute paths) that the given ELF files need.
needed_libs() {
	ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
				   NF == 2 && $1 ~ /^\// { print $1 }' | sort -u
}

# Stage the common root: busybox, /init, test scripts, modules, afalg_kat.
stage_linux_root() {
	local root=$1 kdir=$2
	# Merged /usr as on Debian, so a library has one path (see dpdk_plugins).
	mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,tests,usr/lib/modules,usr/lib64}
	ln -s usr/lib "$root/lib"
	ln -s usr/lib64 "$root/lib64"
	cp /bin/busybox "$root/bin/busybox"
	install -m 0755 "$guest_src/init" "$root/init"
	install -m 0755 "$guest_src"/test-*.sh "$root/tests/"
	install -m 0644 "$guest_src/lib.sh" "$root/tests/lib.sh"
	cp "$kdir"/modules/*.ko "$root/lib/modules/"
	cp "$kdir/modules.deps" "$root/lib/modules/modules.deps"
	install -m 0755 "$vm/guest/afalg_kat" "$root/bin/afalg_kat"
}

# Add to ROOT the DPDK program, the plugins and every library they need.
stage_dpdk_root() {
	local root=$1 lib
	copy_same_path "$root" "$dpdk_prog"
	for lib in $(needed_libs "$dpdk_prog" "${dpdk_plugins[@]}" "$debian_pmd" \
			"$project_plugin" "${e2e_progs[@]}"); do
		copy_same_path "$root" "$lib"
	done
	# EAL refuses plugins from world-writable directories: 0755 dirs.
	for lib in "${dpdk_plugins[@]}"; do
		copy_same_path "$root" "$lib"
	done
	mkdir -p "$root/opt/vcrypto" "$root/opt/debian-pmd" "$root/vectors"
	chmod 0755 "$root/opt" "$root/opt/vcrypto" "$root/opt/debian-pmd"
	cp -L "$debian_pmd" "$root/opt/debian-pmd/"
	cp -L "$project_plugin" "$root/opt/vcrypto/"
	[ ${#e2e_progs[@]} = 0 ] || install -m 0755 "$e2e_prog" "$root/opt/vcrypto/vcrypto-test-e2e"
	for lib in "${runtime_libs[@]}"; do
		[ -e "$lib" ] && copy_same_path "$root" "$lib"
	done
	cp "$vectors"/nist_cbc_*.data "$root/vectors/"
}

# Inputs of an image, as "size mtime path" lines: the image is rebuilt when
# this manifest changes.
manifest() {
	local f
	for f in "$@"; do
		if [ -e "$f" ]; then stat -L -c '%s %Y %n' "$f"; fi
	done | sort
}

pack() {
	local name=$1 root=$vm/root-$1 out=$vm/initrd-$1.cpio.gz
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
		| gzip -1 > "$out.tmp"
	mv "$out.tmp" "$out"
	log "initrd-$name.cpio.gz: $(du -h "$out" | cut -f1)"
}

build_images() {
	local kver kdir m_linux m_dpdk
	kver=$(cat "$vm/kernel/VERSION")
	kdir=$vm/kernel/$kver
	ln -sfn "$kver" "$vm/kernel/current"
	[ -f "$project_plugin" ] || die "the plugin is not built: $project_plugin (run devtools/setup.sh)"
	for f in "$dpdk_prog" "${dpdk_plugins[@]}" "$debian_pmd"; do
		[ -e "$f" ] || die "missing $f (is the dpdk package installed?)"
	done
	m_linux=$(manifest "$top/app/vm/prepare.sh" /bin/busybox "$guest_src"/* "$kdir"/modules/*.ko \
		"$kdir/modules.deps" "$vm/guest/afalg_kat")
	m_dpdk=$( { echo "$m_linux"; manifest "$dpdk_prog" "${dpdk_plugins[@]}" "$debian_pmd" \
		"$project_plugin" "${e2e_progs[@]}" "${runtime_libs[@]}" "$vectors"/nist_cbc_*.data \
		$(needed_libs "$dpdk_prog" "${dpdk_plugins[@]}" "$debian_pmd" "$project_plugin" \
			"${e2e_progs[@]}"); } )
	if [ -f "$vm/initrd-linux.cpio.gz" ] && [ "$m_linux" = "$(cat "$vm/manifest-linux" 2>/dev/null)" ]; then
		log "initrd-linux.cpio.gz: up to date"
	else
		rm -rf "$vm/root-linux"
		stage_linux_root "$vm/root-linux" "$kdir"
		pack linux
		echo "$m_linux" > "$vm/manifest-linux"
	fi
	if [ -f "$vm/initrd-dpdk.cpio.gz" ] && [ "$m_dpdk" = "$(cat "$vm/manifest-dpdk" 2>/dev/null)" ]; then
		log "initrd-dpdk.cpio.gz: up to date"
	else
		rm -rf "$vm/root-dpdk"
		stage_linux_root "$vm/root-dpdk" "$kdir"
		stage_dpdk_root "$vm/root-dpdk"
		pack dpdk
		echo "$m_dpdk" > "$vm/manifest-dpdk"
	fi
}

install_packages
mkdir -p "$vm/kernel"
fetch_kernel
build_guest_programs
build_images
log "done: kernel $vm/kernel/current/vmlinuz, images $vm/initrd-{linux,dpdk}.cpio.gz"
