import type { AttritionRow, BalancedGroup, CountCell, Estimate, GroupCell, GroupTable, MeasureInfo, PanelReport } from '../../shared/contract/report.ts';
import type { DerivedValue } from '../classification/derived-variables.ts';
import { countCell, isSensitiveCount, numeratorCell, protect, type Cell, type DisclosurePolicy, type Protection, type Relation, type Role } from '../disclosure/disclosure.ts';
import type { PanelUnit } from '../exports/exports.service.ts';
import type { ResponseRecord } from '../exports/variables.ts';
import { labelIn } from '../studies/study-definition.ts';
import type { Study } from '../studies/study-registry.ts';
import { meanInterval, wilsonInterval } from './statistics.ts';

/**
 * The panel report as the study declares it: its measures (a mean, or the share of a set of
 * values), per wave for each grouping, the comparison of two classifications, the balanced panel
 * and attrition by the first grouping. Computed in one pass over the panel with running sums
 * (memory does not grow with the study), then every published number is protected together by
 * the disclosure rules (`server/disclosure`). A respondent of a wave is a completed response with
 * consent. A value the study declares missing for a question is left out of the measure's
 * denominator and counted in `missing`.
 */

export type { AttritionRow, BalancedGroup, Change, ComparisonTable, CountCell, Estimate, GroupCell, GroupTable, MeasureInfo, MissingRow, PanelReport } from '../../shared/contract/report.ts';

export const allGroups = 'all';
const unknownGroup = 'unknown';
/** The sums of everyone whose group is known, for a grouping that leaves `unknown` out. */
const knownGroups = '\0known';

interface CompiledMeasure extends MeasureInfo {
  /** A number for a mean; 1 or 0 for a share; null when not answered. */
  read: (r: ResponseRecord) => number | null;
  /** The declared missing values of the measure's question; empty when it declares none. */
  missingValues: string[];
  isMissing: (r: ResponseRecord) => boolean;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function declaredMissing(study: Study, name: string): (r: ResponseRecord) => boolean {
  const missing = study.missingValues.get(name);
  if (!missing) return () => false;
  return (r) => {
    const value = r.answers[name];
    return (typeof value === 'string' || typeof value === 'number') && missing.has(value);
  };
}

/** Where a variable's value is: a derived variable, a register column, or an answer (a declared missing value reads as no answer). */
function reader(study: Study, name: string): (r: ResponseRecord) => unknown {
  if ((study.definition.derived ?? []).some((d) => d.name === name)) return (r) => r.derived[name];
  if ((study.definition.register ?? []).some((c) => c.name === name)) return (r) => r.register?.[name] ?? null;
  const missing = declaredMissing(study, name);
  return (r) => (missing(r) ? null : r.answers[name]);
}

function compileMeasures(study: Study, language: string): CompiledMeasure[] {
  return (study.definition.report?.measures ?? []).map((m) => {
    const value = reader(study, m.variable);
    const isAnswer = !(study.definition.derived ?? []).some((d) => d.name === m.variable) && !(study.definition.register ?? []).some((c) => c.name === m.variable);
    const missingValues = isAnswer ? [...(study.missingValues.get(m.variable) ?? [])].map(String) : [];
    const info = { name: m.name, label: labelIn(m.label, language), statistic: m.statistic, decimals: m.decimals ?? (m.statistic === 'mean' ? 2 : 1), missingValues, isMissing: isAnswer ? declaredMissing(study, m.variable) : () => false };
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

const hiddenEstimate: Estimate = { n: null, value: null, low: null, high: null, suppressed: true, range: null };
const emptyEstimate: Estimate = { n: 0, value: null, low: null, high: null, suppressed: false, range: null };

function meanEstimate(s: Sums, scale = 1): Estimate {
  const ci = meanInterval(s.n, s.sum, s.sumOfSquares);
  return ci ? { n: s.n, value: ci.estimate * scale, low: ci.low * scale, high: ci.high * scale, suppressed: false, range: null } : { ...emptyEstimate, n: s.n };
}

function shareEstimate(yes: number, n: number): Estimate {
  const ci = wilsonInterval(yes, n);
  return ci ? { n, value: ci.estimate * 100, low: ci.low * 100, high: ci.high * 100, suppressed: false, range: null } : emptyEstimate;
}

const isRespondent = (r: ResponseRecord) => r.completedAt !== null && r.answers.consent !== false;

interface CellSums {
  n: number;
  measures: Map<string, Sums>;
  missing: Map<string, number>;
}

function newCell(measures: CompiledMeasure[]): CellSums {
  return { n: 0, measures: new Map(measures.map((m) => [m.name, new Sums()])), missing: new Map() };
}

function addToCell(cell: CellSums, r: ResponseRecord, measures: CompiledMeasure[]): void {
  cell.n++;
  for (const m of measures) {
    const v = m.read(r);
    if (v !== null) cell.measures.get(m.name)!.add(v);
    else if (m.isMissing(r)) cell.missing.set(m.name, (cell.missing.get(m.name) ?? 0) + 1);
  }
}

/** Groups in declared order, then any value seen that was not declared (sorted), then `unknown`. */
function groupsFor(declared: string[] | undefined, seen: Set<string>): string[] {
  const known = declared ?? [];
  const extra = [...seen].filter((g) => !known.includes(g) && g !== unknownGroup).sort();
  return [...known, ...extra, ...(known.includes(unknownGroup) ? [] : [unknownGroup])];
}

/** Every number the report publishes, as cells and relations for the disclosure rules. */
class Publication {
  readonly cells = new Map<string, Cell>();
  readonly relations: Relation[] = [];
  protection: Protection = new Map();
  constructor(readonly policy: DisclosurePolicy) {}

  add(cell: Cell): string {
    if (!this.cells.has(cell.key)) this.cells.set(cell.key, cell);
    return cell.key;
  }

  relate(total: string, parts: string[]): void {
    this.relations.push({ total, parts });
  }

  /**
   * One quantity over the groups of a grouping: a cell per group and the total, related. When the
   * grouping leaves `unknown` out, its total is that of the known groups, and the total of
   * everyone (shared with the other tables, published only where `allPublished`) is the known
   * total plus the unknown group, which is never published.
   */
  family(prefix: string, groups: string[], leaveOutUnknown: boolean, allPublished: boolean, make: (key: string, group: string, extra: Omit<Cell, 'key' | 'value' | 'sensitive'>) => Cell): void {
    const roleOf = (g: string): Role => (g === unknownGroup ? 'residual' : 'inner');
    const parts = groups.map((g) => this.add(make(`${prefix}|${g}`, g, { role: roleOf(g), omitted: leaveOutUnknown && g === unknownGroup })));
    const all = this.add(make(`${prefix}|${allGroups}`, allGroups, { role: 'total', omitted: !allPublished }));
    if (!leaveOutUnknown) return this.relate(all, parts);
    const known = this.add(make(`${prefix}|${knownGroups}`, knownGroups, { role: allPublished ? 'subtotal' : 'total' }));
    this.relate(known, parts.filter((_, i) => groups[i] !== unknownGroup));
    this.relate(all, [known, ...parts.filter((_, i) => groups[i] === unknownGroup)]);
  }

  statusOf(key: string) {
    return this.protection.get(key) ?? 'shown';
  }

  count(key: string): CountCell {
    const status = this.statusOf(key);
    const cell = this.cells.get(key)!;
    if (status === 'shown') return { value: cell.value, suppressed: false, range: null };
    return { value: null, suppressed: true, range: status === 'range' && cell.range ? [cell.range[0], cell.range[1]] : null };
  }

  /** A share from its N cell and its numerator cell: shown, as a range of percentages, or hidden. */
  share(nKey: string, yesKey: string): Estimate {
    const n = this.cells.get(nKey)!.value;
    const yes = this.cells.get(yesKey)!;
    if (this.statusOf(nKey) !== 'shown') return hiddenEstimate;
    const status = this.statusOf(yesKey);
    if (status === 'shown') return shareEstimate(yes.value, n);
    if (status === 'range' && yes.range && n > 0) return { ...hiddenEstimate, n, range: [(100 * yes.range[0]) / n, (100 * yes.range[1]) / n] };
    return hiddenEstimate;
  }
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
  policy,
  now,
  language,
}: {
  units: Iterable<PanelUnit> | AsyncIterable<PanelUnit>;
  waves: string[];
  study: Study;
  studyName: string;
  policy: DisclosurePolicy;
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
  const everyone = new Map<string, CellSums>();
  const scale = (m: MeasureInfo) => (m.statistic === 'share' ? 100 : 1);
  const withKnown = (group: string) => (group === unknownGroup ? [group, allGroups] : [group, allGroups, knownGroups]);

  for await (const unit of units) {
    const responses = unit.responses.filter(isRespondent);
    const first = unit.responses[0];
    if (!first || responses.length === 0) continue;
    const groupsOfUnit = groupings.map((g) => groupOf(g.read(first)));
    comparedTotal++;
    for (const c of compared) bump(c.counts, groupOf(c.read(first)));
    const byWave = new Map(responses.map((r) => [r.wave, r]));
    for (const r of responses) {
      let cell = everyone.get(r.wave);
      if (!cell) everyone.set(r.wave, (cell = newCell(measures)));
      addToCell(cell, r, measures);
    }
    for (const [i, grouping] of groupings.entries()) {
      const key = groupsOfUnit[i]!;
      grouping.seen.add(key);
      for (const r of responses) {
        for (const group of withKnown(key)) {
          let cell = grouping.sums.get(`${r.wave}|${group}`);
          if (!cell) grouping.sums.set(`${r.wave}|${group}`, (cell = newCell(measures)));
          addToCell(cell, r, measures);
        }
      }
    }
    const keys = groupsOfUnit.length > 0 ? withKnown(groupsOfUnit[0]!) : [allGroups];
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

  const publication = new Publication(policy);
  const count = (key: string, value: number, extra: Omit<Cell, 'key' | 'value' | 'sensitive'>) => countCell(key, value, policy, extra);

  // Group tables: per grouping and wave, N and every measure. The total of everyone is one cell shared by all groupings.
  const tables = groupings.map((g, gi) => {
    const groups = groupsFor(declaredGroups(study, g.variable), g.seen);
    return { grouping: g, gi, groups, leaveOut: g.leaveOutUnknown === true };
  });
  const allInGroupTables = tables.length === 0 || tables.some((t) => !t.leaveOut);
  const sumsOf = (t: (typeof tables)[number], wave: string, group: string) => (group === allGroups ? everyone.get(wave) : t.grouping.sums.get(`${wave}|${group}`)) ?? newCell(measures);
  const groupKey = (t: (typeof tables)[number], prefix: string) => (group: string) => (group === allGroups ? `${prefix}|${allGroups}` : `${prefix}|G${t.gi}|${group}`);
  for (const t of tables) {
    for (const wave of waves) {
      const family = (prefix: string, make: (key: string, s: CellSums, extra: Omit<Cell, 'key' | 'value' | 'sensitive'>) => Cell) => {
        const keyOf = groupKey(t, prefix);
        publication.family(`${prefix}|G${t.gi}`, t.groups, t.leaveOut, allInGroupTables, (key, group, extra) => make(group === allGroups ? keyOf(allGroups) : key, sumsOf(t, wave, group), extra));
      };
      family(`N|${wave}`, (key, s, extra) => count(key, s.n, extra));
      for (const m of measures) {
        if (m.statistic === 'mean') family(`mean|${wave}|${m.name}`, (key, s, extra) => count(key, s.measures.get(m.name)!.n, extra));
        else {
          family(`share-n|${wave}|${m.name}`, (key, s, extra) => count(key, s.measures.get(m.name)!.n, { ...extra, hides: [key.replace('share-n|', 'share-y|')] }));
          family(`share-y|${wave}|${m.name}`, (key, s, extra) => numeratorCell(key, s.measures.get(m.name)!.sum, s.measures.get(m.name)!.n, policy, extra));
        }
      }
    }
  }
  if (tables.length === 0) for (const wave of waves) publication.add(count(`N|${wave}|${allGroups}`, everyone.get(wave)?.n ?? 0, { role: 'total' }));

  // Missing values per measure and wave, over everyone (not linked to any published total).
  const missingMeasures = measures.filter((m) => m.missingValues.length > 0);
  for (const m of missingMeasures) for (const wave of waves) publication.add(count(`missing|${wave}|${m.name}`, everyone.get(wave)?.missing.get(m.name) ?? 0, {}));

  // Balanced panel and attrition: by the first grouping; the first wave of attrition is the N of the group table.
  const by = tables[0];
  const byGroups = by?.groups ?? [];
  const byLeaveOut = by?.leaveOut ?? false;
  const firstKey = (group: string) => (by ? groupKey(by, `N|${firstWave}`)(group) : `N|${firstWave}|${allGroups}`);
  const byFamily = (prefix: string, make: (key: string, group: string, extra: Omit<Cell, 'key' | 'value' | 'sensitive'>) => Cell) => {
    if (by) publication.family(prefix, byGroups, byLeaveOut, !byLeaveOut, make);
    else publication.add(make(`${prefix}|${allGroups}`, allGroups, { role: 'total' }));
  };
  const byKey = (prefix: string, group: string) => `${prefix}|${group}`;
  const attritionCount = (wave: string, group: string) => attrition.get(`${wave}|${group}`) ?? 0;
  for (const wave of waves.slice(1)) {
    byFamily(`attrition|${wave}`, (key, group, extra) => numeratorCell(key, attritionCount(wave, group), attritionCount(firstWave, group), policy, extra));
  }
  byFamily('balanced', (key, group, extra) => count(key, balancedCount.get(group) ?? 0, extra));
  for (const m of measures) {
    byFamily(`change|${m.name}`, (key, group, extra) => {
      const d = pairs.get(`${group}|${m.name}`) ?? new Sums();
      const small = (x: number) => isSensitiveCount(x, policy);
      const counts = m.statistic === 'share' ? [firstValues, lastValues].flatMap((v) => [(v.get(`${group}|${m.name}`)?.sum ?? 0) / 100]).flatMap((yes) => [yes, d.n - yes]) : [];
      return { key, value: d.n, sensitive: small(d.n) || counts.some(small), ...extra };
    });
  }

  // The comparison of two classifications over everyone who responded to a wave.
  const comparisonValues = comparison ? groupsFor(declaredGroups(study, comparison.variables[0]), new Set([...compared[0]!.counts.keys(), ...compared[1]!.counts.keys()])) : [];
  if (comparison) {
    const total = publication.add(count('comparison|total', comparedTotal, { role: 'total' }));
    compared.forEach((c, j) => {
      const parts = comparisonValues.map((value) => {
        const extra = { role: (value === unknownGroup ? 'residual' : 'inner') as Role };
        const n = c.counts.get(value) ?? 0;
        return publication.add(value === comparison.share.value ? numeratorCell(`comparison|${j}|${value}`, n, comparedTotal, policy, extra) : count(`comparison|${j}|${value}`, n, extra));
      });
      publication.relate(total, parts);
    });
  }

  publication.protection = protect({ cells: [...publication.cells.values()], relations: publication.relations });

  const groupTables: GroupTable[] = tables.map((t) => {
    const shownGroups = t.leaveOut ? t.groups.filter((g) => g !== unknownGroup) : t.groups;
    const cellOf = (wave: string, group: string): GroupCell => {
      const column = group === allGroups && t.leaveOut ? knownGroups : group;
      const keyOf = (prefix: string) => (column === allGroups ? `${prefix}|${allGroups}` : `${prefix}|G${t.gi}|${column}`);
      const s = sumsOf(t, wave, column);
      const estimates = (statistic: MeasureInfo['statistic']) =>
        Object.fromEntries(
          measures
            .filter((m) => m.statistic === statistic)
            .map((m) => {
              if (statistic === 'share') return [m.name, publication.share(keyOf(`share-n|${wave}|${m.name}`), keyOf(`share-y|${wave}|${m.name}`))];
              return [m.name, publication.statusOf(keyOf(`mean|${wave}|${m.name}`)) === 'shown' ? meanEstimate(s.measures.get(m.name)!) : hiddenEstimate];
            }),
        );
      return { group, n: publication.count(keyOf(`N|${wave}`)), means: estimates('mean'), percentages: estimates('share') };
    };
    return {
      dimension: t.grouping.variable,
      title: labelIn(t.grouping.title, language),
      groups: shownGroups,
      labels: labelsOf(study, t.grouping.variable, shownGroups, language),
      unknownLeftOut: t.leaveOut,
      waves: waves.map((wave) => ({ wave, total: cellOf(wave, allGroups), cells: shownGroups.map((g) => cellOf(wave, g)) })),
    };
  });

  const rowGroups = byLeaveOut ? byGroups.filter((g) => g !== unknownGroup) : byGroups;
  const totalColumn = byLeaveOut ? knownGroups : allGroups;
  const balancedGroup = (group: string): BalancedGroup => ({
    group: group === knownGroups ? allGroups : group,
    n: publication.count(byKey('balanced', group)),
    changes: Object.fromEntries(
      measures.map(({ name }) => {
        const d = pairs.get(`${group}|${name}`) ?? new Sums();
        if (publication.statusOf(byKey(`change|${name}`, group)) !== 'shown') return [name, { n: null, first: null, last: null, change: hiddenEstimate }];
        if (d.n === 0) return [name, { n: 0, first: null, last: null, change: emptyEstimate }];
        return [name, { n: d.n, first: firstValues.get(`${group}|${name}`)!.sum / d.n, last: lastValues.get(`${group}|${name}`)!.sum / d.n, change: meanEstimate(d) }];
      }),
    ),
  });
  const attritionRow = (group: string): AttritionRow => ({
    group: group === knownGroups ? allGroups : group,
    waves: waves.map((wave, j) => {
      const first = publication.count(firstKey(group));
      if (j === 0) return { wave, n: first, percentOfFirst: first.suppressed ? hiddenEstimate : shareEstimate(first.value!, first.value!) };
      const key = byKey(`attrition|${wave}`, group);
      const n = publication.count(key);
      const base = attritionCount(firstWave, group);
      const status = publication.statusOf(key);
      const percent = first.suppressed ? hiddenEstimate : !n.suppressed ? shareEstimate(n.value!, base) : status === 'range' && n.range && base > 0 ? { ...hiddenEstimate, n: base, range: [(100 * n.range[0]) / base, (100 * n.range[1]) / base] as [number, number] } : hiddenEstimate;
      return { wave, n, percentOfFirst: percent };
    }),
  });

  const statuses = [...publication.protection.values()];
  return {
    studyId: study.definition.id,
    studyName,
    generatedAt: now.toISOString(),
    minCellSize: policy.minCellSize,
    zerosSensitive: policy.zerosSensitive,
    waves,
    measures: measures.map(({ name, label, statistic, decimals }) => ({ name, label, statistic, decimals })),
    groupings: groupTables,
    missing: missingMeasures.map((m) => ({ measure: m.name, label: m.label, values: m.missingValues, waves: waves.map((wave) => ({ wave, count: publication.count(`missing|${wave}|${m.name}`) })) })),
    comparison: comparison
      ? {
          title: labelIn(comparison.title, language),
          description: labelIn(comparison.description, language),
          variables: comparison.variables,
          values: comparisonValues,
          labels: labelsOf(study, comparison.variables[0], comparisonValues, language),
          rows: comparisonValues.map((value) => ({ value, counts: [publication.count(`comparison|0|${value}`), publication.count(`comparison|1|${value}`)] })),
          total: publication.count('comparison|total'),
          share: {
            value: comparison.share.value,
            label: labelIn(comparison.share.label, language),
            estimates: [0, 1].map((j) => {
              const key = `comparison|${j}|${comparison.share.value}`;
              if (!publication.cells.has(key)) return hiddenEstimate;
              const status = publication.statusOf(key);
              const cell = publication.cells.get(key)!;
              if (publication.statusOf('comparison|total') !== 'shown') return hiddenEstimate;
              if (status === 'shown') return shareEstimate(cell.value, comparedTotal);
              if (status === 'range' && cell.range && comparedTotal > 0) return { ...hiddenEstimate, n: comparedTotal, range: [(100 * cell.range[0]) / comparedTotal, (100 * cell.range[1]) / comparedTotal] as [number, number] };
              return hiddenEstimate;
            }) as [Estimate, Estimate],
          },
        }
      : null,
    balancedPanel: { by: by?.grouping.variable ?? null, firstWave, lastWave, groups: rowGroups.map(balancedGroup), total: balancedGroup(totalColumn) },
    attrition: { by: by?.grouping.variable ?? null, rows: rowGroups.map(attritionRow), total: attritionRow(totalColumn) },
    suppression: { sensitive: statuses.filter((s) => s === 'range' || s === 'primary').length, secondary: statuses.filter((s) => s === 'secondary').length },
  };
}
