#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# End-to-end test of vcrypto-backend with the vhost-user test client (a
# guest on the driver's vcrypto_frontend, with an EAL of its own):
# NIST AES-CBC vectors and error statuses in both request layouts (with and
# without REVISION_1, direct and indirect descriptors), sessions over
# vhost-user messages with only the data queues set up, a guest killed with
# SIGKILL followed by a new guest, then SIGINT: exit 0, socket removed,
# final statistics printed. Then the guest's memory table replaced while
# requests are in flight (its own backend: exact request counts), the
# device spread over two lcores with sessions destroyed under running
# requests, and the cryptodev engine.
#
# usage: backend_test.sh BACKEND CLIENT   (EAL runs with --no-huge)
set -u
backend=$1
client=$2
dir=$(mktemp -d /tmp/vcrypto-betest.XXXXXX)
sock=$dir/vc.sock
prefix=vcrypto-betest-$$
passed=0
failed=0
be_pid=
hold_pid=

check() { # description, command...
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $what" >&2
	fi
}

cleanup() {
	[ -n "$hold_pid" ] && kill -9 "$hold_pid" 2>/dev/null
	[ -n "$be_pid" ] && kill -9 "$be_pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

# SIGINT to the backend of socket SOCK: it must exit 0; then its final
# statistics line is in $line (and printed).
stop_backend() { # what sock log
	local rc
	kill -INT "$be_pid"
	wait "$be_pid"
	rc=$?
	be_pid=
	check "backend ($1) exit status 0 (got $rc)" test "$rc" -eq 0
	line=$(grep "^vcrypto-backend: dev $2: requests=" "$3")
	echo "$line"
}

wait_for() { # file pattern seconds
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

"$backend" --no-huge -m 256 --file-prefix "$prefix" -l 0,1 --log-level=lib.vcrypto.*:info -- \
	--socket-file "1,$sock" --queues 2 --max-sessions 16 >"$dir/be.log" 2>&1 &
be_pid=$!
check "backend ready" wait_for "$dir/be.log" '^vcrypto-backend: ready' 30
check "socket listening" test -S "$sock"

check "client (legacy layout)" timeout 60 "$client" --socket "$sock" --max-sessions 16
check "client (REVISION_1, indirect)" timeout 60 "$client" --socket "$sock" --rev1 --indirect \
	--max-sessions 16

# As QEMU's cryptodev-vhost-user: data queues only, sessions by vhost-user
# messages 26/27 (both 632-byte layouts); the 1072-byte one ends the
# connection (rte_vhost 22.11 cannot receive it).
check "client (vhost-user session messages)" timeout 60 "$client" --socket "$sock" --vu-sessions
check "client (vhost-user session messages, REVISION_1)" timeout 60 "$client" --socket "$sock" \
	--vu-sessions --rev1 --indirect

# A guest that dies with SIGKILL while holding sessions...
"$client" --socket "$sock" --rev1 --hold >"$dir/hold.log" 2>&1 &
hold_pid=$!
check "held client ran its checks" wait_for "$dir/hold.log" '^client: holding' 20
# While a guest is connected, a second one is refused (one guest per device).
check "second concurrent client refused" bash -c "! timeout 20 '$client' --socket '$sock' >'$dir/second.log' 2>&1"
kill -9 "$hold_pid"
wait "$hold_pid" 2>/dev/null
# the EAL runtime directory the killed client could not remove (empty)
rmdir "/var/run/dpdk/vcrypto-vuc-$hold_pid" "${XDG_RUNTIME_DIR:-/tmp}/dpdk/vcrypto-vuc-$hold_pid" \
	2>/dev/null
hold_pid=
# ...and a new one that must get a clean device (all 16 sessions free).
check "client after SIGKILL" timeout 60 "$client" --socket "$sock" --rev1 --max-sessions 16

# SIGINT must end the backend promptly; a hang is a failure, not a stall.
kill -INT "$be_pid"
for ((i = 0; i < 200; i++)); do
	kill -0 "$be_pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$be_pid" 2>/dev/null; then
	kill -9 "$be_pid"
	echo "backend did not exit after SIGINT" >&2
fi
wait "$be_pid"
rc=$?
be_pid=
check "backend exit status 0 (got $rc)" test "$rc" -eq 0
check "socket removed" test ! -e "$sock"
line=$(grep "^vcrypto-backend: dev $sock: requests=" "$dir/be.log")
check "final statistics line" test -n "$line"
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$line"; }
check "requests counted" test "$(field requests)" -gt 100
check "ok counted" test "$(field ok)" -gt 100
check "invsess counted" test "$(field invsess)" -ge 12
check "nospc counted" test "$(field nospc)" -ge 4
check "err counted" test "$(field err)" -ge 12
check "notsupp counted" test "$(field notsupp)" -ge 8
check "six connects (the refused one is not counted)" test "$(field connects)" -eq 6
check "six disconnects" test "$(field disconnects)" -eq 6
check "no session left" test "$(field sessions_active)" -eq 0
check "no bad chain" test "$(field bad_chains)" -eq 0
check "four broken queues (one per client)" test "$(field broken_queues)" -eq 4
check "created == destroyed" test "$(field sessions_created)" -eq "$(field sessions_destroyed)"
# A -Dphase_stats build (the sanitizer test's) also times each phase.
if [ -n "$(field walk_cycles)" ]; then
	for p in walk decode engine finish; do
		check "phase cycles: $p counted" test "$(field ${p}_cycles)" -gt 0
	done
fi
if [ "$failed" -ne 0 ]; then
	echo "---- backend log ----" >&2
	cat "$dir/be.log" >&2
fi
echo "$line"

# The memory table replaced while requests run (--remap): a backend of its
# own, so its statistics must count exactly the client's requests, each once.
rsock=$dir/remap.sock
"$backend" --no-huge -m 256 --file-prefix "$prefix-remap" -l 0,1 -- \
	--socket-file "1,$rsock" --queues 2 --max-sessions 16 >"$dir/be-remap.log" 2>&1 &
be_pid=$!
check "backend (remap) ready" wait_for "$dir/be-remap.log" '^vcrypto-backend: ready' 30
check "client (memory table replaced while running)" bash -c \
	"timeout 60 '$client' --socket '$rsock' --remap >'$dir/remap.log' 2>&1"
cat "$dir/remap.log"
stop_backend remap "$rsock" "$dir/be-remap.log"
sent=$(sed -n 's/^client: remap: \([0-9]*\) data requests, \([0-9]*\) control.*/\1 \2/p' \
	"$dir/remap.log")
rdata=${sent% *}
rctrl=${sent#* }
check "remap: client counted its requests" test -n "$sent"
if [ -n "$sent" ]; then
	check "remap: requests == sent ($((rdata + rctrl)))" \
		test "$(field requests)" -eq $((rdata + rctrl))
	check "remap: ok == sent" test "$(field ok)" -eq $((rdata + rctrl))
	check "remap: ctrl_requests == sent" test "$(field ctrl_requests)" -eq "$rctrl"
	check "remap: bytes == 64 per data request" test "$(field bytes)" -eq $((rdata * 64))
fi
check "remap: no bad chain" test "$(field bad_chains)" -eq 0
check "remap: no broken queue" test "$(field broken_queues)" -eq 0
check "remap: no session left" test "$(field sessions_active)" -eq 0
check "remap: one connect, one disconnect" test "$(field connects)/$(field disconnects)" = 1/1
if [ "$failed" -ne 0 ]; then
	echo "---- backend (remap) log ----" >&2
	cat "$dir/be-remap.log" >&2
fi

# The device spread over two lcores, data queue 1 alone on core 1: the
# client's destroy race then has the control queue (lcore 1) destroying
# sessions while lcore 2 ciphers with them.
ssock=$dir/spread.sock
"$backend" --no-huge -m 256 --file-prefix "$prefix-spread" --lcores '0@0,1@0,2@1' -- \
	--socket-file "1:2,$ssock" --queues 2 --max-sessions 16 >"$dir/be-spread.log" 2>&1 &
be_pid=$!
check "backend (spread) ready" wait_for "$dir/be-spread.log" '^vcrypto-backend: ready' 30
check "spread: data queue 1 on lcore 2" grep -q "data queue 1 on lcore 2" "$dir/be-spread.log"
check "client (spread)" bash -c \
	"timeout 60 '$client' --socket '$ssock' --max-sessions 16 >'$dir/spread.log' 2>&1"
check "client (spread, REVISION_1, indirect)" bash -c \
	"timeout 60 '$client' --socket '$ssock' --rev1 --indirect --max-sessions 16 >>'$dir/spread.log' 2>&1"
grep -E "destroy race|FAIL" "$dir/spread.log"
# Its telemetry: the device listed, and the counters the exit line gives.
tsock=/var/run/dpdk/$prefix-spread/dpdk_telemetry.v2
[ -S "$tsock" ] || tsock=${XDG_RUNTIME_DIR:-/tmp}/dpdk/$prefix-spread/dpdk_telemetry.v2
tel=$(python3 - "$tsock" "$ssock" <<'PY' 2>&1
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(sys.argv[1])
s.recv(16384)
def ask(cmd):
    s.send(cmd.encode())
    return json.loads(s.recv(65536).decode())
devs = ask("/vcrypto/devices")["/vcrypto/devices"]
st = ask("/vcrypto/stats," + sys.argv[2])["/vcrypto/stats"]
print("listed" if sys.argv[2] in devs else "not-listed", st["requests"],
      ",".join(str(n) for n in st["queue_requests"]))
PY
)
echo "telemetry: $tel"
read -r tel_listed tel_requests tel_queues <<<"$tel"
check "telemetry: /vcrypto/devices lists the device" test "$tel_listed" = listed
stop_backend spread "$ssock" "$dir/be-spread.log"
check "telemetry: /vcrypto/stats requests == exit line ($tel_requests)" \
	test "$tel_requests" = "$(field requests)"
check "telemetry: per-queue requests == exit line ($tel_queues)" \
	test "$tel_queues" = "$(sed -n 's/.* queue_requests=\([0-9,]*\).*/\1/p' <<<"$line")"
q1=$(sed -n 's/.* queue_requests=[0-9]*,\([0-9]*\).*/\1/p' <<<"$line")
check "spread: data queue 1 served requests (${q1:-none})" test "${q1:-0}" -gt 100
check "spread: no session left" test "$(field sessions_active)" -eq 0
check "spread: created == destroyed" test "$(field sessions_created)" -eq "$(field sessions_destroyed)"

# The cryptodev engine, on each software cryptodev that loads: the same
# client (vectors of what the config offers), both session paths; the two
# data queues on two lcores, each on its own queue pair.
for pmd in crypto_aesni_mb0 crypto_openssl0; do
	csock=$dir/cd-$pmd.sock
	"$backend" --no-huge -m 256 --no-pci --file-prefix "$prefix-$pmd" --lcores '0@0,1@0,2@1' \
		--vdev "$pmd" -- \
		--socket-file "1:2,$csock,engine=cryptodev:$pmd" --queues 2 --max-sessions 16 \
		>"$dir/be-$pmd.log" 2>&1 &
	be_pid=$!
	if ! wait_for "$dir/be-$pmd.log" '^vcrypto-backend: ready' 30; then
		if [ "$pmd" = crypto_aesni_mb0 ]; then
			check "backend with engine cryptodev:$pmd ready" false
			cat "$dir/be-$pmd.log" >&2
		else
			echo "engine cryptodev:$pmd: the PMD did not load, skipped"
		fi
		kill -9 "$be_pid" 2>/dev/null
		wait "$be_pid" 2>/dev/null
		be_pid=
		continue
	fi
	check "cryptodev:$pmd client" timeout 60 "$client" --socket "$csock" --any-engine \
		--max-sessions 16
	check "cryptodev:$pmd client (REVISION_1, indirect)" timeout 60 "$client" \
		--socket "$csock" --any-engine --rev1 --indirect
	check "cryptodev:$pmd client (vhost-user session messages)" timeout 60 "$client" \
		--socket "$csock" --any-engine --vu-sessions
	stop_backend "cryptodev:$pmd" "$csock" "$dir/be-$pmd.log"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
