import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { withOutput } from '../exports/exports.cli.ts';
import { loadStudyDefinitions } from '../studies/study-registry.ts';
import { loadSurveyRegistry } from '../surveys/registry.ts';
import { reportFile, reportFormats, type ReportFormat } from './reports.service.ts';

const usage = `usage: wavepanel report --study S [--format ${reportFormats.join('|')}] [--lang nl|en] [--out FILE]\n`;

/** `wavepanel report`: the protected panel report as a file (minimum cell size from WAVEPANEL_MIN_CELL); `pdf` needs Chromium. */
export async function run(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { study: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string', default: 'nl' } } });
  const format = values.format ?? 'md';
  if (!values.study || !(reportFormats as readonly string[]).includes(format)) {
    process.stderr.write(usage);
    return 2;
  }
  const db = openDatabase(config.databasePath, { syncMode: config.syncMode });
  try {
    const definitions = loadStudyDefinitions(config.studiesDir, loadSurveyRegistry(config.surveysDir, config.localesDir));
    const file = await reportFile({ db, definitions, studyId: values.study, minCellSize: config.minCellSize, userId: null, via: 'cli', language: values.lang, format: format as ReportFormat });
    await withOutput(values.out, async (out) => {
      out.write(file.body);
    });
    return 0;
  } finally {
    db.$client.close();
  }
}
