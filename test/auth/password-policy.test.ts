import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem, type PasswordProblem } from '../../server/auth/password-policy.ts';

const cases: [string, string, PasswordProblem | undefined][] = [
  ['eleven characters is too short', 'elf tekens!', 'too_short'],
  ['129 characters is too long', 'x'.repeat(129), 'too_long'],
  ['twelve NUL characters are refused as control characters', '\0'.repeat(12), 'control_characters'],
  ['a tab inside a password is refused', 'fiets\tparaplu onweer', 'control_characters'],
  ['password1234 is on the leaked lists', 'password1234', 'breached'],
  ['welkom123456 (Dutch "welcome") is on the leaked lists', 'welkom123456', 'breached'],
  ['a keyboard row is on the leaked lists', 'qwertyuiop12', 'breached'],
  ['twelve times the same letter is guessable', 'a'.repeat(12), 'guessable'],
  ['the username repeated is guessable', 'ada-ada-ada-ada', 'guessable'],
  ['four unrelated Dutch words are accepted', 'fiets paraplu onweer kaneel', undefined],
  ['a long random string is accepted', 'gT7#kq2!Lm9zPw', undefined],
];

for (const [name, password, expected] of cases) {
  test(`password rule: ${name}`, async () => {
    assert.equal(await passwordProblem(password, ['ada']), expected);
  });
}
