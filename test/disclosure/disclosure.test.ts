import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countCell, numeratorCell, protect, recomputable, type DisclosurePolicy, type LinkedTables, type Status } from '../../server/disclosure/disclosure.ts';
import { recomputedByAttacker } from './oracle.ts';
import { gridTables, key, type Grid } from './tables.ts';

const policy: DisclosurePolicy = { minCellSize: 10, zerosSensitive: false };

/** The statuses of the inner cells, row by row: `.` shown, `R` published as a range, `P` hidden as sensitive, `S` hidden to protect another, `-` omitted. */
function inner(grid: Grid, p: DisclosurePolicy = policy): string[] {
  const protection = protect(gridTables(grid, p));
  const mark: Record<Status, string> = { shown: '.', range: 'R', primary: 'P', secondary: 'S', omitted: '-' };
  return grid.cells.map((row, i) => row.map((_, j) => mark[protection.get(key(i, j))!]).join(''));
}

const cases: [name: string, grid: Grid, expected: string[], p?: DisclosurePolicy][] = [
  ['a table of large cells hides nothing', { cells: [[12, 30], [40, 11]] }, ['..', '..']],
  ['a zero is not sensitive: it is shown and protects nothing', { cells: [[0, 237, 140]] }, ['...']],
  ['a zero is hidden when the study declares zeros sensitive', { cells: [[0, 237, 140]], columnTotals: false }, ['R.S'], { minCellSize: 10, zerosSensitive: true }],
  ['a count of 1..k-1 is hidden, with the smallest other cell of its row when the total is published', { cells: [[3, 30, 12]], columnTotals: false }, ['R.S']],
  ['without a published total a small cell is hidden alone', { cells: [[3, 30], [40, 11]], rowTotals: false, columnTotals: false }, ['R.', '..']],
  ['the unknown group is hidden before a smaller real group', { cells: [[4, 32, 120, 40]], columnTotals: false, residualColumns: [3] }, ['R..S']],
  ['an unknown group that is itself small is protected by the smallest real group', { cells: [[120, 38, 60, 9]], columnTotals: false, residualColumns: [3] }, ['.S.R']],
  ['an unknown group left out of the table and its total needs no secondary suppression', { cells: [[120, 38, 60, 9]], columnTotals: false, rowTotals: false, omittedColumns: [3] }, ['...-']],
  ['two small cells in a row protect each other', { cells: [[4, 5, 50]], columnTotals: false }, ['RR.']],
  ['two small cells that add up to 2 give each other away (each is 1), so a third is hidden', { cells: [[1, 1, 50, 60]], columnTotals: false }, ['RRS.']],
  ['a cell of exactly k is shown', { cells: [[10, 20]], columnTotals: false }, ['..']],
  ['in a two-way table a small cell is protected by a rectangle of four', { cells: [[3, 30], [40, 11]] }, ['RS', 'SS']],
  ['a small cell in a table with only column totals is protected in its column', { cells: [[3, 30], [40, 11], [25, 50]], rowTotals: false }, ['R.', '..', 'S.']],
];

for (const [name, grid, expected, p] of cases) test(`disclosure: ${name}`, () => assert.deepEqual(inner(grid, p), expected));

test('disclosure: a percentage is sensitive when its numerator or its complement is 1..k-1, and then published as a range', () => {
  assert.deepEqual(numeratorCell('a', 3, 222, policy), { key: 'a', value: 3, sensitive: true, range: [1, 9] });
  assert.deepEqual(numeratorCell('a', 215, 222, policy), { key: 'a', value: 215, sensitive: true, range: [213, 221] });
  assert.deepEqual(numeratorCell('a', 0, 222, policy), { key: 'a', value: 0, sensitive: false });
  assert.deepEqual(numeratorCell('a', 5, 12, policy), { key: 'a', value: 5, sensitive: true }, 'both small: no range, hidden');
  assert.equal(numeratorCell('a', 0, 222, { minCellSize: 10, zerosSensitive: true }).sensitive, true, '0% is sensitive when zeros are');
});

test('disclosure: a total shared by two tables is protected in both (the wave total under each grouping)', () => {
  // Wave total 200 = 150 + 41 + 9 (migration group, the 9 unknown) = 120 + 80 (diagnosis advice).
  const tables: LinkedTables = {
    cells: [
      countCell('all', 200, policy, { role: 'total' }),
      countCell('none', 150, policy),
      countCell('newcomer', 41, policy),
      countCell('unknown', 9, policy, { role: 'residual' }),
      countCell('short', 120, policy),
      countCell('long', 80, policy),
    ],
    relations: [
      { total: 'all', parts: ['none', 'newcomer', 'unknown'] },
      { total: 'all', parts: ['short', 'long'] },
    ],
  };
  const protection = protect(tables);
  assert.equal(protection.get('unknown'), 'range');
  assert.equal([...protection.values()].filter((s) => s === 'secondary').length, 1);
  assert.deepEqual(recomputable(tables, protection), []);
});

test('disclosure: fieldwork figures "invited 28, completed 8, 20 to remind" do not give the 8 away', () => {
  const tables: LinkedTables = {
    cells: [countCell('invited', 28, policy, { role: 'total' }), countCell('completed', 8, policy), countCell('toRemind', 20, policy)],
    relations: [{ total: 'invited', parts: ['completed', 'toRemind'] }],
  };
  const protection = protect(tables);
  assert.equal(protection.get('completed'), 'range');
  assert.equal(protection.get('toRemind'), 'secondary');
  assert.equal(protection.get('invited'), 'shown');
});

test('disclosure: a share shown as a range is protected against the published total share', () => {
  // Paid work by group: 3 of 40, 30 of 100, 20 of 60; the total 53 of 200 is published.
  const cells = [
    countCell('n:a', 40, policy), countCell('n:b', 100, policy), countCell('n:c', 60, policy), countCell('n:all', 200, policy, { role: 'total' }),
    numeratorCell('y:a', 3, 40, policy), numeratorCell('y:b', 30, 100, policy), numeratorCell('y:c', 20, 60, policy), numeratorCell('y:all', 53, 200, policy, { role: 'total' }),
  ];
  const tables: LinkedTables = { cells, relations: [{ total: 'n:all', parts: ['n:a', 'n:b', 'n:c'] }, { total: 'y:all', parts: ['y:a', 'y:b', 'y:c'] }] };
  const protection = protect(tables);
  assert.deepEqual(
    ['n:a', 'n:b', 'n:c', 'n:all', 'y:a', 'y:b', 'y:c', 'y:all'].map((k) => protection.get(k)),
    ['shown', 'shown', 'shown', 'shown', 'range', 'shown', 'secondary', 'shown'],
  );
});

// Small counts are common in the tables that matter, so the generator leans towards them.
const count = (max: number) => fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max }));
const gridOf = (maxRows: number, maxCols: number, maxCount: number) => fc
  .record({ rows: fc.integer({ min: 1, max: maxRows }), cols: fc.integer({ min: 1, max: maxCols }) })
  .chain(({ rows, cols }) =>
    fc.record({
      cells: fc.array(fc.array(count(maxCount), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
      rowTotals: fc.boolean(),
      columnTotals: fc.boolean(),
      residualColumns: fc.subarray(Array.from({ length: cols }, (_, j) => j), { maxLength: 1 }),
      omittedColumns: fc.subarray(Array.from({ length: cols }, (_, j) => j), { maxLength: 1 }),
    }),
  );
const gridArbitrary = gridOf(3, 3, 25);
/** Proving that a relaxed protection exposes a cell takes the attacker an exhaustive search: smaller tables. */
const smallGridArbitrary = gridOf(2, 3, 15);
const policyArbitrary = fc.record({ minCellSize: fc.constantFrom(3, 5, 10), zerosSensitive: fc.boolean() });

test('property: no hidden cell can be recomputed from what is published (an exhaustive attacker)', () => {
  fc.assert(
    fc.property(gridArbitrary, policyArbitrary, (grid, p) => {
      const tables = gridTables(grid, p);
      const protection = protect(tables);
      assert.deepEqual(recomputedByAttacker(tables, protection), []);
    }),
    { numRuns: 300 },
  );
});

test('property: every sensitive cell is hidden', () => {
  fc.assert(
    fc.property(gridArbitrary, policyArbitrary, (grid, p) => {
      const tables = gridTables(grid, p);
      const protection = protect(tables);
      for (const cell of tables.cells) if (cell.sensitive || cell.omitted) assert.notEqual(protection.get(cell.key), 'shown', cell.key);
    }),
    { numRuns: 300 },
  );
});

test('property: nothing is hidden that did not need to be (publishing any secondary cell again exposes a hidden one)', () => {
  fc.assert(
    fc.property(smallGridArbitrary, policyArbitrary, (grid, p) => {
      const tables = gridTables(grid, p);
      const protection = protect(tables);
      for (const [cellKey, status] of protection) {
        if (status !== 'secondary') continue;
        const relaxed = new Map(protection).set(cellKey, 'shown');
        assert.notDeepEqual(recomputedByAttacker(tables, relaxed), [], `${cellKey} was hidden without need`);
      }
    }),
    { numRuns: 150 },
  );
});
