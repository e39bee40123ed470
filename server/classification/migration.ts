import { countryCode, countryOrigin, type Origin } from './countries.ts';

/**
 * The migration background rules of the EAA instrument (instrument.md), as pure functions of a
 * participant's background answers and register values. A study names them as built-in rules
 * (`migration_cbs`, `migration_extended`, `migration_group`) in its definition.
 */

export type Answers = Record<string, unknown>;

export type MigrationCbs = 'none' | Origin | 'unknown';
export type MigrationExtended = MigrationCbs;
export type MigrationGroup = 'none' | 'western' | 'nonwestern_newcomer' | 'nonwestern_settled' | 'unknown';

const homeCountry = 'NL';

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/**
 * `migration_cbs`, the statistics office's rule from birth countries only. Born abroad: the own
 * birth country decides. Born in NL: the mother's birth country when abroad, else the father's;
 * both parents born in NL: `none`. Whatever cannot be decided for lack of answers is `unknown`.
 */
export function migrationCbs(answers: Answers): MigrationCbs {
  const own = countryCode(answers.birth_country);
  if (own === null) return 'unknown';
  if (own !== homeCountry) return countryOrigin(own)!;
  const mother = countryCode(answers.mother_birth_country);
  if (mother !== null && mother !== homeCountry) return countryOrigin(mother)!;
  const father = countryCode(answers.father_birth_country);
  if (father !== null && father !== homeCountry) return countryOrigin(father)!;
  if (mother === homeCountry && father === homeCountry) return 'none';
  return 'unknown';
}

function culturalBackgrounds(answers: Answers): string[] {
  const value = answers.cultural_background;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * `migration_extended`, the original study's rule. Every link to a foreign country counts: own or
 * a parent's birth country, any ticked cultural background, the registered nationality. Any
 * non-western link wins over a western one. `none` only for people born in NL who ticked Dutch as
 * their only cultural background (and have no other foreign link). A foreign link whose country
 * is not known (only `other` ticked) decides nothing: `unknown`.
 */
export function migrationExtended(answers: Answers, register: { nationality: unknown } | null): MigrationExtended {
  const links = [
    answers.birth_country,
    answers.mother_birth_country,
    answers.father_birth_country,
    ...culturalBackgrounds(answers),
    register?.nationality,
  ]
    .map(countryCode)
    .filter((code): code is string => code !== null && code !== homeCountry);
  const origins = new Set(links.map((code) => countryOrigin(code)));
  if (origins.has('nonwestern')) return 'nonwestern';
  if (origins.has('western')) return 'western';
  const cultural = culturalBackgrounds(answers);
  if (countryCode(answers.birth_country) === homeCountry && cultural.length === 1 && cultural[0] === homeCountry) return 'none';
  return 'unknown';
}

/**
 * `migration_group`, from the extended rule. Non-western people are newcomers when the register
 * says they are status holders or when they say they came as a refugee less than 10 years ago:
 * either one suffices, so a register `status_holder=false` does not override their own answer.
 */
export function migrationGroup(
  extended: MigrationExtended,
  answers: Answers,
  register: { statusHolder: unknown } | null,
): MigrationGroup {
  if (extended !== 'nonwestern') return extended;
  const years = asNumber(answers.years_in_nl);
  const registeredStatusHolder = register?.statusHolder === true;
  const recentRefugee = answers.came_as_refugee === true && years !== null && years < 10;
  return registeredStatusHolder || recentRefugee ? 'nonwestern_newcomer' : 'nonwestern_settled';
}
