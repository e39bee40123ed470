import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { SurveyDefinitionError } from './registry.ts';
import { checkSurveyVersions, hasBreakingChanges, type VersionStep } from './versions.ts';

const usage = `usage:
  wavepanel surveys check [--allow-breaking]
      load every surveys/<id>/<version>.json as the server does, compare each version with the previous
      one and list breaking and safe changes; exit 1 on breaking changes unless --allow-breaking
`;

export async function run(args: string[], config: Config): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'check') {
    process.stderr.write(usage);
    return 2;
  }
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
    for (const c of [...breaking, ...safe]) lines.push(`  ${c.kind.padEnd(8)} ${c.question ? `${c.question}: ` : ''}${c.what}`);
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
