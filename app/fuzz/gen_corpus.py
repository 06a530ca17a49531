#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
"""Write the seed corpus of the fuzz targets (app/fuzz/corpus/<target>/).

Each seed is a small hand-made input in the layout the target's source file
documents: good requests of each kind (AES-CBC, legacy and REVISION_1
layouts, create/destroy of every service, GET_CONFIG) and a few bad ones
(chain loop, head out of range, avail index jump, region crossing,
indirect table, bogus key lengths, no status byte). The fuzzer mutates from
there. Usage: app/fuzz/gen_corpus.py [OUT_DIR]   (default: next to this file)
"""
import os
import struct
import sys

# wire constants (lib/virtio_crypto/vcrypto_wire.h)
CIPHER_ENCRYPT, CIPHER_DECRYPT = 0x000, 0x001
CIPHER_CREATE, CIPHER_DESTROY = 0x002, 0x003
HASH_CREATE, HASH_DESTROY = 0x102, 0x103
MAC_CREATE, MAC_DESTROY = 0x202, 0x203
AEAD_CREATE, AEAD_DESTROY = 0x302, 0x303
AKC_CREATE, AKC_DESTROY = 0x404, 0x405
AES_CBC, AES_CTR = 3, 4
SYM_OP_CIPHER, SYM_OP_CHAIN = 1, 2
OP_ENCRYPT, OP_DECRYPT = 1, 2
FLAG_SESSION_MODE = 1
F_NEXT, F_WRITE, F_INDIRECT = 1, 2, 4
FIRST_SID = (1 << 32) | 1  # first id a fresh session table hands out

# NIST SP 800-38A F.2.1 (AES-128-CBC encrypt, first block)
KEY = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
IV = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
PT = bytes.fromhex("6bc1bee22e409f96e93d7e117393172a"
                   "ae2d8a571e03ac9c9eb76fac45af8e51"
                   "30c81c46a35ce411e5fbc1191a0a52ef"
                   "f69f2445df4f9b17ad2b417be66c3710")


def pad(b, n):
    return b + bytes(n - len(b))


def ctrl_cipher_create(key_len=16, algo=AES_CBC, op=OP_ENCRYPT,
                       op_type=SYM_OP_CIPHER, opcode=CIPHER_CREATE):
    """72-byte control request: header + sym create session (padded)."""
    hdr = struct.pack("<IIII", opcode, algo, 0, 0)
    cipher = struct.pack("<IIII", algo, key_len, op, 0)
    sym = pad(cipher, 48) + struct.pack("<II", op_type, 0)
    return hdr + pad(sym, 56)


def ctrl_simple(opcode, algo, body=b"", rev1_len=None):
    """A control request with any per-service body, legacy-padded to 72."""
    hdr = struct.pack("<IIII", opcode, algo, 0, 0)
    return hdr + pad(body, 56)


def ctrl_destroy(sid, opcode=CIPHER_DESTROY):
    return pad(struct.pack("<IIII", opcode, 0, 0, 0) + struct.pack("<Q", sid), 72)


def data_cipher(sid, src_len, dst_len, opcode=CIPHER_ENCRYPT, flag=0,
                iv_len=16, op_type=SYM_OP_CIPHER):
    """72-byte data request (legacy fixed part == REVISION_1 sym size)."""
    hdr = struct.pack("<IIQII", opcode, AES_CBC, sid, flag, 0)
    cipher = struct.pack("<IIII", iv_len, src_len, dst_len, 0)
    sym = pad(cipher, 40) + struct.pack("<II", op_type, 0)
    return hdr + sym


# ---- fuzz_data_req ----------------------------------------------------------

R0, R1, R2 = 0x10000, 0x10000 + 1024, 0x40000  # R1 adjacent to R0


def desc(addr, length, flags=0, nxt=0):
    return struct.pack("<QIHH", addr, length, flags, nxt)


def avail(size, idx, heads, flags=0):
    ring = list(heads) + [0] * (size - len(heads))
    return struct.pack("<HH", flags, idx) + struct.pack("<%dH" % size, *ring) + b"\0\0"


def guest(cfg, ctrl_log2, data_log2, ctrl_descs, ctrl_avail, data_descs,
          data_avail, mem, ctrl_last=0, data_last=0, max_size=0,
          max_sessions=4, nregions=3, sizes=(1024, 256, 256), bounce=255):
    csize, dsize = 1 << ctrl_log2, 1 << data_log2
    out = struct.pack("<BBBBHHIBB", cfg, nregions - 1, ctrl_log2, data_log2,
                      ctrl_last, data_last, max_size, max_sessions - 1, bounce)
    for gpa, size in zip((R0, R1, R2), sizes):
        out += struct.pack("<QH", gpa, size - 1)
    out += pad(b"".join(ctrl_descs), 16 * csize) + ctrl_avail
    out += pad(b"".join(data_descs), 16 * dsize) + data_avail
    assert len(mem[0]) <= sizes[0]
    for m, size in zip(mem, sizes):
        out += pad(m, size)
    return out


def good_guest(rev1=False, opcode=CIPHER_ENCRYPT, op=OP_ENCRYPT, key=KEY,
               data_descs=None, data_heads=(0,), data_idx=None, data_last=0,
               cfg_extra=0, src_len=64, dst_len=64, extra_mem=b""):
    """Region 0: ctrl create (req+key @0, answer @96), data request
    (hdr @128, iv @200, src @216, dst+status @280)."""
    mem = bytearray(1024)
    req = ctrl_cipher_create(len(key), op=op) + key
    mem[0:len(req)] = req
    d = data_cipher(FIRST_SID, src_len, dst_len, opcode,
                    FLAG_SESSION_MODE if rev1 else 0)
    mem[128:200] = d
    mem[200:216] = IV
    mem[216:280] = PT
    mem[400:400 + len(extra_mem)] = extra_mem
    ctrl = [desc(R0, len(req), F_NEXT, 1), desc(R0 + 96, 16, F_WRITE)]
    if data_descs is None:
        data_descs = [desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 16, F_NEXT, 2),
                      desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)]
    didx = data_last + len(data_heads) if data_idx is None else data_idx
    return guest((1 if rev1 else 0) | cfg_extra, 1, 2, ctrl, avail(2, 1, [0]),
                 data_descs, avail(4, didx & 0xffff, data_heads),
                 [bytes(mem), b"", b""], data_last=data_last)


def data_seeds():
    s = {}
    s["good-cbc-encrypt-legacy"] = good_guest()
    s["good-cbc-encrypt-rev1"] = good_guest(rev1=True)
    s["good-cbc-decrypt-legacy"] = good_guest(opcode=CIPHER_DECRYPT, op=OP_DECRYPT)
    s["good-cbc-256"] = good_guest(key=bytes(range(32)))
    s["good-wrap-index"] = good_guest(data_last=0xffff, data_heads=(0, 0, 0, 0))
    # one buffer for header+iv+src, one for dst+status
    s["good-two-descs"] = good_guest(data_descs=[
        desc(R0 + 128, 72 + 16 + 64, F_NEXT, 1), desc(R0 + 280, 65, F_WRITE)])
    # indirect table in region 0 at 400
    ind = b"".join([desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 16, F_NEXT, 2),
                    desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)])
    s["good-indirect"] = good_guest(cfg_extra=2, extra_mem=ind,
                                    data_descs=[desc(R0 + 400, 64, F_INDIRECT)])
    s["bad-loop"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 16, F_NEXT, 2),
        desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE | F_NEXT, 0)])
    s["bad-next-range"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 9)])
    s["bad-head-range"] = good_guest(data_heads=(7,))
    s["bad-avail-jump"] = good_guest(data_idx=40)
    s["bad-read-after-write"] = good_guest(data_descs=[
        desc(R0 + 280, 65, F_WRITE | F_NEXT, 1), desc(R0 + 128, 72, F_NEXT, 2),
        desc(R0 + 200, 16)])
    s["bad-no-status"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 16, F_NEXT, 2),
        desc(R0 + 216, 64)])
    # src straddles region 0's end into the adjacent region 1
    s["bad-region-cross"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 16, F_NEXT, 2),
        desc(R1 - 32, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)])
    s["bad-out-of-range"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(0xfffffffffffffff0, 16, F_NEXT, 2),
        desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)])
    s["bad-huge-len"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 0xffffffff, F_NEXT, 2),
        desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)])
    s["bad-src-larger"] = good_guest(src_len=1 << 20, dst_len=1 << 20)
    s["bad-zero-len"] = good_guest(data_descs=[
        desc(R0 + 128, 72, F_NEXT, 1), desc(R0 + 200, 0, F_NEXT, 2),
        desc(R0 + 216, 64, F_NEXT, 3), desc(R0 + 280, 65, F_WRITE)])
    return s


# ---- fuzz_ctrl_req -----------------------------------------------------------

def ctrl_rec(req, nr=1, nw=1, wlen=(16, 16, 16), split=(0, 0), use_last=False):
    shape = nr | (nw << 2) | (0x10 if use_last else 0)
    return (struct.pack("<BH", shape, len(req)) + bytes(split) +
            bytes(w & 0xff for w in wlen) + req)


def ctrl_seeds():
    s = {}
    create = ctrl_cipher_create() + KEY
    destroy = ctrl_destroy(0)
    for rev1 in (0, 1):
        name = "rev1" if rev1 else "legacy"
        cfg = rev1 | (3 << 1)
        s["create-destroy-" + name] = bytes([cfg]) + ctrl_rec(create, 2, 1, split=(72, 0)) + \
            ctrl_rec(destroy, 1, 1, wlen=(1, 0, 0), use_last=True) + \
            ctrl_rec(destroy, 1, 1, wlen=(1, 0, 0), use_last=True)
    s["create-256-decrypt"] = bytes([1]) + ctrl_rec(
        ctrl_cipher_create(32, op=OP_DECRYPT) + bytes(range(32)))
    s["create-full-table"] = bytes([0]) + ctrl_rec(create) + ctrl_rec(create)
    s["create-keylen-bogus"] = bytes([0]) + ctrl_rec(ctrl_cipher_create(0xffffffff) + KEY) + \
        ctrl_rec(ctrl_cipher_create(17) + KEY + b"x") + ctrl_rec(ctrl_cipher_create(33) + bytes(33))
    s["create-no-answer-room"] = bytes([0]) + ctrl_rec(create, 1, 1, wlen=(8, 0, 0)) + \
        ctrl_rec(create, 1, 0)
    s["create-chain-ctr"] = bytes([0]) + ctrl_rec(ctrl_cipher_create(op_type=SYM_OP_CHAIN) + KEY) + \
        ctrl_rec(ctrl_cipher_create(algo=AES_CTR) + KEY)
    # the other services: plausible bodies, legacy-padded
    s["other-services"] = bytes([0]) + \
        ctrl_rec(ctrl_simple(HASH_CREATE, 4, struct.pack("<II", 4, 32))) + \
        ctrl_rec(ctrl_simple(MAC_CREATE, 4, struct.pack("<IIII", 4, 32, 16, 0)) + bytes(16)) + \
        ctrl_rec(ctrl_simple(AEAD_CREATE, 1, struct.pack("<IIIIII", 1, 16, 16, 12, OP_ENCRYPT, 0)) + KEY) + \
        ctrl_rec(ctrl_simple(AKC_CREATE, 1, struct.pack("<III", 1, 1, 32)) + bytes(32)) + \
        ctrl_rec(ctrl_destroy(FIRST_SID, HASH_DESTROY), wlen=(1, 0, 0)) + \
        ctrl_rec(ctrl_destroy(FIRST_SID, AKC_DESTROY), wlen=(1, 0, 0))
    s["rev1-short-layouts"] = bytes([1]) + \
        ctrl_rec(ctrl_simple(HASH_CREATE, 4, struct.pack("<II", 4, 32))[:24]) + \
        ctrl_rec(ctrl_simple(MAC_CREATE, 4, struct.pack("<IIII", 4, 32, 16, 0))[:32] + bytes(16)) + \
        ctrl_rec(ctrl_destroy(FIRST_SID)[:24], wlen=(1, 0, 0))
    s["wrong-sizes"] = bytes([0]) + ctrl_rec(create[:40]) + ctrl_rec(b"\x02\x00\x00") + \
        ctrl_rec(destroy[:20], wlen=(1, 0, 0)) + ctrl_rec(bytes(72), 0, 1)
    s["unknown-opcode"] = bytes([0]) + ctrl_rec(ctrl_simple(0x7777, 0)) + \
        ctrl_rec(ctrl_simple(0x0603, 0), wlen=(1, 0, 0))
    return s


# ---- fuzz_vhost_msg ----------------------------------------------------------

def vu(req, payload=b"", size=None):
    return struct.pack("<III", req, 1, len(payload) if size is None else size) + payload


def msg_seeds():
    s = {}
    get_cfg = lambda off, n: vu(24, struct.pack("<III", off, n, 0) + bytes(n))
    s["get-config"] = bytes([1]) + get_cfg(0, 56)
    s["get-config-partial"] = bytes([1]) + get_cfg(48, 8) + get_cfg(4, 4) + get_cfg(56, 16)
    s["get-config-bad"] = bytes([1]) + get_cfg(0xfffffff0, 256) + get_cfg(0, 257) + \
        vu(24, b"\0" * 8) + get_cfg(0, 0)
    s["set-config"] = bytes([1]) + vu(25, struct.pack("<III", 0, 4, 0) + b"\xff" * 4)
    s["pause-msgs"] = bytes([1]) + vu(5, bytes(8)) + vu(8, struct.pack("<II", 0, 256)) + \
        vu(18, struct.pack("<II", 0, 1)) + vu(2, struct.pack("<Q", 1 << 32))
    s["other-vid"] = bytes([3]) + vu(5, bytes(8)) + get_cfg(0, 56)
    # session messages (26/27), both payload layouts in circulation
    s["crypto-session"] = bytes([1]) + vu(26, struct.pack("<qIIIIII", -1, 2, AES_CBC, 16, 0, 0, 0) + bytes(600)) + \
        vu(27, struct.pack("<Q", FIRST_SID))
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    for target, seeds in (("fuzz_data_req", data_seeds()), ("fuzz_ctrl_req", ctrl_seeds()),
                          ("fuzz_vhost_msg", msg_seeds())):
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        print("%s: %d seeds" % (target, len(seeds)))


if __name__ == "__main__":
    main()
