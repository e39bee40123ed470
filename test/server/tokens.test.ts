import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALPHABET, formatToken, generateToken, normaliseTokenInput, parseToken, TOKEN_LENGTH } from '../../server/tokens/token.ts';
import { createHasher } from '../../server/tokens/token-hash.ts';

const fixedBytes = (byte: number) => () => new Uint8Array(16).fill(byte);

describe('participant tokens', () => {
  it('a new token has 26 Crockford base32 characters for 128 random bits plus a check character', () => {
    const token = generateToken();
    assert.equal(token.length, TOKEN_LENGTH);
    assert.match(token, /^[0-7][0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(parseToken(token).ok, true);
  });

  it('all 128 bits come from the random source', () => {
    assert.equal(generateToken(fixedBytes(0)).slice(0, 26), '0'.repeat(26));
    assert.equal(generateToken(fixedBytes(255)).slice(0, 26), '7' + 'Z'.repeat(25));
  });

  it('is shown in groups of five joined by hyphens', () => {
    assert.equal(formatToken('ABCDEFGHJKMNPQRSTVWXYZ012345'.slice(0, 27)), 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34');
  });

  const token = generateToken(fixedBytes(0x5a));
  const cases: [string, string, boolean][] = [
    ['the canonical form', token, true],
    ['lower case', token.toLowerCase(), true],
    ['the grouped form with hyphens', formatToken(token), true],
    ['spaces instead of hyphens', formatToken(token).replace(/-/g, ' '), true],
    ['O typed for 0', token.replace(/0/g, 'O'), true],
    ['I and L typed for 1', token.replace(/1/g, 'I'), true],
    ['a missing character', token.slice(1), false],
    ['an extra character', token + '0', false],
    ['a character outside the alphabet', 'U' + token.slice(1), false],
    ['an empty string', '', false],
  ];
  for (const [name, input, ok] of cases) {
    it(`reads ${name} as ${ok ? 'valid' : 'invalid'}`, () => {
      const parsed = parseToken(input);
      assert.equal(parsed.ok, ok);
      if (parsed.ok) assert.equal(parsed.token, normaliseTokenInput(token));
    });
  }

  it('the check character catches every single-character typo', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(TOKEN_LENGTH - 1), fc.nat(ALPHABET.length - 1), (bytes, position, replacement) => {
        const good = generateToken(() => bytes);
        const typo = ALPHABET[replacement]!;
        fc.pre(good[position] !== typo);
        const bad = good.slice(0, position) + typo + good.slice(position + 1);
        return !parseToken(bad).ok;
      }),
      { numRuns: 2000 },
    );
  });

  it('the check character catches swapped neighbours', () => {
    let caught = 0;
    let swaps = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(TOKEN_LENGTH - 2), (bytes, position) => {
        const good = generateToken(() => bytes);
        fc.pre(good[position] !== good[position + 1]);
        const swapped = good.slice(0, position) + good[position + 1] + good[position] + good.slice(position + 2);
        swaps++;
        if (!parseToken(swapped).ok) caught++;
      }),
      { numRuns: 1000 },
    );
    // Luhn mod N misses only the swap of the two characters whose doubled values wrap equally.
    assert.ok(caught / swaps > 0.95, `caught ${caught} of ${swaps}`);
  });

  it('token hashes depend on the secret and the purpose, and never contain the token', () => {
    const a = createHasher(Buffer.alloc(32, 1));
    const b = createHasher(Buffer.alloc(32, 2));
    assert.notEqual(a('token', token), b('token', token));
    assert.notEqual(a('token', token), a('response-key', token));
    assert.equal(a('token', token), a('token', token));
    assert.ok(!a('token', token).includes(token));
  });
});
