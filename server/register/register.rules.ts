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

export interface RegisterProblem {
  line: number;
  message: string;
}

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

const choices = (values: readonly string[]) => (values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`);

/** One cell read as its column declares: the value, or why it cannot be. Empty is "not known". */
export function readRegisterCell(column: RegisterColumn, raw: string): { value: string | number | boolean | null } | { problem: string } {
  if (raw === '') return { value: null };
  switch (column.type) {
    case 'category': {
      const values = (column.values ?? []).map((v) => v.value);
      const found = values.find((v) => String(v).toLowerCase() === raw.toLowerCase());
      return found === undefined ? { problem: `${column.name} must be ${choices(values.map(String))}, not "${raw}"` } : { value: found };
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (truthy.has(lower)) return { value: true };
      if (falsy.has(lower)) return { value: false };
      return { problem: `${column.name} must be true or false, not "${raw}"` };
    }
    case 'country': {
      const code = countryCode(raw);
      return code ? { value: code } : { problem: `${column.name} must be an ISO 3166-1 alpha-2 code, not "${raw}"` };
    }
    case 'number':
      return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { problem: `${column.name} must be a number, not "${raw}"` };
    case 'text':
      return { value: raw };
  }
}

export function checkRegisterFile(text: string, known: ReadonlyMap<string, KnownParticipant>, declared: readonly RegisterColumn[]): { rows: RegisterRow[]; problems: RegisterProblem[] } {
  if (declared.length === 0) return { rows: [], problems: [{ line: 1, message: 'This study declares no register columns, so it takes no register data.' }] };
  const registerColumns = ['pseudonym', ...declared.map((c) => c.name)];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], problems: [{ line: 1, message: 'The file is empty.' }] };
  const header = head.record.map((h) => h.toLowerCase());
  const problems: RegisterProblem[] = [];
  const missing = registerColumns.filter((c) => !header.includes(c));
  const extra = header.filter((h) => !registerColumns.includes(h));
  if (missing.length) problems.push({ line: 1, message: `Missing column(s): ${missing.join(', ')}.` });
  if (extra.length) problems.push({ line: 1, message: `Unknown column(s): ${extra.join(', ')}. Only ${registerColumns.join(', ')} may be imported.` });
  if (new Set(header).size !== header.length) problems.push({ line: 1, message: 'A column appears twice.' });
  if (problems.length) return { rows: [], problems };
  const index = new Map(registerColumns.map((c) => [c, header.indexOf(c)]));

  const rows: RegisterRow[] = [];
  const seen = new Map<string, number>();
  if (body.length === 0) problems.push({ line: 1, message: 'The file has no rows.' });
  for (const { record, info } of body) {
    const line = info.lines;
    const rowProblems: string[] = [];
    if (record.length !== header.length) {
      problems.push({ line, message: `Expected ${header.length} fields, found ${record.length}.` });
      continue;
    }
    const cell = (c: string) => record[index.get(c)!] ?? '';
    const pseudonym = cell('pseudonym');
    const participant = known.get(pseudonym);
    if (!pseudonym) rowProblems.push('the pseudonym is empty');
    else if (!participant) rowProblems.push(`unknown pseudonym ${pseudonym}`);
    else if (participant.status === 'withdrawn') rowProblems.push(`${pseudonym} has withdrawn`);
    if (pseudonym && seen.has(pseudonym)) rowProblems.push(`${pseudonym} appears again (first on line ${seen.get(pseudonym)})`);
    else if (pseudonym) seen.set(pseudonym, line);

    const values: RegisterRecord = {};
    for (const column of declared) {
      const read = readRegisterCell(column, cell(column.name));
      if ('problem' in read) rowProblems.push(read.problem);
      else values[column.name] = read.value;
    }

    if (rowProblems.length) {
      problems.push({ line, message: rowProblems.join('; ') });
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
