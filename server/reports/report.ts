import type { DerivedValue } from '../classification/derived-variables.ts';
import type { PanelUnit } from '../exports/exports.service.ts';
import type { ResponseRecord } from '../exports/variables.ts';
import { labelIn } from '../studies/study-definition.ts';
import type { Study } from '../studies/study-registry.ts';
import { meanInterval, wilsonInterval } from './statistics.ts';
import { suppressCounts } from './suppression.ts';

/**
 * The panel report as the study declares it: its measures (a mean, or the share of a set of
 * values), per wave for each grouping, the comparison of two classifications, the balanced panel
 * and attrition by the first grouping. Computed in one pass over the panel with running sums
 * (memory does not grow with the study), then suppressed. A respondent of a wave is a completed
 * response with consent. Declared missing values of a question count as not answered.
 */

export interface MeasureInfo {
  name: string;
  label: string;
  statistic: 'mean' | 'share';
  decimals: number;
}

export interface CountCell {
  value: number | null;
  suppressed: boolean;
}

/** A mean or a percentage (0-100) with its 95% interval; everything null when suppressed. */
export interface Estimate {
  n: number | null;
  value: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

export interface GroupCell {
  group: string;
  n: CountCell;
  means: Record<string, Estimate>;
  percentages: Record<string, Estimate>;
}

export interface GroupTable {
  /** The variable the groups are values of. */
  dimension: string;
  title: string;
  groups: string[];
  /** A readable label per group, from the declared values (English where given). */
  labels: Record<string, string>;
  waves: { wave: string; total: GroupCell; cells: GroupCell[] }[];
}

export interface ComparisonTable {
  title: string;
  description: string;
  variables: [string, string];
  values: string[];
  labels: Record<string, string>;
  rows: { value: string; counts: [CountCell, CountCell] }[];
  total: CountCell;
  share: { value: string; label: string; estimates: [Estimate, Estimate] };
}

export interface Change {
  /** Pairs: balanced-panel participants with the measure at the first and the last wave. */
  n: number | null;
  first: number | null;
  last: number | null;
  /** Mean of the differences last - first, with a t interval (percentage points for percentages). */
  change: Estimate;
}

export interface BalancedGroup {
  group: string;
  n: CountCell;
  changes: Record<string, Change>;
}

export interface AttritionRow {
  group: string;
  waves: { wave: string; n: CountCell; percentOfFirst: Estimate }[];
}

export interface PanelReport {
  studyId: string;
  studyName: string;
  generatedAt: string;
  minCellSize: number;
  waves: string[];
  measures: MeasureInfo[];
  groupings: GroupTable[];
  comparison: ComparisonTable | null;
  /** Balanced panel and attrition are split by the first grouping (`by`), when there is one. */
  balancedPanel: { by: string | null; firstWave: string; lastWave: string; groups: BalancedGroup[]; total: BalancedGroup };
  attrition: { by: string | null; rows: AttritionRow[]; total: AttritionRow };
}

export const allGroups = 'all';
const unknownGroup = 'unknown';

interface CompiledMeasure extends MeasureInfo {
  /** A number for a mean; 1 or 0 for a share; null when not answered. */
  read: (r: ResponseRecord) => number | null;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Where a variable's value is: a derived variable, a register column, or an answer. */
function reader(study: Study, name: string): (r: ResponseRecord) => unknown {
  if ((study.definition.derived ?? []).some((d) => d.name === name)) return (r) => r.derived[name];
  if ((study.definition.register ?? []).some((c) => c.name === name)) return (r) => r.register?.[name] ?? null;
  const missing = study.missingValues.get(name);
  return (r) => {
    const value = r.answers[name];
    return missing && (typeof value === 'string' || typeof value === 'number') && missing.has(value) ? null : value;
  };
}

function compileMeasures(study: Study, language: string): CompiledMeasure[] {
  return (study.definition.report?.measures ?? []).map((m) => {
    const value = reader(study, m.variable);
    const info = { name: m.name, label: labelIn(m.label, language), statistic: m.statistic, decimals: m.decimals ?? (m.statistic === 'mean' ? 2 : 1) };
    if (m.statistic === 'mean') return { ...info, read: (r) => { const v = value(r); return typeof v === 'number' && Number.isFinite(v) ? v : null; } };
    const counted = new Set<unknown>(m.values);
    return {
      ...info,
      read: (r) => {
        const v = value(r);
        if (isEmpty(v)) return null;
        return (Array.isArray(v) ? v.some((x) => counted.has(x)) : counted.has(v)) ? 1 : 0;
      },
    };
  });
}

function declaredValues(study: Study, name: string) {
  return (study.definition.derived ?? []).find((d) => d.name === name)?.values ?? (study.definition.register ?? []).find((c) => c.name === name)?.values;
}

/** The declared values of a grouping variable, in order; undefined when it declares none (an answer). */
function declaredGroups(study: Study, name: string): string[] | undefined {
  return declaredValues(study, name)?.map((v) => String(v.value));
}

function labelsOf(study: Study, name: string, groups: string[], language: string): Record<string, string> {
  const declared = new Map((declaredValues(study, name) ?? []).map((v) => [String(v.value), labelIn(v.label, language)]));
  return Object.fromEntries(groups.map((g) => [g, declared.get(g) ?? g]));
}

const groupOf = (value: unknown): string => (isEmpty(value) || Array.isArray(value) || typeof value === 'object' ? unknownGroup : String(value as DerivedValue));

class Sums {
  n = 0;
  sum = 0;
  sumOfSquares = 0;
  add(x: number): void {
    this.n++;
    this.sum += x;
    this.sumOfSquares += x * x;
  }
}

const hidden: Estimate = { n: null, value: null, low: null, high: null, suppressed: true };

function meanEstimate(s: Sums, k: number, scale = 1): Estimate {
  if (s.n < k) return hidden;
  const ci = meanInterval(s.n, s.sum, s.sumOfSquares);
  return ci ? { n: s.n, value: ci.estimate * scale, low: ci.low * scale, high: ci.high * scale, suppressed: false } : hidden;
}

function shareEstimate(s: Sums, k: number): Estimate {
  if (s.n < k) return hidden;
  const ci = wilsonInterval(s.sum, s.n)!;
  return { n: s.n, value: ci.estimate * 100, low: ci.low * 100, high: ci.high * 100, suppressed: false };
}

const count = (value: number, suppressed: boolean): CountCell => (suppressed ? { value: null, suppressed } : { value, suppressed });

const isRespondent = (r: ResponseRecord) => r.completedAt !== null && r.answers.consent !== false;

interface CellSums {
  n: number;
  measures: Map<string, Sums>;
}

function newCell(measures: CompiledMeasure[]): CellSums {
  return { n: 0, measures: new Map(measures.map((m) => [m.name, new Sums()])) };
}

function addToCell(cell: CellSums, r: ResponseRecord, measures: CompiledMeasure[]): void {
  cell.n++;
  for (const m of measures) {
    const v = m.read(r);
    if (v !== null) cell.measures.get(m.name)!.add(v);
  }
}

/** Groups in declared order, then any value seen that was not declared (sorted), then `unknown`. */
function groupsFor(declared: string[] | undefined, seen: Set<string>): string[] {
  const known = declared ?? [];
  const extra = [...seen].filter((g) => !known.includes(g) && g !== unknownGroup).sort();
  return [...known, ...extra, ...(known.includes(unknownGroup) ? [] : [unknownGroup])];
}

function groupTable(
  grouping: { variable: string; title: string },
  groups: string[],
  labels: Record<string, string>,
  waves: string[],
  sums: Map<string, CellSums>,
  measures: CompiledMeasure[],
  k: number,
): GroupTable {
  /** A group whose N is hidden shows no estimate either: an estimate's n could give the N away. */
  const cellOf = (wave: string, group: string, suppressed: boolean): GroupCell => {
    const s = sums.get(`${wave}|${group}`) ?? newCell(measures);
    const estimates = (statistic: MeasureInfo['statistic']) =>
      Object.fromEntries(
        measures.filter((m) => m.statistic === statistic).map((m) => [m.name, suppressed ? hidden : statistic === 'mean' ? meanEstimate(s.measures.get(m.name)!, k) : shareEstimate(s.measures.get(m.name)!, k)]),
      );
    return { group, n: count(s.n, suppressed), means: estimates('mean'), percentages: estimates('share') };
  };
  return {
    dimension: grouping.variable,
    title: grouping.title,
    groups,
    labels,
    waves: waves.map((wave) => {
      const ns = groups.map((g) => sums.get(`${wave}|${g}`)?.n ?? 0);
      const mask = suppressCounts({ cells: [ns], rowTotals: true, columnTotals: false }, k);
      return { wave, total: cellOf(wave, allGroups, mask.rowTotals[0]!), cells: groups.map((g, j) => cellOf(wave, g, mask.cells[0]![j]!)) };
    }),
  };
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function sumsAt(map: Map<string, Sums>, key: string): Sums {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Sums()));
  return s;
}

/** Builds the report from every unit of the panel (participants and anonymous responses). */
export async function buildReport({
  units,
  waves,
  study,
  studyName,
  minCellSize: k,
  now,
  language,
}: {
  units: Iterable<PanelUnit> | AsyncIterable<PanelUnit>;
  waves: string[];
  study: Study;
  studyName: string;
  minCellSize: number;
  now: Date;
  /** The language of the declared labels and titles (the workspace's); Dutch where one is left out. */
  language: string;
}): Promise<PanelReport> {
  const declaration = study.definition.report;
  const measures = compileMeasures(study, language);
  const groupings = (declaration?.groupings ?? []).map((g) => ({ ...g, read: reader(study, g.variable), sums: new Map<string, CellSums>(), seen: new Set<string>() }));
  const comparison = declaration?.comparison;
  const compared = comparison ? comparison.variables.map((v) => ({ read: reader(study, v), counts: new Map<string, number>() })) : [];
  let comparedTotal = 0;
  const firstWave = waves[0] ?? '';
  const lastWave = waves.at(-1) ?? '';
  const balancedCount = new Map<string, number>();
  const pairs = new Map<string, Sums>();
  const firstValues = new Map<string, Sums>();
  const lastValues = new Map<string, Sums>();
  const attrition = new Map<string, number>();
  const scale = (m: MeasureInfo) => (m.statistic === 'share' ? 100 : 1);

  for await (const unit of units) {
    const responses = unit.responses.filter(isRespondent);
    const first = unit.responses[0];
    if (!first || responses.length === 0) continue;
    const groupsOfUnit = groupings.map((g) => groupOf(g.read(first)));
    comparedTotal++;
    for (const c of compared) bump(c.counts, groupOf(c.read(first)));
    const byWave = new Map(responses.map((r) => [r.wave, r]));
    for (const [i, grouping] of groupings.entries()) {
      const key = groupsOfUnit[i]!;
      grouping.seen.add(key);
      for (const r of responses) {
        for (const group of [key, allGroups]) {
          let cell = grouping.sums.get(`${r.wave}|${group}`);
          if (!cell) grouping.sums.set(`${r.wave}|${group}`, (cell = newCell(measures)));
          addToCell(cell, r, measures);
        }
      }
    }
    const keys = groupsOfUnit.length > 0 ? [groupsOfUnit[0]!, allGroups] : [allGroups];
    if (byWave.has(firstWave)) {
      for (const wave of waves) {
        if (!byWave.has(wave)) continue;
        for (const key of keys) bump(attrition, `${wave}|${key}`);
      }
    }
    if (waves.every((w) => byWave.has(w))) {
      const a = byWave.get(firstWave)!;
      const b = byWave.get(lastWave)!;
      for (const key of keys) {
        bump(balancedCount, key);
        for (const m of measures) {
          const x = m.read(a);
          const y = m.read(b);
          if (x === null || y === null) continue;
          sumsAt(pairs, `${key}|${m.name}`).add((y - x) * scale(m));
          sumsAt(firstValues, `${key}|${m.name}`).add(x * scale(m));
          sumsAt(lastValues, `${key}|${m.name}`).add(y * scale(m));
        }
      }
    }
  }

  const tables = groupings.map((g) => {
    const groups = groupsFor(declaredGroups(study, g.variable), g.seen);
    return groupTable({ variable: g.variable, title: labelIn(g.title, language) }, groups, labelsOf(study, g.variable, groups, language), waves, g.sums, measures, k);
  });
  const by = tables[0];
  const groups = by?.groups ?? [];

  const balancedMask = suppressCounts({ cells: [groups.map((g) => balancedCount.get(g) ?? 0)], rowTotals: true, columnTotals: false }, k);
  const balancedGroup = (key: string, suppressed: boolean): BalancedGroup => ({
    group: key,
    n: count(balancedCount.get(key) ?? 0, suppressed),
    changes: Object.fromEntries(
      measures.map(({ name }) => {
        const d = pairs.get(`${key}|${name}`) ?? new Sums();
        if (suppressed || d.n < k) return [name, { n: null, first: null, last: null, change: hidden }];
        return [name, { n: d.n, first: firstValues.get(`${key}|${name}`)!.sum / d.n, last: lastValues.get(`${key}|${name}`)!.sum / d.n, change: meanEstimate(d, k) }];
      }),
    ),
  });

  const attritionCells = groups.map((g) => waves.map((w) => attrition.get(`${w}|${g}`) ?? 0));
  const totalCounts = waves.map((w) => attrition.get(`${w}|${allGroups}`) ?? 0);
  const attritionMask = groups.length > 0 ? suppressCounts({ cells: attritionCells, rowTotals: false, columnTotals: true }, k) : { cells: [], columnTotals: totalCounts.map((n) => n < k) };
  const attritionRow = (group: string, counts: number[], mask: boolean[]): AttritionRow => ({
    group,
    waves: waves.map((wave, j) => {
      const s = new Sums();
      s.n = counts[0] ?? 0;
      s.sum = counts[j] ?? 0;
      return { wave, n: count(counts[j]!, mask[j]!), percentOfFirst: mask[j] || mask[0] ? hidden : shareEstimate(s, k) };
    }),
  });

  return {
    studyId: study.definition.id,
    studyName,
    generatedAt: now.toISOString(),
    minCellSize: k,
    waves,
    measures: measures.map(({ name, label, statistic, decimals }) => ({ name, label, statistic, decimals })),
    groupings: tables,
    comparison: comparison ? comparisonTable(comparison, compared.map((c) => c.counts) as [Map<string, number>, Map<string, number>], comparedTotal, study, k, language) : null,
    balancedPanel: {
      by: by?.dimension ?? null,
      firstWave,
      lastWave,
      groups: groups.map((g, j) => balancedGroup(g, balancedMask.cells[0]![j]!)),
      total: balancedGroup(allGroups, groups.length > 0 ? balancedMask.rowTotals[0]! : (balancedCount.get(allGroups) ?? 0) < k),
    },
    attrition: {
      by: by?.dimension ?? null,
      rows: groups.map((g, i) => attritionRow(g, attritionCells[i]!, attritionMask.cells[i]!)),
      total: attritionRow(allGroups, totalCounts, attritionMask.columnTotals),
    },
  };
}

/** Two classifications of the same people side by side, with the share of one value under each. */
function comparisonTable(
  declaration: NonNullable<NonNullable<Study['definition']['report']>['comparison']>,
  counts: [Map<string, number>, Map<string, number>],
  total: number,
  study: Study,
  k: number,
  language: string,
): ComparisonTable {
  const values = groupsFor(declaredGroups(study, declaration.variables[0]), new Set([...counts[0].keys(), ...counts[1].keys()]));
  const mask = suppressCounts({ cells: values.map((v) => [counts[0].get(v) ?? 0, counts[1].get(v) ?? 0]), rowTotals: false, columnTotals: true }, k);
  const row = values.indexOf(declaration.share.value);
  const share = (j: 0 | 1): Estimate => {
    if (row < 0 || mask.cells[row]![j]!) return hidden;
    const s = new Sums();
    s.n = total;
    s.sum = counts[j].get(declaration.share.value) ?? 0;
    return shareEstimate(s, k);
  };
  return {
    title: labelIn(declaration.title, language),
    description: labelIn(declaration.description, language),
    variables: declaration.variables,
    values,
    labels: labelsOf(study, declaration.variables[0], values, language),
    rows: values.map((value, i) => ({ value, counts: [count(counts[0].get(value) ?? 0, mask.cells[i]![0]!), count(counts[1].get(value) ?? 0, mask.cells[i]![1]!)] })),
    total: count(total, total < k),
    share: { value: declaration.share.value, label: labelIn(declaration.share.label, language), estimates: [share(0), share(1)] },
  };
}
