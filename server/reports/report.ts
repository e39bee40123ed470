import { migrationGroups, migrationRuleValues } from '../classification/derived-variables.ts';
import type { PanelUnit } from '../exports/exports.service.ts';
import type { ResponseRecord } from '../exports/variables.ts';
import { meanInterval, wilsonInterval } from './statistics.ts';
import { suppressCounts } from './suppression.ts';

/**
 * The panel report: the original study's tables by wave and group, computed in one pass over
 * the panel with running sums (memory does not grow with the study), then suppressed. A
 * respondent of a wave is a completed response with consent.
 */

type Share = (r: ResponseRecord) => boolean | null;
type Mean = (r: ResponseRecord) => number | null;

const answered = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const ticked = (name: string, value: string): Share => (r) => {
  const list = r.answers[name];
  return Array.isArray(list) && list.length > 0 ? list.includes(value) : null;
};

export const meanMeasures: Record<string, { label: string; read: Mean }> = {
  health: { label: 'Health (1-10)', read: (r) => (typeof r.answers.health === 'number' ? r.answers.health : null) },
  self_reliance_score: { label: 'Self-reliance score (1-4)', read: (r) => r.derived.self_reliance_score },
};

export const discriminationGrounds = ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other'] as const;

export const shareMeasures: Record<string, { label: string; read: Share }> = {
  enough_contacts: { label: 'Enough contacts (yes)', read: (r) => (answered(r.answers.enough_contacts) ? r.answers.enough_contacts === 'yes' : null) },
  participation_difficult: {
    label: 'Participation (very or a bit) difficult',
    read: (r) => (answered(r.answers.participation_difficulty) ? ['very_difficult', 'bit_difficult'].includes(r.answers.participation_difficulty as string) : null),
  },
  ...Object.fromEntries(discriminationGrounds.map((g) => [`discrimination_${g}`, { label: `Discriminated: ${g.replace('_', '/')}`, read: ticked('discrimination_grounds', g) }])),
  paid_work: { label: 'Paid work', read: (r) => bool(r.answers.paid_work) },
  outflow_work: { label: 'Outflow to work', read: (r) => r.derived.outflow_work },
  cv_updated: { label: 'Worked on CV', read: (r) => bool(r.answers.cv_updated) },
  temp_agency: { label: 'Registered with a temp agency', read: (r) => bool(r.answers.temp_agency) },
  any_programme_activity: {
    label: 'Any programme activity',
    read: (r) => {
      const list = r.answers.eaa_activities;
      return Array.isArray(list) && list.length > 0 ? list.some((a) => a !== 'none') : null;
    },
  },
};

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
  dimension: 'migration_group' | 'diagnosis_advice';
  groups: string[];
  waves: { wave: string; total: GroupCell; cells: GroupCell[] }[];
}

export interface ClassificationTable {
  values: string[];
  rows: { value: string; cbs: CountCell; extended: CountCell }[];
  total: CountCell;
  nonwesternShare: { cbs: Estimate; extended: Estimate };
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
  byMigrationGroup: GroupTable;
  byDiagnosisAdvice: GroupTable;
  classification: ClassificationTable;
  balancedPanel: { firstWave: string; lastWave: string; groups: BalancedGroup[]; total: BalancedGroup };
  attrition: { rows: AttritionRow[]; total: AttritionRow };
}

export const allGroups = 'all';
const diagnosisGroups = ['short', 'long', 'unknown'];

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
  means: Map<string, Sums>;
  shares: Map<string, Sums>;
}

function newCell(): CellSums {
  return {
    n: 0,
    means: new Map(Object.keys(meanMeasures).map((m) => [m, new Sums()])),
    shares: new Map(Object.keys(shareMeasures).map((m) => [m, new Sums()])),
  };
}

function addToCell(cell: CellSums, r: ResponseRecord): void {
  cell.n++;
  for (const [name, m] of Object.entries(meanMeasures)) {
    const v = m.read(r);
    if (v !== null) cell.means.get(name)!.add(v);
  }
  for (const [name, m] of Object.entries(shareMeasures)) {
    const v = m.read(r);
    if (v !== null) cell.shares.get(name)!.add(v ? 1 : 0);
  }
}

function groupTable(dimension: GroupTable['dimension'], groups: string[], waves: string[], sums: Map<string, CellSums>, k: number): GroupTable {
  /** A group whose N is hidden shows no estimate either: an estimate's n could give the N away. */
  const cellOf = (wave: string, group: string, suppressed: boolean): GroupCell => {
    const s = sums.get(`${wave}|${group}`) ?? newCell();
    return {
      group,
      n: count(s.n, suppressed),
      means: Object.fromEntries([...s.means].map(([name, m]) => [name, suppressed ? hidden : meanEstimate(m, k)])),
      percentages: Object.fromEntries([...s.shares].map(([name, m]) => [name, suppressed ? hidden : shareEstimate(m, k)])),
    };
  };
  return {
    dimension,
    groups,
    waves: waves.map((wave) => {
      const ns = groups.map((g) => sums.get(`${wave}|${g}`)?.n ?? 0);
      const mask = suppressCounts({ cells: [ns], rowTotals: true, columnTotals: false }, k);
      return { wave, total: cellOf(wave, allGroups, mask.rowTotals[0]!), cells: groups.map((g, j) => cellOf(wave, g, mask.cells[0]![j]!)) };
    }),
  };
}

/** Builds the report from every unit of the panel (participants and anonymous responses). */
export async function buildReport({
  units,
  waves,
  studyId,
  studyName,
  minCellSize: k,
  now,
}: {
  units: Iterable<PanelUnit> | AsyncIterable<PanelUnit>;
  waves: string[];
  studyId: string;
  studyName: string;
  minCellSize: number;
  now: Date;
}): Promise<PanelReport> {
  const byMigration = new Map<string, CellSums>();
  const byDiagnosis = new Map<string, CellSums>();
  const classified = { cbs: new Map<string, number>(), extended: new Map<string, number>(), total: 0 };
  const firstWave = waves[0] ?? '';
  const lastWave = waves.at(-1) ?? '';
  const balancedCount = new Map<string, number>();
  const pairs = new Map<string, Sums>();
  const firstValues = new Map<string, Sums>();
  const lastValues = new Map<string, Sums>();
  const attrition = new Map<string, number>();
  const measures: [string, (r: ResponseRecord) => number | null, number][] = [
    ...Object.entries(meanMeasures).map(([name, m]): [string, Mean, number] => [name, m.read, 1]),
    ...Object.entries(shareMeasures).map(([name, m]): [string, Mean, number] => [name, (r) => { const v = m.read(r); return v === null ? null : v ? 1 : 0; }, 100]),
  ];
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const sumsAt = (map: Map<string, Sums>, key: string) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = new Sums()));
    return s;
  };

  for await (const unit of units) {
    const responses = unit.responses.filter(isRespondent);
    const first = unit.responses[0];
    if (!first || responses.length === 0) continue;
    const group = first.derived.migration_group;
    const diagnosis = unit.register?.diagnosisAdvice ?? 'unknown';
    classified.total++;
    bump(classified.cbs, first.derived.migration_cbs);
    bump(classified.extended, first.derived.migration_extended);
    const byWave = new Map(responses.map((r) => [r.wave, r]));
    for (const r of responses) {
      for (const [sums, key] of [[byMigration, group], [byMigration, allGroups], [byDiagnosis, diagnosis], [byDiagnosis, allGroups]] as const) {
        let cell = sums.get(`${r.wave}|${key}`);
        if (!cell) sums.set(`${r.wave}|${key}`, (cell = newCell()));
        addToCell(cell, r);
      }
    }
    if (byWave.has(firstWave)) {
      for (const wave of waves) {
        if (!byWave.has(wave)) continue;
        bump(attrition, `${wave}|${group}`);
        bump(attrition, `${wave}|${allGroups}`);
      }
    }
    if (waves.every((w) => byWave.has(w))) {
      const a = byWave.get(firstWave)!;
      const b = byWave.get(lastWave)!;
      for (const key of [group, allGroups]) {
        bump(balancedCount, key);
        for (const [name, read, scale] of measures) {
          const x = read(a);
          const y = read(b);
          if (x === null || y === null) continue;
          sumsAt(pairs, `${key}|${name}`).add((y - x) * scale);
          sumsAt(firstValues, `${key}|${name}`).add(x * scale);
          sumsAt(lastValues, `${key}|${name}`).add(y * scale);
        }
      }
    }
  }

  const groups = [...migrationGroups];
  const classificationMask = suppressCounts(
    { cells: migrationRuleValues.map((v) => [classified.cbs.get(v) ?? 0, classified.extended.get(v) ?? 0]), rowTotals: false, columnTotals: true },
    k,
  );
  const nonwestern = (map: Map<string, number>) => {
    const s = new Sums();
    s.n = classified.total;
    s.sum = map.get('nonwestern') ?? 0;
    return shareEstimate(s, k);
  };
  const cbsNonwesternHidden = classificationMask.cells[migrationRuleValues.indexOf('nonwestern')]![0]!;
  const extendedNonwesternHidden = classificationMask.cells[migrationRuleValues.indexOf('nonwestern')]![1]!;

  const balancedMask = suppressCounts({ cells: [groups.map((g) => balancedCount.get(g) ?? 0)], rowTotals: true, columnTotals: false }, k);
  const balancedGroup = (key: string, suppressed: boolean): BalancedGroup => ({
    group: key,
    n: count(balancedCount.get(key) ?? 0, suppressed),
    changes: Object.fromEntries(
      measures.map(([name]) => {
        const d = pairs.get(`${key}|${name}`) ?? new Sums();
        if (suppressed || d.n < k) return [name, { n: null, first: null, last: null, change: hidden }];
        return [name, { n: d.n, first: firstValues.get(`${key}|${name}`)!.sum / d.n, last: lastValues.get(`${key}|${name}`)!.sum / d.n, change: meanEstimate(d, k) }];
      }),
    ),
  });

  const attritionCells = groups.map((g) => waves.map((w) => attrition.get(`${w}|${g}`) ?? 0));
  const attritionMask = suppressCounts({ cells: attritionCells, rowTotals: false, columnTotals: true }, k);
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
    studyId,
    studyName,
    generatedAt: now.toISOString(),
    minCellSize: k,
    waves,
    byMigrationGroup: groupTable('migration_group', groups, waves, byMigration, k),
    byDiagnosisAdvice: groupTable('diagnosis_advice', diagnosisGroups, waves, byDiagnosis, k),
    classification: {
      values: [...migrationRuleValues],
      rows: migrationRuleValues.map((value, i) => ({
        value,
        cbs: count(classified.cbs.get(value) ?? 0, classificationMask.cells[i]![0]!),
        extended: count(classified.extended.get(value) ?? 0, classificationMask.cells[i]![1]!),
      })),
      total: count(classified.total, classified.total < k),
      nonwesternShare: {
        cbs: cbsNonwesternHidden ? hidden : nonwestern(classified.cbs),
        extended: extendedNonwesternHidden ? hidden : nonwestern(classified.extended),
      },
    },
    balancedPanel: {
      firstWave,
      lastWave,
      groups: groups.map((g, j) => balancedGroup(g, balancedMask.cells[0]![j]!)),
      total: balancedGroup(allGroups, balancedMask.rowTotals[0]!),
    },
    attrition: {
      rows: groups.map((g, i) => attritionRow(g, attritionCells[i]!, attritionMask.cells[i]!)),
      total: attritionRow(allGroups, waves.map((w) => attrition.get(`${w}|${allGroups}`) ?? 0), attritionMask.columnTotals),
    },
  };
}
