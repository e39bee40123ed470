import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
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
