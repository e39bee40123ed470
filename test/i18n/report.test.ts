import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { sourceHash, readStatus, readContext, readStrings, writeJson } from '../../server/i18n/catalog.ts';
import { contextGaps, exportXliff, i18nReport, markReviewed, regenerateSources } from '../../server/i18n/i18n.service.ts';
import { reportNamespace } from '../../server/i18n/report.ts';
import { projectRoot } from '../../server/config.ts';
import { i18nWorkspace } from './workspace.ts';

const cli = path.join(projectRoot, 'server', 'cli.ts');

async function wavepanel(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const counts = (row: { total: number; reviewed: number; translated: number; draft: number; missing: number; stale: number; unused: number }) => ({
  total: row.total,
  reviewed: row.reviewed,
  translated: row.translated,
  draft: row.draft,
  missing: row.missing,
  stale: row.stale,
  unused: row.unused,
});

test('each key falls in exactly one of reviewed, translated, draft, missing; stale and unused are counted apart', () => {
  const source = { a: 'Een', b: 'Twee', c: 'Drie', d: 'Vier', e: 'Vijf' };
  const cases = [
    { name: 'reviewed and current', translations: { a: 'One' }, status: { a: { state: 'reviewed', source: sourceHash('Een') } }, key: 'a', expect: 'reviewed' },
    { name: 'written by a translator', translations: { a: 'One' }, status: { a: { state: 'translated', source: sourceHash('Een') } }, key: 'a', expect: 'translated' },
    { name: 'machine-made', translations: { b: 'Two' }, status: { b: { state: 'draft', source: sourceHash('Twee') } }, key: 'b', expect: 'draft' },
    { name: 'no status entry is not reviewed', translations: { c: 'Three' }, status: {}, key: 'c', expect: 'draft' },
    { name: 'empty text is missing', translations: { d: '  ' }, status: {}, key: 'd', expect: 'missing' },
    { name: 'absent text is missing', translations: {}, status: {}, key: 'e', expect: 'missing' },
  ] as const;
  for (const c of cases) {
    const report = reportNamespace({ source, translations: c.translations, status: c.status });
    const kind = report.keys.missing.includes(c.key) ? 'missing' : report.keys.draft.includes(c.key) ? 'draft' : report.reviewed ? 'reviewed' : 'translated';
    assert.equal(kind, c.expect, c.name);
    assert.equal(report.reviewed + report.translated + report.draft + report.missing, 5, c.name);
  }
  const stale = reportNamespace({ source, translations: { a: 'One', x: 'Old' }, status: { a: { state: 'translated', source: sourceHash('Eén') } } });
  assert.deepEqual([stale.keys.stale, stale.keys.unused, stale.translated], [['a'], ['x'], 1]);
});

test('the report on the fixture counts a missing, an unused, a stale key and the drafts', (t) => {
  const dirs = i18nWorkspace(t);
  const rows = i18nReport(dirs, ['en', 'ar']);
  const en = rows.find((r) => r.lang === 'en' && r.namespace === 'mini-i18n')!;
  assert.deepEqual(counts(en), { total: 5, reviewed: 1, translated: 1, draft: 2, missing: 1, stale: 1, unused: 1 });
  assert.deepEqual(en.keys, { draft: ['pages.start.title', 'q1.choices.no'], missing: ['q1.choices.yes'], stale: ['q1.title'], unused: ['q1.choices.maybe'] });
  const enApp = rows.find((r) => r.lang === 'en' && r.namespace === 'app')!;
  assert.deepEqual(counts(enApp), { total: 2, reviewed: 0, translated: 1, draft: 1, missing: 0, stale: 0, unused: 0 });
  const ar = rows.find((r) => r.lang === 'ar' && r.namespace === 'mini-i18n')!;
  assert.deepEqual(counts(ar), { total: 5, reviewed: 0, translated: 0, draft: 0, missing: 5, stale: 0, unused: 0 });
});

test('regenerating writes the Dutch source and context from the definition and tracks unknown translations as drafts', (t) => {
  const dirs = i18nWorkspace(t);
  const result = regenerateSources(dirs);
  assert.deepEqual(result, { written: ['mini-i18n'], tracked: 1 });
  assert.deepEqual(readStrings(dirs.localesDir, 'nl', 'mini-i18n'), {
    'survey.title': 'Kleine test',
    'pages.start.title': 'Begin',
    'q1.title': 'Gaat het goed?',
    'q1.choices.yes': 'Ja',
    'q1.choices.no': 'Nee',
  });
  const context = readContext(dirs.localesDir, 'mini-i18n');
  assert.match(context['q1.choices.no']!.where, /page "start", radiogroup question "q1"/);
  assert.match(context['q1.choices.no']!.meaning, /answer choice "no" of "Gaat het goed\?"/);
  assert.deepEqual(readStatus(dirs.localesDir, 'en', 'mini-i18n')['q1.choices.no'], { state: 'draft', source: sourceHash('Nee') });
  assert.deepEqual(regenerateSources(dirs), { written: [], tracked: 0 }, 'a second run changes nothing');
});

test('changing the Dutch text of a reviewed translation makes it stale', (t) => {
  const dirs = i18nWorkspace(t);
  const file = path.join(dirs.surveysDir, 'mini-i18n', '1.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"Kleine test"', '"Een kleine test"'));
  regenerateSources(dirs);
  const en = i18nReport(dirs, ['en']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual(en.keys.stale.sort(), ['q1.title', 'survey.title']);
});

test('--check exits non-zero on a missing key and names it', async (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const result = await wavepanel(['i18n', '--check'], { WAVEPANEL_SURVEYS_DIR: dirs.surveysDir, WAVEPANEL_LOCALES_DIR: dirs.localesDir });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /en\/mini-i18n missing: q1\.choices\.yes/);
  assert.match(result.stderr, /translation\(s\) missing/);
});

test('--check passes on the repository: every language is complete and the Dutch sources are current', async () => {
  const result = await wavepanel(['i18n', '--check']);
  assert.equal(result.code, 0, result.stderr + result.stdout);
});

test('every language has every app string, and nothing the Dutch app strings lack', () => {
  const dirs = { surveysDir: path.join(projectRoot, 'surveys'), localesDir: path.join(projectRoot, 'locales') };
  for (const row of i18nReport(dirs).filter((r) => r.namespace === 'app' || r.namespace === 'researcher')) {
    assert.ok(row.total > 0);
    assert.deepEqual(row.keys.missing, [], `${row.lang}/${row.namespace}.json misses keys`);
    assert.deepEqual(row.keys.unused, [], `${row.lang}/${row.namespace}.json has keys Dutch does not`);
  }
});

test('the workspace is reported in the languages that have its file (Dutch and English), and a language is added by adding the file', (t) => {
  const dirs = i18nWorkspace(t);
  writeJson(path.join(dirs.localesDir, 'nl', 'researcher.json'), { signIn: { title: 'Aanmelden', submit: 'Aanmelden' } });
  writeJson(path.join(dirs.localesDir, 'en', 'researcher.json'), { signIn: { title: 'Sign in' } });
  const rows = () => i18nReport(dirs).filter((r) => r.namespace === 'researcher');
  assert.deepEqual(rows().map((r) => [r.lang, r.missing]), [['en', 1]]);
  writeJson(path.join(dirs.localesDir, 'tr', 'researcher.json'), {});
  assert.deepEqual(rows().map((r) => [r.lang, r.missing]), [['en', 1], ['tr', 2]]);
  assert.match(exportXliff(dirs, 'en'), /<file id="researcher">/);
  assert.doesNotMatch(exportXliff(dirs, 'ar'), /researcher/);
});

test('keys without a word of context for the translator are named', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  assert.deepEqual(contextGaps(dirs), [{ namespace: 'app', keys: ['start.title', 'errors.wave_not_open'] }]);
});

test('a reviewer marks translations reviewed, which then count as reviewed and current', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  assert.deepEqual(markReviewed(dirs, { lang: 'en', namespace: 'mini-i18n', keys: ['q1.title'] }), ['q1.title']);
  let en = i18nReport(dirs, ['en']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual([en.reviewed, en.translated, en.stale], [2, 0, 0]);
  assert.throws(() => markReviewed(dirs, { lang: 'en', namespace: 'mini-i18n', keys: ['q1.choices.yes'] }), /not translated in en\/mini-i18n: q1\.choices\.yes/);
  markReviewed(dirs, { lang: 'en', namespace: 'mini-i18n', keys: [] });
  en = i18nReport(dirs, ['en']).find((r) => r.namespace === 'mini-i18n')!;
  assert.deepEqual([en.reviewed, en.draft, en.missing], [4, 0, 1]);
});
