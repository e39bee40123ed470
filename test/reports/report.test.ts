import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import type { Estimate, GroupTable, PanelReport } from '../../server/reports/report.ts';
import { reportMarkdown } from '../../server/reports/report-markdown.ts';
import { reportTexts } from '../../server/reports/report-texts.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { generatePanel, waveCodes, type GeneratedPanel, type TruthParticipant, type WaveCode } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, openTestDatabase } from '../exports/helpers.ts';
import { isPublished, recomputedFromReport, respondedAt, truthMeasures } from './truth.ts';

let database: Database;
let close: () => Promise<void>;
let panel: GeneratedPanel;
let report: PanelReport;
const k = 10;

before(async () => {
  ({ database, close } = await openTestDatabase());
  panel = await generatePanel(database, { participants: 300, seed: 11 });
  report = await panelReport({ database, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: k, actor: commandLine, language: 'en', now: () => new Date('2026-11-01T00:00:00Z') });
});
after(() => close());

function truthCell(members: TruthParticipant[], wave: WaveCode, measure: string): { n: number; value: number } {
  const values = members
    .filter((p) => respondedAt(p, wave))
    .map((p) => truthMeasures[measure]!(p.waves[wave]!))
    .filter((v): v is number | boolean => v !== null)
    .map((v) => (typeof v === 'boolean' ? (v ? 100 : 0) : v));
  return { n: values.length, value: values.reduce((s, v) => s + v, 0) / values.length };
}

/** A shown estimate is the truth; a range holds it; over fewer than k it is hidden. */
function assertEstimate(estimate: Estimate, truth: { n: number; value: number }, where: string): void {
  if (truth.n < k) return assert.ok(estimate.suppressed && estimate.range === null, `${where} should be suppressed (n=${truth.n})`);
  if (estimate.range) return assert.ok(estimate.range[0] - 1e-9 <= truth.value && truth.value <= estimate.range[1] + 1e-9, `${where}: ${truth.value} outside ${estimate.range}`);
  if (estimate.suppressed) return; // hidden to protect another cell
  assert.equal(estimate.n, truth.n, `${where} n`);
  assert.ok(Math.abs(estimate.value! - truth.value) < 1e-9, `${where}: ${estimate.value} is not ${truth.value}`);
  assert.ok(estimate.low! <= estimate.value! && estimate.value! <= estimate.high!, `${where} interval`);
}

function checkGroupTable(table: GroupTable, groupOf: (p: TruthParticipant) => string): void {
  const inTable = table.unknownLeftOut ? panel.participants.filter((p) => groupOf(p) !== 'unknown') : panel.participants;
  for (const w of table.waves) {
    const wave = w.wave as WaveCode;
    for (const cell of [...w.cells, w.total]) {
      const members = cell.group === 'all' ? inTable : panel.participants.filter((p) => groupOf(p) === cell.group);
      const n = members.filter((p) => respondedAt(p, wave)).length;
      if (n > 0 && n < k) assert.ok(cell.n.suppressed, `${table.dimension} ${wave} ${cell.group} N=${n} must be suppressed`);
      else if (!cell.n.suppressed) assert.equal(cell.n.value, n, `${table.dimension} ${wave} ${cell.group} N`);
      for (const measure of Object.keys(truthMeasures)) {
        assertEstimate(cell.means[measure] ?? cell.percentages[measure]!, truthCell(members, wave, measure), `${table.dimension} ${wave} ${cell.group} ${measure}`);
      }
    }
  }
}

test('every cell by wave and migration group matches the truth', () => {
  assert.deepEqual(report.waves, [...waveCodes]);
  const byMigrationGroup = report.groupings.find((g) => g.dimension === 'migration_group')!;
  const cell = byMigrationGroup.waves[0]!.total;
  assert.deepEqual([...Object.keys(cell.means), ...Object.keys(cell.percentages)].sort(), Object.keys(truthMeasures).sort(), 'every measure of the report is checked');
  assert.ok(byMigrationGroup.unknownLeftOut && !byMigrationGroup.groups.includes('unknown'), 'EAA leaves the unknown migration group out');
  checkGroupTable(byMigrationGroup, (p) => p.migrationGroup);
  assert.ok(byMigrationGroup.waves.every((w) => w.cells.some((c) => !c.n.suppressed)));
});

test('every cell by wave and diagnosis advice matches the truth', () => {
  checkGroupTable(report.groupings.find((g) => g.dimension === 'diagnosis_advice')!, (p) => p.register?.diagnosisAdvice ?? 'unknown');
});

test('both classification rules are counted side by side, with the non-western share by each', () => {
  const respondents = panel.participants.filter((p) => waveCodes.some((w) => respondedAt(p, w)));
  const comparison = report.comparison!;
  assert.deepEqual(comparison.variables, ['migration_cbs', 'migration_extended']);
  for (const row of comparison.rows) {
    const cbs = respondents.filter((p) => p.migrationCbs === row.value).length;
    const extended = respondents.filter((p) => p.migrationExtended === row.value).length;
    for (const [count, truth, rule] of [[row.counts[0], cbs, 'cbs'], [row.counts[1], extended, 'extended']] as const) {
      if (truth > 0 && truth < k) assert.equal(count.value, null, `${rule} ${row.value} is small`);
      else if (!count.suppressed) assert.equal(count.value, truth, `${rule} ${row.value}`);
    }
  }
  assert.equal(comparison.total.value, respondents.length);
  const share = (rule: 'migrationCbs' | 'migrationExtended') => (100 * respondents.filter((p) => p[rule] === 'nonwestern').length) / respondents.length;
  const [cbsShare, extendedShare] = comparison.share.estimates;
  assert.ok(Math.abs(cbsShare.value! - share('migrationCbs')) < 1e-9);
  assert.ok(Math.abs(extendedShare.value! - share('migrationExtended')) < 1e-9);
  assert.ok(extendedShare.value! > cbsShare.value!, 'the extended rule finds more non-western respondents');
});

test('the balanced panel shows the change from the first to the last wave per group', () => {
  const balanced = panel.participants.filter((p) => waveCodes.every((w) => respondedAt(p, w)));
  for (const group of [...report.balancedPanel.groups, report.balancedPanel.total]) {
    const members = group.group === 'all' ? balanced.filter((p) => p.migrationGroup !== 'unknown') : balanced.filter((p) => p.migrationGroup === group.group);
    if (members.length > 0 && members.length < k) assert.ok(group.n.suppressed);
    else if (!group.n.suppressed) assert.equal(group.n.value, members.length, `balanced ${group.group}`);
    for (const measure of Object.keys(truthMeasures)) {
      const scale = measure === 'health' || measure === 'self_reliance_score' ? 1 : 100;
      const pairs = members
        .map((p) => [truthMeasures[measure]!(p.waves.T0!), truthMeasures[measure]!(p.waves.T2!)])
        .filter(([a, b]) => a !== null && b !== null)
        .map(([a, b]) => [Number(a) * scale, Number(b) * scale] as const);
      const change = group.changes[measure]!;
      if (pairs.length < k) assert.ok(change.change.suppressed, `${group.group} ${measure}`);
      if (change.change.suppressed) continue;
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      assert.equal(change.n, pairs.length);
      assert.ok(Math.abs(change.first! - mean(pairs.map(([a]) => a))) < 1e-9);
      assert.ok(Math.abs(change.last! - mean(pairs.map(([, b]) => b))) < 1e-9);
      assert.ok(Math.abs(change.change.value! - mean(pairs.map(([a, b]) => b - a))) < 1e-9, `${group.group} ${measure} change`);
    }
  }
});

test('attrition counts, per group, how many first-wave respondents came back', () => {
  for (const row of [...report.attrition.rows, report.attrition.total]) {
    const members = panel.participants.filter((p) => respondedAt(p, 'T0') && (row.group === 'all' ? p.migrationGroup !== 'unknown' : p.migrationGroup === row.group));
    row.waves.forEach((w) => {
      const n = members.filter((p) => respondedAt(p, w.wave as WaveCode)).length;
      if (n > 0 && n < k) assert.ok(w.n.suppressed);
      else if (!w.n.suppressed) {
        assert.equal(w.n.value, n, `${row.group} ${w.wave}`);
        if (!w.percentOfFirst.suppressed) assert.ok(Math.abs(w.percentOfFirst.value! - (100 * n) / members.length) < 1e-9);
      }
    });
  }
});

test('a higher minimum cell size suppresses every small cell and every cell a total would give away', async () => {
  const strict = await panelReport({ database, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: 40, actor: commandLine, language: 'en' });
  let hiddenCells = 0;
  for (const table of strict.groupings) {
    for (const w of table.waves) {
      const shownTotal = !w.total.n.suppressed;
      const hidden = w.cells.filter((c) => c.n.suppressed).length;
      hiddenCells += hidden;
      if (shownTotal) assert.notEqual(hidden, 1, `${table.dimension} ${w.wave}: one hidden N next to a shown total`);
      for (const c of w.cells) {
        if (!c.n.suppressed) assert.ok(c.n.value! >= 40);
        for (const e of [...Object.values(c.means), ...Object.values(c.percentages)]) if (e.value !== null) assert.ok(e.n! >= 40);
      }
    }
  }
  assert.ok(hiddenCells > 0, 'the strict report hides something');
  for (const row of strict.attrition.rows) for (const w of row.waves) if (!w.n.suppressed) assert.ok(w.n.value! >= 40);
  const markdown = reportMarkdown(strict, reportTexts('en'));
  assert.match(markdown, /\| s \|/);
});

test('the Markdown report carries every section', () => {
  const markdown = reportMarkdown(report, reportTexts('en'));
  for (const heading of ['## By wave and migration group', '## By wave and diagnosis advice', '## Both classification rules side by side', '## Balanced panel: T0 → T2', '## Attrition']) {
    assert.ok(markdown.includes(heading), heading);
  }
});

test('declared missing values are counted apart, per wave, and left out of the share', () => {
  const row = report.missing.find((m) => m.measure === 'enough_contacts')!;
  assert.deepEqual(row.values, ['dont_know']);
  for (const { wave, count } of row.waves) {
    const truth = panel.participants.filter((p) => respondedAt(p, wave as WaveCode) && p.waves[wave as WaveCode]!.enough_contacts === 'dont_know').length;
    assert.equal(count.value, truth, wave);
  }
});

test('no hidden N or share can be recomputed from the published tables of a wave (both groupings, their totals)', () => {
  assert.deepEqual(recomputedFromReport(report, panel.participants), []);
});

test('on a panel of 500 with complete register data the newcomers and the short diagnosis advice are published in every wave', async () => {
  const panel500 = await openTestDatabase();
  try {
    await generatePanel(panel500.database, { participants: 500, seed: 12, completeRegister: true });
    const full = await panelReport({ database: panel500.database, definitions: bundledDefinitions(), studyId: 'eaa', minCellSize: k, actor: commandLine, language: 'en' });
    for (const [dimension, group] of [['migration_group', 'nonwestern_newcomer'], ['migration_group', 'nonwestern_settled'], ['diagnosis_advice', 'short']]) {
      for (const w of full.groupings.find((g) => g.dimension === dimension)!.waves) {
        const cell = w.cells.find((c) => c.group === group)!;
        assert.ok(isPublished(cell), `${dimension} ${w.wave} ${group}`);
        const hidden = Object.values(cell.percentages).filter((e) => e.suppressed && e.range === null).length;
        assert.ok(hidden <= 2, `${dimension} ${w.wave} ${group}: ${hidden} shares hidden`);
      }
    }
  } finally {
    await panel500.close();
  }
});

test('on the generated panel with incomplete register data too, the T1/T2 newcomer columns and the short diagnosis advice are published', () => {
  const byDimension = (dimension: string) => report.groupings.find((g) => g.dimension === dimension)!;
  for (const [dimension, group, waves] of [['migration_group', 'nonwestern_newcomer', ['T1', 'T2']], ['diagnosis_advice', 'short', [...waveCodes]]] as const) {
    for (const w of byDimension(dimension).waves.filter((x) => (waves as readonly string[]).includes(x.wave))) {
      const cell = w.cells.find((c) => c.group === group)!;
      assert.ok(isPublished(cell), `${dimension} ${w.wave} ${group}`);
    }
  }
});
