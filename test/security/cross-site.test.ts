import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { listenTestApp, type ListeningTestApp } from '../helpers/app.ts';

/**
 * Another website (here: another port on 127.0.0.1, a different origin) cannot make Chromium wipe
 * the respondent's unsent answers or a researcher's session through the kiosk reset.
 */

let server: ListeningTestApp;
let attacker: http.Server;
let attackerUrl: string;
let browser: Browser;

function attackPage(target: string): string {
  return `<!doctype html><html><body>
<form id="form" method="post" enctype="text/plain" action="${target}/api/respondent/kiosk/reset"><input name='{"a":"' value='"}'></form>
<script>
  fetch('${target}/api/respondent/kiosk/reset', { method: 'POST', mode: 'no-cors', credentials: 'include' })
    .catch(() => {})
    .finally(() => document.getElementById('form').submit());
</script></body></html>`;
}

before(async () => {
  server = await listenTestApp();
  attacker = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(attackPage(server.url));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.close();
});

async function stored(page: Page): Promise<{ queue: string | null; cookie: string }> {
  await page.goto(`${server.url}/api/surveys`);
  return page.evaluate(() => ({ queue: localStorage.getItem('wavepanel-test-queue'), cookie: document.cookie }));
}

describe('cross-site requests to the kiosk reset', () => {
  it("a page on another origin cannot clear the respondent's stored answers or cookies", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/api/surveys`);
      await page.evaluate(() => {
        localStorage.setItem('wavepanel-test-queue', 'unsent answers');
        document.cookie = 'wavepanel_marker=kept; path=/';
      });
      const resets: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/api/respondent/kiosk/reset')) resets.push(response.status());
      });
      await page.goto(attackerUrl);
      await page.waitForURL(`${server.url}/api/respondent/kiosk/reset`);
      assert.ok(resets.length >= 1, 'the attack reached the server');
      assert.ok(resets.every((status) => status === 415), `answered ${resets.join(', ')}`);
      assert.deepEqual(await stored(page), { queue: 'unsent answers', cookie: 'wavepanel_marker=kept' });
    } finally {
      await context.close();
    }
  });

  it("the kiosk's own page still clears everything", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/api/surveys`);
      const status = await page.evaluate(async () => {
        localStorage.setItem('wavepanel-test-queue', 'last respondent');
        document.cookie = 'wavepanel_marker=gone; path=/';
        const res = await fetch('/api/respondent/kiosk/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return res.status;
      });
      assert.equal(status, 204);
      assert.deepEqual(await stored(page), { queue: null, cookie: '' });
    } finally {
      await context.close();
    }
  });
});
