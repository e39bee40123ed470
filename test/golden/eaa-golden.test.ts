import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { projectRoot } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import type { Layout } from '../../server/exports/variables.ts';
import { ServedTranslations } from '../../server/i18n/saved-translations.ts';
import { loadLetterTexts } from '../../server/letters/letter-texts.ts';
import { renderLetters } from '../../server/letters/letters.ts';
import { reportMarkdown } from '../../server/reports/report-markdown.ts';
import { reportTexts } from '../../server/reports/report-texts.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { loadStudyDefinitions, type StudyDefinitions } from '../../server/studies/study-registry.ts';
import { loadSurveyRegistry, type SurveyRegistry } from '../../server/surveys/registry.ts';
import { generatePanel } from '../fixtures/exports/panel-generator.ts';
import { collector, openTestDatabase } from '../exports/helpers.ts';

/**
 * EAA's report, exports and letters for a fixed seeded panel, compared byte for byte with the
 * files in `test/fixtures/golden/eaa/`, which were written by the code before the study became
 * data. `UPDATE_GOLDEN=1` rewrites them (and the diff then shows exactly what changed).
 */

const goldenDir = path.join(projectRoot, 'test', 'fixtures', 'golden', 'eaa');
const update = process.env.UPDATE_GOLDEN === '1';

let database: Database;
let close: () => Promise<void>;
let surveys: SurveyRegistry;
let definitions: StudyDefinitions;

before(async () => {
  ({ database, close } = await openTestDatabase());
  surveys = loadSurveyRegistry(path.join(projectRoot, 'surveys'), path.join(projectRoot, 'locales'));
  definitions = loadStudyDefinitions(path.join(projectRoot, 'studies'), surveys);
  await generatePanel(database, { participants: 240, seed: 2026, surveyOf: (wave) => `eaa-${wave.toLowerCase()}` });
});
after(() => close());

function compare(file: string, actual: string): void {
  const target = path.join(goldenDir, file);
  if (update) {
    fs.mkdirSync(goldenDir, { recursive: true });
    fs.writeFileSync(target, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(target, 'utf8'), `${file} differs from its golden file`);
}

async function exported(format: ExportFormat, layout: Layout): Promise<string> {
  const { out, text } = collector();
  await writeExport({ database, surveys, definitions, studyId: 'eaa', format, layout, out, actor: commandLine, dataFile: `eaa-${layout}.csv`, now: () => new Date('2026-11-01T00:00:00Z') });
  return text();
}

test("EAA's report comes out as it did before the study was data", async () => {
  const report = await panelReport({ database, definitions, studyId: 'eaa', minCellSize: 10, actor: commandLine, language: 'en', now: () => new Date('2026-11-01T00:00:00Z') });
  compare('report.md', reportMarkdown(report, reportTexts('en')));
});

for (const [format, layout] of [
  ['wide', 'wide'],
  ['long', 'long'],
  ['codebook', 'wide'],
  ['codebook', 'long'],
  ['codebook-csv', 'wide'],
  ['sps', 'wide'],
  ['sps', 'long'],
  ['r', 'wide'],
] as const) {
  test(`EAA's ${format} export (${layout}) comes out as it did before the study was data`, async () => {
    compare(`${format}-${layout}.txt`, await exported(format, layout));
  });
}

test("EAA's letters in every language come out as they did before the study was data", async () => {
  const languages = ['nl', 'en', 'ar', 'tr', 'ti'];
  const letters = languages.map((language, i) => ({ participantId: i + 1, pseudonym: `EAA-000${i + 1}`, language, token: `${'ABCDEFGHJK'[i]}`.repeat(26) }));
  const html = await renderLetters({ letters, origin: 'https://panel.example.nl', textsFor: (language) => loadLetterTexts(new ServedTranslations(path.join(projectRoot, 'locales')), definitions.get('eaa')!.definition, language) });
  compare('letters.html', html);
});
