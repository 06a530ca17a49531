#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# vmtest=shell: an interactive shell on the serial console, for debugging a
# guest by hand (/tests/*.sh are the tests; /tests/lib.sh has modload).
# Exiting the shell powers the VM off.
echo "shell: modload NAME loads a module and its dependencies, e.g." \
	"modload virtio_pci; modload virtio_crypto (see /lib/modules/modules.deps)"
ENV=/tests/lib.sh setsid cttyhack sh -i
