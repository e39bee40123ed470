import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, registerData, responses } from '../db/schema.ts';
import * as pgSchema from '../db/schema.pg.ts';
import { newResponseId } from '../responses/response-id.ts';

/**
 * A synthetic EAA panel with known truth: participants built from classification scenarios whose
 * migration variables are known by construction, answers drawn with a seeded PRNG, written
 * straight into the database. The demo fills its panel with one; the tests compare the report and
 * the exports with the truth it returns.
 */

export const waveCodes = ['T0', 'T1', 'T2'] as const;
export type WaveCode = (typeof waveCodes)[number];

type Rule = 'none' | 'western' | 'nonwestern' | 'unknown';
type Group = 'none' | 'western' | 'nonwestern_newcomer' | 'nonwestern_settled' | 'unknown';

export interface TruthRegister {
  diagnosisAdvice: 'short' | 'long' | null;
  statusHolder: boolean | null;
  nationality: string | null;
  ageBand: '18-26' | '27-40' | '41-54' | '55-67' | null;
}

export interface TruthParticipant {
  pseudonym: string;
  scenario: string;
  register: TruthRegister | null;
  /** Answers per wave the participant responded to. */
  waves: Partial<Record<WaveCode, Record<string, unknown>>>;
  completed: Partial<Record<WaveCode, boolean>>;
  migrationCbs: Rule;
  migrationExtended: Rule;
  migrationGroup: Group;
}

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scenario {
  name: string;
  background: (pick: <T>(list: readonly T[]) => T) => Record<string, unknown>;
  statusHolder: boolean | null;
  nationality: string | null;
  cbs: Rule;
  extended: Rule;
  group: Group;
}

const nonWestern = ['MA', 'TR', 'SR', 'SY', 'ER', 'SO', 'AF', 'IQ', 'CW'] as const;
const western = ['PL', 'DE', 'BE', 'ID', 'JP', 'US', 'GB'] as const;

const scenarios: Scenario[] = [
  { name: 'native', background: () => ({ birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL'] }), statusHolder: false, nationality: 'NL', cbs: 'none', extended: 'none', group: 'none' },
  { name: 'second generation, non-western mother', background: (p) => ({ birth_country: 'NL', mother_birth_country: p(nonWestern), father_birth_country: 'NL', cultural_background: ['NL', 'MA'] }), statusHolder: false, nationality: 'NL', cbs: 'nonwestern', extended: 'nonwestern', group: 'nonwestern_settled' },
  { name: 'hidden link through cultural background', background: (p) => ({ birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL', p(nonWestern)] }), statusHolder: false, nationality: 'NL', cbs: 'none', extended: 'nonwestern', group: 'nonwestern_settled' },
  { name: 'hidden link through nationality', background: () => ({ birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL'] }), statusHolder: null, nationality: 'SO', cbs: 'none', extended: 'nonwestern', group: 'nonwestern_settled' },
  { name: 'western migrant', background: (p) => { const c = p(western); return { birth_country: c, mother_birth_country: c, father_birth_country: c, cultural_background: ['PL'], years_in_nl: 12, came_as_refugee: false }; }, statusHolder: false, nationality: 'PL', cbs: 'western', extended: 'western', group: 'western' },
  { name: 'western by a parent', background: (p) => ({ birth_country: 'NL', mother_birth_country: p(western), father_birth_country: 'NL', cultural_background: ['NL'] }), statusHolder: false, nationality: 'NL', cbs: 'western', extended: 'western', group: 'western' },
  { name: 'registered status holder', background: (p) => ({ birth_country: p(nonWestern), mother_birth_country: 'unknown', father_birth_country: 'unknown', cultural_background: ['SY'], years_in_nl: 15, came_as_refugee: false }), statusHolder: true, nationality: 'SY', cbs: 'nonwestern', extended: 'nonwestern', group: 'nonwestern_newcomer' },
  { name: 'self-reported recent refugee', background: () => ({ birth_country: 'ER', mother_birth_country: 'ER', father_birth_country: 'ER', cultural_background: ['ER'], years_in_nl: 4, came_as_refugee: true }), statusHolder: null, nationality: null, cbs: 'nonwestern', extended: 'nonwestern', group: 'nonwestern_newcomer' },
  { name: 'settled migrant', background: () => ({ birth_country: 'TR', mother_birth_country: 'TR', father_birth_country: 'TR', cultural_background: ['TR'], years_in_nl: 30, came_as_refugee: false }), statusHolder: false, nationality: 'NL', cbs: 'nonwestern', extended: 'nonwestern', group: 'nonwestern_settled' },
  { name: 'unknown background', background: () => ({ birth_country: 'unknown' }), statusHolder: null, nationality: null, cbs: 'unknown', extended: 'unknown', group: 'unknown' },
];

/** A wave of the study the panel answers, as stored. */
export interface SyntheticWave {
  id: number;
  code: WaveCode;
  surveyId: string;
  surveyVersion: number;
  opensAt: Date;
}

export interface SyntheticPanelOptions {
  studyId: string;
  /** The study's waves T0, T1 and T2. */
  waves: SyntheticWave[];
  participants: number;
  seed: number;
  /** The pseudonym of the n-th participant (from 0). */
  pseudonym: (n: number) => string;
  /** When the participants were made; their register data is imported a day later. */
  createdAt: Date;
  /** Chance of responding at T1 and at T2. */
  response?: { T1: number; T2: number };
  /** Every participant has a register row with a diagnosis advice (otherwise about half of those the scenario leaves open). */
  completeRegister?: boolean;
  /** Some `other` texts are spreadsheet formulas, for the exports' escaping; not in the demo. */
  formulaTexts?: boolean;
}

const day = 24 * 60 * 60 * 1000;

/** One synthetic participant's rows, before the participant has an id. */
interface SyntheticRows {
  participant: typeof participants.$inferInsert;
  register: Omit<typeof registerData.$inferInsert, 'participantId'> | null;
  responses: Omit<typeof responses.$inferInsert, 'participantId'>[];
}

/**
 * The participants, their register data and their responses (into waves that exist), with the
 * truth they were drawn from. Responses start in the wave's first three weeks; 95% complete.
 */
function syntheticPanel({
  studyId,
  waves,
  participants: count,
  seed,
  pseudonym: pseudonymOf,
  createdAt,
  response = { T1: 0.8, T2: 0.7 },
  completeRegister = false,
  formulaTexts = false,
}: SyntheticPanelOptions): { truth: TruthParticipant[]; rows: SyntheticRows[] } {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const truth: TruthParticipant[] = [];
  const rows: SyntheticRows[] = [];
  const waveOf = new Map(waves.map((w) => [w.code, w]));

  for (let n = 0; n < count; n++) {
    const scenario = scenarios[n % scenarios.length]!;
    const pseudonym = pseudonymOf(n);
    // Nobody signs in as a synthetic participant: its token hash is random, not the hash of a token.
    const written: SyntheticRows = { participant: { studyId, pseudonym, tokenHash: randomBytes(16).toString('hex'), createdAt }, register: null, responses: [] };
    rows.push(written);
    const hasRegister = scenario.statusHolder !== null || scenario.nationality !== null || chance(0.5) || completeRegister;
    const register: TruthRegister | null = hasRegister
      ? { diagnosisAdvice: pick(['short', 'long'] as const), statusHolder: scenario.statusHolder, nationality: scenario.nationality, ageBand: pick(['18-26', '27-40', '41-54', '55-67'] as const) }
      : null;
    if (register) {
      const values = { diagnosis_advice: register.diagnosisAdvice, status_holder: register.statusHolder, nationality: register.nationality, age_band: register.ageBand };
      written.register = { values: JSON.stringify(values), importedAt: new Date(createdAt.getTime() + day) };
    }

    const background = scenario.background(pick);
    const lateBackground = chance(0.1);
    const record: TruthParticipant = { pseudonym, scenario: scenario.name, register, waves: {}, completed: {}, migrationCbs: scenario.cbs, migrationExtended: scenario.extended, migrationGroup: scenario.group };
    for (const code of waveCodes) {
      if (code !== 'T0' && !chance(response[code])) continue;
      const wave = waveOf.get(code)!;
      const answers: Record<string, unknown> = { consent: true, ...waveAnswers(random, pick, chance, formulaTexts) };
      const backgroundHere = lateBackground ? code === 'T1' : code === 'T0';
      if (backgroundHere) Object.assign(answers, background, { gender: pick(['woman', 'man', 'other', 'no_answer']), education: pick(['primary', 'vocational', 'higher', 'abroad_unknown']) });
      const completed = chance(0.95);
      const start = new Date(wave.opensAt.getTime() + (1 + (n % 20)) * day + 9 * 60 * 60_000 + (n % 60) * 60_000);
      written.responses.push({
        id: newResponseId(start),
        studyId,
        waveId: wave.id,
        surveyId: wave.surveyId,
        surveyVersion: wave.surveyVersion,
        locale: pick(['nl', 'en', 'ar', 'tr', 'ti']),
        channel: pick(['web', 'kiosk']),
        answers: JSON.stringify(answers),
        startedAt: start,
        updatedAt: start,
        completedAt: completed ? new Date(start.getTime() + 15 * 60_000) : null,
      });
      record.waves[code] = answers;
      record.completed[code] = completed;
    }
    // A late background only counts when the participant answered T1.
    if (lateBackground && !record.waves.T1) {
      Object.assign(record, { migrationCbs: 'unknown', migrationExtended: scenario.nationality && scenario.nationality !== 'NL' ? 'nonwestern' : 'unknown' });
      record.migrationGroup = record.migrationExtended === 'nonwestern' ? (scenario.statusHolder ? 'nonwestern_newcomer' : 'nonwestern_settled') : 'unknown';
    }
    truth.push(record);
  }
  return { truth, rows };
}

/** Writes a synthetic panel into a SQLite database; the caller holds the transaction. */
export function writeSyntheticPanel(db: Db, options: SyntheticPanelOptions): TruthParticipant[] {
  const { truth, rows } = syntheticPanel(options);
  for (const row of rows) {
    const { id: participantId } = db.insert(participants).values(row.participant).returning().get();
    if (row.register) db.insert(registerData).values({ ...row.register, participantId }).run();
    for (const r of row.responses) db.insert(responses).values({ ...r, participantId }).run();
  }
  return truth;
}

/** Rows per INSERT on PostgreSQL, well under its 65,535 parameters per statement. */
const pgBatch = 1000;

async function writeSyntheticPanelPg(db: PgDb, options: SyntheticPanelOptions): Promise<TruthParticipant[]> {
  const { truth, rows } = syntheticPanel(options);
  await db.transaction(async (tx) => {
    const idOf = new Map<string, number>();
    for (let i = 0; i < rows.length; i += pgBatch) {
      const made = await tx.insert(pgSchema.participants).values(rows.slice(i, i + pgBatch).map((row) => row.participant)).returning({ id: pgSchema.participants.id, pseudonym: pgSchema.participants.pseudonym });
      for (const p of made) idOf.set(p.pseudonym, p.id);
    }
    const owned = <T>(pick: (row: SyntheticRows) => T[]) => rows.flatMap((row) => pick(row).map((values) => ({ ...values, participantId: idOf.get(row.participant.pseudonym)! })));
    const registers = owned((row) => (row.register ? [row.register] : []));
    const answered = owned((row) => row.responses);
    for (let i = 0; i < registers.length; i += pgBatch) await tx.insert(pgSchema.registerData).values(registers.slice(i, i + pgBatch));
    for (let i = 0; i < answered.length; i += pgBatch) await tx.insert(pgSchema.responses).values(answered.slice(i, i + pgBatch));
  });
  return truth;
}

/** Writes a synthetic panel into either database, in one transaction. */
export async function writeSyntheticPanelInto(database: Database, options: SyntheticPanelOptions): Promise<TruthParticipant[]> {
  if (database.dialect === 'postgres') return writeSyntheticPanelPg(database.db, options);
  const { db } = database;
  return db.transaction(() => writeSyntheticPanel(db, options));
}

function waveAnswers(random: () => number, pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean, formulaTexts: boolean): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    health: 1 + Math.floor(random() * 10),
    enough_contacts: pick(['yes', 'no', 'dont_know']),
    participation_difficulty: pick(['very_difficult', 'bit_difficult', 'bit_easy', 'very_easy']),
    paid_work: chance(0.3),
    receives_benefit: chance(0.7),
    job_search_hours: Math.floor(random() * 30),
    job_chance: pick(['very_small', 'small', 'large', 'very_large', 'dont_know']),
    cv_updated: chance(0.5),
    temp_agency: chance(0.3),
    society_considers_unemployed: pick(['agree', 'neutral', 'disagree', 'dont_know']),
    society_helps_low_literacy: pick(['agree', 'neutral', 'disagree', 'dont_know']),
    letters_understood: pick(['always', 'mostly', 'sometimes', 'never']),
    letters_distress: pick(['always', 'mostly', 'sometimes', 'never']),
  };
  if (answers.participation_difficulty === 'very_difficult' || answers.participation_difficulty === 'bit_difficult') {
    answers.participation_barriers = ['language', 'money', 'transport', 'other'].filter(() => chance(0.4));
  }
  const grounds = ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other'].filter(() => chance(0.2));
  answers.discrimination_grounds = grounds.length > 0 ? grounds : ['none'];
  const activities = ['coaching', 'training', 'language_course', 'work_experience', 'volunteering', 'application_training'].filter(() => chance(0.3));
  answers.eaa_activities = activities.length > 0 ? activities : ['none'];
  const rows = ['finances', 'agencies', 'information', 'ask_help', 'daily_plan'].filter(() => chance(0.9));
  answers.self_reliance = Object.fromEntries(rows.map((row) => [row, 1 + Math.floor(random() * 4)]));
  // Drawn either way, so that a seed gives the same panel with or without formula texts.
  if (chance(0.05) && formulaTexts) answers['cultural_background-Comment'] = '=HYPERLINK("x")';
  if (chance(0.1)) delete answers.health;
  return answers;
}
