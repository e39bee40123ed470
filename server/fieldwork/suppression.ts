/**
 * Small-count suppression for fieldwork figures: a count from 1 to `min - 1` is shown as `<min`
 * (0 is shown: it describes nobody). Within a group of cells that add up to a total that is
 * shown, one suppressed cell could be worked out from the others, so then the smallest other
 * non-zero cell is suppressed too (secondary suppression), shown as `x`.
 */

export const secondaryMark = 'x';

export type Cell = number | string;

export function isSmall(count: number, min: number): boolean {
  return count > 0 && count < min;
}

export function suppress(count: number, min: number): Cell {
  return isSmall(count, min) ? `<${min}` : count;
}

export function suppressGroup(counts: number[], min: number): Cell[] {
  const hidden = counts.map((c) => isSmall(c, min));
  if (hidden.filter(Boolean).length === 1) {
    let smallest = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (smallest < 0 || c < counts[smallest]!)) smallest = i;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return counts.map((c, i) => (isSmall(c, min) ? `<${min}` : hidden[i] ? secondaryMark : c));
}
