import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import { disclosurePolicy } from '../disclosure/disclosure.ts';
import { AppError } from '../errors.ts';
import { readPanel, type PanelUnit } from '../exports/exports.service.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import { createReportsRepository } from './reports.repository.ts';
import { buildReport, type PanelReport } from './report.ts';

/** Lets other requests run between pages, so a report of a large study does not hold up the server. */
async function* yieldingEvery<T>(items: Iterable<T>, every: number): AsyncGenerator<T> {
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n % every === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The suppressed panel report of a study, ready to leave the platform; audited as an export. */
export async function panelReport({
  db,
  definitions,
  studyId,
  minCellSize,
  userId,
  via,
  language,
  now = () => new Date(),
}: {
  db: Db;
  definitions: StudyDefinitions;
  studyId: string;
  minCellSize: number;
  userId: number | null;
  via: 'cli' | 'api';
  language: string;
  now?: () => Date;
}): Promise<PanelReport> {
  const repo = createReportsRepository({ db });
  const study = repo.study(studyId);
  if (!study) throw new AppError('study_not_found', `Study ${studyId} does not exist.`);
  const definition = definitions.of(study);
  const units = yieldingEvery<PanelUnit>(readPanel({ db, studyId, definition }), 100);
  const report = await buildReport({ units, waves: repo.waveCodes(studyId), study: definition, studyName: study.name, policy: disclosurePolicy(minCellSize, definition.definition.disclosure), now: now(), language });
  // Looking at the report in the workspace is a view; the command writes a file that leaves the platform, an export.
  recordAudit({ db, now, userId, action: via === 'api' ? 'report_view' : 'export', studyId, detail: { format: 'report', minCellSize, via } });
  return report;
}
