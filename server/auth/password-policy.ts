import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as dutch from '@zxcvbn-ts/language-nl-be';

/**
 * What a new password must pass (OWASP ASVS 2.1): 12 to 128 characters, no control characters,
 * not a password from the lists of leaked passwords, and a strength estimate of at least
 * 10^8 guesses (zxcvbn score 3), counting Dutch and English words, names, keyboard patterns,
 * dates, repeats and the username. zxcvbn-ts runs offline: the lists ship in its language packs
 * (`language-common` holds the most used passwords of public breaches).
 */

export type PasswordProblem = 'too_short' | 'too_long' | 'control_characters' | 'breached' | 'guessable';

export const minimumLength = 12;
export const maximumLength = 128;
const minimumScore = 3;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary, ...dutch.dictionary },
  graphs: common.adjacencyGraphs,
});

/** Only the password lists: a password made of them is known to attackers whatever its length. */
const breachedLists = new Set(Object.keys(common.dictionary).filter((name) => name.startsWith('passwords')));

/** Plain-language English messages; the workspace shows its own translation by `details.reason`. */
export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `A password needs at least ${minimumLength} characters.`,
  too_long: `A password may have at most ${maximumLength} characters.`,
  control_characters: 'A password cannot contain control characters (such as a tab or a null character).',
  breached: 'This password is on lists of leaked passwords that attackers try first. Choose another one.',
  guessable: 'This password is easy to guess (a common word, name, date, pattern or repetition). Make it longer, for example four or five unrelated words.',
};

export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < minimumLength) return 'too_short';
  if (length > maximumLength) return 'too_long';
  if (/\p{Cc}/u.test(password)) return 'control_characters';
  const result = estimator.check(password, userInputs);
  if (result.score >= minimumScore) return undefined;
  const fromLeakedList = result.sequence.some((match) => match.pattern === 'dictionary' && breachedLists.has(match.dictionaryName));
  return fromLeakedList ? 'breached' : 'guessable';
}
