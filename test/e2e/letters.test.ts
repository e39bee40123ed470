import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { launchBrowser, saveScreenshot } from '../helpers/browser.ts';
import { type ListeningTestApp, listenTestApp, sqliteOf, startSession } from '../helpers/app.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';

/**
 * An admin signs in to the researcher pages, makes a batch of 30 participants, opens the letters
 * and prints them to PDF with Chromium: 30 A4 pages, and every QR code decodes to the link with
 * that participant's token. A reissued token stops the old one.
 */

let t: ListeningTestApp;
let url: string;
let browser: Browser;

before(async () => {
  t = await listenTestApp({ surveys: 'demo' });
  url = t.url;
  await addUser(t.services, 'ada', 'admin');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

/** Draws a letter's QR code (inline SVG) on a canvas in the page, 3 pixels a module, and decodes its pixels here. */
async function decodeQr(page: Page, index: number): Promise<string | undefined> {
  const { size, rgba } = await page.evaluate(async (index) => {
    const svg = document.querySelectorAll('.qr svg')[index] as SVGSVGElement;
    const size = svg.viewBox.baseVal.width * 3;
    const image = new Image(size, size);
    image.src = `data:image/svg+xml;base64,${btoa(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.imageSmoothingEnabled = false;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    const data = context.getImageData(0, 0, size, size).data;
    let binary = '';
    for (let i = 0; i < data.length; i++) binary += String.fromCharCode(data[i]!);
    return { size, rgba: btoa(binary) };
  }, index);
  return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), size, size)?.data;
}

function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

test('an admin prints the letters of a new batch of 30: 30 A4 pages whose QR codes open each participant\'s link', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/researcher`);
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('Password').fill(testPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'EAA panel (demo)' }).click();
  await page.getByRole('link', { name: 'Participants and letters' }).click();
  await page.getByLabel('Number of participants').fill('30');
  await page.getByLabel('Letter languages').selectOption('ti');
  await page.getByRole('button', { name: 'Create batch' }).click();
  const lettersLink = page.getByRole('link', { name: 'Open letters for printing' });
  await lettersLink.waitFor();
  await saveScreenshot(page, 'researcher-batch');

  const [letters] = await Promise.all([context.waitForEvent('page'), lettersLink.click()]);
  await letters.waitForLoadState('load');
  await letters.evaluate(() => document.fonts.ready.then(() => undefined));
  const articles = letters.locator('article.letter');
  assert.equal(await articles.count(), 30);
  assert.equal(await letters.locator('section[lang="ti"]').count(), 30, 'every letter carries the Tigrinya text');
  const ethiopicFontLoaded = await letters.evaluate(() => document.fonts.check("16px 'Noto Sans Ethiopic'", 'ሰላም'));
  assert.ok(ethiopicFontLoaded, 'the Ge\'ez font is loaded');
  await saveScreenshot(letters, 'letters-ti', false);

  const pdf = await letters.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  fs.mkdirSync(path.join(projectRoot, 'test-artifacts'), { recursive: true });
  fs.writeFileSync(path.join(projectRoot, 'test-artifacts', 'letters.pdf'), pdf);
  assert.equal(pdfPageCount(pdf), 30, 'one A4 page per participant');

  const participants = sqliteOf(t.services).$client.prepare("SELECT pseudonym, token_hash FROM participants WHERE study_id = 'eaa' AND batch_id IS NOT NULL").all() as { pseudonym: string; token_hash: string }[];
  const hashOf = new Map(participants.map((p) => [p.pseudonym, p.token_hash]));
  assert.equal(hashOf.size, 30);
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    const article = articles.nth(i);
    const pseudonym = (await article.getAttribute('data-pseudonym'))!;
    const printed = (await article.locator('.token').innerText()).replace(/-/g, '');
    const decoded = await decodeQr(letters, i);
    assert.equal(decoded, `${url}/t/${printed}?lang=ti`, `QR code of ${pseudonym}, in the letter's language`);
    assert.equal(t.services.hash('token', printed), hashOf.get(pseudonym), `the token on ${pseudonym}'s letter is ${pseudonym}'s`);
    seen.add(printed);
  }
  assert.equal(seen.size, 30);

  const again = await context.newPage();
  const second = await again.goto(letters.url());
  assert.equal(second?.status(), 200, 'the letters are kept until confirmed printed');
  await again.close();

  // A lost letter: a new code for the first participant; the old one stops working.
  const firstPseudonym = (await articles.nth(0).getAttribute('data-pseudonym'))!;
  const oldToken = (await articles.nth(0).locator('.token').innerText()).replace(/-/g, '');
  assert.equal((await startSession(t.app, { token: oldToken })).status, 200);
  await page.getByRole('button', { name: `New code for ${firstPseudonym}` }).click();
  const reissueLink = page.getByRole('link', { name: 'Open letters for printing' });
  await page.getByText(`New code for ${firstPseudonym}; the old code no longer works.`).waitFor();
  const [reissued] = await Promise.all([context.waitForEvent('page'), reissueLink.click()]);
  await reissued.waitForLoadState('load');
  const newToken = (await reissued.locator('.token').innerText()).replace(/-/g, '');
  assert.notEqual(newToken, oldToken);
  assert.equal(await decodeQr(reissued, 0), `${url}/t/${newToken}?lang=ti`);
  assert.equal((await startSession(t.app, { token: oldToken })).body.error?.code, 'token_invalid');
  assert.equal((await startSession(t.app, { token: newToken })).status, 200, 'the new code resumes the same participant');
  await context.close();
});
