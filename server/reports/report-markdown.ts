import { allGroups, meanMeasures, shareMeasures, type BalancedGroup, type CountCell, type Estimate, type GroupTable, type PanelReport } from './report.ts';

/** The panel report as Markdown, for the CLI. Suppressed cells show as `s`. */

const suppressedMark = 's';
const one = (x: number) => x.toFixed(1);
const two = (x: number) => x.toFixed(2);

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

function groupSection(title: string, t: GroupTable): string {
  const parts = [`## ${title}\n`];
  for (const w of t.waves) {
    const cells = [...w.cells, w.total];
    const header = ['', ...cells.map((c) => (c.group === allGroups ? 'all' : c.group))];
    const rows = [
      ['N', ...cells.map((c) => countText(c.n))],
      ...Object.entries(meanMeasures).map(([name, m]) => [`${m.label}, mean (95% CI)`, ...cells.map((c) => estimateText(c.means[name]!, two))]),
      ...Object.entries(shareMeasures).map(([name, m]) => [`${m.label}, % (95% CI)`, ...cells.map((c) => estimateText(c.percentages[name]!, one))]),
    ];
    parts.push(`### Wave ${w.wave}\n\n${table(header, rows)}\n`);
  }
  return parts.join('\n');
}

function balancedRows(groups: BalancedGroup[]): string[][] {
  const names = [...Object.keys(meanMeasures), ...Object.keys(shareMeasures)];
  return names.map((name) => {
    const label = meanMeasures[name]?.label ?? `${shareMeasures[name]!.label} (%)`;
    const format = meanMeasures[name] ? two : one;
    return [
      label,
      ...groups.map((g) => {
        const c = g.changes[name]!;
        if (c.change.suppressed || c.first === null || c.last === null) return suppressedMark;
        return `${format(c.first)} → ${format(c.last)}: ${c.change.value! >= 0 ? '+' : ''}${estimateText(c.change, format)}`;
      }),
    ];
  });
}

export function reportMarkdown(report: PanelReport): string {
  const k = report.minCellSize;
  const c = report.classification;
  const balanced = [...report.balancedPanel.groups, report.balancedPanel.total];
  const attrition = [...report.attrition.rows, report.attrition.total];
  return [
    `# Panel report: ${report.studyName}\n`,
    `Generated ${report.generatedAt}. Respondents of a wave are completed responses with consent. ` +
      `Cells with fewer than ${k} respondents are suppressed (\`${suppressedMark}\`), as are cells that a published total would give away, ` +
      `and means and percentages over fewer than ${k} respondents. Intervals are 95%: t-based for means, Wilson for percentages.\n`,
    groupSection('By wave and migration group', report.byMigrationGroup),
    groupSection('By wave and diagnosis advice', report.byDiagnosisAdvice),
    '## Both classification rules side by side\n',
    'Participants who responded to at least one wave, by the statistics office rule (birth countries) and by the extended rule.\n',
    table(
      ['', 'migration_cbs', 'migration_extended'],
      [
        ...c.rows.map((r) => [r.value, countText(r.cbs), countText(r.extended)]),
        ['total', countText(c.total), countText(c.total)],
        ['non-western share, % (95% CI)', estimateText(c.nonwesternShare.cbs, one), estimateText(c.nonwesternShare.extended, one)],
      ],
    ) + '\n',
    `## Balanced panel: ${report.balancedPanel.firstWave} → ${report.balancedPanel.lastWave}\n`,
    `Participants who responded to every wave (${report.waves.join(', ')}). Mean at ${report.balancedPanel.firstWave} → mean at ${report.balancedPanel.lastWave}: change (95% CI); percentages in points.\n`,
    table(['', ...balanced.map((g) => g.group)], [['N', ...balanced.map((g) => countText(g.n))], ...balancedRows(balanced)]) + '\n',
    '## Attrition\n',
    `Respondents of ${report.waves[0] ?? ''} per group, and how many of them responded to each later wave (% of the first wave, 95% CI).\n`,
    table(
      ['', ...report.waves],
      attrition.map((row) => [row.group, ...row.waves.map((w, i) => (i === 0 ? countText(w.n) : `${countText(w.n)} (${estimateText(w.percentOfFirst, one)})`))]),
    ) + '\n',
  ].join('\n');
}
