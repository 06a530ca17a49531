#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# VM tests: virtio-crypto with real QEMU guests (software emulation, TCG).
#   3a  QEMU cryptodev-backend-builtin  + guest Linux virtio_crypto (AF_ALG KAT)
#   1   vcrypto-backend via vhost-user  + guest Linux virtio_crypto (AF_ALG KAT)
#   3c  QEMU cryptodev-backend-builtin  + guest DPDK, Debian's crypto_virtio PMD
#       (a harness check: proves uio/hugepages/EAL in the guest work)
#   3b  QEMU cryptodev-backend-builtin  + guest DPDK, the project's plugin
#   2   vcrypto-backend via vhost-user  + guest DPDK, the project's plugin
# The guest's results come back on the serial console; each test is bounded
# by a timeout and prints PASS/FAIL/SKIP with its duration. Tests are skipped
# only when QEMU cannot start at all. Logs: BUILD_DIR/vm/logs/TEST/.
#
# Usage: app/vm/run-vm-tests.sh [-b BUILD_DIR] [TEST...]   (default: all, in
#        the order above). Runs app/vm/prepare.sh first (fast when done).
# Environment: VCRYPTO_VM_ACCEL=tcg|kvm (default tcg), VCRYPTO_VM_TIMEOUT
#              (seconds per test, default 150 for Linux, 300 for DPDK tests).
# Exit status: 0 when no test failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
if [ "${1:-}" = -b ]; then
	build=$2
	shift 2
fi
case $build in /*) ;; *) build=$PWD/$build ;; esac
vm=$build/vm
accel=${VCRYPTO_VM_ACCEL:-tcg}
all_tests=(3a 1 3c 3b 2)
tests=("$@")
[ ${#tests[@]} = 0 ] && tests=("${all_tests[@]}")

. "$top/devtools/lib.sh"
logs=$vm/logs
results=()
failed=0
qemu_pid=

say() { printf '[vm-tests] %s\n' "$*"; }

cleanup() {
	[ -n "$qemu_pid" ] && kill -KILL "$qemu_pid" 2>/dev/null
	vcrypto_cleanup
	rm -rf "$VCRYPTO_RUN"
	rm -rf /var/run/dpdk/vcb-vm*-"$$"
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM

bash "$top/app/vm/prepare.sh" "$build" | sed 's/^/  /' || { say "prepare.sh failed"; exit 1; }
kernel=$vm/kernel/current/vmlinuz

# Whether the project's plugin registers a PCI driver (the PCI transport):
# a PCI PMD imports rte_pci_register from librte_bus_pci.
plugin_has_pci() {
	# no -q: an early exit could fail nm with SIGPIPE under pipefail
	nm -D --undefined-only "$VCRYPTO_PLUGIN" 2>/dev/null | grep -w 'rte_pci_register' > /dev/null
}

# QEMU must at least start (the machine paused, no guest): exit status 124
# from the timeout means it was running.
qemu_starts() {
	local rc
	timeout 3 qemu-system-x86_64 -accel "$accel" -M pc -nodefaults -display none \
		-monitor none -serial none -S </dev/null >"$logs/qemu-probe.log" 2>&1
	rc=$?
	[ $rc = 124 ]
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# run_qemu DIR TIMEOUT INITRD MEM SMP APPEND [device args...]
# Boots the guest, serial console to DIR/serial.log, QEMU's stderr to
# DIR/qemu.err. Returns QEMU's exit status (124: timed out).
run_qemu() {
	local dir=$1 tmo=$2 initrd=$3 mem=$4 smp=$5 append=$6 rc
	shift 6
	printf '%q ' qemu-system-x86_64 -accel "$accel" -cpu max -smp "$smp" -m "$mem" -M pc \
		-nodefaults -display none -no-reboot -serial stdio -monitor none \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 quiet $append" "$@" > "$dir/qemu.cmd"
	timeout -k 5 "$tmo" qemu-system-x86_64 -accel "$accel" -cpu max -smp "$smp" -m "$mem" \
		-M pc -nodefaults -display none -no-reboot -serial stdio -monitor none \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 quiet $append" "$@" \
		</dev/null >"$dir/serial.log" 2>"$dir/qemu.err" &
	qemu_pid=$!
	wait $qemu_pid
	rc=$?
	qemu_pid=
	return $rc
}

# The guest's verdict: its rc from "VMTEST-END NAME rc=N" (empty if none).
guest_rc() {
	sed -n 's/.*VMTEST-END [^ ]* rc=\([0-9]*\).*/\1/p' "$1/serial.log" | tail -n 1
}

show() {
	local f=$1 title=$2 n=${3:-60}
	[ -s "$f" ] || { echo "    ($title: empty)"; return; }
	echo "    ----- $title (last $n lines)"
	tail -n "$n" "$f" | tr -d '\r' | sed 's/^/    | /'
}

record() {
	local t=$1 verdict=$2 dur=$3 why=$4
	results+=("$(printf '%-3s %-4s %6ss  %s' "$t" "$verdict" "$dur" "$why")")
	[ "$verdict" = FAIL ] && failed=$((failed + 1))
	say "test $t: $verdict in ${dur}s${why:+ ($why)}"
}

builtin_dev=(-object cryptodev-backend-builtin,id=cryptodev0
	-device virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0,addr=05.0)

# vhost-user device args for SOCK and a guest of MEM MiB (shared memfd RAM).
# vectors=0 (INTx): QEMU 7.2 (Debian 12) dies with SIGSEGV in
# cryptodev_vhost_start -> msix_set_vector_notifiers when the guest driver
# sets DRIVER_OK on a vhost-user virtio-crypto device with MSI-X (its
# guest_notifier_mask lacks the config-interrupt check newer QEMUs have).
vhost_dev() {
	echo "-object memory-backend-memfd,id=mem0,size=$2M,share=on -machine memory-backend=mem0" \
	     "-chardev socket,id=ccdev0,path=$1 -object cryptodev-vhost-user,id=cryptodev0,chardev=ccdev0" \
	     "-device virtio-crypto-pci,id=crypto0,cryptodev=cryptodev0,addr=05.0,vectors=0"
}

# Start vcrypto-backend for test T on SOCK; its log goes to DIR/backend.log.
backend_start() {
	local t=$1 sock=$2 dir=$3
	[ -x "$VCRYPTO_BACKEND" ] || { echo "not built: $VCRYPTO_BACKEND"; return 1; }
	vcrypto_backend_start "vm$t" "$dir/backend.log" --socket-file "1,$sock" 2>&1
}

# Stop it with SIGINT; its final statistics line lands in its log.
backend_stop() {
	vcrypto_backend_stop "$VCRYPTO_BACKEND_PID"
}

# QEMU sends sessions to a vhost-user crypto backend only over the
# CREATE/CLOSE_CRYPTO_SESSION messages (26/27), and only when the backend
# offers protocol feature CRYPTO_SESSION (bit 7); say whether it did.
protocol_note() {
	local f
	f=$(sed -n 's/.*negotiated Vhost-user protocol features: \(0x[0-9a-fA-F]*\).*/\1/p' \
		"$1/backend.log" | tail -n 1)
	echo "    vhost-user messages received by the backend:" \
		$(sed -n 's/.*read message VHOST_USER_\([A-Z_]*\).*/\1/p; s/.*vhost message (req: \([0-9]*\)).*/req-\1/p' \
			"$1/backend.log")
	# Only meaningful once QEMU has set the data queue up (DRIVER_OK).
	if grep -q 'read message VHOST_USER_SET_VRING_KICK' "$1/backend.log" &&
			! grep -q 'guest started' "$1/backend.log"; then
		echo "    backend: the device never started (no 'guest started' line: rte_vhost" \
			"did not call new_device)"
		grep -q 'read message VHOST_USER_SET_VRING_ENABLE' "$1/backend.log" ||
			echo "    vhost-user: QEMU sent no SET_VRING_ENABLE; with VHOST_USER_F_PROTOCOL_FEATURES" \
				"negotiated rte_vhost keeps the ring disabled until it does"
	fi
	[ -n "$f" ] || { echo "    vhost-user: no protocol features negotiated (see the backend log)"; return; }
	if [ $(( f >> 7 & 1 )) = 1 ]; then
		echo "    vhost-user: protocol features $f (CRYPTO_SESSION, bit 7, negotiated)"
	else
		echo "    vhost-user: protocol features $f: CRYPTO_SESSION (bit 7) NOT offered by the" \
			"backend, so QEMU cannot create sessions (guest sees VIRTIO_CRYPTO_ERR)"
	fi
}

# The cause of a vhost-user test failure when the backend did not offer
# CRYPTO_SESSION (empty when it did): QEMU could not create any session.
session_reason() {
	local f
	f=$(sed -n 's/.*negotiated Vhost-user protocol features: \(0x[0-9a-fA-F]*\).*/\1/p' \
		"$1/backend.log" | tail -n 1)
	[ -n "$f" ] && [ $(( f >> 7 & 1 )) = 0 ] || return 0
	printf 'backend lacks vhost-user CRYPTO_SESSION (protocol features %s, bit 7 clear)' "$f"
	grep -q 'trying to send unhandled ioctl' "$1/qemu.err" &&
		printf ": QEMU 'vhost-user trying to send unhandled ioctl'"
	grep -q 'Create session failed status' "$1/serial.log" &&
		printf ", guest 'virtio_crypto: Create session failed status: 1'"
	printf '; '
}

backend_stat() {
	grep -oE "vcrypto-backend: dev [^ ]+: .*" "$1/backend.log" | tail -n 1 \
		| grep -oE "(^| )$2=[0-9]+" | cut -d= -f2
}

# Linux-driver guest checks common to 3a and 1: the KAT ran and passed.
linux_guest_verdict() {
	local dir=$1 rc
	rc=$(guest_rc "$dir")
	grep -h 'PROC-CRYPTO' "$dir/serial.log" | tr -d '\r' | sed 's/^ */    /'
	grep -h 'afalg_kat: [0-9]* passed' "$dir/serial.log" | tr -d '\r' | sed 's/^/    /'
	if [ -z "$rc" ]; then
		echo "guest did not finish (no VMTEST-END)"
	elif [ "$rc" != 0 ]; then
		echo "guest test failed (rc=$rc): $(grep -h -m1 -E '^(VMTEST-FAIL|FAIL)' \
			"$dir/serial.log" | tr -d '\r')"
	elif ! grep -q 'afalg_kat: 12 passed, 0 failed' "$dir/serial.log"; then
		echo "afalg_kat did not report 12 passed"
	fi
}

test_3a() {
	local dir=$logs/3a t0 why
	t0=$(now)
	run_qemu "$dir" "${VCRYPTO_VM_TIMEOUT:-150}" "$vm/initrd-linux.cpio.gz" 512 1 \
		"vmtest=linux-driver" "${builtin_dev[@]}"
	why=$(linux_guest_verdict "$dir")
	echo "$why" | grep '^    '
	why=$(echo "$why" | grep -v '^    ')
	if [ -z "$why" ]; then
		record 3a PASS "$(elapsed "$t0")" "builtin backend, Linux virtio_crypto, AF_ALG KAT 12/12"
	else
		show "$dir/serial.log" "guest serial console"
		show "$dir/qemu.err" "QEMU stderr"
		record 3a FAIL "$(elapsed "$t0")" "$why"
	fi
}

test_1() {
	local dir=$logs/1 t0 why sock=$VCRYPTO_RUN/vm1.sock req
	t0=$(now)
	if ! backend_start 1 "$sock" "$dir" >/dev/null; then
		show "$dir/backend.log" "backend log"
		record 1 FAIL "$(elapsed "$t0")" "vcrypto-backend did not start"
		return
	fi
	run_qemu "$dir" "${VCRYPTO_VM_TIMEOUT:-150}" "$vm/initrd-linux.cpio.gz" 512 1 \
		"vmtest=linux-driver" $(vhost_dev "$sock" 512)
	local qrc=$?
	backend_stop
	why=$(linux_guest_verdict "$dir")
	echo "$why" | grep '^    '
	why=$(echo "$why" | grep -v '^    ')
	echo "    backend: $(grep -h 'vcrypto-backend: dev ' "$dir/backend.log" | tail -n 1)"
	protocol_note "$dir"
	req=$(backend_stat "$dir" requests)
	if [ -z "$why" ] && [ "${req:-0}" -lt 12 ]; then
		why="the backend counted ${req:-no} data requests (want >= 12: the KAT's)"
	fi
	if [ -z "$why" ]; then
		record 1 PASS "$(elapsed "$t0")" "vcrypto-backend served $req requests; AF_ALG KAT 12/12"
	else
		[ "$qrc" = 0 ] || why="$why; QEMU exit status $qrc"
		show "$dir/serial.log" "guest serial console"
		show "$dir/qemu.err" "QEMU stderr"
		show "$dir/backend.log" "backend log"
		record 1 FAIL "$(elapsed "$t0")" "$(session_reason "$dir")$why"
	fi
}

# DPDK-driver guest: T, PMD path in the guest, then device args.
dpdk_test() {
	local t=$1 pmd=$2 dir=$logs/$1 t0=$3 rc why
	shift 3
	run_qemu "$dir" "${VCRYPTO_VM_TIMEOUT:-300}" "$vm/initrd-dpdk.cpio.gz" 1024 2 \
		"vmtest=dpdk-driver vm.plugin=$pmd hugepages=256" "$@"
	rc=$(guest_rc "$dir")
	grep -hE '^(PASS|FAIL) |crypto-perf checks:' "$dir/serial.log" | tr -d '\r' \
		| sed 's/^/    /'
	if [ -z "$rc" ]; then
		echo "guest did not finish (no VMTEST-END)"
	elif [ "$rc" != 0 ]; then
		echo "guest test failed (rc=$rc): $(grep -h -m1 -E '^(VMTEST-FAIL|FAIL)' \
			"$dir/serial.log" | tr -d '\r')"
	fi
}

test_3c() {
	local dir=$logs/3c t0 why
	t0=$(now)
	why=$(dpdk_test 3c /opt/debian-pmd/librte_crypto_virtio.so.23 "$t0" "${builtin_dev[@]}")
	echo "$why" | grep '^    '
	why=$(echo "$why" | grep -v '^    ')
	if [ -z "$why" ]; then
		record 3c PASS "$(elapsed "$t0")" "harness check: Debian's crypto_virtio PMD, builtin backend, crypto-perf 7/7"
	else
		show "$dir/serial.log" "guest serial console" 80
		show "$dir/qemu.err" "QEMU stderr"
		record 3c FAIL "$(elapsed "$t0")" "harness check (Debian's PMD): $why"
	fi
}

# Why a project-plugin DPDK test failed, with the PCI transport's absence
# named first: it is the known reason until the driver registers a PCI PMD.
pci_reason() {
	plugin_has_pci && return
	echo "PCI transport not available: $(basename "$VCRYPTO_PLUGIN") registers no PCI driver (no rte_pci_register import); "
}

test_3b() {
	local dir=$logs/3b t0 why
	t0=$(now)
	why=$(dpdk_test 3b /opt/vcrypto/librte_crypto_virtio.so "$t0" "${builtin_dev[@]}")
	echo "$why" | grep '^    '
	why=$(echo "$why" | grep -v '^    ')
	if [ -z "$why" ]; then
		record 3b PASS "$(elapsed "$t0")" "project PMD on builtin backend, crypto-perf 7/7"
	else
		show "$dir/serial.log" "guest serial console" 80
		show "$dir/qemu.err" "QEMU stderr"
		record 3b FAIL "$(elapsed "$t0")" "$(pci_reason)$why"
	fi
}

test_2() {
	local dir=$logs/2 t0 why sock=$VCRYPTO_RUN/vm2.sock req
	t0=$(now)
	if ! backend_start 2 "$sock" "$dir" >/dev/null; then
		show "$dir/backend.log" "backend log"
		record 2 FAIL "$(elapsed "$t0")" "vcrypto-backend did not start"
		return
	fi
	why=$(dpdk_test 2 /opt/vcrypto/librte_crypto_virtio.so "$t0" $(vhost_dev "$sock" 1024))
	backend_stop
	echo "$why" | grep '^    '
	why=$(echo "$why" | grep -v '^    ')
	echo "    backend: $(grep -h 'vcrypto-backend: dev ' "$dir/backend.log" | tail -n 1)"
	protocol_note "$dir"
	req=$(backend_stat "$dir" requests)
	if [ -z "$why" ] && [ "${req:-0}" -lt 600 ]; then
		why="the backend counted ${req:-no} data requests (want >= 600: 6 runs x 100 ops)"
	fi
	if [ -z "$why" ]; then
		record 2 PASS "$(elapsed "$t0")" "project PMD on vcrypto-backend ($req requests), crypto-perf 7/7"
	else
		show "$dir/serial.log" "guest serial console" 80
		show "$dir/qemu.err" "QEMU stderr"
		show "$dir/backend.log" "backend log"
		record 2 FAIL "$(elapsed "$t0")" "$(pci_reason)$(session_reason "$dir")$why"
	fi
}

mkdir -p "$logs"
say "accelerator: $accel; kernel $(cat "$vm/kernel/VERSION"); logs in $logs"
if plugin_has_pci; then
	say "project plugin: registers a PCI driver (PCI transport present)"
else
	say "project plugin: registers NO PCI driver: tests 2 and 3b fail with 'PCI transport not available'"
fi
can_start=1
if ! qemu_starts; then
	can_start=0
	say "QEMU cannot start here; every test is skipped:"
	sed 's/^/    | /' "$logs/qemu-probe.log"
fi
for t in "${tests[@]}"; do
	case $t in
	3a|1|3c|3b|2) ;;
	*) say "unknown test '$t' (known: ${all_tests[*]})"; exit 2 ;;
	esac
	if [ $can_start = 0 ]; then
		record "$t" SKIP 0 "QEMU cannot start"
		continue
	fi
	rm -rf "${logs:?}/$t" && mkdir -p "$logs/$t"
	say "test $t: starting"
	"test_$t"
done
say "summary:"
printf '  %s\n' "${results[@]}"
say "$failed test(s) failed"
[ $failed = 0 ]
