#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Guest side of VM tests 1 and 3a: the Linux virtio_crypto driver on the
# virtio-crypto-pci device. Loads the driver, waits (bounded) until its
# AES-CBC skcipher has registered and passed the kernel's self-test, prints
# the device's /proc/crypto entries, then runs afalg_kat bound to the driver
# name virtio_crypto_aes_cbc. Exit status 0 only when all of it passed.
. /tests/lib.sh

addr=$(pci_find 1af4 1054) || { echo "VMTEST-FAIL no virtio-crypto PCI device (1af4:1054)"; exit 1; }
echo "virtio-crypto PCI device at $addr"
modload virtio_pci && modload virtio_crypto && modload algif_skcipher || exit 1

# Registration happens when the device is ready; self-tests run right after.
i=0
while [ $i -lt 120 ]; do
	crypto_algs '^virtio_crypto_aes_cbc$' | grep -q 'selftest=passed' && break
	# A failed self-test leaves "selftest: unknown": stop waiting then.
	dmesg | grep -q 'self-tests for .* using virtio_crypto_aes_cbc failed' && break
	sleep 0.25
	i=$((i + 1))
done
echo "virtio algorithms in /proc/crypto (after $((i / 4)) s):"
crypto_algs '^virtio' | sed 's/^/  PROC-CRYPTO /'
rc=0
crypto_algs '^virtio_crypto_aes_cbc$' | grep -q 'selftest=passed' ||
	{ echo "VMTEST-FAIL virtio_crypto_aes_cbc did not register with selftest=passed"; rc=1; }
for d in /sys/bus/virtio/devices/*; do
	[ -e "$d/device" ] && echo "virtio device $(basename "$d"): id $(cat "$d/device")" \
		"driver $(basename "$(readlink "$d/driver" 2>/dev/null)" 2>/dev/null)" \
		"status $(cat "$d/status" 2>/dev/null)"
done
afalg_kat virtio_crypto_aes_cbc || rc=1
if [ $rc != 0 ]; then
	echo "guest kernel log (virtio/crypto lines):"
	dmesg | grep -i -E 'virtio|crypt|alg' | tail -n 40 | sed 's/^/  DMESG /'
fi
exit $rc
