import { countCell, type Cell, type DisclosurePolicy, type LinkedTables, type Relation, type Role } from '../../server/disclosure/disclosure.ts';

/** Two-way count tables with their margins, as linked tables for `protect`, for the disclosure tests. */

export interface Grid {
  cells: number[][];
  rowTotals?: boolean;
  columnTotals?: boolean;
  /** The sum of everything; published when both margins are. */
  grandTotal?: boolean;
  /** Columns that are residual categories (an `unknown` group). */
  residualColumns?: number[];
  /** Columns left out of the published table (their values still count in the totals). */
  omittedColumns?: number[];
}

export const key = (i: number, j: number) => `r${i}c${j}`;

export function gridTables(grid: Grid, policy: DisclosurePolicy): LinkedTables {
  const { cells: values, rowTotals = true, columnTotals = true, residualColumns = [], omittedColumns = [] } = grid;
  const grandTotal = grid.grandTotal ?? (rowTotals && columnTotals);
  const cells: Cell[] = [];
  const relations: Relation[] = [];
  const cols = values[0]?.length ?? 0;
  const role = (j: number): Role => (residualColumns.includes(j) ? 'residual' : 'inner');
  values.forEach((row, i) => row.forEach((v, j) => cells.push(countCell(key(i, j), v, policy, { role: role(j), omitted: omittedColumns.includes(j) }))));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  if (rowTotals) {
    values.forEach((row, i) => {
      cells.push(countCell(`r${i}`, sum(row), policy, { role: 'total' }));
      relations.push({ total: `r${i}`, parts: row.map((_, j) => key(i, j)) });
    });
  }
  if (columnTotals) {
    for (let j = 0; j < cols; j++) {
      cells.push(countCell(`c${j}`, sum(values.map((r) => r[j]!)), policy, { role: 'total', omitted: omittedColumns.includes(j) }));
      relations.push({ total: `c${j}`, parts: values.map((_, i) => key(i, j)) });
    }
  }
  if (grandTotal) {
    cells.push(countCell('all', sum(values.map(sum)), policy, { role: 'total' }));
    if (rowTotals) relations.push({ total: 'all', parts: values.map((_, i) => `r${i}`) });
    if (columnTotals) relations.push({ total: 'all', parts: Array.from({ length: cols }, (_, j) => `c${j}`) });
  }
  return { cells, relations };
}
