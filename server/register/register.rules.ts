import { parse } from 'csv-parse/sync';
import { countryCode } from '../classification/countries.ts';

import type { RegisterRecord } from '../classification/derived-variables.ts';
import type { RegisterColumn } from '../studies/study-definition.ts';

/**
 * The municipality's register file: one row per pseudonym with the columns the study definition
 * declares (a category from its values, true/false, an ISO alpha-2 country, a number, or text).
 * Pure rules: the file's text, the declared columns and the study's pseudonyms in, rows or
 * line-numbered problems out. An empty cell means "not known" and is stored as such.
 */

export interface RegisterRow {
  line: number;
  pseudonym: string;
  participantId: number;
  values: RegisterRecord;
}

/**
 * What can be wrong with a register file, each with its English text (for the command line and
 * API clients); the workspace shows the same problem in its own language by `code` and `params`.
 */
const problemTexts = {
  no_columns: () => 'This study declares no register columns, so it takes no register data.',
  not_csv: (p: { detail: string }) => `The file is not valid CSV: ${p.detail}`,
  empty_file: () => 'The file is empty.',
  missing_columns: (p: { columns: string }) => `Missing column(s): ${p.columns}.`,
  unknown_columns: (p: { columns: string; allowed: string }) => `Unknown column(s): ${p.columns}. Only ${p.allowed} may be imported.`,
  repeated_column: () => 'A column appears twice.',
  no_rows: () => 'The file has no rows.',
  field_count: (p: { expected: number; found: number }) => `Expected ${p.expected} fields, found ${p.found}.`,
  empty_pseudonym: () => 'the pseudonym is empty',
  unknown_pseudonym: (p: { pseudonym: string }) => `unknown pseudonym ${p.pseudonym}`,
  withdrawn: (p: { pseudonym: string }) => `${p.pseudonym} has withdrawn`,
  repeated_pseudonym: (p: { pseudonym: string; firstLine: number }) => `${p.pseudonym} appears again (first on line ${p.firstLine})`,
  not_a_value: (p: { column: string; values: string; raw: string }) => `${p.column} must be one of these values: ${p.values}; not "${p.raw}"`,
  not_boolean: (p: { column: string; raw: string }) => `${p.column} must be true or false, not "${p.raw}"`,
  not_a_country: (p: { column: string; raw: string }) => `${p.column} must be an ISO 3166-1 alpha-2 code, not "${p.raw}"`,
  not_a_number: (p: { column: string; raw: string }) => `${p.column} must be a number, not "${p.raw}"`,
};

type ProblemTexts = typeof problemTexts;
export type RegisterProblemCode = keyof ProblemTexts;
export const registerProblemCodes = Object.keys(problemTexts) as RegisterProblemCode[];

/** One thing wrong with the file: several on one line when a row has several. */
export interface RegisterProblem {
  line: number;
  code: RegisterProblemCode;
  params: Record<string, string | number>;
  message: string;
}

/** A cell's problem, before it has a line. */
type CellProblem = Omit<RegisterProblem, 'line'>;

function problem<C extends RegisterProblemCode>(code: C, ...params: Parameters<ProblemTexts[C]>): CellProblem {
  const given: Record<string, string | number> = params[0] ?? {};
  return { code, params: given, message: (problemTexts[code] as (p: Record<string, string | number>) => string)(given) };
}

const at = (line: number, found: CellProblem): RegisterProblem => ({ line, ...found });

export interface KnownParticipant {
  id: number;
  status: 'active' | 'withdrawn';
}

const truthy = new Set(['true', '1', 'ja', 'yes', 'j', 'y']);
const falsy = new Set(['false', '0', 'nee', 'no', 'n']);

function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/** One cell read as its column declares: the value, or why it cannot be. Empty is "not known". */
export function readRegisterCell(column: RegisterColumn, raw: string): { value: string | number | boolean | null } | { problem: CellProblem } {
  if (raw === '') return { value: null };
  switch (column.type) {
    case 'category': {
      const values = (column.values ?? []).map((v) => v.value);
      const found = values.find((v) => String(v).toLowerCase() === raw.toLowerCase());
      return found === undefined ? { problem: problem('not_a_value', { column: column.name, values: values.join(', '), raw }) } : { value: found };
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (truthy.has(lower)) return { value: true };
      if (falsy.has(lower)) return { value: false };
      return { problem: problem('not_boolean', { column: column.name, raw }) };
    }
    case 'country': {
      const code = countryCode(raw);
      return code ? { value: code } : { problem: problem('not_a_country', { column: column.name, raw }) };
    }
    case 'number':
      return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { problem: problem('not_a_number', { column: column.name, raw }) };
    case 'text':
      return { value: raw };
  }
}

export function checkRegisterFile(text: string, known: ReadonlyMap<string, KnownParticipant>, declared: readonly RegisterColumn[]): { rows: RegisterRow[]; problems: RegisterProblem[] } {
  if (declared.length === 0) return { rows: [], problems: [at(1, problem('no_columns'))] };
  const registerColumns = ['pseudonym', ...declared.map((c) => c.name)];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [at(line, problem('not_csv', { detail: (error as Error).message }))] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], problems: [at(1, problem('empty_file'))] };
  const header = head.record.map((h) => h.toLowerCase());
  const problems: RegisterProblem[] = [];
  const missing = registerColumns.filter((c) => !header.includes(c));
  const extra = header.filter((h) => !registerColumns.includes(h));
  if (missing.length) problems.push(at(1, problem('missing_columns', { columns: missing.join(', ') })));
  if (extra.length) problems.push(at(1, problem('unknown_columns', { columns: extra.join(', '), allowed: registerColumns.join(', ') })));
  if (new Set(header).size !== header.length) problems.push(at(1, problem('repeated_column')));
  if (problems.length) return { rows: [], problems };
  const index = new Map(registerColumns.map((c) => [c, header.indexOf(c)]));

  const rows: RegisterRow[] = [];
  const seen = new Map<string, number>();
  if (body.length === 0) problems.push(at(1, problem('no_rows')));
  for (const { record, info } of body) {
    const line = info.lines;
    const rowProblems: CellProblem[] = [];
    if (record.length !== header.length) {
      problems.push(at(line, problem('field_count', { expected: header.length, found: record.length })));
      continue;
    }
    const cell = (c: string) => record[index.get(c)!] ?? '';
    const pseudonym = cell('pseudonym');
    const participant = known.get(pseudonym);
    if (!pseudonym) rowProblems.push(problem('empty_pseudonym'));
    else if (!participant) rowProblems.push(problem('unknown_pseudonym', { pseudonym }));
    else if (participant.status === 'withdrawn') rowProblems.push(problem('withdrawn', { pseudonym }));
    if (pseudonym && seen.has(pseudonym)) rowProblems.push(problem('repeated_pseudonym', { pseudonym, firstLine: seen.get(pseudonym)! }));
    else if (pseudonym) seen.set(pseudonym, line);

    const values: RegisterRecord = {};
    for (const column of declared) {
      const read = readRegisterCell(column, cell(column.name));
      if ('problem' in read) rowProblems.push(read.problem);
      else values[column.name] = read.value;
    }

    if (rowProblems.length) {
      problems.push(...rowProblems.map((found) => at(line, found)));
      continue;
    }
    rows.push({
      line,
      pseudonym,
      participantId: participant!.id,
      values,
    });
  }
  return { rows: problems.length ? [] : rows, problems };
}
