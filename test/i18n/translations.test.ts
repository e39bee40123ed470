import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/english';
import { projectRoot } from '../../server/config.ts';
import { readStrings } from '../../server/i18n/catalog.ts';
import { listNamespaces, placeholders, targetLanguages } from '../../server/i18n/i18n.service.ts';
import { sanitizeSurveyHtml } from '../../server/surveys/html.ts';

const dirs = { surveysDir: path.join(projectRoot, 'surveys'), localesDir: path.join(projectRoot, 'locales') };
const namespaces = listNamespaces(dirs);

/** Each language's own script: a string without one letter of it was left untranslated. */
const script: Record<string, RegExp> = { ar: /\p{Script=Arabic}/u, ti: /\p{Script=Ethiopic}/u, tr: /\p{L}/u, en: /\p{L}/u };

for (const lang of targetLanguages) {
  test(`${lang}: every translation keeps the placeholders of its Dutch text, and survey texts are written in the language's script`, () => {
    for (const ns of namespaces) {
      const translations = readStrings(dirs.localesDir, lang, ns.name);
      for (const [key, dutch] of Object.entries(ns.source)) {
        const text = translations[key];
        if (text === undefined) continue;
        assert.deepEqual(placeholders(text), placeholders(dutch), `${lang}/${ns.name} ${key}`);
        if (ns.context) assert.match(text, script[lang]!, `${lang}/${ns.name} ${key}`);
      }
    }
  });

  test(`${lang}: HTML in the survey translations uses only what the server lets through`, () => {
    for (const ns of namespaces.filter((n) => n.context)) {
      const translations = readStrings(dirs.localesDir, lang, ns.name);
      for (const key of Object.keys(ns.source).filter((k) => /\.(html|completedHtml)$/.test(k))) {
        assert.equal(sanitizeSurveyHtml(translations[key]!), translations[key], `${lang}/${ns.name} ${key}`);
      }
    }
  });
}

test("ti: every one of survey-core's own strings (buttons, progress, validation, matrix labels) is in locales/ti/surveyjs.json, in Ge'ez script, with the English placeholders, and tracked as a draft until reviewed", () => {
  const english = surveyLocalization.locales['en'] as Record<string, string>;
  const tigrinya = JSON.parse(fs.readFileSync(path.join(dirs.localesDir, 'ti', 'surveyjs.json'), 'utf8')) as Record<string, string>;
  const status = JSON.parse(fs.readFileSync(path.join(dirs.localesDir, 'ti', 'surveyjs.status.json'), 'utf8')) as Record<string, { state: string }>;
  const braces = (text: string) => (text.match(/\{[^}]*\}/g) ?? []).sort();
  for (const [key, text] of Object.entries(english)) {
    const translated = tigrinya[key];
    assert.ok(translated !== undefined, `ti/surveyjs ${key} is missing`);
    assert.deepEqual(braces(translated), braces(text), `ti/surveyjs ${key}`);
    if (/\p{L}/u.test(text.replace(/\{[^}]*\}/g, ''))) assert.match(translated, /\p{Script=Ethiopic}/u, `ti/surveyjs ${key}`);
    assert.ok(['draft', 'translated'].includes(status[key]?.state ?? ''), `ti/surveyjs ${key} has a status`);
  }
});
