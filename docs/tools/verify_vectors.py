#!/usr/bin/env python3
"""An independent implementation of StudyLedger's canonical JSON and event hash (docs/events.md),
checked against docs/test-vectors/envelope-hashes.json. Standard library only; shows that a client
in another language can verify events without reading the Java code.

    python3 docs/tools/verify_vectors.py [path/to/envelope-hashes.json]
"""
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
    print(f'{total - failures} passed, {failures} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
