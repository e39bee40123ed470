/**
 * Statistical disclosure control for tables that leave the platform. Primary suppression: every
 * count below the minimum cell size (default 10), zero included. Secondary suppression: where a
 * published row or column total would let a reader compute a suppressed cell (exactly one cell
 * hidden in that row or column), the smallest other cell is hidden too, until no such row or
 * column remains. A total below the minimum is itself suppressed.
 */

export interface CountTable {
  cells: number[][];
  /** Whether row totals (sums across a row) are published. */
  rowTotals: boolean;
  /** Whether column totals (sums down a column) are published. */
  columnTotals: boolean;
}

export interface SuppressionMask {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
}

export function suppressCounts({ cells, rowTotals, columnTotals }: CountTable, minCellSize: number): SuppressionMask {
  const rows = cells.length;
  const cols = rows > 0 ? cells[0]!.length : 0;
  const hidden = cells.map((row) => row.map((n) => n < minCellSize));
  const rowSum = cells.map((row) => row.reduce((s, n) => s + n, 0));
  const colSum = Array.from({ length: cols }, (_, j) => cells.reduce((s, row) => s + row[j]!, 0));
  const rowTotalHidden = rowSum.map((n) => rowTotals && n < minCellSize);
  const colTotalHidden = colSum.map((n) => columnTotals && n < minCellSize);

  /** Hides one more cell among `positions` when exactly one of them is hidden; true when it did. */
  const protect = (positions: [number, number][], hideTotal: () => void): boolean => {
    const hiddenCount = positions.filter(([i, j]) => hidden[i]![j]).length;
    if (hiddenCount !== 1) return false;
    const candidates = positions.filter(([i, j]) => !hidden[i]![j]).sort(([a, b], [c, d]) => cells[a]![b]! - cells[c]![d]!);
    const next = candidates[0];
    if (next) hidden[next[0]]![next[1]] = true;
    else hideTotal();
    return true;
  };

  for (let changed = true; changed; ) {
    changed = false;
    if (rowTotals) {
      for (let i = 0; i < rows; i++) {
        if (rowTotalHidden[i]) continue;
        changed = protect(Array.from({ length: cols }, (_, j) => [i, j]), () => (rowTotalHidden[i] = true)) || changed;
      }
    }
    if (columnTotals) {
      for (let j = 0; j < cols; j++) {
        if (colTotalHidden[j]) continue;
        changed = protect(Array.from({ length: rows }, (_, i) => [i, j]), () => (colTotalHidden[j] = true)) || changed;
      }
    }
  }
  return { cells: hidden, rowTotals: rowTotalHidden, columnTotals: colTotalHidden };
}
