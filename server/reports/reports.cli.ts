import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { withOutput } from '../exports/exports.cli.ts';
import { reportMarkdown } from './report-markdown.ts';
import { loadStudyDefinitions } from '../studies/study-registry.ts';
import { loadSurveyRegistry } from '../surveys/registry.ts';
import { panelReport } from './reports.service.ts';

const usage = 'usage: wavepanel report --study S [--format md|json] [--lang nl|en] [--out FILE]\n';

/** `wavepanel report`: the suppressed panel report (minimum cell size from WAVEPANEL_MIN_CELL). */
export async function run(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { study: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string', default: 'nl' } } });
  const format = values.format ?? 'md';
  if (!values.study || (format !== 'md' && format !== 'json')) {
    process.stderr.write(usage);
    return 2;
  }
  const db = openDatabase(config.databasePath, { syncMode: config.syncMode });
  try {
    const definitions = loadStudyDefinitions(config.studiesDir, loadSurveyRegistry(config.surveysDir, config.localesDir));
    const report = await panelReport({ db, definitions, studyId: values.study, minCellSize: config.minCellSize, userId: null, via: 'cli', language: values.lang });
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report);
    await withOutput(values.out, async (out) => {
      out.write(text);
    });
    return 0;
  } finally {
    db.$client.close();
  }
}
