import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { disclosurePolicy } from '../disclosure/disclosure.ts';
import { AppError } from '../errors.ts';
import { exportsRepositoryFor } from '../exports/exports.repository.pg.ts';
import { readPanel } from '../exports/exports.service.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import { reportHtml } from './report-html.ts';
import { reportMarkdown } from './report-markdown.ts';
import { htmlToPdf } from './report-pdf.ts';
import { reportColumns, reportCsv, reportHeader, reportRows } from './report-table.ts';
import { reportTexts } from './report-texts.ts';
import { buildReport, type PanelReport } from './report.ts';
import { xlsxWorkbook } from './xlsx.ts';

export interface ReportRequest {
  database: Database;
  definitions: StudyDefinitions;
  studyId: string;
  minCellSize: number;
  /** Who asked: a signed-in researcher, or the operator at the command line. */
  actor: Actor;
  language: string;
  now?: () => Date;
}

/** The formats a report leaves the platform in: one flat table (CSV, XLSX), a printable page or PDF, Markdown, JSON. */
export const reportFormats = ['csv', 'xlsx', 'html', 'pdf', 'md', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const fileTypes: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The report as a file; every format is written to the audit log as an export. */
export async function reportFile({ format, ...request }: ReportRequest & { format: ReportFormat }): Promise<{ body: Buffer; type: string; fileName: string }> {
  const report = await build(request);
  const texts = reportTexts(request.language);
  const text = (value: string) => Buffer.from(value, 'utf8');
  const body =
    format === 'csv'
      ? text(reportCsv(report, texts))
      : format === 'xlsx'
        ? xlsxWorkbook('report', [reportHeader(texts), ...reportRows(report, texts).map((row) => reportColumns.map((c) => row[c]))])
        : format === 'html'
          ? text(reportHtml(report, texts))
          : format === 'pdf'
            ? await htmlToPdf(reportHtml(report, texts))
            : format === 'md'
              ? text(reportMarkdown(report, texts))
              : text(`${JSON.stringify(report, null, 2)}\n`);
  const { database, now = () => new Date(), actor, studyId, minCellSize } = request;
  await recordAudit({ database, now, ...actor, action: 'export', studyId, detail: { format: 'report', file: format, minCellSize } });
  return { body, type: fileTypes[format], fileName: `${request.studyId}-report-${report.generatedAt.slice(0, 10)}.${format}` };
}

/** The suppressed panel report of a study, to look at (in the workspace): audited as a view; `reportFile` is the export. */
export async function panelReport(request: ReportRequest): Promise<PanelReport> {
  const report = await build(request);
  const { database, now = () => new Date(), actor, studyId, minCellSize } = request;
  await recordAudit({ database, now, ...actor, action: 'report_view', studyId, detail: { format: 'report', minCellSize } });
  return report;
}

async function build({ database, definitions, studyId, minCellSize, language, now = () => new Date() }: ReportRequest): Promise<PanelReport> {
  const repo = exportsRepositoryFor(database);
  const study = await repo.study(studyId);
  if (!study) throw new AppError('study_not_found', `Study ${studyId} does not exist.`);
  const definition = await definitions.of(study);
  const waves = (await repo.waves(studyId)).map((w) => w.code);
  return buildReport({ units: readPanel({ database, studyId, definition }), waves, study: definition, studyName: study.name, policy: disclosurePolicy(minCellSize, definition.definition.disclosure), now: now(), language });
}
