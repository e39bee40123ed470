import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvLine, excelNlDialect, formatCell, standardDialect } from '../../server/shared/csv.ts';
import type { Cell } from '../../server/exports/variables.ts';

const cases: [name: string, cell: Cell, standard: string, excelNl: string][] = [
  ['an empty cell is empty', null, '', ''],
  ['an integer is written as is', 7, '7', '7'],
  ['a decimal uses a point, and a comma for Excel in Dutch', 2.75, '2.75', '2,75'],
  ['a long decimal is rounded to six places', 1 / 3, '0.333333', '0,333333'],
  ['plain text is written as is', 'woman', 'woman', 'woman'],
  ['a formula is neutralised with an apostrophe', '=SUM(A1:A9)', "'=SUM(A1:A9)", "'=SUM(A1:A9)"],
  ['text starting with a plus is neutralised', '+31 6', "'+31 6", "'+31 6"],
  ['text starting with a minus is neutralised', '-1+1', "'-1+1", "'-1+1"],
  ['text starting with an at sign is neutralised', '@cmd', "'@cmd", "'@cmd"],
  ['text starting with a tab is neutralised', '\tx', "'\tx", "'\tx"],
  ['text starting with a carriage return becomes a space first', '\rx', ' x', ' x'],
  ['a separator forces quotes', 'a,b', '"a,b"', 'a,b'],
  ['a semicolon forces quotes for Excel in Dutch', 'a;b', 'a;b', '"a;b"'],
  ['quotes are doubled inside quotes', 'say "hi"', '"say ""hi"""', '"say ""hi"""'],
  ['line breaks become spaces so a row stays one line', 'one\r\ntwo\nthree', 'one two three', 'one two three'],
];

for (const [name, cell, standard, excelNl] of cases) {
  test(`csv cell: ${name}`, () => {
    assert.equal(formatCell(cell, standardDialect), standard);
    assert.equal(formatCell(cell, excelNlDialect), excelNl);
  });
}

test('a CSV line joins cells with the separator and ends with CRLF', () => {
  assert.equal(csvLine(['a', 1, null], standardDialect), 'a,1,\r\n');
  assert.equal(csvLine(['a', 1.5, null], excelNlDialect), 'a;1,5;\r\n');
});
