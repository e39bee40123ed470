import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createSetupLink, accountLinkUrl } from '../../server/auth/accounts.service.ts';
import { projectRoot } from '../../server/config.ts';
import { readStrings } from '../../server/i18n/catalog.ts';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { generatePanel, generatedPanelDirs } from '../fixtures/exports/panel-generator.ts';
import { type ListeningTestApp, listenTestApp, sqliteOf } from '../helpers/app.ts';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations } from '../helpers/browser.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';
import { totpCode } from '../../server/auth/totp.ts';
import path from 'node:path';

/** The workspace as a Dutch municipal research team meets it: a browser set to Dutch. */

const nl = readStrings(path.join(projectRoot, 'locales'), 'nl', 'researcher');
const en = readStrings(path.join(projectRoot, 'locales'), 'en', 'researcher');
const text = (key: string, values: Record<string, string | number> = {}) => nl[key]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
const strongPassword = 'fiets paraplu onweer kaneel';

let t: ListeningTestApp;
let browser: Browser;

before(async () => {
  [t, browser] = await Promise.all([listenTestApp({ surveys: 'demo' }), launchBrowser()]);
  await addUser(t.services, 'ada', 'admin');
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  await addUser(t.services, 'bram', 'researcher', ['eaa']);
  await addUser(t.services, 'noor', 'researcher', ['eaa']);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

const dutchBrowser = (): Promise<BrowserContext> => browser.newContext({ locale: 'nl-NL' });

async function signIn(page: Page, username: string, password = testPassword, server: ListeningTestApp = t): Promise<void> {
  await page.goto(`${server.url}/researcher`);
  await page.getByLabel(text('fields.username')).fill(username);
  await page.getByLabel(text('fields.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: text('signIn.submit') }).click();
  await page.getByRole('heading', { name: text('studies.title'), level: 1 }).waitFor();
}

/**
 * Words of the English workspace that no Dutch text has, in the visible text outside elements
 * marked as another language (the language switch names English in English) or as names that are
 * never translated (`translate="no"`): a string left
 * untranslated shows up here, as the respondent pages are checked for their script.
 */
const englishOnly = (() => {
  const words = (strings: Record<string, string>) => new Set(Object.values(strings).flatMap((s) => s.toLowerCase().match(/\p{L}{3,}/gu) ?? []));
  const dutchWords = words(nl);
  return new Set([...words(en)].filter((word) => !dutchWords.has(word)));
})();

async function englishLeftovers(page: Page): Promise<string[]> {
  // Study names are the team's own data, written in whatever language they chose.
  const data = (sqliteOf(t.services).$client.prepare('SELECT name FROM studies').all() as { name: string }[]).map((row) => row.name);
  const shown = await page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    for (const element of root.querySelectorAll('[lang]')) if (element.getAttribute('lang') !== document.documentElement.lang) element.remove();
    // Names that stay as they are in every language (the register file's column names) are marked translate="no".
    for (const element of root.querySelectorAll('[translate="no"]')) element.remove();
    document.body.append(root);
    root.style.position = 'absolute';
    const found = root.innerText;
    root.remove();
    return found;
  });
  const visible = data.reduce((rest, name) => rest.replaceAll(name, ''), shown);
  return [...new Set((visible.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((word) => englishOnly.has(word)))];
}

test('a browser set to Dutch gets the workspace in Dutch with <html lang="nl">; the header switch changes to English and is remembered', async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await page.goto(`${t.url}/researcher`);
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
  assert.equal(await page.title(), 'wavepanel · onderzoekers');
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
  await context.close();

  const english = await browser.newContext({ locale: 'en-GB' });
  const englishPage = await english.newPage();
  await englishPage.goto(`${t.url}/researcher`);
  await englishPage.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await englishPage.evaluate(() => document.documentElement.lang), 'en');
  await english.close();
});

test('every page of the workspace in Dutch has no untranslated English string and no serious accessibility violation', async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await page.goto(`${t.url}/researcher`);
  await page.getByRole('heading', { name: text('signIn.title') }).waitFor();
  assert.deepEqual(await englishLeftovers(page), [], 'sign-in page');
  await signIn(page, 'ada');
  await page.getByRole('link', { name: 'EAA panel (demo)' }).waitFor();
  assert.deepEqual(await englishLeftovers(page), [], 'studies');
  const tabs: [string, string][] = [
    ['waves', 'tabs.waves'],
    ['participants', 'tabs.participants'],
    ['letter', 'tabs.letter'],
    ['register', 'tabs.register'],
    ['fieldwork', 'tabs.fieldwork'],
    ['reports', 'report.title'],
    ['exports', 'tabs.exports'],
    ['settings', 'tabs.settings'],
  ];
  for (const [tab, heading] of tabs) {
    await page.goto(`${t.url}/researcher/studies/eaa/${tab}`);
    await page.getByRole('heading', { level: 2, name: text(heading) }).waitFor();
    if (tab === 'reports') await page.getByRole('heading', { level: 3, name: 'Per meting en migratiegroep' }).waitFor();
    if (tab === 'participants') await page.getByRole('caption').filter({ hasText: /Deelnemers \d/ }).waitFor();
    assert.deepEqual(await englishLeftovers(page), [], tab);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], tab);
    // The demo's fieldwork page has no response rate to show (T1 and T2 are not open yet; T0's
    // completed count is hidden to protect its small drop-off counts): the report's attrition has percentages.
    if (tab === 'reports') {
      // Percentages as in the Netherlands (42,5%), through Intl, not as the English workspace writes them (42.5%).
      const shown = await page.getByRole('main').innerText();
      assert.match(shown, /\d,\d\s?%/, `${tab}: Dutch percentages`);
      assert.doesNotMatch(shown, /\d\.\d\s?%/, `${tab}: no English percentages`);
    }
  }
  for (const [address, heading] of [
    ['/researcher/users', 'users.title'],
    ['/researcher/surveys', 'nav.surveys'],
    ['/researcher/account', 'account.title'],
    ['/researcher/audit', 'audit.title'],
  ] as const) {
    await page.goto(`${t.url}${address}`);
    await page.getByRole('heading', { level: 1, name: text(heading) }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await englishLeftovers(page), [], address);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], address);
  }
  await saveScreenshot(page, 'researcher-nl-account');
  await context.close();
});

test('first run in Dutch: the sign-in page points to the setup link, which makes the first admin after refusing a leaked password', async () => {
  const fresh = await listenTestApp();
  try {
    const context = await dutchBrowser();
    const page = await context.newPage();
    await page.goto(`${fresh.url}/researcher`);
    await page.getByText(text('signIn.setupHint')).waitFor();
    const link = accountLinkUrl(fresh.url, 'setup', (await createSetupLink(fresh.services))!.code);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Eerste beheerder aanmaken' }).waitFor();
    assert.deepEqual(await seriousAccessibilityViolations(page), [], 'setup page');
    await page.getByLabel('Gebruikersnaam').fill('ada');
    await page.getByLabel('Nieuw wachtwoord').fill('password1234');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('password1234');
    await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'lijsten van uitgelekte wachtwoorden' }).waitFor();
    await page.getByLabel('Nieuw wachtwoord').fill(strongPassword);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(strongPassword);
    await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
    await page.getByText('De beheerder ada is aangemaakt.').waitFor();
    await page.getByRole('button', { name: 'Naar aanmelden' }).click();
    await page.getByLabel('Gebruikersnaam').fill('ada');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('link', { name: 'Accounts' }).waitFor();
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'al een account' }).waitFor();
    await context.close();
  } finally {
    await fresh.close();
  }
});

test('changing your own password in Dutch: a wrong current password and a leaked new one are refused with a clear message', async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await signIn(page, 'rita');
  await page.getByRole('link', { name: 'Mijn account' }).click();
  const change = async (current: string, next: string) => {
    await page.getByLabel('Huidig wachtwoord').fill(current);
    await page.getByLabel('Nieuw wachtwoord').fill(next);
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(next);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  };
  await change('niet mijn wachtwoord', strongPassword);
  await page.getByRole('alert').filter({ hasText: 'Het huidige wachtwoord klopt niet.' }).waitFor();
  await change(testPassword, 'welkom123456');
  await page.getByRole('alert').filter({ hasText: 'uitgelekte wachtwoorden' }).waitFor();
  await change(testPassword, strongPassword);
  await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'rita', strongPassword);
  await context.close();
});

test("an admin's reset link in Dutch: shown once on the Accounts page, it lets the researcher choose a new password and then stops working", async () => {
  const adminContext = await dutchBrowser();
  const admin = await adminContext.newPage();
  await signIn(admin, 'ada');
  await admin.getByRole('link', { name: 'Accounts' }).click();
  await admin.getByRole('button', { name: 'Herstellink voor bram' }).click();
  const shown = admin.getByRole('status').filter({ hasText: 'Herstellink voor bram' });
  await shown.waitFor();
  const link = (await shown.locator('.link-once').innerText()).trim();
  assert.match(link, /\/researcher\/reset#code=/);
  await adminContext.close();

  const context = await dutchBrowser();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByText('Kies een nieuw wachtwoord voor bram.', { exact: false }).waitFor();
  await page.getByLabel('Nieuw wachtwoord').fill(strongPassword);
  await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(strongPassword);
  await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
  await page.getByText('Het nieuwe wachtwoord is ingesteld.').waitFor();
  await signIn(page, 'bram', strongPassword);
  await page.goto(link);
  await page.getByRole('alert').filter({ hasText: 'Deze link werkt niet (meer)' }).waitFor();
  await context.close();
});

test('the audit log in Dutch: filtered by who and what, its rows read as Dutch sentences', async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await signIn(page, 'noor');
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await signIn(page, 'ada');
  await page.getByRole('link', { name: 'Auditlog' }).click();
  await page.getByRole('heading', { level: 1, name: 'Auditlog' }).waitFor();
  await page.getByLabel('Wie').selectOption({ label: 'noor' });
  await page.getByLabel('Wat').selectOption({ label: 'Afgemeld' });
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.getByRole('caption').filter({ hasText: 'De nieuwste 1 regel' }).waitFor();
  assert.deepEqual(await page.getByRole('rowheader').allInnerTexts(), ['Afgemeld']);
  assert.deepEqual(await englishLeftovers(page), [], 'audit log');
  const href = await page.getByRole('link', { name: 'Downloaden als CSV' }).getAttribute('href');
  assert.match(href!, /^\/api\/audit\.csv\?userId=\d+&action=sign_out$/);
  await context.close();
});

test('signing in with a second factor in Dutch: an admin sets up the authenticator app first, then signs in with its code', async () => {
  const strict = await listenTestApp({ config: { adminSecondFactor: true } });
  try {
    await addUser(strict.services, 'ada', 'admin');
    const context = await dutchBrowser();
    const page = await context.newPage();
    await page.goto(`${strict.url}/researcher`);
    await page.getByLabel('Gebruikersnaam').fill('ada');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText('Uw account moet een tweede factor hebben.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Authenticator-app instellen' }).click();
    await page.getByRole('img', { name: 'QR-code om in de authenticator-app te scannen' }).waitFor();
    const secret = (await page.locator('code[translate="no"]').innerText()).trim();
    await page.getByLabel('Code die de app nu toont').fill(totpCode(secret, strict.clock.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('list', { name: 'Herstelcodes' }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem').count(), 10);
    assert.deepEqual(await seriousAccessibilityViolations(page), [], 'second factor set up');
    await page.getByRole('button', { name: 'Afmelden' }).click();

    strict.clock.advance(30_000);
    await page.getByLabel('Gebruikersnaam').fill('ada');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByLabel('Code uit de authenticator-app').fill('000000' === totpCode(secret, strict.clock.now()) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Deze code klopt niet.' }).waitFor();
    await page.getByLabel('Code uit de authenticator-app').fill(totpCode(secret, strict.clock.now()));
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: text('studies.title'), level: 1 }).waitFor();
    await context.close();
  } finally {
    await strict.close();
  }
});

test("a register file's problems and a new survey version's changes read in Dutch", async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await signIn(page, 'ada');
  await page.goto(`${t.url}/researcher/studies/eaa/register`);
  const register = 'pseudonym;diagnosis_advice;status_holder;nationality;age_band\nEAA-0001;short;ja;SY;27-40\nEAA-0002;soon;nee;NL;55-67\nEAA-9999;long;nee;NL;55-67\n';
  await page.getByLabel(text('register.file')).setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(register) });
  const problems = page.getByRole('alert').filter({ hasText: text('register.problems') }).getByRole('listitem');
  await problems.first().waitFor();
  assert.deepEqual(await problems.allInnerTexts(), [
    'Regel 3: diagnosis_advice moet een van deze waarden zijn: short, long; niet "soon"',
    'Regel 4: onbekend pseudoniem EAA-9999',
  ]);

  await page.goto(`${t.url}/researcher/surveys`);
  await page.getByRole('combobox', { name: new RegExp(`^${text('surveys.survey')}`) }).selectOption('eaa-t0');
  const next = JSON.parse(readFileSync(path.join(projectRoot, 'surveys', 'eaa-t0', '1.json'), 'utf8')) as SurveyJson;
  const difficulty = next.pages.flatMap((p) => p.elements ?? []).find((e) => e.name === 'participation_difficulty')!;
  difficulty.choices = (difficulty.choices as { value: string }[]).filter((c) => c.value !== 'very_easy');
  next.pages.at(-1)!.elements!.push({ type: 'comment', name: 'remarks_extra', title: 'Nog iets?' });
  await page.getByLabel(text('surveys.file')).setInputFiles({ name: 'eaa-t0.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
  const changes = page.getByRole('region', { name: text('surveys.diff.changes', { survey: 'eaa-t0', previous: 1, version: 2 }) });
  await changes.waitFor();
  assert.deepEqual(await changes.getByRole('listitem').allInnerTexts(), ["participation_difficulty: antwoordwaarde 'very_easy' verwijderd", 'remarks_extra: nieuwe vraag, niet verplicht']);
  await context.close();
});

test('participants in Dutch: searched by part of the pseudonym and filtered by status, on the server', async () => {
  const context = await dutchBrowser();
  const page = await context.newPage();
  await signIn(page, 'noor');
  await page.goto(`${t.url}/researcher/studies/eaa/participants`);
  const search = page.getByRole('search', { name: text('participants.searchLabel') });
  await search.getByLabel(text('participants.search')).fill('0001');
  await search.getByRole('button', { name: text('participants.find') }).click();
  await page.getByRole('caption').filter({ hasText: text('participants.range', { first: 1, last: 1, total: 1 }) }).waitFor();
  assert.deepEqual(await page.getByRole('rowheader').allInnerTexts(), ['EAA-0001']);
  await search.getByLabel(text('participants.search')).fill('');
  await search.getByLabel(text('fields.status')).selectOption({ label: text('participants.status.withdrawn') });
  await search.getByRole('button', { name: text('participants.find') }).click();
  await page.getByRole('caption').filter({ hasText: text('participants.noneFound') }).waitFor();
  await context.close();
});

test('the report in Dutch writes numbers as in the Netherlands: a point between thousands, a decimal comma, percentages as 83,1%', async () => {
  // A generated panel large enough that a wave has more than a thousand respondents and no cell is suppressed.
  const large = await listenTestApp({ config: generatedPanelDirs });
  const context = await dutchBrowser();
  try {
    await generatePanel(large.services.database, { participants: 1400, seed: 15 });
    await addUser(large.services, 'rita', 'researcher', ['eaa']);
    const page = await context.newPage();
    await signIn(page, 'rita', testPassword, large);
    await page.goto(`${large.url}/researcher/studies/eaa/reports`);
    const wave = page.getByRole('table', { name: text('report.waveCaption', { wave: 'T0', title: 'Per meting en migratiegroep' }) });
    const total = (row: string) => wave.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').last().innerText();
    assert.match(await total('N'), /^\d\.\d{3}$/, 'respondents with a point between thousands');
    assert.match(await total('Gezondheid'), /^\d,\d{2} \(\d,\d{2}–\d,\d{2}\)$/, 'a mean and its interval with a decimal comma');
    assert.match(await total('Betaald werk'), /^\d{2},\d \(\d{2},\d–\d{2},\d\)$/, 'a share and its interval with a decimal comma');
    const attrition = page.getByRole('table', { name: text('report.attritionCaption') });
    const returned = await attrition.getByRole('row', { name: new RegExp(`^${text('report.groups.all')}`) }).getByRole('cell').nth(1).innerText();
    assert.match(returned, /^[\d.]+\s*\d{2},\d% \(\d{2},\d–\d{2},\d\)$/, 'a percentage as Dutch writes it, 83,1%');
    assert.doesNotMatch(await page.getByRole('main').innerText(), /\d\.\d{1,2}(?!\d)|\d,\d{3}(?!\d)/, 'no English decimal point or thousands comma anywhere');
    await saveScreenshot(page, 'researcher-nl-report');
  } finally {
    await context.close();
    await large.close();
  }
});
