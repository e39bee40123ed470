import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { commandLine } from '../../server/audit/audit.service.ts';
import { enrolKiosk } from '../../server/kiosks/kiosks.service.ts';
import { launchBrowser, newPhoneContext } from '../helpers/browser.ts';
import { appText, startE2eServer, type E2eServer } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an enrolled kiosk keeps its key through the wipe between respondents and sends it with the next start', async () => {
  const { key } = await enrolKiosk(server.services, { label: 'Werkplein, balie 2', actor: commandLine });
  const context = await newPhoneContext(browser, { viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  const sentKeys: (string | undefined)[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/respondent/sessions')) sentKeys.push(request.headers()['x-kiosk-key']);
  });
  await page.goto(`${server.url}/kiosk?idle=3&warn=1#enrol=${key}`);
  const anonymous = page.getByRole('button', { name: appText('nl', 'kiosk.anonymous'), exact: true });
  await anonymous.click();
  await page.locator('.sd-page').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the key left the address bar');
  // Inactivity ends the visit: the device is wiped. (The consent page's own title is also
  // "Welkom", so the survey leaving the screen is what shows the visit ended.)
  await page.locator('.sd-page').waitFor({ state: 'detached', timeout: 20_000 });
  await page.getByRole('heading', { name: appText('nl', 'kiosk.welcome'), exact: true }).waitFor();
  await anonymous.click();
  await page.locator('.sd-page').waitFor();
  assert.deepEqual(sentKeys, [key, key]);
  await context.close();
});
