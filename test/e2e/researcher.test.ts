import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { type ListeningTestApp, listenTestApp, sqliteOf } from '../helpers/app.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';

/** The researcher pages in a real browser: plain, keyboard- and screen-reader-usable, role-aware. */

let t: ListeningTestApp;
let url: string;
let browser: Browser;

before(async () => {
  t = await listenTestApp({ surveys: 'demo' });
  url = t.url;
  await addUser(t.services, 'ada', 'admin');
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${url}/researcher`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
}

test('the sign-in page, study list, participants and fieldwork pages have no serious accessibility violations', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/researcher`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.deepEqual(await seriousAccessibilityViolations(page), [], 'sign in');
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
  await signIn(page, 'ada');
  assert.deepEqual(await seriousAccessibilityViolations(page), [], 'studies');
  for (const tab of ['Waves', 'Participants and letters', 'Register data', 'Fieldwork']) {
    await page.goto(`${url}/researcher/studies/eaa`);
    await page.getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { level: 2, name: tab === 'Participants and letters' ? 'Participants and letters' : tab }).waitFor();
    assert.deepEqual(await seriousAccessibilityViolations(page), [], tab);
    await saveScreenshot(page, `researcher-${tab.split(' ')[0]!.toLowerCase()}`);
  }
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  // The log's rows arrive after its heading: wait for them rather than look once.
  await page.getByRole('rowheader', { name: 'Signed in', exact: true }).first().waitFor();
  await page.getByRole('rowheader', { name: 'Sign-in failed', exact: true }).first().waitFor();
  await context.close();
});

test('a register file with a bad row shows the problem by line and imports nothing; the corrected file is imported', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'rita');
  await page.goto(`${url}/researcher/studies/eaa/register`);
  const header = 'pseudonym;diagnosis_advice;status_holder;nationality;age_band';
  const file = (body: string) => ({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${body}`) });
  await page.getByLabel('Register file (CSV)').setInputFiles(file('EAA-0001;short;ja;SY;27-40\nEAA-0002;soon;nee;NL;55-67\n'));
  await page.getByText('Line 3: diagnosis_advice must be one of these values: short, long; not "soon"').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Import/ }).count(), 0);
  await page.getByLabel('Register file (CSV)').setInputFiles(file('EAA-0001;short;ja;SY;27-40\nEAA-0002;long;nee;NL;55-67\n'));
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText('Imported register data for 2 participants.').waitFor();
  const rows = sqliteOf(t.services).$client
    .prepare("SELECT count(*) AS n FROM register_data JOIN participants ON participants.id = participant_id WHERE pseudonym IN ('EAA-0001', 'EAA-0002')")
    .get() as { n: number };
  assert.equal(rows.n, 2);
  await context.close();
});

test('a batch can give each participant their own letter language', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'rita');
  await page.goto(`${url}/researcher/studies/eaa/participants`);
  await page.getByLabel(/Or one language per participant/).fill('nl ar ti');
  await page.getByRole('button', { name: 'Create batch' }).click();
  await page.getByText('3 participants created.').waitFor();
  const rows = sqliteOf(t.services).$client.prepare("SELECT language FROM participants WHERE batch_id IS NOT NULL ORDER BY id DESC LIMIT 3").all() as { language: string }[];
  assert.deepEqual(rows.map((r) => r.language).reverse(), ['nl', 'ar', 'ti']);
  await context.close();
});

test('after 30 minutes without a request the next action shows the sign-in form', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'rita');
  const study = page.getByRole('link', { name: 'EAA panel (demo)' });
  // The study list loads after the heading shows; the clock moves only once it is there.
  await study.waitFor();
  t.clock.advance(31 * 60 * 1000);
  await study.click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await context.close();
});

test('when the server cannot be reached, the workspace says so and not that something went wrong', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'rita');
  await page.getByRole('link', { name: 'EAA panel (demo)' }).waitFor();
  await page.route('**/api/studies/eaa', (route) => route.abort('internetdisconnected'));
  await page.getByRole('link', { name: 'EAA panel (demo)' }).click();
  await page.getByRole('alert').filter({ hasText: 'The server cannot be reached. Check the connection and try again.' }).waitFor();
  await context.close();
});

test('a researcher sees only their studies and no accounts or audit log', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'rita');
  assert.deepEqual(await page.getByRole('heading', { level: 2 }).allInnerTexts(), ['EAA panel (demo)']);
  assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Accounts' }).count(), 0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await context.close();
});
