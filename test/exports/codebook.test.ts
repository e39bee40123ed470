import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import type { Layout } from '../../server/exports/variables.ts';
import type { SurveyRegistry } from '../../server/surveys/registry.ts';
import { fixtureSurveys, generatePanel } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, exportAudits, openTestDatabase } from './helpers.ts';
import { headerOf, parseCsv } from './read-csv.ts';

let database: Database;
let close: () => Promise<void>;
let surveys: SurveyRegistry;

before(async () => {
  ({ database, close } = await openTestDatabase());
  await generatePanel(database, { participants: 30, seed: 3 });
  surveys = fixtureSurveys();
});
after(() => close());

async function exported(format: ExportFormat, layout: Layout): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database, surveys, definitions: bundledDefinitions(), studyId: 'eaa', format, layout, out, actor: commandLine });
  return text();
}

for (const layout of ['wide', 'long'] as const) {
  test(`the ${layout} codebook (CSV and Markdown) lists every exported column and nothing else, in order`, async () => {
    const columns = headerOf(await exported(layout, layout));
    const csvCodebook = parseCsv(await exported('codebook-csv', layout));
    assert.deepEqual(csvCodebook.map((r) => r.column), columns);
    const markdownColumns = (await exported('codebook', layout))
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| column '))
      .map((line) => line.split(' | ')[0]!.slice(2));
    assert.deepEqual(markdownColumns, columns);
  });
}

test('the codebook gives Dutch and English question texts, values with their codes, waves and versions', async () => {
  const rows = new Map(parseCsv(await exported('codebook-csv', 'wide')).map((r) => [r.column, r]));
  const gender = rows.get('t0_gender')!;
  assert.equal(gender.label_nl, 'Wat is uw gender?');
  assert.equal(gender.label_en, 'What is your gender?');
  assert.match(gender.values!, /woman = 1: Vrouw \/ Woman/);
  assert.match(gender.values!, /no_answer = 4: .*\(missing\)/);
  assert.equal(gender.appears_in, 'T0: eaa-panel v1');
  assert.equal(rows.get('t2_discrimination_grounds__religion')!.label_en, 'Have you been discriminated against in the last 6 months? Why? – Religion');
  assert.match(rows.get('t1_self_reliance__finances')!.values!, /^1: Lukt niet \/ Cannot do it/);
});

test('derived variables carry their derivation in the codebook', async () => {
  const rows = new Map(parseCsv(await exported('codebook-csv', 'long')).map((r) => [r.column, r]));
  for (const name of ['outflow_work', 'self_reliance_score', 'migration_cbs', 'migration_extended', 'migration_group']) {
    assert.ok(rows.get(name)!.derivation!.length > 40, name);
  }
  assert.match(rows.get('migration_group')!.derivation!, /years_in_nl < 10/);
});

test('the R script reads every column with its type, categories as factors, declared missing values as NA and every question text as a label', async () => {
  const columns = headerOf(await exported('wide', 'wide'));
  const script = await exported('r', 'wide');
  assert.match(script, /read\.csv\("eaa-wide\.csv", fileEncoding = "UTF-8"/);
  for (const column of columns) assert.ok(script.includes(`attr(data[["${column}"]], "label")`), column);
  // no_answer is declared missing: NA in R (as SPSS leaves it out), the declared value kept in na_codes.
  assert.ok(script.includes('data[["t0_gender"]][!is.na(wp_codes)] <- NA\ndata[["t0_gender"]] <- factor(data[["t0_gender"]], levels = c("woman", "man", "other"), labels = c("Vrouw", "Man", "Anders"))'));
  assert.ok(script.includes('attr(data[["t0_gender"]], "na_codes") <- wp_codes\nattr(data[["t0_gender"]], "na_values") <- c("no_answer")'));
  assert.ok(script.includes('"t0_health" = "numeric"'));
});

test('every export is written to the audit log, by the CLI operator when no user is signed in', async () => {
  const before = (await exportAudits(database)).length;
  await exported('sps', 'long');
  const rows = await exportAudits(database);
  assert.equal(rows.length, before + 1);
  const last = rows.at(-1)!;
  assert.equal(last.userId, null);
  assert.equal(last.studyId, 'eaa');
  assert.deepEqual(JSON.parse(last.detail), { format: 'sps', layout: 'long', excelNl: false, via: 'cli' });
});
