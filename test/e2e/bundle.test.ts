import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../server/config.ts';

/**
 * The built respondent entry page (`npm run build` first) stays small for cheap phones on bad
 * connections: the shell (React, the language chooser, token form, messages, the Dutch strings) is
 * at most 76 KiB of gzipped JavaScript in two files (the respondent's own code and the shell every
 * page shares, see `vite.config.ts`); survey-core, i18next (the researcher pages'), researcher code
 * and the recordings player are never in it.
 */
const clientDir = path.join(projectRoot, 'dist', 'client');

function entryScripts(page: string): string[] {
  const html = fs.readFileSync(path.join(clientDir, page), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+\.js)"/g)];
  return scripts.map((match) => path.join(clientDir, match[1]!));
}

test('the respondent entry page loads at most 76 KiB of gzipped JavaScript, precompressed', () => {
  const scripts = entryScripts('respondent.html');
  assert.ok(scripts.length > 0);
  let total = 0;
  for (const script of scripts) {
    assert.ok(fs.existsSync(`${script}.gz`) && fs.existsSync(`${script}.br`), `${path.basename(script)} has .gz and .br siblings`);
    total += fs.statSync(`${script}.gz`).size;
  }
  assert.ok(total <= 76 * 1024, `entry JavaScript is ${(total / 1024).toFixed(1)} KiB gzip`);
});

/** This build's scripts: those the pages load, and those they import, at once or later (earlier builds' files stay in `assets/` for a week). */
function builtScripts(): string[] {
  const found = new Set(['respondent.html', 'preview.html', 'researcher.html', 'translate.html'].flatMap(entryScripts));
  for (const script of found) {
    for (const match of fs.readFileSync(script, 'utf8').matchAll(/["'](?:\.\/|\/?assets\/)([\w.-]+\.js)["']/g)) found.add(path.join(clientDir, 'assets', match[1]!));
  }
  return [...found];
}

test('the respondent entry page carries neither SurveyJS nor researcher code, nor i18next, nor the recordings player', () => {
  for (const script of entryScripts('respondent.html')) {
    const code = fs.readFileSync(script, 'utf8');
    assert.ok(!code.includes('surveyLocalization'), `${path.basename(script)} has no survey-core`);
    assert.ok(!code.includes('play-recording'), `${path.basename(script)} has no recordings player`);
    assert.ok(!code.includes('i18next:'), `${path.basename(script)} has no i18next`);
    assert.ok(!/researcher/i.test(path.basename(script)), `${path.basename(script)} is not a researcher chunk`);
  }
});

test('only the chosen language is fetched: other languages and the Tigrinya font are separate files', () => {
  const assets = fs.readdirSync(path.join(clientDir, 'assets'));
  assert.ok(assets.some((name) => /^noto-sans-ethiopic-ethiopic-400-normal-.*\.woff2$/.test(name)));
  const entryCode = entryScripts('respondent.html').map((script) => fs.readFileSync(script, 'utf8')).join('\n');
  assert.ok(!entryCode.includes('ቋንቋኹም ምረጹ') && !entryCode.includes('اختر لغتك'), 'no other language strings in the entry');
});

test("SurveyJS's Tigrinya strings are in no script: the server serves them from locales/ti/surveyjs.json", () => {
  const tigrinya = JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', 'ti', 'surveyjs.json'), 'utf8')) as Record<string, string>;
  const scripts = builtScripts();
  assert.ok(scripts.some((script) => fs.readFileSync(script, 'utf8').includes('play-recording')), 'the search reaches lazily loaded chunks');
  for (const script of scripts) assert.ok(!fs.readFileSync(script, 'utf8').includes(tigrinya.commentText!), path.basename(script));
});

test("no page's scripts carry TypeBox: the client takes the contract (shared/contract) as types only", () => {
  const scripts = builtScripts();
  assert.ok(scripts.length > 4);
  for (const script of scripts) assert.ok(!fs.readFileSync(script, 'utf8').includes('~kind'), `${path.basename(script)} has no TypeBox runtime`);
});
