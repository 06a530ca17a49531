#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
"""
Writes kat_table.c: the known-answer vectors of vcrypto-test-e2e, in DPDK's
terms (rte_crypto algorithms, separate auth IVs, GMAC as an auth algorithm).

The vectors are the backend's published ones (lib/vhost_crypto/test/
gen_kat.py, executed here so no byte is copied by hand; it checks each
against Python's implementations), plus a few more published ones checked
here the same way. At run time vcrypto-test-e2e checks every vector again
against crypto_aesni_mb in the same process before using it.

usage: gen_kat_table.py > kat_table.c
"""
import contextlib
import hashlib
import io
import os
import runpy
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

H = bytes.fromhex
here = os.path.dirname(os.path.abspath(__file__))
with contextlib.redirect_stdout(io.StringIO()):
    g = runpy.run_path(os.path.join(here, '../../lib/vhost_crypto/test/gen_kat.py'))

CIPHER = {'AES_CBC': 'AES_CBC', 'AES_CTR': 'AES_CTR', 'AES_ECB': 'AES_ECB',
          'DES_CBC': 'DES_CBC', '3DES_CBC': '3DES_CBC', 'SNOW3G_UEA2': 'SNOW3G_UEA2',
          'KASUMI_F8': 'KASUMI_F8', 'ZUC_EEA3': 'ZUC_EEA3'}
AUTH = {'HASH_SHA1': 'SHA1', 'HASH_SHA_224': 'SHA224', 'HASH_SHA_256': 'SHA256',
        'HASH_SHA_384': 'SHA384', 'HASH_SHA_512': 'SHA512',
        'MAC_HMAC_MD5': 'MD5_HMAC', 'MAC_HMAC_SHA1': 'SHA1_HMAC',
        'MAC_HMAC_SHA_224': 'SHA224_HMAC', 'MAC_HMAC_SHA_256': 'SHA256_HMAC',
        'MAC_HMAC_SHA_384': 'SHA384_HMAC', 'MAC_HMAC_SHA_512': 'SHA512_HMAC',
        'MAC_CMAC_AES': 'AES_CMAC', 'MAC_XCBC_AES': 'AES_XCBC_MAC',
        'MAC_SNOW3G_UIA2': 'SNOW3G_UIA2', 'MAC_ZUC_EIA3': 'ZUC_EIA3',
        'MAC_KASUMI_F9': 'KASUMI_F9'}
AEAD = {'AEAD_GCM': 'AES_GCM', 'AEAD_CCM': 'AES_CCM',
        'AEAD_CHACHA20_POLY1305': 'CHACHA20_POLY1305'}


def strip(v):
    return v.replace('VIRTIO_CRYPTO_', '').replace('CIPHER_', '', 1) \
        if v.startswith('VIRTIO_CRYPTO_CIPHER_') else v.replace('VIRTIO_CRYPTO_', '')


out_vecs = []


def vec(name, kind, cipher='NULL', auth='NULL', aead='AES_GCM', **kw):
    v = dict(name=name, kind=kind, cipher=cipher, auth=auth, aead=aead, key=b'',
             akey=b'', iv=b'', auth_iv=b'', aad=b'', pt=b'', ct=b'', digest=b'')
    v.update({k: (b'' if x is None else x) for k, x in kw.items()})
    out_vecs.append(v)


for v in g['vectors']:
    kind, algo, aalgo = v['kind'], strip(v['algo']), v['auth_algo'].replace('VIRTIO_CRYPTO_', '')
    common = dict(key=v['key'], akey=v['akey'], aad=v['aad'], pt=v['pt'],
                  ct=v['ct'], digest=v['digest'])
    if kind == 'CIPHER':
        vec(v['name'], 'CIPHER', cipher=CIPHER[algo], iv=v['iv'], **common)
    elif kind in ('HASH', 'MAC'):
        vec(v['name'], 'AUTH', auth=AUTH[algo], **common)
    elif kind == 'AEAD':
        vec(v['name'], 'AEAD', aead=AEAD[algo], iv=v['iv'], **common)
        if v['name'].startswith('AES-GMAC'):
            # The same message as DPDK's AES-GMAC: key, auth IV, message, tag.
            vec(v['name'] + ' as RTE_CRYPTO_AUTH_AES_GMAC', 'AUTH', auth='AES_GMAC',
                akey=v['key'], auth_iv=v['iv'], pt=v['aad'], digest=v['digest'])
    elif kind == 'CHAIN' and algo == 'NO_CIPHER':
        # MACs with an IV: DPDK gives the IV to the auth transform.
        common['ct'] = b''
        vec(v['name'], 'AUTH', auth=AUTH[aalgo], auth_iv=v['iv'], **common)
    elif kind == 'CHAIN':
        vec(v['name'], 'CHAIN', cipher=CIPHER[algo], auth=AUTH[aalgo], iv=v['iv'],
            **common)
    else:
        sys.exit('unknown vector kind ' + kind)


def check(ok, name):
    if not ok:
        sys.exit('vector %s does not verify' % name)


def aes(mode, key, pt):
    e = Cipher(algorithms.AES(key), mode).encryptor()
    return e.update(pt) + e.finalize()


# ---- more published vectors ----------------------------------------------
pt38a, k128 = g['pt38a'], g['k128']
k192, k256, ctr0 = g['k192'], g['k256'], g['ctr0']
ct = H('1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e94'
       '1e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050')
check(aes(modes.CTR(ctr0), k192, pt38a) == ct, 'ctr192')
vec('AES-192-CTR (SP 800-38A F.5.3)', 'CIPHER', cipher='AES_CTR', key=k192, iv=ctr0,
    pt=pt38a, ct=ct)
for name, key, c in [
        ('AES-192-ECB (SP 800-38A F.1.3)', k192,
         'bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eef'
         'ef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e'),
        ('AES-256-ECB (SP 800-38A F.1.5)', k256,
         'f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870'
         'b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7')]:
    check(aes(modes.ECB(), key, pt38a) == H(c), name)
    vec(name, 'CIPHER', cipher='AES_ECB', key=key, pt=pt38a, ct=H(c))
k192g = H('feffe9928665731c6d6a8f9467308308feffe9928665731c')
giv, gpt, gaad = g['giv'], g['gpt'], g['gaad']
ct10 = H('3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c'
         '7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710')
tag10 = H('2519498e80f1478f37ba55bd6d27618c')
check(AESGCM(k192g).encrypt(giv, gpt, gaad) == ct10 + tag10, 'gcm10')
vec('AES-192-GCM test case 10 (GCM spec)', 'AEAD', aead='AES_GCM', key=k192g, iv=giv,
    aad=gaad, pt=gpt, ct=ct10, digest=tag10)
md5abc = H('900150983cd24fb0d6963f7d28e17f72')
check(hashlib.md5(b'abc').digest() == md5abc, 'md5')
vec('MD5 of abc (RFC 1321)', 'AUTH', auth='MD5', pt=b'abc', digest=md5abc)
sha3 = H('3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532')
check(hashlib.sha3_256(b'abc').digest() == sha3, 'sha3')
vec('SHA3-256 of abc (FIPS 202)', 'AUTH', auth='SHA3_256', pt=b'abc', digest=sha3)
# SHA-1 of "abc" truncated to 12 bytes (the digest_len DPDK allows below 20).
d1 = hashlib.sha1(b'abc').digest()
vec('SHA1 of abc truncated to 12 (FIPS 180)', 'AUTH', auth='SHA1', pt=b'abc',
    digest=d1[:12])
xk1, xk2 = H('11' * 16), H('22' * 16)
xiv = H('3333333333' + '00' * 11)
xct = H('c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0')
check(aes(modes.XTS(xiv), xk1 + xk2, H('44' * 32)) == xct, 'xts')
vec('AES-128-XTS vector 2 (IEEE 1619)', 'CIPHER', cipher='AES_XTS', key=xk1 + xk2,
    iv=xiv, pt=H('44' * 32), ct=xct)


def carr(b):
    if not b:
        return 'NULL, 0'
    return '(const uint8_t[]){ %s }, %d' % (', '.join('0x%02x' % x for x in b), len(b))


o = sys.stdout
o.write('/* SPDX-License-Identifier: BSD-3-Clause\n'
        ' * Copyright(c) 2026 The vcrypto authors\n */\n'
        '/* Generated by gen_kat_table.py: published known-answer vectors. */\n'
        '#include "kat_table.h"\n\n'
        'const struct kat_vec kat_table[] = {\n')
for v in out_vecs:
    o.write('\t{ "%s", KAT_%s, RTE_CRYPTO_CIPHER_%s, RTE_CRYPTO_AUTH_%s, '
            'RTE_CRYPTO_AEAD_%s,\n' % (v['name'], v['kind'], v['cipher'], v['auth'],
                                       v['aead']))
    o.write(''.join('\t  { %s },\n' % carr(v[f]) for f in
                    ('key', 'akey', 'iv', 'auth_iv', 'aad', 'pt', 'ct'))
            + '\t  { %s } },\n' % carr(v['digest']))
o.write('};\n\nconst unsigned int kat_table_len = sizeof(kat_table) / sizeof(kat_table[0]);\n')
