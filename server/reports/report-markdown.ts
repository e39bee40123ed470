import { reportTexts, type ReportTexts } from './report-texts.ts';
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

function groupSection(t: GroupTable, measures: MeasureInfo[]): string {
  const parts = [`## ${t.title}\n`];
  for (const w of t.waves) {
    const cells = [...w.cells, w.total];
    const header = ['', ...cells.map((c) => (c.group === allGroups ? (t.unknownLeftOut ? 'all known' : 'all') : c.group))];
    const rows = [
      ['N', ...cells.map((c) => countText(c.n))],
      ...measures.map((m) =>
        m.statistic === 'mean'
          ? [`${m.label}, mean (95% CI)`, ...cells.map((c) => estimateText(c.means[m.name]!, fixed(m)))]
          : [`${m.label}, % (95% CI)`, ...cells.map((c) => estimateText(c.percentages[m.name]!, fixed(m)))],
      ),
    ];
    parts.push(`### Wave ${w.wave}\n\n${table(header, rows)}\n`);
  }
  if (t.unknownLeftOut) parts.push('The group `unknown` is left out of this table and of its total (`all known`).\n');
  return parts.join('\n');
}

function balancedRows(groups: BalancedGroup[], measures: MeasureInfo[]): string[][] {
  return measures.map((m) => {
    const label = m.statistic === 'mean' ? m.label : `${m.label} (%)`;
    const format = fixed(m);
    return [
      label,
      ...groups.map((g) => {
        const c = g.changes[m.name]!;
        if (c.change.suppressed || c.first === null || c.last === null) return suppressedMark;
        return `${format(c.first)} → ${format(c.last)}: ${c.change.value! >= 0 ? '+' : ''}${estimateText(c.change, format)}`;
      }),
    ];
  });
}

function comparisonSection(report: PanelReport): string[] {
  const c = report.comparison;
  if (!c) return [];
  return [
    `## ${c.title}\n`,
    `${c.description}\n`,
    table(
      ['', ...c.variables],
      [
        ...c.rows.map((r) => [r.value, countText(r.counts[0]), countText(r.counts[1])]),
        ['total', countText(c.total), countText(c.total)],
        [`${c.share.label}, % (95% CI)`, estimateText(c.share.estimates[0], one), estimateText(c.share.estimates[1], one)],
      ],
    ) + '\n',
  ];
}

/** What the reader of a report needs to know about the disclosure rules, in one paragraph. */
/** What is not published and why, in the language of `texts` (English in the Markdown file). */
export function disclosureNote(report: PanelReport, texts: ReportTexts = reportTexts('en')): string {
  const k = report.minCellSize;
  const zeros = texts.t(report.zerosSensitive ? 'report.zerosHidden' : 'report.zerosShown');
  return [
    texts.t('reportFile.counts', { min: k, max: k - 1 }),
    zeros.charAt(0).toUpperCase() + zeros.slice(1),
    texts.t('reportFile.hidden', { min: k, mark: suppressedMark, count: report.suppression.secondary }),
  ].join(' ');
}

function missingSection(report: PanelReport): string[] {
  if (report.missing.length === 0) return [];
  return [
    '## Missing values\n',
    'Respondents whose answer is a value the study declares missing (such as "don\'t know"): they are left out of the measure\'s denominator, as in SPSS (valid percent) and R (NA).\n',
    table(['', 'missing values', ...report.waves], report.missing.map((m) => [m.label, m.values.join(', '), ...m.waves.map((w) => countText(w.count))])) + '\n',
  ];
}

export function reportMarkdown(report: PanelReport): string {
  const balanced = [...report.balancedPanel.groups, report.balancedPanel.total];
  const attrition = [...report.attrition.rows, report.attrition.total];
  return [
    `# Panel report: ${report.studyName}\n`,
    `Generated ${report.generatedAt}. Respondents of a wave are completed responses with consent. Intervals are 95%: t-based for means, Wilson for percentages. ` +
      `${disclosureNote(report)}\n`,
    ...report.groupings.map((t) => groupSection(t, report.measures)),
    ...missingSection(report),
    ...comparisonSection(report),
    `## Balanced panel: ${report.balancedPanel.firstWave} → ${report.balancedPanel.lastWave}\n`,
    `Participants who responded to every wave (${report.waves.join(', ')}). Mean at ${report.balancedPanel.firstWave} → mean at ${report.balancedPanel.lastWave}: change (95% CI); percentages in points.\n`,
    table(['', ...balanced.map((g) => g.group)], [['N', ...balanced.map((g) => countText(g.n))], ...balancedRows(balanced, report.measures)]) + '\n',
    '## Attrition\n',
    `Respondents of ${report.waves[0] ?? ''} per group, and how many of them responded to each later wave (% of the first wave, 95% CI).\n`,
    table(
      ['', ...report.waves],
      attrition.map((row) => [row.group, ...row.waves.map((w, i) => (i === 0 ? countText(w.n) : `${countText(w.n)} (${estimateText(w.percentOfFirst, one)})`))]),
    ) + '\n',
  ].join('\n');
}
