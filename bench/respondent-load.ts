/**
 * How fast a respondent on a cheap phone gets going: the respondent app against a bare React +
 * SurveyJS page with the same survey, both built in this run and served precompressed from
 * 127.0.0.1, in Chromium with 4x CPU throttling and a 1.6 Mbit/s, 150 ms network, cold cache.
 *
 * Measured (median of several runs): transferred bytes and time until the entry page is usable
 * (token field and start button on screen), and until the first question is visible after the
 * token was typed (the SurveyJS chunk is fetched while the respondent reads and types), against
 * the bare page's time to its first question. Targets: entry usable <= 0.4 of the bare page's
 * time to first question; first question after typing no later than the bare page's.
 *
 * Tap at once: the letter's link (`/t/<token>?lang=<language>`) opened and Start tapped the moment
 * it shows, in every language; the time until the first question, against the bare page's.
 * Target: no later than the bare page's (<= 1.0), Tigrinya with its font included. Also by the
 * page's own clock (`recordPageClock`), which leaves out Playwright's delays on a loaded machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import react from '@vitejs/plugin-react';
import Fastify from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app.ts';
import { loadConfig, projectRoot } from '../server/config.ts';
import { demoToken, seedDemo } from '../server/demo/seed.ts';
import { launchBrowser, phone } from '../test/helpers/browser.ts';
import { printHeading } from './lib/report.ts';

const languages = ['nl', 'en', 'ar', 'tr', 'ti'] as const;
/** The Start button's caption in each language, as the respondent reads it. */
const startCaption = Object.fromEntries(
  languages.map((language) => [language, (JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', language, 'app.json'), 'utf8')) as { entry: { start: string } }).entry.start]),
);

const runs = Number(process.env.BENCH_RUNS ?? 3);
/** How long the respondent reads and types the token (the app fetches SurveyJS meanwhile). */
const typingMs = Number(process.env.BENCH_TYPING_MS ?? 10_000);
const network = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 1_600_000 / 8 };
const cpuSlowdown = 4;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wavepanel-respondent-load-'));

async function buildBoth(): Promise<string> {
  await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  const bareOut = path.join(work, 'bare');
  await build({
    configFile: false,
    root: path.join(projectRoot, 'bench', 'respondent-load-bare'),
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: bareOut, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
  });
  // The bare page gets the same precompression as ours, so only the app's shape differs.
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  for (const file of fs.readdirSync(path.join(bareOut, 'assets'))) {
    const full = path.join(bareOut, 'assets', file);
    const content = fs.readFileSync(full);
    fs.writeFileSync(`${full}.br`, await brotli(content));
    fs.writeFileSync(`${full}.gz`, await gz(content, { level: 9 }));
  }
  return bareOut;
}

async function serveBare(root: string) {
  const app = Fastify();
  await app.register(fastifyStatic, { root, preCompressed: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function serveApp() {
  const config = loadConfig(process.env, {
    databasePath: path.join(work, 'wavepanel.sqlite'),
    secretPath: path.join(work, 'wavepanel.secret'),
    logLevel: 'warn',
  });
  const app = await buildApp({ config });
  await seedDemo(app.services);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: address, token: (index: number) => demoToken(app.services, index) };
}

interface Mark {
  ms: number;
  bytes: number;
}

/**
 * The page's own clock (from the navigation's start): when Start is in the page, when it was
 * tapped and when the first question is. On a loaded machine Playwright's own steps (wait for
 * Start, tap, wait for the question) take up to a second each, which the app pays three times
 * and the bare page once; by the page's clock the time from Start showing to the tap is left out,
 * as for a person who taps at once.
 */
function recordPageClock() {
  const marks: Record<string, number> = {};
  (window as unknown as { benchMarks: Record<string, number> }).benchMarks = marks;
  document.addEventListener('click', () => (marks.tap ??= performance.now()), true);
  // For BENCH_WATERFALL: the main thread's long tasks, from the navigation's start.
  const longTasks: [number, number][] = [];
  (window as unknown as { benchLongTasks: [number, number][] }).benchLongTasks = longTasks;
  new PerformanceObserver((list) => list.getEntries().forEach((task) => longTasks.push([task.startTime, task.duration]))).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (marks.start === undefined && document.querySelector('.token-form button[type=submit]')) marks.start = performance.now();
    if (marks.question === undefined && document.querySelector('.sd-question')) marks.question = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

type PageClock = { start?: number; tap?: number; question?: number };
const pageClock = (page: Page) => page.evaluate(() => (window as unknown as { benchMarks: PageClock }).benchMarks);

/** One cold page load on the slow phone; `script` calls `mark(name)` at the moments that count. */
async function measure(browser: Browser, script: (page: Page, mark: (name: string) => void) => Promise<void>): Promise<Record<string, Mark>> {
  const context = await browser.newContext({ ...phone, locale: 'nl-NL' });
  const page = await context.newPage();
  await page.addInitScript(recordPageClock);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
  const marks: Record<string, Mark> = {};
  const start = performance.now();
  await script(page, (name) => (marks[name] = { ms: performance.now() - start, bytes }));
  await context.close();
  return marks;
}

const firstQuestion = (page: Page) => page.locator('.sd-question').first().waitFor({ state: 'visible', timeout: 120_000 });

/** What the page fetched and when (from the navigation's start), and its long tasks. */
function waterfall() {
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  return {
    resources: resources.map((r) => ({ name: r.name.replace(location.origin, ''), start: r.startTime, requestStart: r.requestStart, responseStart: r.responseStart, end: r.responseEnd, bytes: r.encodedBodySize })),
    longTasks: (window as unknown as { benchLongTasks: [number, number][] }).benchLongTasks,
  };
}

function printWaterfall(language: string, clock: PageClock, { resources, longTasks }: ReturnType<typeof waterfall>) {
  const t = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(2)).padStart(6);
  console.log(`\n${language}: Start shown ${t(clock.start)}, tapped ${t(clock.tap)}, first question ${t(clock.question)}`);
  for (const r of resources) console.log(`  ${t(r.start)} ${t(r.requestStart)} ${t(r.responseStart)} ${t(r.end)} ${String(Math.round(r.bytes / 1024)).padStart(4)} KB  ${r.name.slice(0, 90)}`);
  console.log(`  long tasks: ${longTasks.map(([start, duration]) => `${t(start)}+${Math.round(duration)}`).join(' ')}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const bareOut = await buildBoth();
const [bare, ours, browser] = await Promise.all([serveBare(bareOut), serveApp(), launchBrowser()]);
const samples: Record<string, Mark[]> = {};
const keep = (marks: Record<string, Mark>) => {
  for (const [name, mark] of Object.entries(marks)) (samples[name] ??= []).push(mark);
};

try {
  for (let run = 0; run < runs; run++) {
    keep(
      await measure(browser, async (page, mark) => {
        await page.goto(`${bare.url}/index.html`, { waitUntil: 'commit' });
        await firstQuestion(page);
        mark('bare: first question');
        const clock = await pageClock(page);
        if (process.env.BENCH_WATERFALL) printWaterfall('bare', clock, await page.evaluate(waterfall));
        (samples['bare: first question (page clock)'] ??= []).push({ ms: clock.question!, bytes: 0 });
      }),
    );
    keep(
      await measure(browser, async (page, mark) => {
        await page.goto(`${ours.url}/`, { waitUntil: 'commit' });
        await page.getByRole('textbox').waitFor({ state: 'visible', timeout: 120_000 });
        await page.getByRole('button', { name: 'Beginnen', exact: true }).waitFor({ state: 'visible' });
        mark('app: entry usable');
        await page.waitForTimeout(typingMs);
        const typed = performance.now();
        await page.getByRole('textbox').fill(ours.token(run + 1));
        await page.getByRole('button', { name: 'Beginnen', exact: true }).click();
        await firstQuestion(page);
        mark('app: first question (incl. typing)');
        (samples['app: first question after typing'] ??= []).push({ ms: performance.now() - typed, bytes: 0 });
      }),
    );
    for (const [index, language] of languages.entries()) {
      keep(
        await measure(browser, async (page, mark) => {
          await page.goto(`${ours.url}/t/${ours.token(4 + ((run * languages.length + index) % 17))}?lang=${language}`, { waitUntil: 'commit' });
          const start = page.getByRole('button', { name: startCaption[language], exact: true });
          await start.waitFor({ state: 'visible', timeout: 120_000 });
          await start.click();
          await firstQuestion(page);
          mark(`app ${language}: first question, Start tapped at once`);
          const clock = await pageClock(page);
          if (process.env.BENCH_WATERFALL) printWaterfall(language, clock, await page.evaluate(waterfall));
          (samples[`app ${language}: tapped at once (page clock)`] ??= []).push({ ms: clock.question! - (clock.tap! - clock.start!), bytes: 0 });
        }),
      );
    }
  }
} finally {
  await browser.close();
  await Promise.all([bare.app.close(), ours.app.close()]);
  fs.rmSync(work, { recursive: true, force: true });
}

const ms = (name: string) => median(samples[name]!.map((mark) => mark.ms));
const kb = (name: string) => median(samples[name]!.map((mark) => mark.bytes)) / 1024;

printHeading('Respondent app on a slow phone (respondent-load)', [
  `Chromium ${phone.viewport?.width}x${phone.viewport?.height}, CPU ${cpuSlowdown}x slower, ${network.downloadThroughput * 8 / 1e6} Mbit/s, ${network.latency} ms latency, cold cache`,
  `median of ${runs} runs; the respondent reads and types the token for ${typingMs / 1000} s`,
]);
const rows: [string, string, string][] = [
  ['bare React + SurveyJS: first question visible', kb('bare: first question').toFixed(0), ms('bare: first question').toFixed(0)],
  ['app: entry page usable', kb('app: entry usable').toFixed(0), ms('app: entry usable').toFixed(0)],
  ['app: first question visible after typing', kb('app: first question (incl. typing)').toFixed(0), ms('app: first question after typing').toFixed(0)],
  ['bare: first question, by the page\'s clock', '', ms('bare: first question (page clock)').toFixed(0)],
  ...languages.map((language): [string, string, string] => {
    const name = `app ${language}: first question, Start tapped at once`;
    return [name, kb(name).toFixed(0), ms(name).toFixed(0)];
  }),
  ...languages.map((language): [string, string, string] => [`app ${language}: tapped at once, by the page's clock`, '', ms(`app ${language}: tapped at once (page clock)`).toFixed(0)]),
];
console.log(`${'moment'.padEnd(48)}  ${'KB transferred'.padStart(14)}  ${'ms'.padStart(7)}`);
for (const [name, bytes, time] of rows) console.log(`${name.padEnd(48)}  ${bytes.padStart(14)}  ${time.padStart(7)}`);
const bareTime = ms('bare: first question');
const ratios: [string, number, number | undefined][] = [
  ['entry usable / bare first question', ms('app: entry usable') / bareTime, 0.4],
  ['first question after typing / bare first question', ms('app: first question after typing') / bareTime, 1],
  ['entry page bytes / bare page bytes', kb('app: entry usable') / kb('bare: first question'), undefined],
  ...languages.map((language): [string, number, number] => [
    `tapped at once (${language}) / bare first question`,
    ms(`app ${language}: first question, Start tapped at once`) / bareTime,
    1,
  ]),
  ...languages.map((language): [string, number, number] => [
    `by the page's clock (${language})`,
    ms(`app ${language}: tapped at once (page clock)`) / ms('bare: first question (page clock)'),
    1,
  ]),
];
console.log('');
for (const [name, ratio, target] of ratios) {
  const verdict = target === undefined ? '' : `  (target <= ${target}: ${ratio <= target ? 'met' : 'NOT met'})`;
  console.log(`${name.padEnd(52)} ${ratio.toFixed(2).padStart(6)}${verdict}`);
}
