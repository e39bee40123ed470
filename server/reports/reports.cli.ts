import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { withOutput } from '../exports/exports.cli.ts';
import { reportFile, reportFormats, type ReportFormat } from './reports.service.ts';

const usage = `usage: wavepanel report --study S [--format ${reportFormats.join('|')}] [--lang nl|en] [--out FILE]\n`;

/** `wavepanel report`: the protected panel report as a file (minimum cell size from WAVEPANEL_MIN_CELL); `pdf` needs Chromium. */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const { config, now, definitions } = context;
  const { values } = parseArgs({ args, options: { study: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string', default: 'nl' } } });
  const format = values.format ?? 'md';
  if (!values.study || !(reportFormats as readonly string[]).includes(format)) {
    process.stderr.write(usage);
    return 2;
  }
  const file = await reportFile({ database: await context.database, now, definitions, studyId: values.study, minCellSize: config.minCellSize, actor: commandLine, language: values.lang, format: format as ReportFormat });
  await withOutput(values.out, async (out) => {
    out.write(file.body);
  });
  return 0;
}
