import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { exportFormats, isExportFormat, writeExport } from './exports.service.ts';

const usage = `usage: wavepanel export --study S --format ${exportFormats.join('|')}
       [--layout wide|long] [--out FILE] [--excel-nl] [--lang nl|en] [--data CSV-FILE-NAME]
  --layout   rows the codebook, syntax and .sav describe (default wide; long for the long CSV)
  --excel-nl semicolons, decimal commas and a byte order mark, for Excel in Dutch
  --data     the CSV file name the .sps or R script reads (default <study>-<layout>.csv)
`;

/** Writes to --out (removed again when the export fails) or to standard output. */
export async function withOutput(file: string | undefined, write: (out: Writable) => Promise<void>): Promise<void> {
  if (!file) {
    // A reader that stops early (`| head`) closes the pipe: stop quietly, as command-line tools do.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
    return write(process.stdout);
  }
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    await write(out);
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/** `wavepanel export`: every export is recorded in the audit log as done by the CLI operator. */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const { now, surveys, definitions } = context;
  const { values } = parseArgs({
    args,
    options: {
      study: { type: 'string' },
      format: { type: 'string' },
      layout: { type: 'string' },
      out: { type: 'string' },
      'excel-nl': { type: 'boolean' },
      lang: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const { study, format, layout, lang } = values;
  if (!study || !format || !isExportFormat(format) || (layout && layout !== 'wide' && layout !== 'long') || (lang && lang !== 'nl' && lang !== 'en')) {
    process.stderr.write(usage);
    return 2;
  }
  const database = await context.database;
  await withOutput(values.out, (out) =>
    writeExport({
      database,
      now,
      surveys,
      definitions,
      studyId: study,
      format,
      layout: layout as 'wide' | 'long' | undefined,
      out,
      excelNl: values['excel-nl'] === true,
      lang: lang as 'nl' | 'en' | undefined,
      dataFile: values.data,
      actor: commandLine,
    }),
  );
  if (values.out) process.stderr.write(`Wrote ${values.out}.\n`);
  return 0;
}
