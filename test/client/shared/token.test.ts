import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkToken, groupToken, normaliseToken } from '../../../client/shared/token.ts';
import { generateToken, formatToken } from '../../../server/tokens/token.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

test('the client accepts every token the server makes, printed or typed carelessly', () => {
  for (let i = 0; i < 200; i++) {
    const token = generateToken();
    assert.deepEqual(checkToken(token), { ok: true, token });
    assert.deepEqual(checkToken(formatToken(token)), { ok: true, token });
    assert.deepEqual(checkToken(` ${formatToken(token).toLowerCase()} `), { ok: true, token });
  }
});

test('every single-character typo is caught before anything is sent', () => {
  const token = generateToken();
  for (let position = 0; position < token.length; position++) {
    for (const char of alphabet) {
      if (char === token[position]) continue;
      const typo = token.slice(0, position) + char + token.slice(position + 1);
      assert.deepEqual(checkToken(typo), { ok: false, reason: 'check' }, typo);
    }
  }
});

const cases: [name: string, input: string, reason: string][] = [
  ['nothing typed', '  ', 'empty'],
  ['a character outside the alphabet', 'U'.repeat(27), 'characters'],
  ['too few characters', '0123456789', 'short'],
  ['too many characters', '0'.repeat(28), 'long'],
];
for (const [name, input, reason] of cases) {
  test(`a token with ${name} is refused as ${reason}`, () => {
    assert.deepEqual(checkToken(input), { ok: false, reason });
  });
}

test('O, I and L are read as 0, 1 and 1, and typing is shown in groups of five', () => {
  assert.equal(normaliseToken('oil-OIL i.l'), '01101111');
  assert.equal(groupToken('abcdefghjkm'), 'ABCDE-FGHJK-M');
  assert.equal(groupToken('ABCDE-'), 'ABCDE');
});
