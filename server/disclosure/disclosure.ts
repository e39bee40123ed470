/**
 * Statistical disclosure control for every table that leaves the platform (the report, its files
 * and the fieldwork page), done the way statistics offices do it (sdcTable, tau-argus):
 *
 * - Primary: a count of 1..k-1 is sensitive, and so is a share whose numerator or complement is
 *   1..k-1. A zero describes nobody and is not sensitive unless the study says so
 *   (`disclosure.zerosSensitive`). A sensitive count is published as the range `<k`; a sensitive
 *   share as a range of percentages (`≤ 4.1%`, `≥ 95.9%`), or not at all when its N is sensitive.
 * - Secondary: only where what is published (totals, margins, the same total in another table)
 *   would let a reader recompute a hidden value exactly, or pin it down from the ranges, one more
 *   cell is hidden, chosen to lose the least: a residual (`unknown`) category first, then a
 *   subtotal that another table shows in full, then an inner cell, a total last; a non-zero cell
 *   before a zero, the smallest first; looking a few steps ahead, so that hiding one cell does not
 *   force hiding a real group elsewhere. Afterwards every secondary cell that turns out not to be
 *   needed is published again.
 *
 * The tables are plain data: cells with keys and relations `total = sum of parts`. A cell shared
 * by two tables (the total of a wave in every grouping) has one key, so the tables are protected
 * together. Pure functions; `test/disclosure` checks them table by table and by property.
 */

export interface DisclosurePolicy {
  /** k: counts of 1..k-1 are sensitive. */
  minCellSize: number;
  /** Whether a zero count (and a share of 0% or 100%) is sensitive too. */
  zerosSensitive: boolean;
}

/**
 * What a cell is in its table, for the choice of what to hide: a residual category (`unknown`), an
 * inner cell, a subtotal that repeats what another table shows in full (the total of the known
 * groups beside everyone's total), or a total.
 */
export type Role = 'residual' | 'subtotal' | 'inner' | 'total';

export interface Cell {
  key: string;
  value: number;
  sensitive: boolean;
  /** For a sensitive cell published as a range: what a reader then knows of its value. */
  range?: readonly [number, number];
  /** What hiding it costs: a residual category least, a total most. Default `inner`. */
  role?: Role;
  /** Never published (a group left out of the tables); still protected when sensitive. */
  omitted?: boolean;
  /** Cells that are hidden whenever this one is (a share is not shown without its N). */
  hides?: readonly string[];
}

export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface LinkedTables {
  cells: readonly Cell[];
  relations: readonly Relation[];
}

/**
 * `range`: sensitive, published as its range; `primary`: sensitive, not published at all (its N is
 * hidden, or its range together with what else is published would pin it down); `secondary`:
 * hidden to protect another; `omitted`: left out of the tables by design.
 */
export type Status = 'shown' | 'range' | 'primary' | 'secondary' | 'omitted';

export type Protection = ReadonlyMap<string, Status>;

/** The policy of a study: the platform's minimum cell size, and the study's own choice about zeros. */
export function disclosurePolicy(minCellSize: number, declared: { zerosSensitive?: boolean | undefined } | undefined): DisclosurePolicy {
  return { minCellSize, zerosSensitive: declared?.zerosSensitive === true };
}

export function isSensitiveCount(value: number, policy: DisclosurePolicy): boolean {
  return value < policy.minCellSize && (value > 0 || policy.zerosSensitive);
}

/** The range a sensitive count is published as: at least 1 (0 when zeros are hidden too), at most k-1. */
export function countRange(policy: DisclosurePolicy): [number, number] {
  return [policy.zerosSensitive ? 0 : 1, policy.minCellSize - 1];
}

/** A count cell, sensitive by the policy, published as a range when it is. */
export function countCell(key: string, value: number, policy: DisclosurePolicy, extra: Omit<Cell, 'key' | 'value' | 'sensitive'> = {}): Cell {
  const sensitive = isSensitiveCount(value, policy);
  return { key, value, sensitive, ...(sensitive ? { range: countRange(policy) } : {}), ...extra };
}

/**
 * The numerator of a share (`yes` of `n`) as a cell. It is sensitive when the numerator or the
 * complement is; its range is what the published percentage range tells a reader.
 */
export function numeratorCell(key: string, yes: number, n: number, policy: DisclosurePolicy, extra: Omit<Cell, 'key' | 'value' | 'sensitive'> = {}): Cell {
  const [low, high] = countRange(policy);
  const smallYes = isSensitiveCount(yes, policy);
  const smallNo = isSensitiveCount(n - yes, policy);
  if (smallYes && smallNo) return { key, value: yes, sensitive: true, ...extra };
  if (smallYes) return { key, value: yes, sensitive: true, range: [low, Math.min(high, n)], ...extra };
  if (smallNo) return { key, value: yes, sensitive: true, range: [Math.max(0, n - high), n - low], ...extra };
  return { key, value: yes, sensitive: false, ...extra };
}

const roleRank: Record<Role, number> = { residual: 0, subtotal: 1, inner: 2, total: 3 };
const tolerance = 1e-9;

interface State {
  cells: Map<string, Cell>;
  relations: readonly Relation[];
  relationsOf: Map<string, Relation[]>;
  hidden: Set<string>;
  /** Hidden cells whose range is published. */
  ranged: Set<string>;
}

/** Hidden cells grouped by the relations that join them: each group can be solved on its own. */
function components(state: State): { unknowns: string[]; relations: Relation[] }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const key of state.hidden) parent.set(key, key);
  const touching = state.relations.filter((r) => [r.total, ...r.parts].some((k) => state.hidden.has(k)));
  for (const r of touching) {
    const keys = [r.total, ...r.parts].filter((k) => state.hidden.has(k));
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]!));
  }
  const groups = new Map<string, { unknowns: string[]; relations: Relation[] }>();
  for (const key of state.hidden) {
    const root = find(key);
    if (!groups.has(root)) groups.set(root, { unknowns: [], relations: [] });
    groups.get(root)!.unknowns.push(key);
  }
  for (const r of touching) groups.get(find([r.total, ...r.parts].find((k) => state.hidden.has(k))!))!.relations.push(r);
  return [...groups.values()];
}

/** Unknowns fixed by the relations alone: their unit vector lies in the row space (reduced row echelon form). */
function fixedByRelations(unknowns: string[], relations: Relation[], hidden: ReadonlySet<string>): Set<string> {
  const column = new Map(unknowns.map((k, i) => [k, i]));
  const rows = relations.map((r) => {
    const row = new Array<number>(unknowns.length).fill(0);
    if (hidden.has(r.total)) row[column.get(r.total)!]! += 1;
    for (const p of r.parts) if (hidden.has(p)) row[column.get(p)!]! -= 1;
    return row;
  });
  const pivots: [row: number, col: number][] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < tolerance) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let j = 0; j < pivot.length; j++) pivot[j]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![c]!) < tolerance) continue;
      const factor = rows[i]![c]!;
      for (let j = 0; j < pivot.length; j++) rows[i]![j]! -= factor * pivot[j]!;
    }
    pivots.push([r, c]);
    r++;
  }
  const fixed = new Set<string>();
  for (const [row, col] of pivots) {
    if (rows[row]!.every((x, j) => j === col || Math.abs(x) < tolerance)) fixed.add(unknowns[col]!);
  }
  return fixed;
}

/** Unknowns pinned to one value by the published ranges, non-negativity and the relations (bounds propagation). */
function fixedByBounds(unknowns: string[], relations: Relation[], state: State): Set<string> {
  const bounds = new Map<string, [number, number]>();
  const boundsOf = (key: string): [number, number] => {
    if (!state.hidden.has(key)) {
      const v = state.cells.get(key)!.value;
      return [v, v];
    }
    let b = bounds.get(key);
    if (!b) {
      const cell = state.cells.get(key)!;
      b = state.ranged.has(key) ? [cell.range![0], cell.range![1]] : [0, Infinity];
      bounds.set(key, b);
    }
    return b;
  };
  for (const k of unknowns) boundsOf(k);
  const tighten = (key: string, low: number, high: number): boolean => {
    if (!state.hidden.has(key)) return false;
    const b = boundsOf(key);
    const next: [number, number] = [Math.max(b[0], Math.ceil(low - tolerance)), Math.min(b[1], Math.floor(high + tolerance))];
    if (next[0] === b[0] && next[1] === b[1]) return false;
    bounds.set(key, next);
    return true;
  };
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    for (const rel of relations) {
      const parts = rel.parts.map(boundsOf);
      const low = parts.reduce((s, b) => s + b[0], 0);
      const unbounded = parts.filter((b) => b[1] === Infinity).length;
      const finiteHigh = parts.reduce((s, b) => s + (b[1] === Infinity ? 0 : b[1]), 0);
      changed = tighten(rel.total, low, unbounded > 0 ? Infinity : finiteHigh) || changed;
      const total = boundsOf(rel.total);
      rel.parts.forEach((p, i) => {
        const b = parts[i]!;
        const othersHigh = unbounded - (b[1] === Infinity ? 1 : 0) > 0 ? Infinity : finiteHigh - (b[1] === Infinity ? 0 : b[1]);
        changed = tighten(p, total[0] - othersHigh, total[1] - (low - b[0])) || changed;
      });
    }
  }
  return new Set(unknowns.filter((k) => bounds.get(k)![0] === bounds.get(k)![1]));
}

/**
 * Hidden cells a reader could work out, which must not be: everything hidden except omitted cells
 * that are not sensitive. With `focus`, only the groups of hidden cells that hold one of those keys.
 */
function exposed(state: State, focus?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const { unknowns, relations } of components(state)) {
    if (focus && !unknowns.some((k) => focus.has(k))) continue;
    const fixed = new Set([...fixedByRelations(unknowns, relations, state.hidden), ...fixedByBounds(unknowns, relations, state)]);
    for (const key of unknowns) {
      const cell = state.cells.get(key)!;
      if (fixed.has(key) && (!cell.omitted || cell.sensitive)) out.push(key);
    }
  }
  return out.sort();
}

/** What hiding a cell loses, roughly: a residual category little, a total much (it is repeated in every linked table). */
const weight: Record<Role, number> = { residual: 1, subtotal: 5, inner: 10, total: 100 };
const order = (cell: Cell) => [roleRank[cell.role ?? 'inner'], cell.value === 0 ? 1 : 0, cell.value] as const;

function cheaper(a: Cell, b: Cell): number {
  const [x, y] = [order(a), order(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function hide(state: State, key: string): void {
  state.hidden.add(key);
  for (const other of state.cells.get(key)?.hides ?? []) {
    state.ranged.delete(other);
    hide(state, other);
  }
}

/** Published cells whose hiding could protect `key`, cheapest first: from the relations it is in or, failing that, its group. */
function candidatesFor(state: State, key: string): string[] {
  const visible = (relations: Relation[]) => [
    ...new Set(
      relations
        .flatMap((r) => [r.total, ...r.parts])
        .filter((k) => !state.hidden.has(k))
        .map((k) => state.cells.get(k)!)
        .sort(cheaper)
        .map((c) => c.key),
    ),
  ];
  const direct = visible(state.relationsOf.get(key) ?? []);
  return direct.length > 0 ? direct : visible(components(state).find((c) => c.unknowns.includes(key))?.relations ?? []);
}

const lookahead = 4;

/**
 * Hides cells until no hidden cell can be worked out. Each step protects one exposed cell; with
 * `choose`, it tries the few cheapest candidates to the end and takes the one whose completion
 * loses least (hiding a total that leads to a residual category beats hiding a real group).
 */
function complete(state: State, choose: boolean, focus?: Set<string>): void {
  for (let rounds = 0; rounds <= 2 * state.cells.size; rounds++) {
    const open = exposed(state, focus);
    if (open.length === 0) return;
    const target = open[0]!;
    const candidates = candidatesFor(state, target);
    if (candidates.length === 0) {
      // Nothing left to hide: the published ranges pin it down, so they are not published.
      const near = (state.relationsOf.get(target) ?? []).flatMap((r) => [r.total, ...r.parts]);
      const before = state.ranged.size;
      for (const k of [target, ...near]) state.ranged.delete(k);
      if (state.ranged.size === before) return;
      continue;
    }
    let best = candidates[0]!;
    if (choose && candidates.length > 1) {
      let bestLoss = Infinity;
      for (const candidate of candidates.slice(0, lookahead)) {
        const trial: State = { ...state, hidden: new Set(state.hidden), ranged: new Set(state.ranged) };
        hide(trial, candidate);
        complete(trial, false, new Set([target, ...trial.hidden].filter((k) => !state.hidden.has(k) || k === target)));
        const loss = [...trial.hidden].filter((k) => !state.hidden.has(k)).reduce((sum, k) => sum + weight[state.cells.get(k)!.role ?? 'inner'], 0);
        if (loss < bestLoss) [best, bestLoss] = [candidate, loss];
      }
    }
    hide(state, best);
    for (const k of [best, ...(state.cells.get(best)!.hides ?? [])]) focus?.add(k);
  }
}

/** Decides for every cell whether it is shown, hidden as sensitive (primary), hidden to protect another (secondary) or left out. */
export function protect({ cells, relations }: LinkedTables): Protection {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  for (const r of relations) for (const k of [r.total, ...r.parts]) if (!byKey.has(k)) throw new Error(`relation names an unknown cell ${k}`);
  const relationsOf = new Map<string, Relation[]>();
  for (const r of relations) for (const k of [r.total, ...r.parts]) relationsOf.set(k, [...(relationsOf.get(k) ?? []), r]);
  const state: State = { cells: byKey, relations, relationsOf, hidden: new Set(), ranged: new Set(cells.filter((c) => c.sensitive && c.range && !c.omitted).map((c) => c.key)) };
  for (const c of cells) if (c.sensitive || c.omitted) hide(state, c.key);
  const primary = new Set(state.hidden);

  complete(state, true);

  // Publish again what turned out not to be needed, the most costly first.
  const secondary = cells.filter((c) => state.hidden.has(c.key) && !primary.has(c.key)).sort((a, b) => cheaper(b, a));
  for (const cell of secondary) {
    const group = [cell.key, ...(cell.hides ?? []).filter((k) => !primary.has(k))];
    if (cells.some((c) => c.hides?.includes(cell.key) && state.hidden.has(c.key))) continue;
    for (const k of group) state.hidden.delete(k);
    if (exposed(state).length > 0) for (const k of group) state.hidden.add(k);
  }

  const status = (c: Cell): Status => {
    if (c.omitted) return 'omitted';
    if (!state.hidden.has(c.key)) return 'shown';
    if (!primary.has(c.key)) return 'secondary';
    return state.ranged.has(c.key) ? 'range' : 'primary';
  };
  return new Map(cells.map((c) => [c.key, status(c)]));
}

/** Hidden cells a reader could still work out (none, after `protect`): for tests and for checking a hand-made protection. */
export function recomputable({ cells, relations }: LinkedTables, protection: Protection): string[] {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const relationsOf = new Map<string, Relation[]>();
  const hidden = new Set(cells.filter((c) => protection.get(c.key) !== 'shown').map((c) => c.key));
  const ranged = new Set(cells.filter((c) => protection.get(c.key) === 'range').map((c) => c.key));
  return exposed({ cells: byKey, relations, relationsOf, hidden, ranged });
}
