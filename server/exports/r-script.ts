import { columnsOf, type Catalogue, type Lang, type Layout } from './variables.ts';

/**
 * An R script that reads the standard CSV export with the right column types, categories as
 * labelled factors (levels in the codebook's code order), times as UTC date-times, 0/1 and numeric columns as numbers
 * with their value labels as a `labels` attribute, and every question text as a `label`
 * attribute (the convention of the haven and labelled packages). Values the study declares
 * missing become NA, as SPSS leaves them out of valid percentages; the declared value each row had
 * stays in the attribute `na_codes`, and the declared values are listed in `na_values`.
 */

/** An R string literal: JSON's escaping is R's too, once control characters (R refuses `\\u0000`) are spaces. */
const rString = (text: string) => JSON.stringify(text.replace(/[\p{Cc}]/gu, ' '));

export function* rScript(catalogue: Catalogue, layout: Layout, { dataFile, lang = 'nl' }: { dataFile: string; lang?: Lang }): Generator<string> {
  const columns = columnsOf(catalogue, layout);
  const colClass = (kind: string) => (kind === 'numeric' || kind === 'binary' ? 'numeric' : 'character');
  yield `# Wavepanel: reads the ${layout} CSV export (comma separated, UTF-8) with labels.\n`;
  yield `# Set the file name to where the CSV is. See the codebook for every variable.\n\n`;
  yield `data <- read.csv(${rString(dataFile)}, fileEncoding = "UTF-8", na.strings = "", check.names = FALSE,\n`;
  yield `  colClasses = c(\n${columns.map((c) => `    ${rString(c.name)} = ${rString(colClass(c.variable.kind))}`).join(',\n')}\n  ))\n\n`;
  const literal = (value: string | number) => (typeof value === 'number' ? String(value) : rString(value));
  for (const column of columns) {
    const v = column.variable;
    const name = `data[[${rString(column.name)}]]`;
    const missing = v.values.filter((x) => x.missing);
    if (missing.length > 0) {
      // Declared missing values become NA, as SPSS leaves them out; which one each was stays in the attribute `na_codes`.
      yield `wp_codes <- ifelse(${name} %in% c(${missing.map((x) => literal(x.value)).join(', ')}), ${name}, NA)\n`;
      yield `${name}[!is.na(wp_codes)] <- NA\n`;
    }
    const kept = v.values.filter((x) => !x.missing);
    if ((v.kind === 'categorical' || v.kind === 'country') && v.values.length > 0) {
      const levels = kept.map((x) => literal(x.value)).join(', ');
      const labels = kept.map((x) => rString(x.label[lang])).join(', ');
      yield `${name} <- factor(${name}, levels = c(${levels}), labels = c(${labels}))\n`;
    } else if (v.kind === 'datetime') {
      yield `${name} <- as.POSIXct(${name}, tz = "UTC", format = "%Y-%m-%d %H:%M:%S")\n`;
    } else if (v.values.length > 0) {
      yield `attr(${name}, "labels") <- c(${v.values.map((x) => `${rString(x.label[lang])} = ${x.code}`).join(', ')})\n`;
    }
    if (missing.length > 0) {
      yield `attr(${name}, "na_codes") <- wp_codes\n`;
      yield `attr(${name}, "na_values") <- c(${missing.map((x) => literal(x.value)).join(', ')})\n`;
    }
    yield `attr(${name}, "label") <- ${rString(`${column.wave ? `${column.wave}: ` : ''}${v.label[lang]}`)}\n`;
  }
}
