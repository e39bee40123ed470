import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from '../../server/config.ts';
import { readStatus, readStrings, sourceHash } from '../../server/i18n/catalog.ts';
import { exportXliff, importXliff, regenerateSources, targetLanguages } from '../../server/i18n/i18n.service.ts';
import { xliffVersions, type XliffVersion } from '../../server/i18n/xliff.ts';
import { fixturesDir } from '../helpers/app.ts';
import { i18nWorkspace } from './workspace.ts';

/**
 * The XLIFF files checked by tools outside the platform: the OASIS schemas (with libxml2's
 * xmllint) and Debian's translate-toolkit, which reads XLIFF 1.2 and converts it to and from PO.
 */

const run = promisify(execFile);
const schemas: Record<XliffVersion, string> = {
  '1.2': path.join(fixturesDir, 'xliff', 'xliff-core-1.2-strict.xsd'),
  '2.0': path.join(fixturesDir, 'xliff', 'xliff_core_2.0.xsd'),
};

async function validate(file: string, version: XliffVersion): Promise<{ valid: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', schemas[version], file]);
    return { valid: true, output: stderr };
  } catch (error) {
    return { valid: false, output: (error as { stderr: string }).stderr };
  }
}

test('the exports of every language in both XLIFF versions are valid against their OASIS schemas', async (t) => {
  const dirs = i18nWorkspace(t);
  const repository = { surveysDir: path.join(projectRoot, 'surveys'), localesDir: path.join(projectRoot, 'locales') };
  for (const version of xliffVersions) {
    for (const lang of targetLanguages) {
      const file = path.join(dirs.root, `${lang}-${version}.xlf`);
      writeFileSync(file, exportXliff(repository, lang, version));
      const result = await validate(file, version);
      assert.ok(result.valid, `${lang} ${version}: ${result.output}`);
    }
  }
});

test('each schema refuses the other version and a state the standard does not have', async (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dirs.root, name), text);
    return path.join(dirs.root, name);
  };
  assert.equal((await validate(file('v2-as-v1.xlf', exportXliff(dirs, 'en', '2.0')), '1.2')).valid, false);
  assert.equal((await validate(file('v1-as-v2.xlf', exportXliff(dirs, 'en', '1.2')), '2.0')).valid, false);
  const badState = exportXliff(dirs, 'en', '2.0').replace('state="reviewed"', 'state="approved"');
  assert.equal((await validate(file('bad-state.xlf', badState), '2.0')).valid, false);
});

test("translate-toolkit reads the 1.2 export (xliff2po) and a translator's PO comes back through po2xliff and imports", async (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xlf = path.join(dirs.root, 'en.xlf');
  const po = path.join(dirs.root, 'en.po');
  const back = path.join(dirs.root, 'back.xlf');
  writeFileSync(xlf, exportXliff(dirs, 'en', '1.2'));
  await run('xliff2po', ['--progress=none', xlf, po]);
  const text = readFileSync(po, 'utf8');
  assert.match(text, /#\. survey mini-i18n, page "start", radiogroup question "q1": the question as the respondent reads it/, 'context is a PO comment');
  assert.match(text, /#: mini-i18n:q1\.choices\.yes\nmsgid "Ja"\nmsgstr ""/, 'an untranslated key');
  assert.match(text, /#: mini-i18n:survey\.title\nmsgid "Kleine test"\nmsgstr "Small test"/, 'a reviewed translation is not fuzzy');
  assert.match(text, /#: app:start\.title\n#, fuzzy\nmsgid "Welkom"/, 'a draft is fuzzy');

  // The translator fills in a missing text and corrects a draft in their PO editor.
  writeFileSync(po, text.replace('msgid "Ja"\nmsgstr ""', 'msgid "Ja"\nmsgstr "Yes"').replace('#, fuzzy\nmsgid "Welkom"\nmsgstr "Welcome"', 'msgid "Welkom"\nmsgstr "Welcome!"'));
  await run('po2xliff', ['--progress=none', po, back]);
  const before = readStrings(dirs.localesDir, 'en', 'mini-i18n');
  assert.deepEqual(importXliff(dirs, readFileSync(back, 'utf8'), { lang: 'en' }), { ok: true, lang: 'en', changed: 2 });
  assert.equal(readStrings(dirs.localesDir, 'en', 'mini-i18n')['q1.choices.yes'], 'Yes');
  assert.equal(readStrings(dirs.localesDir, 'en', 'app')['start.title'], 'Welcome!');
  assert.deepEqual(readStatus(dirs.localesDir, 'en', 'app')['start.title'], { state: 'translated', source: sourceHash('Welkom') });
  assert.equal(readStrings(dirs.localesDir, 'en', 'mini-i18n')['q1.title'], before['q1.title'], 'an untouched fuzzy entry stays as it was');
});

test('a file from po2xliff, which names no target language, is imported only for a language the importer names', async (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xlf = path.join(dirs.root, 'en.xlf');
  const po = path.join(dirs.root, 'en.po');
  writeFileSync(xlf, exportXliff(dirs, 'en', '1.2'));
  await run('xliff2po', ['--progress=none', xlf, po]);
  await run('po2xliff', ['--progress=none', po, xlf]);
  const result = importXliff(dirs, readFileSync(xlf, 'utf8'));
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.problems.join(), /does not say its target-language/);
});

test('an XLIFF 1.2 export imported unchanged changes nothing, and an edited target is stored', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xml = exportXliff(dirs, 'en', '1.2');
  assert.deepEqual(importXliff(dirs, xml), { ok: true, lang: 'en', changed: 0 });
  const edited = xml.replace('<target state="needs-review-translation">Start</target>', '<target state="signed-off">Beginning</target>');
  assert.deepEqual(importXliff(dirs, edited), { ok: true, lang: 'en', changed: 1 });
  assert.deepEqual(readStatus(dirs.localesDir, 'en', 'mini-i18n')['pages.start.title'], { state: 'reviewed', source: sourceHash('Begin') });
});

test('XLIFF elements are found by namespace, whatever their prefix; same-named elements of another namespace are not targets', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xml = exportXliff(dirs, 'en', '2.0');
  const prefixed = xml.replace(/<(\/?)([a-z]+)([ >])/g, '<$1x:$2$3').replace('<x:xliff xmlns=', '<x:xliff xmlns:x=');
  assert.deepEqual(importXliff(dirs, prefixed.replace('<x:target>Start</x:target>', '<x:target>Beginning</x:target>')), { ok: true, lang: 'en', changed: 1 });
  const foreign = exportXliff(dirs, 'en', '2.0').replace('<target>Small test</target>', '<o:target xmlns:o="urn:example:other">Something else</o:target>');
  assert.deepEqual(importXliff(dirs, foreign), { ok: true, lang: 'en', changed: 0 });
  assert.equal(readStrings(dirs.localesDir, 'en', 'mini-i18n')['survey.title'], 'Small test');
});
