import { parse } from 'csv-parse/sync';
import { countryCode } from '../classification/countries.ts';

/**
 * The municipality's register file (see instrument.md): one row per pseudonym with
 * `diagnosis_advice` (short|long), `status_holder` (true|false), `nationality` (ISO alpha-2) and
 * `age_band`. Pure rules: the file's text and the study's pseudonyms in, rows or line-numbered
 * problems out. An empty cell means "not known" and is stored as such.
 */

export const registerColumns = ['pseudonym', 'diagnosis_advice', 'status_holder', 'nationality', 'age_band'] as const;
export const ageBands = ['18-26', '27-40', '41-54', '55-67'] as const;

export interface RegisterRow {
  line: number;
  pseudonym: string;
  participantId: number;
  diagnosisAdvice: 'short' | 'long' | null;
  statusHolder: boolean | null;
  nationality: string | null;
  ageBand: (typeof ageBands)[number] | null;
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

export function checkRegisterFile(text: string, known: ReadonlyMap<string, KnownParticipant>): { rows: RegisterRow[]; problems: RegisterProblem[] } {
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
  const extra = header.filter((h) => !(registerColumns as readonly string[]).includes(h));
  if (missing.length) problems.push({ line: 1, message: `Missing column(s): ${missing.join(', ')}.` });
  if (extra.length) problems.push({ line: 1, message: `Unknown column(s): ${extra.join(', ')}. Only ${registerColumns.join(', ')} may be imported.` });
  if (new Set(header).size !== header.length) problems.push({ line: 1, message: 'A column appears twice.' });
  if (problems.length) return { rows: [], problems };
  const index = Object.fromEntries(registerColumns.map((c) => [c, header.indexOf(c)])) as Record<(typeof registerColumns)[number], number>;

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
    const cell = (c: (typeof registerColumns)[number]) => record[index[c]] ?? '';
    const pseudonym = cell('pseudonym');
    const participant = known.get(pseudonym);
    if (!pseudonym) rowProblems.push('the pseudonym is empty');
    else if (!participant) rowProblems.push(`unknown pseudonym ${pseudonym}`);
    else if (participant.status === 'withdrawn') rowProblems.push(`${pseudonym} has withdrawn`);
    if (pseudonym && seen.has(pseudonym)) rowProblems.push(`${pseudonym} appears again (first on line ${seen.get(pseudonym)})`);
    else if (pseudonym) seen.set(pseudonym, line);

    const advice = cell('diagnosis_advice').toLowerCase();
    if (advice && advice !== 'short' && advice !== 'long') rowProblems.push(`diagnosis_advice must be short or long, not "${cell('diagnosis_advice')}"`);
    const holder = cell('status_holder').toLowerCase();
    if (holder && !truthy.has(holder) && !falsy.has(holder)) rowProblems.push(`status_holder must be true or false, not "${cell('status_holder')}"`);
    const nationality = cell('nationality');
    const code = nationality ? countryCode(nationality) : null;
    if (nationality && !code) rowProblems.push(`nationality must be an ISO 3166-1 alpha-2 code, not "${nationality}"`);
    const band = cell('age_band');
    if (band && !(ageBands as readonly string[]).includes(band)) rowProblems.push(`age_band must be one of ${ageBands.join(', ')}, not "${band}"`);

    if (rowProblems.length) {
      problems.push({ line, message: rowProblems.join('; ') });
      continue;
    }
    rows.push({
      line,
      pseudonym,
      participantId: participant!.id,
      diagnosisAdvice: advice ? (advice as 'short' | 'long') : null,
      statusHolder: holder ? truthy.has(holder) : null,
      nationality: code,
      ageBand: band ? (band as RegisterRow['ageBand']) : null,
    });
  }
  return { rows: problems.length ? [] : rows, problems };
}
