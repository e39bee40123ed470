import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { projectRoot } from '../../server/config.ts';

/**
 * Browser tests drive Debian's Chromium through playwright-core (no browser download).
 *
 *   const browser = await launchBrowser();              // one per test file
 *   const context = await newPhoneContext(browser);     // 360x740 touch phone; or browser.newContext()
 *   const page = await context.newPage();
 *   await saveScreenshot(page, 'respondent-ar');        // test-artifacts/respondent-ar.png
 *   await browser.close();
 */

export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where screenshots go (gitignored; CI keeps the folder). */
export const artifactsDir = path.join(projectRoot, 'test-artifacts');

export const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...extraArgs], headless: true });
}

/** A fresh context (own storage, cookies, cache) with a phone's viewport and touch. */
export function newPhoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...phone, ...options });
}

export async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * WCAG 2.1 A/AA violations that axe-core rates serious or critical on the page as it is now, as
 * `rule: targets` lines (an empty list is a pass).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
