import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commandLine } from '../audit/audit.service.ts';
import type { CommandContext } from '../command-line.ts';
import { AppError } from '../errors.ts';
import { previewSurveyVersion, publishSurveyVersion } from './publishing.ts';
import { SurveyDefinitionError } from './registry.ts';
import { checkSurveyVersions, hasBreakingChanges, type VersionChange, type VersionStep } from './versions.ts';

const usage = `usage:
  wavepanel surveys check [--allow-breaking]
      load every surveys/<id>/<version>.json as the server does, compare each version with the previous
      one and list breaking and safe changes; exit 1 on breaking changes unless --allow-breaking
  wavepanel surveys publish FILE --survey ID [--allow-breaking] [--dry-run]
      check FILE as the server does, compare it with the latest version of survey ID and write it as the
      next version (surveys/<ID>/<n>.json); refused (exit 1) on breaking changes unless --allow-breaking;
      --dry-run only compares. A running server serves the new version after a restart; publishing from
      the researcher pages (Surveys) serves it at once.
`;

const changeLine = (c: VersionChange) => `  ${c.kind.padEnd(8)} ${c.question ? `${c.question}: ` : ''}${c.what}`;

function check(rest: string[], { config }: CommandContext): number {
  const { values } = parseArgs({ args: rest, options: { 'allow-breaking': { type: 'boolean', default: false } } });
  let steps: VersionStep[];
  try {
    steps = checkSurveyVersions(config.surveysDir);
  } catch (error) {
    if (!(error instanceof SurveyDefinitionError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const lines: string[] = [];
  for (const step of steps) {
    const breaking = step.changes.filter((c) => c.kind === 'breaking');
    const safe = step.changes.filter((c) => c.kind === 'safe');
    lines.push(`${step.id} ${step.from} -> ${step.to}: ${breaking.length} breaking, ${safe.length} safe`);
    for (const c of [...breaking, ...safe]) lines.push(changeLine(c));
  }
  if (!steps.length) lines.push('every survey has a single version; nothing to compare');
  process.stdout.write(`${lines.join('\n')}\n`);
  const breaking = steps.some((s) => hasBreakingChanges(s.changes));
  if (breaking && !values['allow-breaking']) {
    process.stderr.write('breaking changes: answers of these versions are not comparable. Publish with --allow-breaking only on purpose.\n');
    return 1;
  }
  return 0;
}

async function publish(rest: string[], context: CommandContext): Promise<number> {
  const { config } = context;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { survey: { type: 'string' }, 'allow-breaking': { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1 || !values.survey) {
    process.stderr.write(usage);
    return 2;
  }
  let definition: unknown;
  try {
    definition = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`${file}: cannot be read as JSON (${(error as Error).message})\n`);
    return 1;
  }
  const next = { surveyId: values.survey, definition };
  let result;
  try {
    // The database is opened before anything is written: a publication that cannot be audited does
    // not happen. Its registry knows what every server published, so the number follows theirs.
    const services = await context.services;
    const deps = { ...services, surveysDir: config.surveysDir };
    result = values['dry-run'] ? await previewSurveyVersion({ ...deps, ...next }) : await publishSurveyVersion(deps, { ...next, allowBreaking: values['allow-breaking'], actor: commandLine });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    const breaking = error.details?.breaking as VersionChange[] | undefined;
    if (breaking) process.stderr.write(`${breaking.map(changeLine).join('\n')}\n`);
    return 1;
  }
  const from = result.previousVersion === null ? 'new survey' : `${result.previousVersion} -> ${result.version}`;
  const lines = [`${result.surveyId} ${from}: ${result.breaking.length} breaking, ${result.safe.length} safe`, ...[...result.breaking, ...result.safe].map(changeLine)];
  lines.push(result.published ? `published ${path.join(config.surveysDir, result.surveyId, `${result.version}.json`)}` : `dry run: nothing written (it would be version ${result.version})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function run(args: string[], context: CommandContext): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'check') return check(rest, context);
  if (subcommand === 'publish') return publish(rest, context);
  process.stderr.write(usage);
  return 2;
}
