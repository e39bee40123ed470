import { allGroups, type BalancedGroup, type CountCell, type Estimate, type GroupTable, type MeasureInfo, type PanelReport } from './report.ts';

/** The panel report as Markdown, for the CLI. Suppressed cells show as `s`. */

const suppressedMark = 's';
const one = (x: number) => x.toFixed(1);
const fixed = (m: MeasureInfo) => (x: number) => x.toFixed(m.decimals);

function countText(c: CountCell): string {
  return c.suppressed ? suppressedMark : String(c.value);
}

function estimateText(e: Estimate, format: (x: number) => string): string {
  if (e.suppressed || e.value === null) return suppressedMark;
  return `${format(e.value)} (${format(e.low!)}–${format(e.high!)})`;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function groupSection(t: GroupTable, measures: MeasureInfo[]): string {
  const parts = [`## ${t.title}\n`];
  for (const w of t.waves) {
    const cells = [...w.cells, w.total];
    const header = ['', ...cells.map((c) => (c.group === allGroups ? 'all' : c.group))];
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

export function reportMarkdown(report: PanelReport): string {
  const k = report.minCellSize;
  const balanced = [...report.balancedPanel.groups, report.balancedPanel.total];
  const attrition = [...report.attrition.rows, report.attrition.total];
  return [
    `# Panel report: ${report.studyName}\n`,
    `Generated ${report.generatedAt}. Respondents of a wave are completed responses with consent. ` +
      `Cells with fewer than ${k} respondents are suppressed (\`${suppressedMark}\`), as are cells that a published total would give away, ` +
      `and means and percentages over fewer than ${k} respondents. Intervals are 95%: t-based for means, Wilson for percentages.\n`,
    ...report.groupings.map((t) => groupSection(t, report.measures)),
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
