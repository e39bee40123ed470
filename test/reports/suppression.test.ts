import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suppressCounts, type CountTable, type SuppressionMask } from '../../server/reports/suppression.ts';

const T = true;
const F = false;

const cases: [name: string, table: CountTable, expected: SuppressionMask][] = [
  ['a table of large cells hides nothing', { cells: [[12, 30], [40, 11]], rowTotals: true, columnTotals: true }, { cells: [[F, F], [F, F]], rowTotals: [F, F], columnTotals: [F, F] }],
  ['a small cell is hidden with the smallest other cell of its row and column (and the fourth to close the square)', { cells: [[3, 30], [40, 11]], rowTotals: true, columnTotals: true }, { cells: [[T, T], [T, T]], rowTotals: [F, F], columnTotals: [F, F] }],
  ['without totals a small cell is hidden alone', { cells: [[3, 30], [40, 11]], rowTotals: false, columnTotals: false }, { cells: [[T, F], [F, F]], rowTotals: [F, F], columnTotals: [F, F] }],
  ['with only column totals the smallest other cell of the column is hidden', { cells: [[3, 30], [40, 11], [25, 50]], rowTotals: false, columnTotals: true }, { cells: [[T, F], [F, F], [T, F]], rowTotals: [F, F, F], columnTotals: [F, F] }],
  ['a cell of exactly the minimum is shown', { cells: [[10, 20]], rowTotals: true, columnTotals: false }, { cells: [[F, F]], rowTotals: [F], columnTotals: [F, F] }],
  ['a zero is a cell below the minimum too', { cells: [[0, 20, 15]], rowTotals: true, columnTotals: false }, { cells: [[T, F, T]], rowTotals: [F], columnTotals: [F, F, F] }],
  ['two small cells in a row protect each other', { cells: [[4, 5, 50]], rowTotals: true, columnTotals: false }, { cells: [[T, T, F]], rowTotals: [F], columnTotals: [F, F, F] }],
  ['a row whose only other cell is gone hides its total', { cells: [[4]], rowTotals: true, columnTotals: false }, { cells: [[T]], rowTotals: [T], columnTotals: [F] }],
  ['a total below the minimum is itself hidden, and then protects nothing', { cells: [[4, 3]], rowTotals: true, columnTotals: false }, { cells: [[T, T]], rowTotals: [T], columnTotals: [F, F] }],
  ['a minimum of 5 lets a cell of 7 through', { cells: [[7, 3, 40]], rowTotals: true, columnTotals: false }, { cells: [[T, T, F]], rowTotals: [F], columnTotals: [F, F, F] }],
];

for (const [name, table, expected] of cases) {
  test(`suppression: ${name}`, () => assert.deepEqual(suppressCounts(table, name.includes('minimum of 5') ? 5 : 10), expected));
}

test('no published total lets a reader recompute a hidden cell', () => {
  const cells = [
    [3, 14, 25, 60],
    [12, 2, 30, 11],
    [40, 41, 9, 13],
  ];
  const mask = suppressCounts({ cells, rowTotals: true, columnTotals: true }, 10);
  mask.cells.forEach((row, i) => assert.notEqual(row.filter(Boolean).length, 1, `row ${i}`));
  for (let j = 0; j < 4; j++) assert.notEqual(mask.cells.filter((row) => row[j]).length, 1, `column ${j}`);
  cells.forEach((row, i) => row.forEach((n, j) => n < 10 && assert.ok(mask.cells[i]![j])));
});
