import type { RegisterRecord } from '../classification/derived-variables.ts';
import { suppress, suppressGroup, type Cell } from './suppression.ts';

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
  count: Cell;
}

export interface Fieldwork {
  minCellSize: number;
  waves: WaveFigures[];
  attrition: Attrition | null;
  dropOff: { waveCode: string; rows: DropOffRow[] }[];
  openWave: { code: string; toRemind: number } | null;
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

export function waveFigures(wave: FieldworkWave, panel: boolean, active: FieldworkParticipant[], responses: FieldworkResponse[], now: Date, min: number): WaveFigures {
  const activeIds = new Set(active.map((p) => p.id));
  const inWave = responses.filter((r) => r.waveId === wave.id && (r.participantId === null || activeIds.has(r.participantId)));
  const done = inWave.filter((r) => r.completedAt !== null);
  const invited = panel ? active.length : null;
  const completedShown = done.length === 0 || done.length >= min;
  const opened = wave.opensAt.getTime() <= now.getTime();
  return {
    id: wave.id,
    code: wave.code,
    open: isOpen(wave, now),
    invited: invited === null ? null : suppress(invited, min),
    started: suppress(inWave.length, min),
    completed: suppress(done.length, min),
    responseRate: opened && invited && completedShown && invited >= min ? round(done.length / invited, 3) : null,
    medianMinutes: done.length >= min ? round(median(done.map((r) => (r.completedAt!.getTime() - r.startedAt.getTime()) / 60000))!, 1) : null,
  };
}

/** Participants who completed every wave up to and including each wave, overall and per group. */
export function attrition(waves: FieldworkWave[], active: FieldworkParticipant[], responses: FieldworkResponse[], min: number, splits: RegisterSplit[] = []): Attrition {
  const completed = new Map<number, Set<number>>();
  for (const r of responses) {
    if (r.completedAt === null || r.participantId === null) continue;
    if (!completed.has(r.waveId)) completed.set(r.waveId, new Set());
    completed.get(r.waveId)!.add(r.participantId);
  }
  const retained = (people: FieldworkParticipant[]) =>
    waves.map((_, k) => people.filter((p) => waves.slice(0, k + 1).every((w) => completed.get(w.id)?.has(p.id))).length);
  const split = (groupOf: (p: FieldworkParticipant) => string, order: string[]): AttritionLine[] => {
    const groups = [...new Set([...order, ...active.map(groupOf)])].filter((g) => active.some((p) => groupOf(p) === g));
    const raw = groups.map((g) => retained(active.filter((p) => groupOf(p) === g)));
    const columns = waves.map((_, k) => suppressGroup(raw.map((r) => r[k]!), min));
    return groups.map((group, i) => ({ group, counts: columns.map((col) => col[i]!) }));
  };
  return {
    waves: waves.map((w) => w.code),
    overall: retained(active).map((c) => suppress(c, min)),
    byLanguage: split((p) => p.language, ['nl', 'en', 'ar', 'tr', 'ti']),
    byRegister: splits.map(({ column, label, values }) => ({
      column,
      label,
      lines: split((p) => {
        const value = p.register?.[column];
        return value === null || value === undefined ? 'unknown' : String(value);
      }, [...values, 'unknown']),
    })),
  };
}

/** Responses not completed, by the last page saved and the language answered in. */
export function dropOff(wave: FieldworkWave, responses: FieldworkResponse[], min: number): DropOffRow[] {
  const counts = new Map<string, { locale: string; pageNo: number; n: number }>();
  for (const r of responses) {
    if (r.waveId !== wave.id || r.completedAt !== null) continue;
    const key = `${r.locale}\0${r.pageNo}`;
    const entry = counts.get(key) ?? { locale: r.locale, pageNo: r.pageNo, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  const rows = [...counts.values()].sort((a, b) => a.locale.localeCompare(b.locale) || a.pageNo - b.pageNo);
  const cells = suppressGroup(rows.map((r) => r.n), min);
  return rows.map((r, i) => ({ locale: r.locale, pageNo: r.pageNo, count: cells[i]! }));
}

/** Active participants without a completed response in the wave: who gets a reminder letter. */
export function toRemind(wave: FieldworkWave, active: FieldworkParticipant[], responses: FieldworkResponse[]): { pseudonym: string; language: string; started: boolean }[] {
  const inWave = new Map(responses.filter((r) => r.waveId === wave.id && r.participantId !== null).map((r) => [r.participantId!, r]));
  return active
    .filter((p) => !inWave.get(p.id)?.completedAt)
    .map((p) => ({ pseudonym: p.pseudonym, language: p.language, started: inWave.has(p.id) }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
}

export function fieldwork({
  panel,
  waves,
  participants,
  responses,
  now,
  minCellSize,
  splits = [],
}: {
  splits?: RegisterSplit[];
  panel: boolean;
  waves: FieldworkWave[];
  participants: FieldworkParticipant[];
  responses: FieldworkResponse[];
  now: Date;
  minCellSize: number;
}): Fieldwork {
  const active = participants.filter((p) => p.status === 'active');
  const ordered = [...waves].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  const open = ordered.find((w) => isOpen(w, now));
  return {
    minCellSize,
    waves: ordered.map((w) => waveFigures(w, panel, active, responses, now, minCellSize)),
    attrition: panel ? attrition(ordered, active, responses, minCellSize, splits) : null,
    dropOff: ordered.map((w) => ({ waveCode: w.code, rows: dropOff(w, responses, minCellSize) })),
    openWave: open && panel ? { code: open.code, toRemind: toRemind(open, active, responses).length } : null,
  };
}
