import { variableNameProblem } from '../surveys/variable-names.ts';
import { columnsOf, type Catalogue, type Column, type Lang, type Layout, type Variable } from './variables.ts';

/**
 * SPSS syntax (also run by GNU PSPP) that reads the standard CSV export (comma separated, UTF-8)
 * with variable labels, value labels and missing values. Text categories are read as strings and
 * recoded into the numeric codes of the codebook, so value labels work in SPSS and in Stata.
 */

/**
 * A string literal of the syntax: quotes doubled, and control characters (a line break would end
 * the literal and let the rest of a label run as a command) replaced by spaces. Variable names
 * cannot be quoted in SPSS syntax; they are checked instead (`unusableColumnNames`).
 */
export const quote = (text: string) => `'${text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replaceAll("'", "''")}'`;

/**
 * Columns whose names SPSS or R could not take as a variable name, with the reason; the syntax
 * and the `.sav` are refused while there are any (names are checked when a definition is
 * published, so only data of an older, unchecked definition can have them).
 */
export function unusableColumnNames(catalogue: Catalogue, layout: Layout): string[] {
  return columnsOf(catalogue, layout).flatMap((column) => {
    const problem = variableNameProblem(column.name);
    return problem ? [`${JSON.stringify(column.name)} ${problem}`] : [];
  });
}

/** Cuts a label to a byte length SPSS accepts, without splitting a character. */
export function fitBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

const recoded = (v: Variable) => v.kind === 'categorical' || v.kind === 'country';
const hasNumericValues = (v: Variable) => v.values.every((x) => typeof x.value === 'number');

function inputFormat(column: Column): string {
  const v = column.variable;
  switch (v.kind) {
    case 'numeric':
      return `F8.${v.decimals ?? 0}`;
    case 'binary':
      return 'F1.0';
    case 'datetime':
      return 'YMDHMS19';
    case 'country':
      return 'A8';
    case 'categorical':
      if (hasNumericValues(v) && v.values.length > 0) return 'F8.0';
      return `A${Math.max(8, ...v.values.map((x) => Buffer.byteLength(String(x.value))))}`;
    case 'text':
      return v.name === 'pseudonym' || v.origin === 'response' ? 'A64' : 'A2000';
  }
}

export interface SpssOptions {
  /** The CSV file the syntax reads, as it should appear in FILE=. */
  dataFile: string;
  lang?: Lang;
  /** When set, the syntax ends by saving a `.sav` there. */
  saveAs?: string;
}

export function* spssSyntax(catalogue: Catalogue, layout: Layout, { dataFile, lang = 'nl', saveAs }: SpssOptions): Generator<string> {
  const columns = columnsOf(catalogue, layout);
  yield `* Wavepanel: reads the ${layout} CSV export (comma separated, UTF-8) with labels.\n`;
  yield `* Set FILE= to where the CSV is. See the codebook for every variable.\n\n`;
  yield `GET DATA /TYPE=TXT /FILE=${quote(dataFile)} /ENCODING='UTF8'\n  /DELIMITERS="," /QUALIFIER='"' /ARRANGEMENT=DELIMITED /FIRSTCASE=2\n  /VARIABLES=\n`;
  for (const column of columns) yield `    ${column.name} ${inputFormat(column)}\n`;
  yield '.\n\n';

  const toRecode = columns.filter((c) => recoded(c.variable) && inputFormat(c).startsWith('A'));
  for (const [i, column] of toRecode.entries()) {
    yield `RECODE ${column.name}\n`;
    for (const v of column.variable.values) yield `  (${quote(String(v.value))}=${v.code})\n`;
    yield `  (ELSE=SYSMIS) INTO wp_recode_${i + 1}.\n`;
  }
  if (toRecode.length > 0) {
    yield `DELETE VARIABLES ${toRecode.map((c) => c.name).join(' ')}.\n`;
    yield `RENAME VARIABLES ${toRecode.map((c, i) => `(wp_recode_${i + 1}=${c.name})`).join(' ')}.\n`;
    yield `MATCH FILES /FILE=* /KEEP=${columns.map((c) => c.name).join(' ')}.\n`;
    yield `FORMATS ${toRecode.map((c) => `${c.name} (F${c.variable.kind === 'country' ? 3 : 2}.0)`).join(' ')}.\n\n`;
  }

  yield 'VARIABLE LABELS\n';
  yield columns.map((c) => `  ${c.name} ${quote(fitBytes(`${c.wave ? `${c.wave}: ` : ''}${c.variable.label[lang]}`, 250))}`).join('\n  /');
  yield '.\n\n';

  const labelled = columns.filter((c) => c.variable.values.length > 0);
  if (labelled.length > 0) {
    yield 'VALUE LABELS\n';
    yield labelled
      .map((c) => `  ${c.name}\n${c.variable.values.map((v) => `    ${v.code} ${quote(fitBytes(v.label[lang], 120))}`).join('\n')}`)
      .join('\n  /');
    yield '.\n\n';
  }

  const withMissing = columns.filter((c) => c.variable.values.some((v) => v.missing));
  for (const c of withMissing) {
    const codes = c.variable.values.filter((v) => v.missing).map((v) => v.code).slice(0, 3);
    yield `MISSING VALUES ${c.name} (${codes.join(', ')}).\n`;
  }

  const nominal = columns.filter((c) => ['binary', 'categorical', 'country'].includes(c.variable.kind));
  const ordinal = columns.filter((c) => c.variable.kind === 'numeric' && c.variable.values.length > 0);
  if (nominal.length > 0) yield `VARIABLE LEVEL ${nominal.map((c) => c.name).join(' ')} (NOMINAL).\n`;
  if (ordinal.length > 0) yield `VARIABLE LEVEL ${ordinal.map((c) => c.name).join(' ')} (ORDINAL).\n`;
  yield 'EXECUTE.\n';
  if (saveAs) yield `SAVE OUTFILE=${quote(saveAs)}.\n`;
}
