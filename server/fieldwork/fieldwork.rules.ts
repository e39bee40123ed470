import type { RegisterRecord } from '../classification/derived-variables.ts';
import { countCell, protect, type Cell as TableCell, type DisclosurePolicy, type Relation, type Role } from '../disclosure/disclosure.ts';

/** A published count, or what stands in its place: `<k` (a small count) or `x` (hidden so that a total does not give a small one away). */
export type Cell = number | string;
export const secondaryMark = 'x';

/** Fieldwork figures as pure functions of plain rows, so they can be checked exactly. */

export interface FieldworkWave {
  id: number;
  code: string;
  opensAt: Date;
  closesAt: Date;
}

export interface FieldworkParticipant {
  id: number;
  pseudonym: string;
  language: string;
  status: 'active' | 'withdrawn';
  register: RegisterRecord | null;
}

/** A register column the study groups its report by: fieldwork splits attrition by it too. */
export interface RegisterSplit {
  column: string;
  /** The column's label per language, from the study definition. */
  label: Record<string, string>;
  values: string[];
}

export interface FieldworkResponse {
  waveId: number;
  surveyId: string;
  surveyVersion: number;
  participantId: number | null;
  locale: string;
  pageNo: number;
  startedAt: Date;
  completedAt: Date | null;
}

export interface WaveFigures {
  id: number;
  code: string;
  open: boolean;
  /** Active participants (panel); null for an anonymous study, which invites nobody by name. */
  invited: Cell | null;
  started: Cell;
  completed: Cell;
  /** Completed / invited, 0..1, once the wave has opened and when the completed count is shown; null otherwise. */
  responseRate: number | null;
  /** Median minutes from start to completion, when enough responses completed; null otherwise. */
  medianMinutes: number | null;
}

export interface AttritionLine {
  group: string;
  /** Per wave (in order): participants who completed that wave and every earlier one. */
  counts: Cell[];
}

export interface Attrition {
  waves: string[];
  overall: Cell[];
  byLanguage: AttritionLine[];
  /** Per register column the study's report groups by. */
  byRegister: { column: string; label: Record<string, string>; lines: AttritionLine[] }[];
}

export interface DropOffRow {
  locale: string;
  pageNo: number;
  /** The title of the page (in the survey's source language), or its number when the survey is not known here. */
  page: string;
  count: Cell;
}

export interface Fieldwork {
  minCellSize: number;
  waves: WaveFigures[];
  attrition: Attrition | null;
  dropOff: { waveCode: string; rows: DropOffRow[] }[];
  openWave: { code: string; toRemind: Cell } | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function isOpen(wave: FieldworkWave, now: Date): boolean {
  return wave.opensAt.getTime() <= now.getTime() && now.getTime() < wave.closesAt.getTime();
}

/** The counts of the page before disclosure control: plain numbers. */
interface RawWave {
  wave: FieldworkWave;
  invited: number | null;
  started: number;
  completed: number;
  /** Completed by active participants: what `invited` is split into with the reminders. */
  completedByActive: number;
  medianMinutes: number | null;
  dropOff: { locale: string; pageNo: number; page: string; n: number }[];
}

/** Names the page a response stopped on. */
export type PageTitle = (response: FieldworkResponse) => string | undefined;

function rawWave(wave: FieldworkWave, panel: boolean, active: FieldworkParticipant[], responses: FieldworkResponse[], pageTitle: PageTitle): RawWave {
  const activeIds = new Set(active.map((p) => p.id));
  const inWave = responses.filter((r) => r.waveId === wave.id && (r.participantId === null || activeIds.has(r.participantId)));
  const done = inWave.filter((r) => r.completedAt !== null);
  const counts = new Map<string, { locale: string; pageNo: number; page: string; n: number }>();
  for (const r of inWave) {
    if (r.completedAt !== null) continue;
    const key = `${r.locale}\0${r.pageNo}`;
    const entry = counts.get(key) ?? { locale: r.locale, pageNo: r.pageNo, page: pageTitle(r) ?? `#${r.pageNo + 1}`, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  return {
    wave,
    invited: panel ? active.length : null,
    started: inWave.length,
    completed: done.length,
    completedByActive: done.filter((r) => r.participantId !== null).length,
    medianMinutes: done.length > 0 ? round(median(done.map((r) => (r.completedAt!.getTime() - r.startedAt.getTime()) / 60000))!, 1) : null,
    dropOff: [...counts.values()].sort((a, b) => a.locale.localeCompare(b.locale) || a.pageNo - b.pageNo),
  };
}

/** Participants who completed every wave up to and including each wave, per group. */
function retainedBy(waves: FieldworkWave[], active: FieldworkParticipant[], responses: FieldworkResponse[], groupOf: (p: FieldworkParticipant) => string, order: string[]): { group: string; counts: number[] }[] {
  const completed = new Map<number, Set<number>>();
  for (const r of responses) {
    if (r.completedAt === null || r.participantId === null) continue;
    if (!completed.has(r.waveId)) completed.set(r.waveId, new Set());
    completed.get(r.waveId)!.add(r.participantId);
  }
  const retained = (people: FieldworkParticipant[]) => waves.map((_, k) => people.filter((p) => waves.slice(0, k + 1).every((w) => completed.get(w.id)?.has(p.id))).length);
  const groups = [...new Set([...order, ...active.map(groupOf)])].filter((g) => active.some((p) => groupOf(p) === g));
  return groups.map((group) => ({ group, counts: retained(active.filter((p) => groupOf(p) === group)) }));
}

const registerValue = (column: string) => (p: FieldworkParticipant) => {
  const value = p.register?.[column];
  return value === null || value === undefined ? 'unknown' : String(value);
};
/** Active participants without a completed response in the wave: who gets a reminder letter. */
export function toRemind(wave: FieldworkWave, active: FieldworkParticipant[], responses: FieldworkResponse[]): { pseudonym: string; language: string; started: boolean }[] {
  const inWave = new Map(responses.filter((r) => r.waveId === wave.id && r.participantId !== null).map((r) => [r.participantId!, r]));
  return active
    .filter((p) => !inWave.get(p.id)?.completedAt)
    .map((p) => ({ pseudonym: p.pseudonym, language: p.language, started: inWave.has(p.id) }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
}

/**
 * Every figure of the page, protected together by the disclosure rules (`server/disclosure`), the
 * same as the report's: per wave started = completed + every drop-off row and, for the open wave,
 * invited = completed + still to remind; attrition overall = the sum of each split, and its first
 * wave is the first wave's completed count. A sensitive count shows as `<k`, a count hidden to
 * protect another as `x`.
 */
export function fieldwork({
  panel,
  waves,
  participants,
  responses,
  now,
  minCellSize,
  zerosSensitive = false,
  splits = [],
  pageTitle = () => undefined,
}: {
  pageTitle?: PageTitle;
  splits?: RegisterSplit[];
  panel: boolean;
  waves: FieldworkWave[];
  participants: FieldworkParticipant[];
  responses: FieldworkResponse[];
  now: Date;
  minCellSize: number;
  zerosSensitive?: boolean;
}): Fieldwork {
  const policy: DisclosurePolicy = { minCellSize, zerosSensitive };
  const active = participants.filter((p) => p.status === 'active');
  const ordered = [...waves].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  const open = ordered.find((w) => isOpen(w, now));
  const raw = ordered.map((w) => rawWave(w, panel, active, responses, pageTitle));
  const reminders = open && panel ? toRemind(open, active, responses).length : null;
  const splitLines = panel
    ? {
        overall: retainedBy(ordered, active, responses, () => 'all', ['all'])[0]?.counts ?? ordered.map(() => 0),
        byLanguage: retainedBy(ordered, active, responses, (p) => p.language, ['nl', 'en', 'ar', 'tr', 'ti']),
        byRegister: splits.map((split) => ({ split, lines: retainedBy(ordered, active, responses, registerValue(split.column), [...split.values, 'unknown']) })),
      }
    : null;

  const cells: TableCell[] = [];
  const relations: Relation[] = [];
  const add = (key: string, value: number, role: Role = 'inner') => {
    cells.push(countCell(key, value, policy, { role }));
    return key;
  };
  if (panel) add('invited', active.length, 'total');
  for (const r of raw) {
    const id = r.wave.id;
    // What a researcher most wants to see is how many completed: it costs more to hide than how many started.
    const started = add(`started|${id}`, r.started, 'inner');
    const completed = add(`completed|${id}`, r.completed, 'total');
    relations.push({ total: started, parts: [completed, ...r.dropOff.map((d) => add(`dropOff|${id}|${d.locale}|${d.pageNo}`, d.n))] });
    if (reminders !== null && r.wave === open && r.completedByActive === r.completed) relations.push({ total: 'invited', parts: [completed, add('toRemind', reminders)] });
  }
  if (splitLines) {
    ordered.forEach((w, k) => {
      const overall = add(`retained|${k}|all`, splitLines.overall[k]!, 'total');
      if (k === 0 && splitLines.overall[0] === raw[0]!.completed) relations.push({ total: `completed|${w.id}`, parts: [overall] });
      const family = (name: string, lines: { group: string; counts: number[] }[]) =>
        relations.push({ total: overall, parts: lines.map((line) => add(`retained|${k}|${name}|${line.group}`, line.counts[k]!, line.group === 'unknown' ? 'residual' : 'inner')) });
      family('language', splitLines.byLanguage);
      for (const { split, lines } of splitLines.byRegister) family(`register:${split.column}`, lines);
    });
  }
  const protection = protect({ cells, relations });
  const shown = (key: string): Cell => {
    const value = cells.find((c) => c.key === key)!.value;
    const status = protection.get(key);
    return status === 'shown' ? value : status === 'range' ? `<${minCellSize}` : secondaryMark;
  };

  return {
    minCellSize,
    waves: raw.map((r) => {
      const completed = shown(`completed|${r.wave.id}`);
      const invited = panel ? shown('invited') : null;
      const opened = r.wave.opensAt.getTime() <= now.getTime();
      return {
        id: r.wave.id,
        code: r.wave.code,
        open: isOpen(r.wave, now),
        invited,
        started: shown(`started|${r.wave.id}`),
        completed,
        responseRate: opened && typeof invited === 'number' && invited > 0 && typeof completed === 'number' ? round(r.completed / r.invited!, 3) : null,
        medianMinutes: r.completed >= minCellSize ? r.medianMinutes : null,
      };
    }),
    attrition: splitLines
      ? {
          waves: ordered.map((w) => w.code),
          overall: ordered.map((_, k) => shown(`retained|${k}|all`)),
          byLanguage: splitLines.byLanguage.map((line) => ({ group: line.group, counts: ordered.map((_, k) => shown(`retained|${k}|language|${line.group}`)) })),
          byRegister: splitLines.byRegister.map(({ split, lines }) => ({
            column: split.column,
            label: split.label,
            lines: lines.map((line) => ({ group: line.group, counts: ordered.map((_, k) => shown(`retained|${k}|register:${split.column}|${line.group}`)) })),
          })),
        }
      : null,
    dropOff: raw.map((r) => ({ waveCode: r.wave.code, rows: r.dropOff.map((d) => ({ locale: d.locale, pageNo: d.pageNo, page: d.page, count: shown(`dropOff|${r.wave.id}|${d.locale}|${d.pageNo}`) })) })),
    openWave: open && reminders !== null ? { code: open.code, toRemind: protection.has('toRemind') ? shown('toRemind') : reminders } : null,
  };
}
