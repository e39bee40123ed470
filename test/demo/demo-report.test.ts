import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { demoRespondents } from '../../server/demo/seed.ts';
import type { PanelReport } from '../../server/reports/report.ts';
import { run as reportCommand } from '../../server/reports/reports.cli.ts';
import { generatePanel, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { tempDatabase } from '../exports/helpers.ts';
import { commandContextOf, createTestApp, type TestApp } from '../helpers/app.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';
import { isPublished, recomputedFromReport, respondedAt } from '../reports/truth.ts';

/**
 * The demo's own report (`npm start`), from the workspace's API and the command line: its panel
 * has answers in every wave, the comparisons the study is about are published, and nothing hidden
 * can be recomputed from what is.
 */

let t: TestApp;
let report: PanelReport;
/** The demo's synthetic respondents as the generator knows them (the same seed and options). */
let truth: GeneratedPanel;

before(async () => {
  t = await createTestApp({ surveys: 'demo' });
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  const member = await signIn(t.app, 'rita');
  const res = await member.request('GET', '/api/studies/eaa/report?lang=en');
  assert.equal(res.statusCode, 200);
  report = res.json() as PanelReport;
  const { db, cleanup } = tempDatabase();
  truth = await generatePanel({ dialect: 'sqlite', db }, { ...demoRespondents, surveyOf: (wave) => `eaa-${wave.toLowerCase()}` });
  cleanup();
});
after(() => t.close());

const table = (dimension: string) => report.groupings.find((g) => g.dimension === dimension)!;

test('the demo report has respondents in T0, T1 and T2: the synthetic panel, counted as the generator made it', () => {
  assert.deepEqual(report.waves, ['T0', 'T1', 'T2']);
  for (const w of table('diagnosis_advice').waves) {
    const respondents = truth.participants.filter((p) => respondedAt(p, w.wave as 'T0' | 'T1' | 'T2')).length;
    assert.ok(respondents > 300, `${w.wave}: ${respondents}`);
    assert.equal(w.total.n.value, respondents, w.wave);
  }
});

test('in the demo report the T1/T2 newcomers and the short diagnosis advice of every wave are published', () => {
  for (const [dimension, group, waves] of [['migration_group', 'nonwestern_newcomer', ['T1', 'T2']], ['diagnosis_advice', 'short', ['T0', 'T1', 'T2']]] as const) {
    for (const wave of waves) {
      const cell = table(dimension).waves.find((w) => w.wave === wave)!.cells.find((c) => c.group === group)!;
      assert.ok(isPublished(cell), `${dimension} ${wave} ${group}`);
    }
  }
});

test('no hidden N or share of the demo report can be recomputed from its published tables', () => {
  assert.deepEqual(recomputedFromReport(report, truth.participants), []);
});

test('the command line gives the demo report as JSON with the same published tables', async () => {
  const out = path.join(t.dir, 'demo-report.json');
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'json', '--lang', 'en', '--out', out], commandContextOf(t.services)), 0);
  assert.deepEqual((JSON.parse(fs.readFileSync(out, 'utf8')) as PanelReport).groupings, report.groupings);
});
