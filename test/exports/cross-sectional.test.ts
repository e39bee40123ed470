import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { writeExport } from '../../server/exports/exports.service.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { fixtureSurveys } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, openTestDatabase } from './helpers.ts';
import { parseCsv } from './read-csv.ts';
import { runStatement, storedMoment } from '../helpers/app.ts';

let database: Database;
let close: () => Promise<void>;

const answers = [
  { consent: true, birth_country: 'NL', mother_birth_country: 'NL', father_birth_country: 'NL', cultural_background: ['NL'], health: 8 },
  { consent: true, birth_country: 'SY', came_as_refugee: true, years_in_nl: 2, health: 6, paid_work: true, receives_benefit: false },
  { consent: true, birth_country: 'NL', mother_birth_country: 'MA', father_birth_country: 'MA', cultural_background: ['NL', 'MA'] },
];

before(async () => {
  ({ database, close } = await openTestDatabase());
  const at = new Date('2026-05-01T10:00:00Z');
  const studiesRepository = studiesRepositoryFor(database);
  await studiesRepository.insertStudy({ id: 'eaa-cross', name: 'One-off', kind: 'cross', createdAt: at });
  const wave = await studiesRepository.insertWave({ studyId: 'eaa-cross', code: 'X', surveyId: 'eaa-panel', surveyVersion: 1, opensAt: at, closesAt: new Date('2026-07-01') });
  for (const [i, a] of answers.entries()) {
    const moment = storedMoment({ database }, at);
    await runStatement(
      { database },
      'INSERT INTO responses (id, study_id, wave_id, survey_id, survey_version, locale, channel, answers, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [`r${i}`, 'eaa-cross', wave.id, 'eaa-panel', 1, 'nl', 'kiosk', JSON.stringify(a), moment, moment, moment],
    );
  }
});
after(() => close());

async function exported(format: 'wide' | 'long'): Promise<Record<string, string>[]> {
  const { out, text } = collector();
  await writeExport({ database, surveys: fixtureSurveys(), definitions: bundledDefinitions(), studyId: 'eaa-cross', format, out, actor: commandLine });
  return parseCsv(text());
}

test('anonymous responses of a cross-sectional study are a row each, classified by their own answers', async () => {
  for (const format of ['wide', 'long'] as const) {
    const rows = await exported(format);
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.pseudonym === ''));
    const groups = rows.map((r) => r.migration_group).sort();
    assert.deepEqual(groups, ['none', 'nonwestern_newcomer', 'nonwestern_settled']);
  }
  const wide = await exported('wide');
  assert.ok(wide.some((r) => r.x_outflow_work === '1' && r.x_health === '6'));
});

test('the report of three respondents shows no count but zeros', async () => {
  const report = await panelReport({ database, definitions: bundledDefinitions(), studyId: 'eaa-cross', minCellSize: 10, actor: commandLine, language: 'en' });
  assert.equal(report.comparison!.total.suppressed, true);
  assert.ok(report.groupings[0]!.waves[0]!.cells.every((c) => c.n.suppressed || c.n.value === 0));
  assert.equal(report.groupings[0]!.waves[0]!.total.n.suppressed, true);
});
