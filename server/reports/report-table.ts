import { csvLine, standardDialect } from '../shared/csv.ts';
import { allName, type ReportTexts } from './report-texts.ts';
import { allGroups, type CountCell, type Estimate, type PanelReport } from './report.ts';

/**
 * The report as one flat table for a report writer (CSV, XLSX): a row per published number, with
 * the numbers in their own columns (n, value, the 95% interval, or the range a sensitive value is
 * published as) and `published` saying which: `value`, `range`, `hidden` or `none` (nobody to count).
 */

export const reportColumns = ['section', 'table', 'wave', 'group', 'measure', 'statistic', 'n', 'value', 'ci_lower', 'ci_upper', 'range_lower', 'range_upper', 'published'] as const;

export type ReportRow = Record<(typeof reportColumns)[number], string | number | null>;

const rounded = (x: number | null, decimals: number) => (x === null ? null : Math.round(x * 10 ** decimals) / 10 ** decimals);

function countRow(base: Pick<ReportRow, 'section' | 'table' | 'wave' | 'group' | 'measure'>, c: CountCell): ReportRow {
  return {
    ...base,
    statistic: 'count',
    n: c.value,
    value: c.value,
    ci_lower: null,
    ci_upper: null,
    range_lower: c.range?.[0] ?? null,
    range_upper: c.range?.[1] ?? null,
    published: c.range ? 'range' : c.suppressed ? 'hidden' : 'value',
  };
}

function estimateRow(base: Pick<ReportRow, 'section' | 'table' | 'wave' | 'group' | 'measure'>, statistic: string, e: Estimate, decimals: number): ReportRow {
  return {
    ...base,
    statistic,
    n: e.n,
    value: rounded(e.value, decimals),
    ci_lower: rounded(e.low, decimals),
    ci_upper: rounded(e.high, decimals),
    range_lower: e.range ? Math.floor(e.range[0] * 10) / 10 : null,
    range_upper: e.range ? Math.ceil(e.range[1] * 10) / 10 : null,
    published: e.range ? 'range' : e.suppressed ? 'hidden' : e.value === null ? 'none' : 'value',
  };
}

/** The header row in the language of `texts`; the columns stay in the documented order. */
export const reportHeader = (texts: ReportTexts) => reportColumns.map((c) => texts.t(`reportFile.columns.${c}`));

export function reportRows(report: PanelReport, texts: ReportTexts): ReportRow[] {
  const rows: ReportRow[] = [];
  const groupName = (group: string, leftOut = false) => (group === allGroups ? allName(leftOut, texts) : group);
  for (const t of report.groupings) {
    for (const w of t.waves) {
      for (const cell of [...w.cells, w.total]) {
        const base = { section: 'groups', table: t.title, wave: w.wave, group: groupName(cell.group, t.unknownLeftOut) };
        rows.push(countRow({ ...base, measure: 'N' }, cell.n));
        for (const m of report.measures) {
          const e = (m.statistic === 'mean' ? cell.means : cell.percentages)[m.name]!;
          rows.push(estimateRow({ ...base, measure: m.label }, m.statistic === 'mean' ? 'mean' : 'percent', e, m.decimals));
        }
      }
    }
  }
  for (const m of report.missing) {
    for (const w of m.waves) rows.push(countRow({ section: 'missing', table: texts.t('report.missing'), wave: w.wave, group: allName(false, texts), measure: `${m.label} (${m.values.join(', ')})` }, w.count));
  }
  const c = report.comparison;
  if (c) {
    c.variables.forEach((variable, j) => {
      for (const row of c.rows) rows.push(countRow({ section: 'comparison', table: c.title, wave: '', group: row.value, measure: variable }, row.counts[j as 0 | 1]));
      rows.push(countRow({ section: 'comparison', table: c.title, wave: '', group: texts.t('report.total'), measure: variable }, c.total));
      rows.push(estimateRow({ section: 'comparison', table: c.title, wave: '', group: allName(false, texts), measure: `${variable}: ${c.share.label}` }, 'percent', c.share.estimates[j as 0 | 1], 1));
    });
  }
  const b = report.balancedPanel;
  const balancedWave = `${b.firstWave}-${b.lastWave}`;
  for (const g of [...b.groups, b.total]) {
    const base = { section: 'balanced panel', table: texts.t('reportFile.balancedTable'), wave: balancedWave, group: groupName(g.group) };
    rows.push(countRow({ ...base, measure: 'N' }, g.n));
    for (const m of report.measures) {
      const change = g.changes[m.name]!;
      rows.push(estimateRow({ ...base, measure: m.label }, m.statistic === 'mean' ? 'change' : 'change in points', change.change, m.decimals));
    }
  }
  for (const row of [...report.attrition.rows, report.attrition.total]) {
    for (const w of row.waves) {
      const base = { section: 'attrition', table: texts.t('report.attrition'), wave: w.wave, group: groupName(row.group) };
      rows.push(countRow({ ...base, measure: 'N' }, w.n));
      rows.push(estimateRow({ ...base, measure: texts.t('reportFile.percentOf', { wave: report.waves[0] ?? '' }) }, 'percent', w.percentOfFirst, 1));
    }
  }
  return rows;
}

export function reportCsv(report: PanelReport, texts: ReportTexts): string {
  return [csvLine(reportHeader(texts), standardDialect), ...reportRows(report, texts).map((row) => csvLine(reportColumns.map((c) => row[c]), standardDialect))].join('');
}
