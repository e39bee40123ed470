import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

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

/**
 * The dictionaries are megabytes: they are loaded the first time a password is checked, not at
 * every start of the server or a command.
 */
let estimator: Promise<{ zxcvbn: ZxcvbnFactory; breachedLists: Set<string> }> | undefined;

function loadEstimator() {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en'), import('@zxcvbn-ts/language-nl-be')]).then(
    ([core, common, english, dutch]) => ({
      zxcvbn: new core.ZxcvbnFactory({ dictionary: { ...common.dictionary, ...english.dictionary, ...dutch.dictionary }, graphs: common.adjacencyGraphs }),
      // Only the password lists: a password made of them is known to attackers whatever its length.
      breachedLists: new Set(Object.keys(common.dictionary).filter((name) => name.startsWith('passwords'))),
    }),
  );
  return estimator;
}

/** Plain-language English messages; the workspace shows its own translation by `details.reason`. */
export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `A password needs at least ${minimumLength} characters.`,
  too_long: `A password may have at most ${maximumLength} characters.`,
  control_characters: 'A password cannot contain control characters (such as a tab or a null character).',
  breached: 'This password is on lists of leaked passwords that attackers try first. Choose another one.',
  guessable: 'This password is easy to guess (a common word, name, date, pattern or repetition). Make it longer, for example four or five unrelated words.',
};

export async function passwordProblem(password: string, userInputs: string[] = []): Promise<PasswordProblem | undefined> {
  const length = [...password].length;
  if (length < minimumLength) return 'too_short';
  if (length > maximumLength) return 'too_long';
  if (/\p{Cc}/u.test(password)) return 'control_characters';
  const { zxcvbn, breachedLists } = await loadEstimator();
  const result = zxcvbn.check(password, userInputs);
  if (result.score >= minimumScore) return undefined;
  const fromLeakedList = result.sequence.some((match) => match.pattern === 'dictionary' && breachedLists.has(match.dictionaryName));
  return fromLeakedList ? 'breached' : 'guessable';
}
