import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { commandLine, recordAudit } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { participants } from '../db/schema.ts';
import { parseToken } from '../tokens/token.ts';
import { loadLetterTexts } from './letter-texts.ts';
import { renderLetters } from './letters.ts';
import { letterOrigin } from './letters.service.ts';

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
  const rows = parse(fs.readFileSync(values.tokens, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const known = new Map(
    services.db
      .select()
      .from(participants)
      .where(eq(participants.studyId, values.study))
      .all()
      .map((p) => [p.pseudonym, p]),
  );
  const study = await services.studies.findStudy(values.study);
  if (!study) {
    process.stderr.write(`There is no study ${values.study}.\n`);
    return 1;
  }
  const definition = services.definitions.of(study).definition;
  const letters = [];
  for (const [i, row] of rows.entries()) {
    const participant = known.get(row.pseudonym ?? '');
    const parsed = parseToken(row.token ?? '');
    if (!participant || !parsed.ok || participant.status !== 'active' || services.hash('token', parsed.token) !== participant.tokenHash) {
      process.stderr.write(`line ${i + 2}: not a current token of an active participant of ${values.study}; nothing written\n`);
      return 1;
    }
    letters.push({ participantId: participant.id, pseudonym: participant.pseudonym, language: participant.language, token: parsed.token });
  }
  const html = await renderLetters({
    letters,
    origin: values.origin ?? letterOrigin(config),
    textsFor: (language) => loadLetterTexts(config.localesDir, definition, language),
  });
  process.stdout.write(html);
  await recordAudit({ ...services, ...commandLine, action: 'letters_served', studyId: values.study, detail: { count: letters.length } });
  return 0;
}
