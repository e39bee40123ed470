import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../server/db/connection.ts';
import type { Estimate, GroupTable, PanelReport } from '../../server/reports/report.ts';
import { reportMarkdown } from '../../server/reports/report-markdown.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { generatePanel, waveCodes, type GeneratedPanel, type TruthParticipant, type WaveCode } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, tempDatabase } from '../exports/helpers.ts';

let db: Db;
let cleanup: () => void;
let panel: GeneratedPanel;
let report: PanelReport;
const k = 10;

before(async () => {
  ({ db, cleanup } = tempDatabase());
  panel = generatePanel(db, { participants: 300, seed: 11 });
  report = await panelReport({ db, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: k, userId: null, via: 'cli', language: 'en', now: () => new Date('2026-11-01T00:00:00Z') });
});
after(() => cleanup());

type Answers = Record<string, unknown>;
/** The truth, computed here from the generator's records without the platform's code. */
const respondedAt = (p: TruthParticipant, wave: WaveCode) => p.waves[wave] !== undefined && p.completed[wave] === true;
const score = (a: Answers) => {
  const v = Object.values((a.self_reliance ?? {}) as Record<string, number>);
  return v.length >= 4 ? v.reduce((s, x) => s + x, 0) / v.length : null;
};
const flag = (v: unknown) => (typeof v === 'boolean' ? v : null);
const truthMeasures: Record<string, (a: Answers) => number | boolean | null> = {
  health: (a) => (typeof a.health === 'number' ? a.health : null),
  self_reliance_score: score,
  // `dont_know` is a declared missing value of enough_contacts: not answered, as in SPSS.
  enough_contacts: (a) => (a.enough_contacts === 'dont_know' ? null : a.enough_contacts === 'yes'),
  participation_difficult: (a) => a.participation_difficulty === 'very_difficult' || a.participation_difficulty === 'bit_difficult',
  ...Object.fromEntries(
    ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other'].map((g) => [`discrimination_${g}`, (a: Answers) => (a.discrimination_grounds as string[]).includes(g)]),
  ),
  paid_work: (a) => flag(a.paid_work),
  outflow_work: (a) => (a.paid_work === true ? a.receives_benefit === false : a.paid_work === false ? false : null),
  cv_updated: (a) => flag(a.cv_updated),
  temp_agency: (a) => flag(a.temp_agency),
  any_programme_activity: (a) => (a.eaa_activities as string[]).some((x) => x !== 'none'),
};

function truthCell(members: TruthParticipant[], wave: WaveCode, measure: string): { n: number; value: number } {
  const values = members
    .filter((p) => respondedAt(p, wave))
    .map((p) => truthMeasures[measure]!(p.waves[wave]!))
    .filter((v): v is number | boolean => v !== null)
    .map((v) => (typeof v === 'boolean' ? (v ? 100 : 0) : v));
  return { n: values.length, value: values.reduce((s, v) => s + v, 0) / values.length };
}

function assertEstimate(estimate: Estimate, truth: { n: number; value: number }, where: string): void {
  if (truth.n < k) return assert.ok(estimate.suppressed, `${where} should be suppressed (n=${truth.n})`);
  if (estimate.suppressed) return; // hidden to protect a small group's N
  assert.equal(estimate.n, truth.n, `${where} n`);
  assert.ok(Math.abs(estimate.value! - truth.value) < 1e-9, `${where}: ${estimate.value} is not ${truth.value}`);
  assert.ok(estimate.low! <= estimate.value! && estimate.value! <= estimate.high!, `${where} interval`);
}

function checkGroupTable(table: GroupTable, groupOf: (p: TruthParticipant) => string): void {
  for (const w of table.waves) {
    const wave = w.wave as WaveCode;
    for (const cell of [...w.cells, w.total]) {
      const members = cell.group === 'all' ? panel.participants : panel.participants.filter((p) => groupOf(p) === cell.group);
      const n = members.filter((p) => respondedAt(p, wave)).length;
      if (n < k) assert.ok(cell.n.suppressed, `${table.dimension} ${wave} ${cell.group} N=${n} must be suppressed`);
      else if (!cell.n.suppressed) assert.equal(cell.n.value, n, `${table.dimension} ${wave} ${cell.group} N`);
      for (const measure of Object.keys(truthMeasures)) {
        const estimate = cell.means[measure] ?? cell.percentages[measure]!;
        if (cell.n.suppressed) assert.ok(estimate.suppressed);
        else assertEstimate(estimate, truthCell(members, wave, measure), `${table.dimension} ${wave} ${cell.group} ${measure}`);
      }
    }
  }
}

test('every cell by wave and migration group matches the truth', () => {
  assert.deepEqual(report.waves, [...waveCodes]);
  const byMigrationGroup = report.groupings.find((g) => g.dimension === 'migration_group')!;
  const cell = byMigrationGroup.waves[0]!.total;
  assert.deepEqual([...Object.keys(cell.means), ...Object.keys(cell.percentages)].sort(), Object.keys(truthMeasures).sort(), 'every measure of the report is checked');
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
    assert.equal(row.counts[0].value, cbs < k ? null : cbs, `cbs ${row.value}`);
    assert.equal(row.counts[1].value, extended < k ? null : extended, `extended ${row.value}`);
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
    const members = group.group === 'all' ? balanced : balanced.filter((p) => p.migrationGroup === group.group);
    if (members.length < k) assert.ok(group.n.suppressed);
    else if (!group.n.suppressed) assert.equal(group.n.value, members.length, `balanced ${group.group}`);
    for (const measure of Object.keys(truthMeasures)) {
      const scale = measure === 'health' || measure === 'self_reliance_score' ? 1 : 100;
      const pairs = members
        .map((p) => [truthMeasures[measure]!(p.waves.T0!), truthMeasures[measure]!(p.waves.T2!)])
        .filter(([a, b]) => a !== null && b !== null)
        .map(([a, b]) => [Number(a) * scale, Number(b) * scale] as const);
      const change = group.changes[measure]!;
      if (pairs.length < k || group.n.suppressed) {
        assert.ok(change.change.suppressed, `${group.group} ${measure}`);
        continue;
      }
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
    const members = panel.participants.filter((p) => respondedAt(p, 'T0') && (row.group === 'all' || p.migrationGroup === row.group));
    row.waves.forEach((w) => {
      const n = members.filter((p) => respondedAt(p, w.wave as WaveCode)).length;
      if (n < k) assert.ok(w.n.suppressed);
      else if (!w.n.suppressed) {
        assert.equal(w.n.value, n, `${row.group} ${w.wave}`);
        if (!w.percentOfFirst.suppressed) assert.ok(Math.abs(w.percentOfFirst.value! - (100 * n) / members.length) < 1e-9);
      }
    });
  }
});

test('a higher minimum cell size suppresses every small cell and every cell a total would give away', async () => {
  const strict = await panelReport({ db, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: 40, userId: null, via: 'cli', language: 'en' });
  let hiddenCells = 0;
  for (const table of strict.groupings) {
    for (const w of table.waves) {
      const shownTotal = !w.total.n.suppressed;
      const hidden = w.cells.filter((c) => c.n.suppressed).length;
      hiddenCells += hidden;
      if (shownTotal) assert.notEqual(hidden, 1, `${table.dimension} ${w.wave}: one hidden N next to a shown total`);
      for (const c of w.cells) {
        if (!c.n.suppressed) assert.ok(c.n.value! >= 40);
        for (const e of [...Object.values(c.means), ...Object.values(c.percentages)]) if (!e.suppressed) assert.ok(e.n! >= 40);
      }
    }
  }
  assert.ok(hiddenCells > 0, 'the strict report hides something');
  for (const row of strict.attrition.rows) for (const w of row.waves) if (!w.n.suppressed) assert.ok(w.n.value! >= 40);
  const markdown = reportMarkdown(strict);
  assert.match(markdown, /\| s \|/);
});

test('the Markdown report carries every section', () => {
  const markdown = reportMarkdown(report);
  for (const heading of ['## By wave and migration group', '## By wave and diagnosis advice', '## Both classification rules side by side', '## Balanced panel: T0 → T2', '## Attrition']) {
    assert.ok(markdown.includes(heading), heading);
  }
});
