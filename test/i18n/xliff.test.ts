import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { projectRoot } from '../../server/config.ts';
import { readStatus, readStrings, sourceHash } from '../../server/i18n/catalog.ts';
import { exportXliff, importXliff, regenerateSources, type I18nDirs } from '../../server/i18n/i18n.service.ts';
import { readXliff, writeXliff, xliffVersions, type XliffDocument } from '../../server/i18n/xliff.ts';
import { forbiddenCharacters } from '../../server/i18n/xml.ts';
import { i18nWorkspace } from './workspace.ts';

function snapshot(dirs: I18nDirs): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lang of readdirSync(dirs.localesDir)) {
    for (const file of readdirSync(path.join(dirs.localesDir, lang))) {
      files[`${lang}/${file}`] = readFileSync(path.join(dirs.localesDir, lang, file), 'utf8');
    }
  }
  return files;
}

/** Writes a document in both XLIFF versions and reads each back. */
function roundTrips(document: XliffDocument): void {
  for (const version of xliffVersions) assert.deepEqual(readXliff(writeXliff(document, version)), { version, ...document }, version);
}

test('text with markup, quotes, ampersands and right-to-left script survives an XLIFF 1.2 and 2.0 round trip exactly', () => {
  const tricky = ['<p>Dank & "tot ziens"</p>', 'regel\r\nnog een\r', "it's <script>alert(1)</script>", 'مرحبًا ]]> &amp;', '  spaties  \n nieuwe regel', 'ሰላም {{name}}'];
  const document = {
    srcLang: 'nl',
    trgLang: 'ar',
    files: [{ id: 'ns', units: tricky.map((text, i) => ({ key: `k${i}`, source: text, target: text, state: 'translated' as const })) }],
  };
  roundTrips(document);
  roundTrips({ ...document, files: [{ id: 'ns', units: [{ key: 'k', source: 'a', state: 'initial' as const, note: 'page "x" & <y>' }] }] });
  const states = (['draft', 'translated', 'reviewed'] as const).map((state) => ({ key: state, source: 'a', target: 'b', state }));
  roundTrips({ ...document, files: [{ id: 'ns', units: states }] });
});

test('a key that is not an XML token still round-trips through the unit name', () => {
  const document = { srcLang: 'nl', trgLang: 'en', files: [{ id: 'ns', units: [{ key: 'q.choices.met spatie', source: 'A', state: 'initial' as const }] }] };
  const xml = writeXliff(document);
  assert.match(xml, /<unit id="u1" name="q\.choices\.met spatie">/);
  roundTrips(document);
});

test('exporting a language and importing it unchanged changes no file', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const before = snapshot(dirs);
  const result = importXliff(dirs, exportXliff(dirs, 'en'));
  assert.deepEqual(result, { ok: true, lang: 'en', changed: 0 });
  assert.deepEqual(snapshot(dirs), before);
});

test('the export carries source, target, state and context; untranslated keys have no target', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const units = readXliff(exportXliff(dirs, 'en')).files.find((f) => f.id === 'mini-i18n')!.units;
  const byKey = Object.fromEntries(units.map((u) => [u.key, u]));
  assert.deepEqual(
    units.map((u) => [u.key, u.state]),
    [
      ['survey.title', 'reviewed'],
      ['pages.start.title', 'draft'],
      ['q1.title', 'draft'],
      ['q1.choices.yes', 'initial'],
      ['q1.choices.no', 'draft'],
    ],
  );
  assert.equal(byKey['q1.choices.yes']!.target, undefined);
  assert.equal(byKey['q1.title']!.source, 'Gaat het goed?');
  assert.match(byKey['q1.title']!.note!, /radiogroup question "q1"/);
});

test("a translator's edited targets are stored as translations of the Dutch text they saw", (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xml = exportXliff(dirs, 'en')
    .replace('<source>Ja</source>', '<source>Ja</source>\n        <target>Yes</target>')
    .replace('<target>Start</target>', '<target>Beginning</target>');
  assert.deepEqual(importXliff(dirs, xml), { ok: true, lang: 'en', changed: 2 });
  const strings = readStrings(dirs.localesDir, 'en', 'mini-i18n');
  const status = readStatus(dirs.localesDir, 'en', 'mini-i18n');
  assert.equal(strings['q1.choices.yes'], 'Yes');
  assert.equal(strings['pages.start.title'], 'Beginning');
  assert.deepEqual(status['q1.choices.yes'], { state: 'translated', source: sourceHash('Ja') });
  assert.deepEqual(status['pages.start.title'], { state: 'translated', source: sourceHash('Begin') });
  assert.equal(strings['q1.choices.maybe'], 'Maybe', 'keys the file does not mention are left alone');
});

const badImports: { name: string; edit: (xml: string) => string; problem: RegExp }[] = [
  { name: 'an unknown key', edit: (x) => x.replace('name="q1.title"', 'name="q9.title"'), problem: /mini-i18n \/ q9\.title: unknown key/ },
  { name: 'a lost placeholder', edit: (x) => x.replace('<target>Open from {{date}}.</target>', '<target>Open soon.</target>'), problem: /placeholder \{\{date\}\} is lost/ },
  { name: 'an added placeholder', edit: (x) => x.replace('<target>Welcome</target>', '<target>Welcome {{name}}</target>'), problem: /placeholder \{\{name\}\} is not in the Dutch text/ },
  { name: 'an empty target', edit: (x) => x.replace('<target>Small test</target>', '<target>  </target>'), problem: /survey\.title: empty target/ },
  { name: 'an unknown file', edit: (x) => x.replace('<file id="mini-i18n">', '<file id="other">'), problem: /unknown file 'other'/ },
  { name: 'an unknown target language', edit: (x) => x.replace('trgLang="en"', 'trgLang="fr"'), problem: /trgLang 'fr'/ },
  { name: 'the wrong source language', edit: (x) => x.replace('srcLang="nl"', 'srcLang="en"'), problem: /srcLang is 'en'/ },
  { name: 'broken XML', edit: (x) => x.replace('</file>', ''), problem: /not well-formed XML/ },
  { name: 'a document type declaration', edit: (x) => x.replace('<xliff', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff'), problem: /document type declarations/ },
  { name: 'a version the namespace does not have', edit: (x) => x.replace('version="2.0"', 'version="1.2"'), problem: /not an XLIFF 1\.2 or 2 document/ },
  { name: 'the XLIFF elements in another namespace', edit: (x) => x.replace('urn:oasis:names:tc:xliff:document:2.0', 'urn:example:not-xliff'), problem: /not an XLIFF 1\.2 or 2 document/ },
  { name: 'inline markup in a target', edit: (x) => x.replace('<target>Welcome</target>', '<target>Wel<ph id="1"/>come</target>'), problem: /inline element <ph>/ },
];

for (const bad of badImports) {
  test(`an import with ${bad.name} is refused and changes nothing`, (t) => {
    const dirs = i18nWorkspace(t);
    regenerateSources(dirs);
    const xml = exportXliff(dirs, 'en').replace('<target>Start</target>', '<target>Beginning</target>');
    const broken = bad.edit(xml);
    assert.notEqual(broken, xml, 'the edit applies');
    const before = snapshot(dirs);
    const result = importXliff(dirs, broken);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join('\n'), bad.problem);
    assert.deepEqual(snapshot(dirs), before);
  });
}

test('a stale translation goes out as a draft to be checked again and is current once a reviewer confirms it', (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const xml = exportXliff(dirs, 'en');
  const stale = /<segment state="translated" subState="wavepanel:draft">(\s*<source>Gaat het goed\?)/;
  assert.match(xml, stale);
  const confirmed = xml.replace(stale, '<segment state="final">$1');
  assert.deepEqual(importXliff(dirs, confirmed), { ok: true, lang: 'en', changed: 1 });
  assert.deepEqual(readStatus(dirs.localesDir, 'en', 'mini-i18n')['q1.title'], { state: 'reviewed', source: sourceHash('Gaat het goed?') });
});

test('any text XML can carry survives the XLIFF writer and reader unchanged', () => {
  const xmlText = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !forbiddenCharacters.test(s));
  fc.assert(
    fc.property(fc.array(fc.tuple(xmlText, xmlText), { minLength: 1, maxLength: 5 }), (pairs) => {
      const document = {
        srcLang: 'nl',
        trgLang: 'ti',
        files: [{ id: 'ns', units: pairs.map(([source, target], i) => ({ key: `k${i}`, source, target, state: 'translated' as const })) }],
      };
      roundTrips(document);
    }),
    { numRuns: 200 },
  );
});

test('the CLI exports a language to a file and imports it back', async (t) => {
  const dirs = i18nWorkspace(t);
  regenerateSources(dirs);
  const file = path.join(dirs.root, 'en.xlf');
  const env = { ...process.env, WAVEPANEL_SURVEYS_DIR: dirs.surveysDir, WAVEPANEL_LOCALES_DIR: dirs.localesDir };
  const cli = path.join(projectRoot, 'server', 'cli.ts');
  const run = promisify(execFile);
  await run(process.execPath, ['--import', 'tsx', cli, 'i18n', 'export', '--lang', 'en', '--format', 'xliff', '--out', file], { env });
  writeFileSync(file, readFileSync(file, 'utf8').replace('<target>Start</target>', '<target>Beginning</target>'));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, 'i18n', 'import', file], { env });
  assert.match(stdout, /1 en translation\(s\) stored/);
  assert.equal(readStrings(dirs.localesDir, 'en', 'mini-i18n')['pages.start.title'], 'Beginning');
});
