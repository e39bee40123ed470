import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import type { Layout } from '../../server/exports/variables.ts';
import { createTestApp, seedMiniStudies, type TestApp } from '../helpers/app.ts';
import { collector } from './helpers.ts';

/** The columns of an export follow the study's surveys and definition alone: nothing of EAA's. */

async function exported(t: TestApp, studyId: string, format: ExportFormat, layout: Layout = 'wide'): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database: t.services.database, surveys: t.services.surveys, definitions: t.services.definitions, studyId, format, layout, out, actor: commandLine });
  return text();
}

const eaaColumns = /migration|outflow_work|self_reliance_score|diagnosis_advice|status_holder|nationality|age_band/;

test('a study without register columns or derived variables gets no empty columns for them', async (ctx) => {
  const t = await createTestApp();
  ctx.after(() => t.close());
  await seedMiniStudies(t.services);
  for (const layout of ['wide', 'long'] as const) {
    const header = (await exported(t, 'mini-cross', layout)).split('\r\n')[0]!;
    assert.doesNotMatch(header, eaaColumns, header);
    assert.match(header, /pseudonym/);
    for (const format of ['codebook', 'sps', 'r'] as const) assert.doesNotMatch(await exported(t, 'mini-cross', format, layout), eaaColumns, `${format} ${layout}`);
  }
});

test("a study's declared register columns, and only those, are exported", async (ctx) => {
  const t = await createTestApp();
  ctx.after(() => t.close());
  await seedMiniStudies(t.services);
  const header = (await exported(t, 'mini-panel', 'wide')).split('\r\n')[0]!.split(',');
  assert.deepEqual(header.slice(0, 5), ['pseudonym', 'diagnosis_advice', 'status_holder', 'nationality', 'age_band']);
  assert.ok(!header.some((c) => /migration|outflow/.test(c)));
});

test('a study that declares no missing values says so in its codebook', async (ctx) => {
  const t = await createTestApp();
  ctx.after(() => t.close());
  await seedMiniStudies(t.services);
  assert.match(await exported(t, 'mini-cross', 'codebook'), /No answer values are declared missing\./);
});
