import type { Cell, Relation, Status } from '../../server/disclosure/disclosure.ts';
import type { GroupCell, PanelReport } from '../../server/reports/report.ts';
import type { TruthParticipant, WaveCode } from '../fixtures/exports/panel-generator.ts';
import { recomputedByAttacker } from '../disclosure/oracle.ts';

/** The truth behind a report of a generated panel, computed from the generator's records without the platform's code. */

type Answers = Record<string, unknown>;

export const respondedAt = (p: TruthParticipant, wave: WaveCode) => p.waves[wave] !== undefined && p.completed[wave] === true;

const score = (a: Answers) => {
  const v = Object.values((a.self_reliance ?? {}) as Record<string, number>);
  return v.length >= 4 ? v.reduce((s, x) => s + x, 0) / v.length : null;
};
const flag = (v: unknown) => (typeof v === 'boolean' ? v : null);

export const truthMeasures: Record<string, (a: Answers) => number | boolean | null> = {
  health: (a) => (typeof a.health === 'number' ? a.health : null),
  self_reliance_score: score,
  // `dont_know` is a declared missing value of enough_contacts: not answered, as in SPSS.
  enough_contacts: (a) => (a.enough_contacts === 'dont_know' ? null : a.enough_contacts === 'yes'),
  participation_difficult: (a) => a.participation_difficulty === 'very_difficult' || a.participation_difficulty === 'bit_difficult',
  ...Object.fromEntries(
    ['ethnic_cultural', 'religion', 'gender', 'age', 'disability', 'other'].map((g) => [`discrimination_${g}`, (a: Answers) => (a.discrimination_grounds as string[]).includes(g)]),
  ),
  paid_work: (a) => flag(a.paid_work),
  outflow_work: (a) => (a.paid_work === true ? a.receives_benefit === false : a.paid_work === false ? false : null),
  cv_updated: (a) => flag(a.cv_updated),
  temp_agency: (a) => flag(a.temp_agency),
  any_programme_activity: (a) => (a.eaa_activities as string[]).some((x) => x !== 'none'),
};

/** A group's column is published: it has respondents, and its N and every mean are shown (a share may still be a range or hidden). */
export const isPublished = (cell: GroupCell) => !cell.n.suppressed && cell.n.value! > 0 && Object.values(cell.means).every((e) => !e.suppressed && e.value !== null);

/** The group of a participant in each of EAA's report groupings, in the report's order. */
export const eaaGroupings = [(p: TruthParticipant) => p.migrationGroup, (p: TruthParticipant) => p.register?.diagnosisAdvice ?? 'unknown'];

/**
 * The hidden Ns and shares of the report's group tables that an attacker (test/disclosure/oracle.ts)
 * recomputes from what is published in a wave: both groupings, their totals, the groups left out.
 */
export function recomputedFromReport(report: PanelReport, participants: TruthParticipant[]): string[] {
  const tables = report.groupings;
  const recomputed: string[] = [];
  for (const wave of report.waves as WaveCode[]) {
    const respondents = participants.filter((p) => respondedAt(p, wave));
    for (const quantity of ['N', ...Object.keys(truthMeasures).filter((m) => m in report.groupings[0]!.waves[0]!.total.percentages)]) {
      /** The truth behind a cell: its N, or the number who said yes. */
      const truth = (members: TruthParticipant[]) =>
        quantity === 'N' ? members.length : members.filter((p) => truthMeasures[quantity]!(p.waves[wave]!) === true).length;
      const hiddenOf = (cell: GroupCell) => (quantity === 'N' ? cell.n.suppressed : cell.percentages[quantity]!.suppressed);
      /** What a reader knows of a hidden cell: the range it is published as (a percentage range times its N), or nothing. */
      const rangeOf = (cell: GroupCell): [number, number] | undefined => {
        if (quantity === 'N') return cell.n.range ?? undefined;
        const e = cell.percentages[quantity]!;
        return e.range ? [Math.round((e.range[0] * e.n!) / 100), Math.round((e.range[1] * e.n!) / 100)] : undefined;
      };
      const statusOf = (cell: GroupCell): Status => (!hiddenOf(cell) ? 'shown' : rangeOf(cell) ? 'range' : 'secondary');
      const cells: Cell[] = [{ key: 'all', value: truth(respondents), sensitive: false, role: 'total' }];
      const relations: Relation[] = [];
      const status = new Map<string, Status>([['all', tables.every((t) => t.unknownLeftOut) ? 'omitted' : 'shown']]);
      tables.forEach((table, t) => {
        const w = table.waves.find((x) => x.wave === wave)!;
        const groups = [...table.groups, ...(table.unknownLeftOut ? ['unknown'] : [])];
        for (const g of groups) {
          const cell = w.cells.find((c) => c.group === g);
          cells.push({ key: `${t}:${g}`, value: truth(respondents.filter((p) => eaaGroupings[t]!(p) === g)), sensitive: false, omitted: !cell, range: cell && rangeOf(cell) });
          status.set(`${t}:${g}`, !cell ? 'omitted' : statusOf(cell));
        }
        const keys = groups.map((g) => `${t}:${g}`);
        if (table.unknownLeftOut) {
          cells.push({ key: `${t}:known`, value: truth(respondents.filter((p) => eaaGroupings[t]!(p) !== 'unknown')), sensitive: false, role: 'total', range: rangeOf(w.total) });
          status.set(`${t}:known`, statusOf(w.total));
          relations.push({ total: `${t}:known`, parts: keys.slice(0, -1) }, { total: 'all', parts: [`${t}:known`, keys.at(-1)!] });
        } else {
          if (hiddenOf(w.total)) status.set('all', statusOf(w.total));
          relations.push({ total: 'all', parts: keys });
        }
      });
      recomputed.push(...recomputedByAttacker({ cells, relations }, status).map((key) => `${wave} ${quantity} ${key}`));
    }
  }
  return recomputed;
}
