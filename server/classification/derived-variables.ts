import { countryCode, countryOrigin, type Origin } from './countries.ts';

/**
 * The derived variables of instrument.md, as pure functions of a response's answers (SurveyJS
 * data) and the municipality's register data. Exports and reports call `deriveVariables` only.
 */

export type Answers = Record<string, unknown>;

export interface RegisterRecord {
  diagnosisAdvice: 'short' | 'long' | null;
  statusHolder: boolean | null;
  nationality: string | null;
  ageBand: string | null;
}

export type MigrationCbs = 'none' | Origin | 'unknown';
export type MigrationExtended = MigrationCbs;
export type MigrationGroup = 'none' | 'western' | 'nonwestern_newcomer' | 'nonwestern_settled' | 'unknown';

export const migrationGroups: readonly MigrationGroup[] = ['none', 'western', 'nonwestern_newcomer', 'nonwestern_settled', 'unknown'];
export const migrationRuleValues: readonly MigrationCbs[] = ['none', 'western', 'nonwestern', 'unknown'];

export const selfRelianceRows = ['finances', 'agencies', 'information', 'ask_help', 'daily_plan'] as const;

/** Questions of the background block: asked at T0, and at T1/T2 only when never answered. */
export const backgroundQuestions = [
  'birth_country',
  'mother_birth_country',
  'father_birth_country',
  'cultural_background',
  'years_in_nl',
  'came_as_refugee',
  'gender',
  'education',
] as const;

const homeCountry = 'NL';

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** `outflow_work`: paid work and no benefit. Null when either answer is needed and missing. */
export function outflowWork(answers: Answers): boolean | null {
  const paidWork = answers.paid_work;
  const benefit = answers.receives_benefit;
  if (paidWork === false) return false;
  if (paidWork !== true) return null;
  if (benefit === false) return true;
  if (benefit === true) return false;
  return null;
}

/** `self_reliance_score`: the mean of the five matrix rows (1-4) when at least four are answered. */
export function selfRelianceScore(answers: Answers): number | null {
  const matrix = answers.self_reliance;
  if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) return null;
  const values = selfRelianceRows
    .map((row) => asNumber((matrix as Record<string, unknown>)[row]))
    .filter((v): v is number => v !== null && v >= 1 && v <= 4);
  if (values.length < 4) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
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
export function migrationExtended(answers: Answers, register: Pick<RegisterRecord, 'nationality'> | null): MigrationExtended {
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
 * says they are status holders; when the register says nothing, when they say they came as a
 * refugee less than 10 years ago.
 */
export function migrationGroup(
  extended: MigrationExtended,
  answers: Answers,
  register: Pick<RegisterRecord, 'statusHolder'> | null,
): MigrationGroup {
  if (extended !== 'nonwestern') return extended;
  const statusHolder = register?.statusHolder ?? null;
  if (statusHolder !== null) return statusHolder ? 'nonwestern_newcomer' : 'nonwestern_settled';
  const years = asNumber(answers.years_in_nl);
  return answers.came_as_refugee === true && years !== null && years < 10 ? 'nonwestern_newcomer' : 'nonwestern_settled';
}

/**
 * The background a participant is classified by: per background question, the answer from the
 * latest wave in which it was answered. `waves` are the participant's answers, earliest wave first.
 */
export function latestBackground(waves: readonly Answers[]): Answers {
  const background: Answers = {};
  for (const answers of waves) {
    for (const name of backgroundQuestions) {
      if (isAnswered(answers[name])) background[name] = answers[name];
    }
    if (isAnswered(answers['cultural_background-Comment'])) background['cultural_background-Comment'] = answers['cultural_background-Comment'];
  }
  return background;
}

export interface DerivedVariables {
  outflow_work: boolean | null;
  self_reliance_score: number | null;
  migration_cbs: MigrationCbs;
  migration_extended: MigrationExtended;
  migration_group: MigrationGroup;
}

export const derivedVariableNames = ['outflow_work', 'self_reliance_score', 'migration_cbs', 'migration_extended', 'migration_group'] as const;

/**
 * Every derived variable of one response. `background` is the participant's background across
 * waves (`latestBackground`); for an anonymous response it is the response's own answers.
 */
export function deriveVariables(answers: Answers, register: RegisterRecord | null, background: Answers = answers): DerivedVariables {
  const extended = migrationExtended(background, register);
  return {
    outflow_work: outflowWork(answers),
    self_reliance_score: selfRelianceScore(answers),
    migration_cbs: migrationCbs(background),
    migration_extended: extended,
    migration_group: migrationGroup(extended, background, register),
  };
}
