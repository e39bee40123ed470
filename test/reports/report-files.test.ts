import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { reportColumns } from '../../server/reports/report-table.ts';
import type { PanelReport } from '../../server/reports/report.ts';
import { reportFile } from '../../server/reports/reports.service.ts';
import { run as reportCommand } from '../../server/reports/reports.cli.ts';
import { commandContextOf, createTestApp, queryRows, type TestApp } from '../helpers/app.ts';
import { generatePanel, generatedPanelDirs } from '../fixtures/exports/panel-generator.ts';
import { addUser, signIn, type Client } from '../researcher/sign-in.ts';
import { parseCsv } from '../exports/read-csv.ts';

/** The report as files that leave the platform: CSV and XLSX tables, the printable page, the PDF; from the workspace's route and the command line. */

const config = { ...generatedPanelDirs, minCellSize: 10 };
let t: TestApp;
let member: Client;
let report: PanelReport;
let dir: string;

before(async () => {
  t = await createTestApp({ config });
  await generatePanel(t.services.database, { participants: 150, seed: 41 });
  await addUser(t.services, 'rita', 'researcher', ['eaa']);
  member = await signIn(t.app, 'rita');
  report = JSON.parse((await member.request('GET', '/api/studies/eaa/report?lang=en')).body) as PanelReport;
  dir = fs.mkdtempSync(path.join(t.services.config.databasePath, '..', 'files-'));
});
after(() => t.close());

const file = (format: 'csv' | 'xlsx' | 'html' | 'pdf') =>
  reportFile({ database: t.services.database, definitions: t.services.definitions, studyId: 'eaa', minCellSize: 10, actor: commandLine, language: 'en', format, now: () => new Date(report.generatedAt) });

test('the CSV has the numbers in their own columns, equal to the report, with ranges and hidden cells marked', async () => {
  const rows = parseCsv((await file('csv')).body.toString('utf8')) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), [...reportColumns]);
  const byGroup = report.groupings[0]!;
  const cell = byGroup.waves[0]!.cells.find((c) => c.group === 'nonwestern_settled')!;
  const n = rows.find((r) => r.section === 'groups' && r.table === byGroup.title && r.wave === 'T0' && r.group === 'nonwestern_settled' && r.measure === 'N')!;
  assert.equal(Number(n.value), cell.n.value);
  const health = rows.find((r) => r.table === byGroup.title && r.wave === 'T0' && r.group === 'nonwestern_settled' && r.measure === 'Health (1-10)')!;
  assert.equal(health.statistic, 'mean');
  assert.equal(Number(health.value), Number(cell.means.health!.value!.toFixed(2)));
  assert.ok(Number(health.ci_lower) < Number(health.value) && Number(health.value) < Number(health.ci_upper));
  const ranged = rows.filter((r) => r.published === 'range');
  assert.ok(ranged.length > 0 && ranged.every((r) => r.value === '' && r.range_lower !== '' && r.range_upper !== ''));
  assert.ok(rows.filter((r) => r.published === 'hidden').every((r) => r.value === '' && r.ci_lower === ''));
});

test('the XLSX is a valid workbook with the same table, numbers as numbers', async () => {
  const xlsx = path.join(dir, 'report.xlsx');
  fs.writeFileSync(xlsx, (await file('xlsx')).body);
  assert.equal(spawnSync('unzip', ['-tq', xlsx]).status, 0, 'a valid zip');
  const sheet = spawnSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
  const csvRows = parseCsv((await file('csv')).body.toString('utf8')).length;
  assert.equal(sheet.match(/<row /g)!.length, csvRows + 1);
  assert.match(sheet, /<c r="A1" t="inlineStr"><is><t xml:space="preserve">section<\/t>/);
  assert.match(sheet, /<c r="H\d+"><v>\d+(\.\d+)?<\/v><\/c>/, 'values are numeric cells');
});

test('the printable page has no workspace navigation, is A4, and names the study, the date and what is hidden', async () => {
  const html = (await file('html')).body.toString('utf8');
  assert.match(html, /@page \{ size: A4/);
  assert.doesNotMatch(html, /<nav|<script/);
  assert.ok(html.includes(`<h1>${report.studyName}: panel report</h1>`));
  assert.ok(html.includes(report.generatedAt.slice(0, 10)));
  assert.match(html, /What is not published, and why/);
  assert.match(html, /<svg /, 'charts');
  assert.match(html, /<span class="ci">/, 'intervals under their values');
});

test('the PDF, printed by Chromium, reads back with the study, the tables and the footnote, on A4 pages', async () => {
  const pdf = path.join(dir, 'report.pdf');
  fs.writeFileSync(pdf, (await file('pdf')).body);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  for (const expected of [`${report.studyName}: panel report`, report.groupings[0]!.title, 'Missing values', 'Balanced panel', 'Attrition', 'What is not published, and why']) {
    assert.ok(text.includes(expected), expected);
  }
  assert.match(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout, /Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  assert.equal(spawnSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]).status, 0);
  assert.ok(fs.readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png')), 'the first page renders');
});

test('the workspace downloads the report as CSV (attachment, audited as an export) and opens the printable page inline', async () => {
  const csv = await member.request('GET', '/api/studies/eaa/report/csv?lang=en');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="eaa-report-\d{4}-\d{2}-\d{2}\.csv"$/);
  const [audit] = await queryRows<{ detail: string }>(t.services, "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1");
  assert.equal(JSON.parse(audit!.detail).file, 'csv');
  const page = await member.request('GET', '/api/studies/eaa/report/html');
  assert.match(String(page.headers['content-disposition']), /^inline/);
  assert.equal((await member.request('GET', '/api/studies/eaa/report/docx')).statusCode, 400);
});

test('the command line writes the same formats', async () => {
  const out = path.join(dir, 'cli.csv');
  const code = await reportCommand(['--study', 'eaa', '--format', 'csv', '--lang', 'en', '--out', out], commandContextOf(t.services));
  assert.equal(code, 0);
  assert.deepEqual(Object.keys((parseCsv(fs.readFileSync(out, 'utf8')) as Record<string, string>[])[0]!), [...reportColumns]);
});

const dutchFile = (format: 'csv' | 'xlsx' | 'html' | 'pdf' | 'md') =>
  reportFile({ database: t.services.database, definitions: t.services.definitions, studyId: 'eaa', minCellSize: 10, actor: commandLine, language: 'nl', format, now: () => new Date(report.generatedAt) });

/** A mean of the first grouping's first wave, as a Dutch reader writes it: `6,54`. */
const dutchMean = () => report.groupings[0]!.waves[0]!.total.means.health!.value!.toFixed(2).replace('.', ',');

test('in Dutch the CSV and XLSX carry Dutch column names and titles, and keep the documented number form (a point, numbers as numbers)', async () => {
  const dutch = JSON.parse((await member.request('GET', '/api/studies/eaa/report?lang=nl')).body) as PanelReport;
  const rows = parseCsv((await dutchFile('csv')).body.toString('utf8')) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), ['sectie', 'tabel', 'meting', 'groep', 'maat', 'statistiek', 'n', 'waarde', 'bi_onder', 'bi_boven', 'bereik_onder', 'bereik_boven', 'gepubliceerd']);
  const health = rows.find((r) => r.tabel === dutch.groupings[0]!.title && r.meting === 'T0' && r.groep === 'Allen met een bekende groep' && r.maat === 'Gezondheid (1-10)')!;
  assert.equal(health.waarde, dutch.groupings[0]!.waves[0]!.total.means.health!.value!.toFixed(2));
  assert.ok(rows.some((r) => r.tabel === 'Uitval per groep') && rows.some((r) => r.tabel === 'Gebalanceerd panel'));
  const xlsx = path.join(dir, 'rapport.xlsx');
  fs.writeFileSync(xlsx, (await dutchFile('xlsx')).body);
  const sheet = spawnSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
  assert.match(sheet, /<c r="A1" t="inlineStr"><is><t xml:space="preserve">sectie<\/t>/);
  assert.match(sheet, /<c r="H\d+"><v>\d+\.\d+<\/v><\/c>/, 'values are numeric cells with a point');
});

test('in Dutch the printable page and the PDF have Dutch headings and footnotes and write numbers with a decimal comma', async () => {
  const html = (await dutchFile('html')).body.toString('utf8');
  assert.match(html, /<html lang="nl">/);
  assert.ok(html.includes(`<h1>${report.studyName}: panelrapport</h1>`));
  assert.ok(html.includes(`<td>${dutchMean()}<span class="ci">`), 'a mean with a decimal comma');
  assert.ok(html.includes('<th scope="col">Allen met een bekende groep</th>'), 'the column of everyone named as on the report page');
  assert.doesNotMatch(html, /<td[^>]*>[^<]*\d\.\d/, 'no decimal point in a table cell');
  assert.doesNotMatch(html, /panel report|What is not published|Missing values|Attrition/);
  const pdf = path.join(dir, 'rapport.pdf');
  fs.writeFileSync(pdf, (await dutchFile('pdf')).body);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  for (const expected of [`${report.studyName}: panelrapport`, 'Ontbrekende waarden', 'Gebalanceerd panel', 'Uitval per groep', 'Wat niet gepubliceerd is, en waarom', dutchMean()]) {
    assert.ok(text.includes(expected), expected);
  }
});

test('the command line writes the report in the language asked for', async () => {
  const out = path.join(dir, 'cli-nl.csv');
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'csv', '--lang', 'nl', '--out', out], commandContextOf(t.services)), 0);
  assert.equal(Object.keys((parseCsv(fs.readFileSync(out, 'utf8')) as Record<string, string>[])[0]!)[0], 'sectie');
});

test('the workspace and the command line hand out the XLSX and the PDF too', async () => {
  const xlsx = await member.request('GET', '/api/studies/eaa/report/xlsx?lang=nl');
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-disposition']), /^attachment; filename="eaa-report-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
  const cliXlsx = path.join(dir, 'cli.xlsx');
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'xlsx', '--out', cliXlsx], commandContextOf(t.services)), 0);
  assert.equal(spawnSync('unzip', ['-tq', cliXlsx]).status, 0);
  const pdf = await member.request('GET', '/api/studies/eaa/report/pdf?lang=en');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const cliPdf = path.join(dir, 'cli.pdf');
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'pdf', '--lang', 'en', '--out', cliPdf], commandContextOf(t.services)), 0);
  assert.ok(spawnSync('pdftotext', [cliPdf, '-'], { encoding: 'utf8' }).stdout.includes(`${report.studyName}: panel report`));
});

test('in Dutch the Markdown report carries Dutch headings, row names and notes, from the same strings as the PDF', async () => {
  const markdown = (await dutchFile('md')).body.toString('utf8');
  for (const dutch of ['# Generated panel: panelrapport', 'Gemaakt op ', '### Meting T0', '| Gezondheid (1-10), gemiddelde |', 'Allen met een bekende groep', '## Gebalanceerd panel: T0 → T2', '## Uitval per groep', 'Aantallen van 1 tot en met 9']) {
    assert.ok(markdown.includes(dutch), dutch);
  }
  for (const english of ['Panel report', 'Wave T0', 'mean', 'all known', 'Balanced panel', 'Attrition', 'Respondents of']) assert.ok(!markdown.includes(english), english);
  const cliMarkdown = path.join(dir, 'report-nl.md');
  assert.equal(await reportCommand(['--study', 'eaa', '--format', 'md', '--lang', 'nl', '--out', cliMarkdown], commandContextOf(t.services)), 0);
  assert.ok(fs.readFileSync(cliMarkdown, 'utf8').includes('## Uitval per groep'));
});
