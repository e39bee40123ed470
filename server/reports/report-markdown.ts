import { allName, type ReportTexts } from './report-texts.ts';
import { allGroups, type BalancedGroup, type CountCell, type Estimate, type GroupTable, type MeasureInfo, type PanelReport } from './report.ts';

/** The panel report as Markdown, for the CLI. Suppressed cells show as `s`. */

const suppressedMark = 's';
const one = (x: number) => x.toFixed(1);
const fixed = (m: MeasureInfo) => (x: number) => x.toFixed(m.decimals);

/** A sensitive count is published as its range: `<10`, or `213–221` when the complement is what is small. */
export function countRangeText([low, high]: [number, number]): string {
  return low <= 1 ? `<${high + 1}` : `${low}–${high}`;
}

/** A sensitive percentage is published as the percentages it lies between, rounded outwards: `0.4–4.1`. */
export function percentRangeText([low, high]: [number, number], decimals = 1, format: (value: number, decimals: number) => string = (value, d) => value.toFixed(d)): string {
  const step = 10 ** decimals;
  return `${format(Math.floor(low * step) / step, decimals)}–${format(Math.ceil(high * step) / step, decimals)}`;
}

function countText(c: CountCell): string {
  if (!c.suppressed) return String(c.value);
  return c.range ? countRangeText(c.range) : suppressedMark;
}

function estimateText(e: Estimate, format: (x: number) => string): string {
  if (e.range) return percentRangeText(e.range);
  if (e.suppressed) return suppressedMark;
  if (e.value === null) return '–';
  return `${format(e.value)} (${format(e.low!)}–${format(e.high!)})`;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function groupSection(t: GroupTable, measures: MeasureInfo[], x: ReportTexts): string {
  const label = (group: string) => (group === allGroups ? allName(t.unknownLeftOut, x) : (t.labels[group] ?? group));
  const parts = [`## ${t.title}\n`];
  for (const w of t.waves) {
    const cells = [...w.cells, w.total];
    const rows = [
      ['N', ...cells.map((c) => countText(c.n))],
      ...measures.map((m) => [
        x.t(`report.statistic.${m.statistic}`, { label: m.label }),
        ...cells.map((c) => estimateText((m.statistic === 'mean' ? c.means : c.percentages)[m.name]!, fixed(m))),
      ]),
    ];
    parts.push(`### ${x.t('reportFile.wave', { wave: w.wave })}\n\n${table(['', ...cells.map((c) => label(c.group))], rows)}\n`);
  }
  if (t.unknownLeftOut) parts.push(`${x.t('report.unknownLeftOut')}\n`);
  return parts.join('\n');
}

function balancedRows(groups: BalancedGroup[], measures: MeasureInfo[], x: ReportTexts): string[][] {
  return measures.map((m) => {
    const format = fixed(m);
    return [
      m.statistic === 'share' ? x.t('reportFile.changePoints', { label: m.label }) : m.label,
      ...groups.map((g) => {
        const c = g.changes[m.name]!;
        if (c.change.suppressed || c.first === null || c.last === null) return suppressedMark;
        return `${format(c.first)} → ${format(c.last)}: ${c.change.value! >= 0 ? '+' : ''}${estimateText(c.change, format)}`;
      }),
    ];
  });
}

function comparisonSection(report: PanelReport, x: ReportTexts): string[] {
  const c = report.comparison;
  if (!c) return [];
  return [
    `## ${c.title}\n`,
    `${c.description}\n`,
    table(
      ['', ...c.variables],
      [
        ...c.rows.map((r) => [c.labels[r.value] ?? r.value, countText(r.counts[0]), countText(r.counts[1])]),
        [x.t('report.total'), countText(c.total), countText(c.total)],
        [x.t('report.statistic.share', { label: c.share.label }), estimateText(c.share.estimates[0], one), estimateText(c.share.estimates[1], one)],
      ],
    ) + '\n',
  ];
}

/** What is not published and why, in one paragraph in the language of `texts`. */
export function disclosureNote(report: PanelReport, texts: ReportTexts): string {
  const k = report.minCellSize;
  const zeros = texts.t(report.zerosSensitive ? 'report.zerosHidden' : 'report.zerosShown');
  return [
    texts.t('reportFile.counts', { min: k, max: k - 1 }),
    zeros.charAt(0).toUpperCase() + zeros.slice(1),
    texts.t('reportFile.hidden', { min: k, mark: suppressedMark, count: report.suppression.secondary }),
  ].join(' ');
}

function missingSection(report: PanelReport, x: ReportTexts): string[] {
  if (report.missing.length === 0) return [];
  return [
    `## ${x.t('report.missing')}\n`,
    `${x.t('report.missingHint')}\n`,
    table(['', x.t('report.missingValues'), ...report.waves], report.missing.map((m) => [m.label, m.values.join(', '), ...m.waves.map((w) => countText(w.count))])) + '\n',
  ];
}

/** The panel report as Markdown, its fixed words in the language of `x` (as the PDF's); numbers keep a decimal point, as in the CSV. */
export function reportMarkdown(report: PanelReport, x: ReportTexts): string {
  const b = report.balancedPanel;
  const balanced = [...b.groups, b.total];
  const attrition = [...report.attrition.rows, report.attrition.total];
  const firstLabels = report.groupings[0]?.labels ?? {};
  const groupName = (group: string) => (group === allGroups ? allName(false, x) : (firstLabels[group] ?? group));
  return [
    `# ${x.t('reportFile.title', { study: report.studyName })}\n`,
    `${x.t('reportFile.intro', { date: report.generatedAt.slice(0, 10), waves: report.waves.join(', ') })} ${disclosureNote(report, x)}\n`,
    ...report.groupings.map((t) => groupSection(t, report.measures, x)),
    ...missingSection(report, x),
    ...comparisonSection(report, x),
    `## ${x.t('report.balanced', { first: b.firstWave, last: b.lastWave })}\n`,
    `${x.t('report.balancedHint', { first: b.firstWave, last: b.lastWave })}\n`,
    table(['', ...balanced.map((g) => groupName(g.group))], [['N', ...balanced.map((g) => countText(g.n))], ...balancedRows(balanced, report.measures, x)]) + '\n',
    `## ${x.t('report.attrition')}\n`,
    `${x.t('reportFile.attritionInline', { first: report.waves[0] ?? '' })}\n`,
    table(
      ['', ...report.waves],
      attrition.map((row) => [groupName(row.group), ...row.waves.map((w, i) => (i === 0 ? countText(w.n) : `${countText(w.n)} (${estimateText(w.percentOfFirst, one)})`))]),
    ) + '\n',
  ].join('\n');
}
