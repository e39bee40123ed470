import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { demoToken } from '../../server/demo/seed.ts';
import { i18nReport } from '../../server/i18n/i18n.service.ts';
import { listenTestApp, tempDir, type ListeningTestApp } from '../helpers/app.ts';
import { launchBrowser, newPhoneContext } from '../helpers/browser.ts';
import { addUser, signIn as apiSignIn, testPassword } from '../researcher/sign-in.ts';
import { appText, languageNames } from './support.ts';

/**
 * Recorded audio in a real browser: a translator records a Tigrinya question and an answer with
 * Chromium's fake microphone, a Tigrinya respondent plays them (the bytes are fetched only then),
 * and a changed Dutch text makes the recording stale.
 */

let server: ListeningTestApp;
let browser: Browser;
let root: string;

before(async () => {
  root = tempDir('wavepanel-recordings-e2e-');
  cpSync(path.join(projectRoot, 'locales'), path.join(root, 'locales'), { recursive: true });
  [server, browser] = await Promise.all([
    listenTestApp({ surveys: 'demo', config: { localesDir: path.join(root, 'locales') } }),
    launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']),
  ]);
  await addUser(server.services, 'ada', 'admin');
  const id = await addUser(server.services, 'tesfay', 'translator');
  await (await apiSignIn(server.app, 'ada')).request('PUT', `/api/users/${id}/languages`, { languages: [{ lang: 'ti', reviewer: false }] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function record(page: Page, key: string): Promise<void> {
  await page.getByRole('button', { name: `Record ${key}`, exact: true }).click();
  await page.getByRole('button', { name: `Stop and save recording of ${key}`, exact: true }).click();
  await page.getByText(`Recording of ${key} saved.`).waitFor();
}

test('a translator records a Tigrinya question and answer; a Tigrinya respondent plays them; a changed Dutch text makes them stale', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/translate`);
  await page.getByLabel('Username').fill('tesfay');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('File', { exact: true }).selectOption('eaa-t0');
  await page.getByRole('heading', { name: 'consent.title', exact: true }).waitFor();
  await record(page, 'consent.title');
  await record(page, 'consent.labelTrue');
  await context.close();

  const phone = await newPhoneContext(browser);
  const respondent = await phone.newPage();
  const fetched: string[] = [];
  respondent.on('request', (request) => {
    if (/\/api\/recordings\/eaa-t0\/ti\/[^/]+\.(webm|ogg|m4a)$/.test(request.url())) fetched.push(request.url());
  });
  await respondent.goto(`${server.url}/t/${demoToken(server.services, 3)}`);
  await respondent.getByRole('button', { name: languageNames.ti, exact: true }).click();
  await respondent.getByRole('button', { name: appText('ti', 'entry.start'), exact: true }).click();
  const play = appText('ti', 'survey.playRecording');
  const buttons = respondent.getByRole('button', { name: new RegExp(`^${play}: `) });
  await buttons.first().waitFor();
  assert.equal(await buttons.count(), 2, 'one beside the question, one beside the answer');
  const size = await buttons.first().boundingBox();
  assert.ok(size && size.width >= 44 && size.height >= 44, 'a large button');
  assert.deepEqual(fetched, [], 'nothing is downloaded before it is played');
  const played = respondent.waitForResponse((response) => /\/api\/recordings\/eaa-t0\/ti\//.test(response.url()) && response.status() === 200);
  await buttons.first().click();
  assert.match((await played).headers()['content-type'] ?? '', /^audio\//);
  await phone.close();

  const surveysDir = path.join(root, 'surveys');
  cpSync(path.join(projectRoot, 'surveys'), surveysDir, { recursive: true });
  const dirs = { surveysDir, localesDir: path.join(root, 'locales') };
  assert.deepEqual(i18nReport(dirs, ['ti']).find((r) => r.namespace === 'eaa-t0')!.staleRecordings, []);
  const file = path.join(surveysDir, 'eaa-t0', '1.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Wilt u meedoen?', 'Wilt u meedoen aan dit onderzoek?'));
  const ti = i18nReport(dirs, ['ti']).find((r) => r.namespace === 'eaa-t0')!;
  assert.equal(ti.recordings, 2);
  assert.deepEqual(ti.staleRecordings, ['consent.title']);
});
