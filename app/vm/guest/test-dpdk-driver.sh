#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Guest side of VM tests 2 and 3b: a DPDK crypto_virtio PCI PMD on the
# virtio-crypto-pci device. Binds the device to uio_pci_generic, mounts
# hugetlbfs (pages come from hugepages= on the kernel command line) and runs
# the unmodified dpdk-test-crypto-perf in verify mode against the NIST
# SP 800-38A F.2 AES-CBC vectors (128/192/256, encrypt and decrypt), plus a
# corrupted vector that must be reported as failed. With the project's
# plugin it then runs vcrypto-test-e2e --kat-only on the PCI device: the
# known-answer tests of every algorithm the device offers (the rest SKIP;
# their sessions must be refused).
# Kernel command line: vm.plugin=PATH (the PMD to load with -d).
# Exit status 0 only when every check passed.
. /tests/lib.sh

plugin=$(cmdline_arg vm.plugin)
[ -f "$plugin" ] || { echo "VMTEST-FAIL vm.plugin '$plugin' is not in the image"; exit 1; }
addr=$(pci_find 1af4 1054) || { echo "VMTEST-FAIL no virtio-crypto PCI device (1af4:1054)"; exit 1; }
echo "virtio-crypto PCI device at $addr; PMD $plugin"

modload uio_pci_generic || exit 1
if [ -e "/sys/bus/pci/devices/$addr/driver" ]; then
	echo "unbinding $addr from $(basename "$(readlink "/sys/bus/pci/devices/$addr/driver")")"
	echo "$addr" > "/sys/bus/pci/devices/$addr/driver/unbind"
fi
echo "1af4 1054" > /sys/bus/pci/drivers/uio_pci_generic/new_id
drv=$(basename "$(readlink "/sys/bus/pci/devices/$addr/driver" 2>/dev/null)" 2>/dev/null)
[ "$drv" = uio_pci_generic ] || { echo "VMTEST-FAIL $addr is bound to '$drv', not uio_pci_generic"; exit 1; }
echo "$addr bound to uio_pci_generic ($(ls /sys/bus/pci/devices/$addr/uio))"

mkdir -p /dev/hugepages && mount -t hugetlbfs nodev /dev/hugepages ||
	{ echo "VMTEST-FAIL cannot mount hugetlbfs"; exit 1; }
echo "hugepages: $(awk '/HugePages_Total/ { t = $2 } /Hugepagesize/ { s = $2 $3 }
	END { print t " x " s }' /proc/meminfo)"

fails=0
first=1
# perf OUT ARGS...: one crypto-perf verify run (100 ops of 64 bytes).
perf() {
	local out=$1
	shift
	dpdk-test-crypto-perf -l 0,1 --file-prefix vmtest -a "$addr" \
		-d /usr/lib/x86_64-linux-gnu/librte_bus_pci.so.23 \
		-d /usr/lib/x86_64-linux-gnu/librte_mempool_ring.so.23 \
		-d "$plugin" --log-level=pmd.crypto.virtio:info -- \
		--devtype crypto_virtio --optype cipher-only --cipher-algo aes-cbc \
		--ptest verify --cipher-iv-sz 16 --buffer-sz 64 --total-ops 100 "$@" \
		> "$out" 2>&1
}

# verify NAME EXPECT ARGS...: EXPECT is the "Failed Ops" count wanted
# (0, or "any" for at least one); all 100 ops must be dequeued.
verify() {
	local name=$1 expect=$2 row deq failed
	shift 2
	perf /tmp/perf.out "$@"
	row=$(awk '/lcore id/ { f = 1; next } f && NF { print; exit }' /tmp/perf.out)
	deq=$(echo "$row" | awk 'NF >= 8 { print $5 }')
	failed=$(echo "$row" | awk 'NF >= 8 { print $8 }')
	if [ "$deq" = 100 ] && { [ "$expect" = any ] && [ "$failed" -gt 0 ] ||
				 [ "$expect" = "$failed" ]; }; then
		echo "PASS $name: $(echo $row)"
	else
		echo "FAIL $name: ${row:-no result row}"
		fails=$((fails + 1))
		if [ $first = 1 ]; then
			echo "crypto-perf output of the first failed run:"
			grep -v '^#' /tmp/perf.out | tail -n 40 | sed 's/^/  PERF /'
			first=0
		fi
	fi
}

for bits in 128 192 256; do
	for op in encrypt decrypt; do
		verify "NIST F.2 AES-$bits-CBC $op" 0 --cipher-op $op \
			--cipher-key-sz $((bits / 8)) --test-file /vectors/nist_cbc_$bits.data
	done
done
# One wrong ciphertext byte must be caught: proves the check can fail.
sed 's/^0x76, 0x49/0x77, 0x49/' /vectors/nist_cbc_128.data > /tmp/bad.data
verify "corrupted vector is reported as failed" any --cipher-op encrypt \
	--cipher-key-sz 16 --test-file /tmp/bad.data
echo "crypto-perf checks: $((7 - fails)) passed, $fails failed"

# Known-answer tests of every algorithm, through the project's PMD. The
# cryptodev of a PCI device is named by its PCI address.
kat=/opt/vcrypto/vcrypto-test-e2e
if [ "$plugin" = /opt/vcrypto/librte_crypto_virtio.so ] && [ -x "$kat" ]; then
	"$kat" -l 0,1 --file-prefix vmkat -a "$addr" \
		-d /usr/lib/x86_64-linux-gnu/librte_bus_pci.so.23 \
		-d /usr/lib/x86_64-linux-gnu/librte_mempool_ring.so.23 \
		-d "$plugin" -- --dev "$addr" --kat-only --timeout-ms 20000 > /tmp/kat.out 2>&1
	krc=$?
	sed -n 's/^\(FAIL\|SKIP\) /  KAT \1 /p' /tmp/kat.out
	counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' /tmp/kat.out | tail -n 1)
	skipped=$(grep -E '^[0-9]+ skipped$' /tmp/kat.out | tail -n 1)
	if [ $krc = 0 ]; then
		echo "PASS vcrypto-test-e2e known-answer tests: $counts, $skipped"
	else
		echo "FAIL vcrypto-test-e2e known-answer tests (exit $krc): ${counts:-no result}, $skipped"
		grep -vE '^(PASS|SKIP) ' /tmp/kat.out | tail -n 30 | sed 's/^/  KAT /'
		fails=$((fails + 1))
	fi
elif [ "$plugin" = /opt/vcrypto/librte_crypto_virtio.so ]; then
	echo "FAIL vcrypto-test-e2e is not in the image"
	fails=$((fails + 1))
fi
[ $fails = 0 ]
