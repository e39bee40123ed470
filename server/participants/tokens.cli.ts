import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { lettersCsv } from '../letters/letters.ts';
import { letterOrigin } from '../letters/letters.service.ts';
import { createBatch } from './participant-admin.service.ts';

const usage = 'usage: wavepanel tokens create --study S --count N [--language nl|en|ar|tr|ti] [--origin https://panel.example.nl] > tokens.csv\n';

/**
 * `wavepanel tokens create`: a batch of participants with new tokens. The raw tokens are written
 * to stdout once (CSV: pseudonym, language, token, link) and stored nowhere; keep that file safe
 * and turn it into letters with `wavepanel letters --study S --tokens FILE`.
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const { config } = context;
  const services = await context.services;
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { study: { type: 'string' }, count: { type: 'string' }, language: { type: 'string' }, origin: { type: 'string' } } });
  const count = Number(values.count);
  if (sub !== 'create' || !values.study || !Number.isInteger(count)) {
    process.stderr.write(usage);
    return 2;
  }
  const { batch, letters } = await createBatch(services, { studyId: values.study, count, language: values.language, actor: commandLine });
  process.stdout.write(lettersCsv(letters, values.origin ?? letterOrigin(config)));
  process.stderr.write(`Created ${count} participants in batch ${batch.id}. The tokens above are not stored anywhere else.\n`);
  return 0;
}
