import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { formatToken } from '../../server/tokens/token.ts';
import { launchBrowser, newPhoneContext } from '../helpers/browser.ts';
import { appText, openEntry, startE2eServer, surveyText, type E2eServer, type Lang } from './support.ts';

/** The code field edits like any text field although it groups the code as the letter prints it. */

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const langs: Lang[] = ['nl', 'ar', 'ti'];

async function caret(field: Locator): Promise<number | null> {
  return field.evaluate((input) => (input as HTMLInputElement).selectionStart);
}

for (const [index, lang] of langs.entries()) {
  test(`in ${lang}, the whole code fits in its field on a 360 and a 320 pixel wide phone, none of it hidden past the edge`, async () => {
    for (const width of [360, 320]) {
      const context = await newPhoneContext(browser, { viewport: { width, height: 640 } });
      const page = await context.newPage();
      await openEntry(page, server.url, lang);
      const field = page.getByRole('textbox', { name: appText(lang, 'entry.tokenLabel') });
      await field.fill(formatToken(await server.token(1)));
      const { scrollWidth, clientWidth } = await field.evaluate((input) => ({ scrollWidth: input.scrollWidth, clientWidth: input.clientWidth }));
      assert.ok(scrollWidth <= clientWidth, `at ${width} px the code needs ${scrollWidth} px in a field of ${clientWidth}`);
      await context.close();
    }
  });

  test(`in ${lang}, a correction in the middle keeps the caret in place and Backspace just after a hyphen deletes the character before it`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openEntry(page, server.url, lang);
    const field = page.getByRole('textbox', { name: appText(lang, 'entry.tokenLabel') });
    await field.pressSequentially('ABCDEFGH');
    assert.equal(await field.inputValue(), 'ABCDE-FGH');
    await field.evaluate((input) => (input as HTMLInputElement).setSelectionRange(2, 2));
    await field.press('X');
    assert.equal(await field.inputValue(), 'ABXCD-EFGH');
    assert.equal(await caret(field), 3, 'the caret stays after the typed character');
    await field.press('Y');
    assert.equal(await field.inputValue(), 'ABXYC-DEFGH');
    assert.equal(await caret(field), 4);

    await field.evaluate((input) => (input as HTMLInputElement).setSelectionRange(6, 6));
    await field.press('Backspace');
    assert.equal(await field.inputValue(), 'ABXYD-EFGH', 'the C before the hyphen is gone');
    assert.equal(await caret(field), 4);
    await context.close();
  });

  test(`in ${lang}, a pasted letter link or "Code: ..." line gives its code, and the survey starts with it`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openEntry(page, server.url, lang);
    const field = page.getByRole('textbox', { name: appText(lang, 'entry.tokenLabel') });
    const token = await server.token(1 + index);
    await field.fill(`Code: ${formatToken(token)}`);
    assert.equal(await field.inputValue(), formatToken(token));
    await field.fill(`${server.url}/t/${token}?lang=${lang}`);
    assert.equal(await field.inputValue(), formatToken(token));
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.getByText(surveyText(lang, 'eaa-t0', 'consent.title'), { exact: true }).waitFor();
    await context.close();
  });

  test(`in ${lang}, an impossible character is named with the group it is in`, async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await openEntry(page, server.url, lang);
    const token = await server.token(4 + index);
    const field = page.getByRole('textbox', { name: appText(lang, 'entry.tokenLabel') });
    await field.fill(token.slice(0, 11) + 'U' + token.slice(12));
    await page.getByRole('button', { name: appText(lang, 'entry.start'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: appText(lang, 'token.characters', { char: 'U', group: '3' }) }).waitFor();
    await context.close();
  });
}
