import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caretAfter, checkToken, codeCharactersBefore, extractToken, groupOf, groupToken, normaliseToken } from '../../../client/shared/token.ts';
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

const pasted: [name: string, input: string, expected: string][] = [
  ["the letter's link", 'https://enquete.example.nl/t/ABCDE12345?lang=ar', 'ABCDE12345'],
  ['a link with the token percent-encoded', 'https://x.nl/t/ABCDE%2D12345', 'ABCDE-12345'],
  ['a line with a label', 'Code: ABCDE-12345', 'ABCDE-12345'],
  ['a label in another language', 'Uw code:  abcde 12345 ', 'abcde 12345'],
  ['the code alone', 'ABCDE-12345', 'ABCDE-12345'],
];
for (const [name, input, expected] of pasted) {
  test(`from ${name}, the code is taken`, () => assert.equal(extractToken(input), expected));
}

test('an impossible character is reported with its position and its group of five', () => {
  const token = generateToken();
  const typo = token.slice(0, 11) + 'U' + token.slice(12);
  assert.deepEqual(checkToken(formatToken(typo)), { ok: false, reason: 'characters', position: 11, char: 'U' });
  assert.equal(groupOf(11), 3);
  assert.equal(groupOf(0), 1);
  assert.equal(groupOf(26), 6);
});

const carets: [name: string, text: string, caret: number, count: number, grouped: string, at: number][] = [
  ['before the first character', 'ABCDEF', 0, 0, 'ABCDE-F', 0],
  ['in the middle of a group', 'ABCDEF', 3, 3, 'ABCDE-F', 3],
  ['after the fifth character, before the hyphen', 'ABCDEF', 5, 5, 'ABCDE-F', 5],
  ['after the sixth character, past the hyphen', 'ABCDEF', 6, 6, 'ABCDE-F', 7],
  ['counting hyphens typed by hand as nothing', 'AB-CDE-FG', 6, 5, 'ABCDE-FG', 5],
];
for (const [name, text, caret, count, grouped, at] of carets) {
  test(`the caret ${name} stays after the same character once the code is regrouped`, () => {
    assert.equal(codeCharactersBefore(text, caret), count);
    assert.equal(groupToken(text), grouped);
    assert.equal(caretAfter(grouped, count), at);
  });
}
