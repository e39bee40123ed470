import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { AppError } from '../errors.ts';
import { letterOrigin, lettersFromTokens, type TokenRow } from './letters.service.ts';

const usage = 'usage: wavepanel letters --study S --tokens tokens.csv [--origin https://panel.example.nl (default: WAVEPANEL_PUBLIC_URL)] > letters.html\n';

/**
 * `wavepanel letters`: print-ready letters (HTML, one A4 page each) from the CSV that
 * `wavepanel tokens create` wrote. Every token is checked against its participant's stored hash,
 * so a token that was reissued or withdrawn since is refused rather than printed.
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const { config } = context;
  const services = await context.services;
  const { values } = parseArgs({ args, options: { study: { type: 'string' }, tokens: { type: 'string' }, origin: { type: 'string' } } });
  if (!values.study || !values.tokens) {
    process.stderr.write(usage);
    return 2;
  }
  const rows = parse(fs.readFileSync(values.tokens, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as TokenRow[];
  try {
    process.stdout.write(await lettersFromTokens(services, { studyId: values.study, rows, origin: values.origin ?? letterOrigin(config), actor: commandLine }));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'validation_failed' && error.code !== 'study_not_found')) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
