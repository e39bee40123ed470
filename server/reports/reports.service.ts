import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { readPanel } from '../exports/exports.service.ts';
import { createReportsRepository } from './reports.repository.ts';
import { buildReport, type PanelReport } from './report.ts';

/** The suppressed panel report of a study, ready to leave the platform; audited as an export. */
export function panelReport({
  db,
  studyId,
  minCellSize,
  userId,
  via,
  now = () => new Date(),
}: {
  db: Db;
  studyId: string;
  minCellSize: number;
  userId: number | null;
  via: 'cli' | 'api';
  now?: () => Date;
}): PanelReport {
  const repo = createReportsRepository({ db });
  const study = repo.study(studyId);
  if (!study) throw new AppError('study_not_found', `Study ${studyId} does not exist.`);
  const report = buildReport({ units: readPanel({ db, studyId }), waves: repo.waveCodes(studyId), studyId, studyName: study.name, minCellSize, now: now() });
  recordAudit({ db, now, userId, action: 'export', studyId, detail: { format: 'report', minCellSize, via } });
  return report;
}
