import type { Cell } from '../exports/variables.ts';

/**
 * CSV cells, RFC 4180 style. Text that a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so it shows as text. A
 * reader may split on another separator than the file was written with (Excel in Dutch splits a
 * comma file on semicolons, and the other way round), so every place inside the text where such a
 * reader would start a cell is neutralised too, whichever separator it uses. Line breaks inside
 * text become spaces, so that every row is one line (SPSS's GET DATA needs that).
 */

export interface CsvDialect {
  separator: ',' | ';';
  decimalComma: boolean;
}

export const standardDialect: CsvDialect = { separator: ',', decimalComma: false };
/** Excel in a Dutch locale: semicolons and decimal commas (and a byte order mark on the file). */
export const excelNlDialect: CsvDialect = { separator: ';', decimalComma: true };
export const byteOrderMark = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;
/** A separator any reader might split on (comma, semicolon, tab), then what would start a formula, behind spaces or an opening quote. */
const formulaAfterSeparator = /([,;\t])(?=[ "]*[=+\-@\t\r])/g;

export function neutralizeFormula(text: string): string {
  const inside = text.replace(formulaAfterSeparator, "$1'");
  return formulaStart.test(inside) ? `'${inside}` : inside;
}

export function formatCell(cell: Cell, dialect: CsvDialect): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    const text = String(Number.isInteger(cell) ? cell : Math.round(cell * 1e6) / 1e6);
    return dialect.decimalComma ? text.replace('.', ',') : text;
  }
  const text = neutralizeFormula(cell.replace(/\r\n|[\r\n]/g, ' '));
  return text.includes(dialect.separator) || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[], dialect: CsvDialect): string {
  return `${cells.map((c) => formatCell(c, dialect)).join(dialect.separator)}\r\n`;
}
