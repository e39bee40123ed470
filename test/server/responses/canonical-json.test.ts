import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../../../server/responses/canonical-json.ts';

describe('canonical JSON of submissions', () => {
  const content = { pageNo: 3, complete: true, answers: { z: [1, 'a', { y: null, b: 'é"\n' }], a: { m: 2.5, c: [] }, 'q-Comment': 'x', e: {} } };

  it('sorts keys at every depth and keeps arrays in order, as hashes stored by earlier versions expect', () => {
    assert.equal(canonicalJson(content), '{"answers":{"a":{"c":[],"m":2.5},"e":{},"q-Comment":"x","z":[1,"a",{"b":"é\\"\\n","y":null}]},"complete":true,"pageNo":3}');
    assert.equal(contentHash(content), 'VfgDU2iRgMQSkqiw2B-2-4NkZ1caYL6QJDDkS0nSyCI');
  });

  it('escapes keys and strings as JSON.stringify does: quotes, backslashes, control characters, lone surrogates', () => {
    const odd = { 'a"b': 1, 'c\\d': 'e\u0001', '\u0002': [true, -0, 1e21], '\ud800': '\udc00', é: null };
    const sorted = Object.fromEntries(Object.keys(odd).sort().map((key) => [key, odd[key as keyof typeof odd]]));
    assert.equal(canonicalJson(odd), JSON.stringify(sorted));
  });

  it('gives the same hash for the same JSON with keys in any order, and is valid JSON of the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
        const reordered = JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
        assert.equal(contentHash(reordered), contentHash(value));
      }),
      { numRuns: 300 },
    );
  });
});
