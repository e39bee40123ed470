import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { AppError } from '../errors.ts';
import type { RegisterProblem } from './register.rules.ts';
import { importRegister } from './register.service.ts';

const usage = 'usage: wavepanel register import FILE --study S\n';

/** `wavepanel register import FILE --study S`: all rows or none; problems are listed by line. */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const services = await context.services;
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { study: { type: 'string' } } });
  const file = positionals[0];
  if (sub !== 'import' || !file || !values.study) {
    process.stderr.write(usage);
    return 2;
  }
  const text = fs.readFileSync(file, 'utf8');
  try {
    const { imported } = await importRegister(services, { studyId: values.study, text, actor: commandLine });
    process.stdout.write(`Imported register data for ${imported} participants.\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'unprocessable') {
      const problems = (error.details?.problems ?? []) as RegisterProblem[];
      for (const p of problems) process.stderr.write(`line ${p.line}: ${p.message}\n`);
      process.stderr.write('Nothing was imported.\n');
      return 1;
    }
    throw error;
  }
}
