import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';
import { createTestApp, seedMiniStudies, sqliteOf, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { addUser, testPassword } from '../researcher/sign-in.ts';

/** A study name with markup (typed by an admin) is shown as text to every researcher of the study. */

const studyName = `Panel <img src=x onerror="window.__xss='study'"><script>window.__xss='study-script'</script>`;

describe('the researcher pages', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;

  before(async () => {
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'client', 'researcher.html'))) throw new Error('Build the client first: npm run build');
    [t, browser] = await Promise.all([createTestApp({ config: { clientDir: path.join(projectRoot, 'dist', 'client'), logLevel: 'warn' } }), launchBrowser()]);
    await seedMiniStudies(t.services, 2);
    sqliteOf(t.services).$client.prepare("UPDATE studies SET name = ? WHERE id = 'mini-panel'").run(studyName);
    await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('show a study name with markup as the text it is, creating no element and running nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${url}/researcher`);
      await page.getByLabel('Username').fill('rita');
      await page.getByLabel('Password').fill(testPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Studies' }).waitFor();
      await page.getByText(studyName).first().waitFor();
      const injected = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__xss')).length,
      }));
      assert.deepEqual(injected, { xss: undefined, images: 0, scripts: 0 });
    } finally {
      await context.close();
    }
  });
});
