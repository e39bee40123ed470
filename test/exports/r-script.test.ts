import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import type { Database } from '../../server/db/database.ts';
import { writeExport, type ExportFormat } from '../../server/exports/exports.service.ts';
import { panelReport } from '../../server/reports/reports.service.ts';
import { fixtureSurveys, generatePanel, type GeneratedPanel } from '../fixtures/exports/panel-generator.ts';
import { bundledDefinitions, collector, openTestDatabase } from './helpers.ts';

/** The R script run by R itself on the CSV export: declared missing values are NA, as in the report and SPSS. */

let database: Database;
let dir: string;
let close: () => Promise<void>;
let panel: GeneratedPanel;

before(async () => {
  ({ database, dir, close } = await openTestDatabase());
  panel = await generatePanel(database, { participants: 60, seed: 7 });
});
after(() => close());

async function exportTo(format: ExportFormat, file: string): Promise<void> {
  const { out, bytes } = collector();
  await writeExport({ database, surveys: fixtureSurveys(), definitions: bundledDefinitions(), studyId: panel.studyId, format, layout: 'wide', out, dataFile: path.join(dir, 'wide.csv'), actor: commandLine });
  fs.writeFileSync(file, bytes());
}

test("R's share of a question with \"don't know\" equals the report's, and R keeps which value was missing", async () => {
  await exportTo('wide', path.join(dir, 'wide.csv'));
  await exportTo('r', path.join(dir, 'wide.R'));
  const report = await panelReport({ database, definitions: bundledDefinitions(), studyId: panel.studyId, minCellSize: 1, actor: commandLine, language: 'en' });
  const everyone = report.groupings.find((g) => !g.unknownLeftOut)!;
  for (const wave of ['t0', 't1', 't2']) {
    const program = [
      `source(${JSON.stringify(path.join(dir, 'wide.R'))})`,
      // The report counts completed responses with consent; the export holds every response.
      `d <- data[!is.na(data[["${wave}_completed_at"]]) & data[["${wave}_consent"]] %in% 1, ]`,
      `cat(sprintf("%.6f", 100 * mean(d[["${wave}_enough_contacts"]] == "Ja", na.rm = TRUE)), "\\n")`,
      `cat(sum(attr(data[["${wave}_enough_contacts"]], "na_codes") %in% "dont_know"), sum(is.na(data[["${wave}_enough_contacts"]]) & !is.na(attr(data[["${wave}_enough_contacts"]], "na_codes"))), "\\n")`,
    ].join('\n');
    const run = spawnSync('Rscript', ['-e', program], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const [share, codes] = run.stdout.trim().split('\n');
    const expected = everyone.waves.find((w) => w.wave === wave.toUpperCase())!.total.percentages.enough_contacts!.value!;
    assert.ok(Math.abs(Number(share) - expected) < 1e-4, `${wave}: R ${share} vs report ${expected}`);
    const [kept, asNa] = codes!.trim().split(/\s+/).map(Number);
    assert.ok(kept! > 0 && kept === asNa, `${wave}: every dont_know is NA with its code kept (${codes})`);
  }
});
