# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Helpers for the guest test scripts (sourced; busybox sh).

# Value of KEY=VALUE on the kernel command line (empty when absent).
cmdline_arg() {
	echo " $(cat /proc/cmdline) " | sed -n "s/.* $1=\([^ ]*\) .*/\1/p"
}

# Load a module and its dependencies in the order prepare.sh resolved
# (/lib/modules/modules.deps: "NAME: dep ... NAME"); busybox has no modprobe.
modload() {
	local mods m
	mods=$(sed -n "s/^$1: //p" /lib/modules/modules.deps)
	[ -n "$mods" ] || { echo "modload: $1 is not in the initramfs"; return 1; }
	for m in $mods; do
		[ -d "/sys/module/$m" ] && continue
		insmod "/lib/modules/$m.ko" || { echo "modload: insmod $m failed"; return 1; }
	done
}

# The PCI address of the first device VENDOR:DEVICE (hex, no 0x), or nothing.
pci_find() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = "0x$1" ] && [ "$(cat "$d/device")" = "0x$2" ] &&
			{ basename "$d"; return 0; }
	done
	return 1
}

# One line per /proc/crypto entry whose driver matches PATTERN:
# "name=... driver=... module=... priority=... type=... selftest=...".
crypto_algs() {
	awk -v pat="$1" '
		function flush() {
			if (drv ~ pat) print line
			line = ""; drv = ""
		}
		/^$/ { flush(); next }
		{
			k = $1; v = $0; sub(/^[^:]*: */, "", v)
			if (k == "driver") drv = v
			if (k == "name" || k == "driver" || k == "module" || k == "priority" ||
			    k == "type" || k == "selftest")
				line = line (line == "" ? "" : " ") k "=" v
		}
		END { flush() }' /proc/crypto
}
