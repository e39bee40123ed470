import type { LinkedTables, Protection } from '../../server/disclosure/disclosure.ts';

/**
 * An attacker, written apart from the module under test: every whole-number filling of the hidden
 * cells that agrees with what is published (shown values, the ranges of sensitive cells, every
 * total) is searched for; a hidden cell that has the same value in all of them can be recomputed.
 * Exhaustive, so only for small tables.
 */
export function recomputedByAttacker({ cells, relations }: LinkedTables, protection: Protection): string[] {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const hidden = cells.filter((c) => protection.get(c.key) !== 'shown').map((c) => c.key);
  // A bound on what is not bounded otherwise, well above any true value, to keep the search finite.
  const ceiling = cells.reduce((s, c) => s + c.value, 0) + 10;
  const known = new Map<string, number>(cells.filter((c) => protection.get(c.key) === 'shown').map((c) => [c.key, c.value]));
  const domain = new Map<string, [number, number]>();
  for (const key of hidden) {
    const cell = byKey.get(key)!;
    const ceilings = relations.filter((r) => r.parts.includes(key) && known.has(r.total)).map((r) => known.get(r.total)!);
    const range = protection.get(key) === 'range' ? cell.range! : [0, Infinity];
    domain.set(key, [range[0]!, Math.min(range[1]!, ceiling, ...ceilings)]);
  }
  const guarded = (k: string) => !byKey.get(k)!.omitted || byKey.get(k)!.sensitive;
  const assignment = new Map(known);

  const consistent = (): boolean => {
    for (const r of relations) {
      const keys = [r.total, ...r.parts];
      if (keys.every((k) => assignment.has(k)) && assignment.get(r.total) !== r.parts.reduce((s, p) => s + assignment.get(p)!, 0)) return false;
    }
    return true;
  };

  /** Fills every cell that one relation forces; returns the keys it filled, or null on a contradiction. */
  const force = (): string[] | null => {
    const filled: string[] = [];
    const undo = () => {
      for (const f of filled) assignment.delete(f);
      return null;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of relations) {
        const open = [r.total, ...r.parts].filter((k) => !assignment.has(k));
        if (open.length !== 1) continue;
        const k = open[0]!;
        const partsSum = r.parts.filter((p) => p !== k).reduce((s, p) => s + assignment.get(p)!, 0);
        const value = k === r.total ? partsSum : assignment.get(r.total)! - partsSum;
        const [low, high] = domain.get(k)!;
        if (value < low || value > high) return undo();
        assignment.set(k, value);
        filled.push(k);
        changed = true;
      }
    }
    return consistent() ? filled : undo();
  };

  /** Whether the cells assigned so far can be completed to a filling that agrees with everything published. */
  const feasible = (): boolean => {
    const filled = force();
    if (filled === null) return false;
    const open = hidden.filter((k) => !assignment.has(k)).sort((a, b) => domain.get(a)![1] - domain.get(a)![0] - (domain.get(b)![1] - domain.get(b)![0]));
    let found = open.length === 0;
    const next = open[0];
    if (next !== undefined) {
      const [low, high] = domain.get(next)!;
      for (let v = low; v <= high && !found; v++) {
        assignment.set(next, v);
        found = feasible();
        assignment.delete(next);
      }
    }
    for (const f of filled) assignment.delete(f);
    return found;
  };

  return hidden.filter((k) => {
    if (!guarded(k)) return false;
    const [low, high] = domain.get(k)!;
    const truth = byKey.get(k)!.value;
    for (let v = low; v <= high; v++) {
      if (v === truth) continue;
      assignment.set(k, v);
      const other = feasible();
      assignment.delete(k);
      if (other) return false;
    }
    return true;
  });
}
