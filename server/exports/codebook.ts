import { csvLine, standardDialect } from '../shared/csv.ts';
import { columnsOf, type Catalogue, type Column, type Kind, type Layout, type Variable } from './variables.ts';

/**
 * The codebook: every column of one export layout and nothing else, with its question text in
 * Dutch and English, type, values with labels and SPSS codes, the waves and survey versions it
 * appears in, and how derived variables are derived.
 */

const kindText: Record<Kind, string> = {
  numeric: 'number',
  binary: '0/1',
  categorical: 'category (text value; numeric code in SPSS)',
  country: 'country (ISO 3166-1 alpha-2; ISO numeric code in SPSS)',
  text: 'text',
  datetime: 'date and time, UTC (yyyy-mm-dd hh:mm:ss)',
};

/** The note on coding, naming the values this catalogue declares missing. */
export function codingNote(catalogue: Catalogue): string {
  const missing = [...new Set(catalogue.variables.flatMap((v) => (v.kind === 'country' ? [] : v.values.filter((x) => x.missing).map((x) => String(x.value)))))].sort();
  return [
  'The CSV holds answer values as text (for example `woman`, `MA`), so that it reads the same in Excel, R and SPSS.',
  'The SPSS syntax recodes every category into the numeric code listed here and attaches the value labels; countries get their ISO 3166-1 numeric code (Kosovo 900, `unknown` 999).',
  'Yes/no answers and ticked checkbox values are 1/0. An empty cell is a question not asked or not answered; a checkbox column is empty when nothing of that question was ticked.',
    missing.length > 0 ? `Values marked missing (${missing.map((m) => `\`${m}\``).join(', ')}) are declared MISSING VALUES in SPSS.` : 'No answer values are declared missing.',
    'Text answers starting with = + - @ get a leading apostrophe so a spreadsheet shows them as text; line breaks in text answers are written as spaces.',
  ].join(' ');
}

function appearsIn(column: Column): string {
  const refs = column.variable.appearsIn.filter((r) => column.wave === null || r.wave === column.wave);
  return refs.map((r) => `${r.wave}: ${r.surveyId} v${r.version}`).join('; ');
}

function waveOf(column: Column, catalogue: Catalogue, layout: Layout): string {
  if (column.wave) return column.wave;
  if (column.variable.origin === 'answer') return [...new Set(column.variable.appearsIn.map((r) => r.wave))].join(', ');
  if (layout === 'long' && column.variable.perWave) return catalogue.waves.join(', ');
  return 'per participant';
}

function valuesText(variable: Variable): string {
  if (variable.kind === 'country') return 'ISO 3166-1 alpha-2 code, or unknown (999, missing); value labels hold the country names';
  return variable.values
    .map((v) => `${v.value === v.code ? v.code : `${v.value} = ${v.code}`}: ${v.label.nl} / ${v.label.en}${v.missing ? ' (missing)' : ''}`)
    .join('; ');
}

interface CodebookRow {
  column: string;
  wave: string;
  type: string;
  label_nl: string;
  label_en: string;
  values: string;
  appears_in: string;
  derivation: string;
}

export function codebookRows(catalogue: Catalogue, layout: Layout): CodebookRow[] {
  return columnsOf(catalogue, layout).map((column) => ({
    column: column.name,
    wave: waveOf(column, catalogue, layout),
    type: kindText[column.variable.kind],
    label_nl: column.variable.label.nl,
    label_en: column.variable.label.en,
    values: valuesText(column.variable),
    appears_in: appearsIn(column),
    derivation: column.variable.derivation ?? '',
  }));
}

export function* codebookCsv(catalogue: Catalogue, layout: Layout): Generator<string> {
  const rows = codebookRows(catalogue, layout);
  const names = ['column', 'wave', 'type', 'label_nl', 'label_en', 'values', 'appears_in', 'derivation'] as const;
  yield csvLine([...names], standardDialect);
  for (const row of rows) yield csvLine(names.map((n) => row[n]), standardDialect);
}

const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|');

export function* codebookMarkdown(catalogue: Catalogue, layout: Layout, studyName: string): Generator<string> {
  yield `# Codebook: ${studyName} (${layout} export)\n\n`;
  yield `${layout === 'wide' ? 'One row per participant; columns of a wave start with its code (`t0_`, `t1_`, ...).' : 'One row per response.'} `;
  yield `Waves: ${catalogue.waves.join(', ')}. Survey versions: ${catalogue.surveys.map((s) => `${s.wave} ${s.surveyId} v${s.version}`).join('; ')}.\n\n`;
  yield `${codingNote(catalogue)}\n\n`;
  yield '| column | wave | type | question (nl) | question (en) | values | appears in | derivation |\n';
  yield '|---|---|---|---|---|---|---|---|\n';
  for (const row of codebookRows(catalogue, layout)) {
    yield `| ${[row.column, row.wave, row.type, row.label_nl, row.label_en, row.values, row.appears_in, row.derivation].map(cell).join(' | ')} |\n`;
  }
}
