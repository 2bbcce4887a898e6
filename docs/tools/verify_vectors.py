#!/usr/bin/env python3
"""An independent implementation of StudyLedger's canonical JSON, event hash (docs/events.md) and
envelope signature (docs/audit.md), checked against docs/test-vectors/envelope-hashes.json and, beside
it, envelope-signatures.json. Standard library only (Ed25519 verification is written out from RFC 8032,
section 6); shows that a client in another language can verify events without reading the Java code.

    python3 docs/tools/verify_vectors.py [path/to/envelope-hashes.json]
"""
import base64
import hashlib
import json
import sys
import decimal
from decimal import Decimal
from pathlib import Path

ESCAPES = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r'}


def utf16_key(s):
    return s.encode('utf-16-be')


def canonical(v):
    if v is None:
        return 'null'
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if isinstance(v, str):
        return '"' + ''.join(ESCAPES.get(c) or ('\\u%04x' % ord(c) if ord(c) < 0x20 else c) for c in v) + '"'
    if isinstance(v, (int, Decimal)):
        d = Decimal(v)
        if d == 0:
            return '0'
        # normalize() rounds to the context precision: give it room for any literal.
        with decimal.localcontext() as ctx:
            ctx.prec = max(28, len(d.as_tuple().digits))
            return format(d.normalize(), 'f')
    if isinstance(v, list):
        return '[' + ','.join(canonical(x) for x in v) + ']'
    if isinstance(v, dict):
        members = sorted(((k, x) for k, x in v.items() if x is not None), key=lambda kv: utf16_key(kv[0]))
        return '{' + ','.join(canonical(k) + ':' + canonical(x) for k, x in members) + '}'
    raise TypeError(type(v))


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=int)


# ---- Ed25519 verification (RFC 8032, section 6, reference code) ----

P = 2 ** 255 - 19
L = 2 ** 252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def point_add(a, b):
    A, B = (a[1] - a[0]) * (b[1] - b[0]) % P, (a[1] + a[0]) * (b[1] + b[0]) % P
    C, Dd = 2 * a[3] * b[3] * D % P, 2 * a[2] * b[2] % P
    E, F, G, H = B - A, Dd - C, Dd + C, B + A
    return E * F, G * H, F * G, E * H


def point_mul(s, p):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = point_add(q, p)
        p = point_add(p, p)
        s >>= 1
    return q


def point_equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def point_decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, 'little')
    sign = y >> 255
    y &= (1 << 255) - 1
    x = recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


G_Y = 4 * pow(5, P - 2, P) % P
G = (recover_x(G_Y, 0), G_Y, 1, recover_x(G_Y, 0) * G_Y % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    A, R = point_decompress(public), point_decompress(signature[:32])
    if A is None or R is None:
        return False
    s = int.from_bytes(signature[32:], 'little')
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), 'little') % L
    return point_equal(point_mul(s, G), point_add(R, point_mul(h, A)))


def b64url(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def verify_signatures(path):
    """Checks every signed envelope (signature over canonical(envelope without "signature"), key id = center +
    "-" + first 16 hex of SHA-256(raw public key)) and that every refused one is refused."""
    vectors = load(path.read_text(encoding='utf-8'))
    key = vectors['key']
    public = bytes.fromhex(key['public_key_hex'])
    spki = base64.b64decode(key['public_key'])
    failures, total = 0, 0
    total += 1
    if spki[-32:] != public or key['key_id'] != key['center_id'] + '-' + hashlib.sha256(public).hexdigest()[:16]:
        failures += 1
        print('key id or public key mismatch')

    def verifies(env):
        env = dict(env)
        signature = env.pop('signature')
        if env.get('key_id') != key['key_id'] or env.get('center_id') != key['center_id']:
            return False, canonical(env)
        text = canonical(env)
        return ed25519_verify(public, text.encode('utf-8'), b64url(signature)), text

    for v in vectors['signed_envelopes']:
        total += 1
        ok, text = verifies(v['envelope'])
        unsigned = dict(v['envelope'])
        for member in ('hash', 'key_id', 'signature'):
            unsigned.pop(member)
        hashed = hashlib.sha256(canonical(unsigned).encode('utf-8')).hexdigest() == v['envelope']['hash']
        if not (ok and hashed and text == v['signing_input'] and v['envelope']['signature'] == v['signature']):
            failures += 1
            print('signed envelope does not verify:', v['name'])
    for v in vectors['refused_envelopes']:
        total += 1
        if verifies(v['envelope'])[0]:
            failures += 1
            print('refused envelope verifies:', v['name'])
    return total, failures


def main():
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / 'test-vectors' / 'envelope-hashes.json')
    vectors = load(path.read_text(encoding='utf-8'))
    failures = 0
    for case in vectors['canonical_encoding']:
        got = canonical(load(case['input']))
        if got != case['canonical']:
            failures += 1
            print('encoding mismatch:', case['input'], '->', got, '!=', case['canonical'])
    previous = {}
    for v in vectors['envelopes']:
        env = dict(v['envelope'])
        stated = env.pop('hash')
        text = canonical(env)
        digest = hashlib.sha256(text.encode('utf-8')).hexdigest()
        chained = previous.get(env['subject_id'], vectors['genesis_previous_hash'])
        ok = text == v['canonical_without_hash'] and digest == v['sha256'] == stated and env['previous_hash'] == chained
        previous[env['subject_id']] = stated
        if not ok:
            failures += 1
            print('envelope mismatch:', v['name'])
    total = len(vectors['canonical_encoding']) + len(vectors['envelopes'])
    signatures = path.with_name('envelope-signatures.json')
    if signatures.exists():
        signed_total, signed_failures = verify_signatures(signatures)
        total += signed_total
        failures += signed_failures
    print(f'{total - failures} passed, {failures} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
