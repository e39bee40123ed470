import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CommandContext } from '../command-line.ts';
import type { Config } from '../config.ts';
import { xliffVersions } from './xliff.ts';
import {
  contextGaps,
  exportXliff,
  i18nReport,
  I18nInputError,
  importXliff,
  markReviewed,
  outdatedSources,
  regenerateSources,
  type ReportRow,
} from './i18n.service.ts';

const usage = `usage:
  wavepanel i18n                 regenerate the Dutch sources and context from the definitions, print the report
  wavepanel i18n --check         change nothing; exit 1 when a translation is missing or a Dutch source is out of date
  wavepanel i18n export --lang xx --format xliff [--version 2.0|1.2] [--out FILE]
  wavepanel i18n import FILE [--lang xx]
                                 read a translator's XLIFF 1.2 or 2.0 back (nothing changes when it has problems);
                                 --lang for a file that names no target language (translate-toolkit's po2xliff)
  wavepanel i18n review --lang xx --file NS [KEY...]
                                 mark translations reviewed (all translated keys of the file when no key is named)
`;

function formatReport(rows: ReportRow[]): string {
  const header = ['lang', 'file', 'keys', 'reviewed', 'translated', 'draft', 'missing', 'stale', 'unused', 'audio', 'audio stale'];
  const lines = rows.map((r) => [r.lang, r.namespace, r.total, r.reviewed, r.translated, r.draft, r.missing, r.stale, r.unused, r.recordings, r.staleRecordings.length].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const details = rows.flatMap((r) =>
    (['missing', 'stale', 'unused'] as const)
      .filter((kind) => r.keys[kind].length)
      .map((kind) => `${r.lang}/${r.namespace} ${kind}: ${r.keys[kind].join(', ')}`)
      .concat(r.staleRecordings.length ? [`${r.lang}/${r.namespace} stale recordings: ${r.staleRecordings.join(', ')}`] : []),
  );
  return [format(header), ...lines.map(format), ...(details.length ? ['', ...details] : [])].join('\n') + '\n';
}

async function exportCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { lang: { type: 'string' }, format: { type: 'string', default: 'xliff' }, version: { type: 'string', default: '2.0' }, out: { type: 'string' } },
  });
  const version = xliffVersions.find((v) => v === values.version);
  if (!values.lang || values.format !== 'xliff' || !version) {
    process.stderr.write(usage);
    return 2;
  }
  const xliff = exportXliff(config, values.lang, version);
  if (values.out) writeFileSync(values.out, xliff);
  else process.stdout.write(xliff);
  return 0;
}

async function importCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' } } });
  const [file] = positionals;
  if (!file) {
    process.stderr.write(usage);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const result = importXliff(config, text, values.lang ? { lang: values.lang } : {});
  if (!result.ok) {
    process.stderr.write(`${file} was not imported; nothing changed:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${file}: ${result.changed} ${result.lang} translation(s) stored\n`);
  return 0;
}

async function reviewCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' }, file: { type: 'string' } } });
  if (!values.lang || !values.file) {
    process.stderr.write(usage);
    return 2;
  }
  const keys = markReviewed(config, { lang: values.lang, namespace: values.file, keys: positionals });
  process.stdout.write(`${values.lang}/${values.file}: ${keys.length} translation(s) marked reviewed\n`);
  return 0;
}

export async function run(args: string[], { config }: CommandContext): Promise<number> {
  try {
    if (args[0] === 'review') return await reviewCommand(args.slice(1), config);
    if (args[0] === 'export') return await exportCommand(args.slice(1), config);
    if (args[0] === 'import') return await importCommand(args.slice(1), config);
    const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
    if (values.help) {
      process.stdout.write(usage);
      return 0;
    }
    if (values.check) {
      const outdated = outdatedSources(config);
      const rows = i18nReport(config);
      process.stdout.write(formatReport(rows));
      for (const ns of outdated) process.stderr.write(`locales/nl/${ns}.json is out of date with surveys/${ns}: run npx wavepanel i18n\n`);
      const missing = rows.reduce((sum, r) => sum + r.missing, 0);
      if (missing) process.stderr.write(`${missing} translation(s) missing\n`);
      return missing || outdated.length ? 1 : 0;
    }
    const { written, tracked } = regenerateSources(config);
    for (const ns of written) process.stdout.write(`wrote locales/nl/${ns}.json and its context\n`);
    if (tracked) process.stdout.write(`now tracking ${tracked} translation(s) the status files did not know, as drafts\n`);
    process.stdout.write(formatReport(i18nReport(config)));
    for (const gap of contextGaps(config)) {
      process.stdout.write(`\nno context yet in locales/nl/${gap.namespace}.context.json: ${gap.keys.join(', ')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof I18nInputError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(error as Error).message}\n${usage}`);
      return 2;
    }
    throw error;
  }
}
