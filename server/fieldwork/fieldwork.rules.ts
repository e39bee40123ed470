import type { RegisterRecord } from '../classification/derived-variables.ts';
import { countCell, protect, type Cell as TableCell, type DisclosurePolicy, type LinkedTables, type Protection, type Relation, type Role } from '../disclosure/disclosure.ts';

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

/**
 * A variable the study groups its report by (a register column or a participant-level derived
 * variable such as the migration group): fieldwork splits response and attrition by it too.
 */
export interface GroupingSplit {
  name: string;
  /** The variable's label, in the language asked for. */
  label: string;
  /** The declared values in order, with their labels; a participant outside them is `unknown`. */
  values: { value: string; label: string }[];
  groupOf: (participant: FieldworkParticipant) => string;
}

/** The ways responses can come in: online, or at a kiosk in the municipality's office. */
export const channels = ['web', 'kiosk'] as const;

export interface FieldworkResponse {
  waveId: number;
  surveyId: string;
  surveyVersion: number;
  participantId: number | null;
  locale: string;
  channel: (typeof channels)[number];
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
  /** Per variable the study's report groups by. */
  byGrouping: { name: string; label: string; lines: AttritionLine[] }[];
}

/** One group's figures in one wave; `stopped` started and did not complete. */
export interface GroupWave {
  code: string;
  started: Cell;
  completed: Cell;
  stopped: Cell;
  /** Completed / invited once the wave has opened, when both are shown; null otherwise. */
  responseRate: number | null;
}

/**
 * Response per wave split one way: by language (the participant's letter language; the language
 * answered in for an anonymous response), by channel, or by a variable the report groups by.
 */
export interface ResponseSplit {
  split: string;
  /** The grouping variable's label; null for language and channel, which the workspace names. */
  label: string | null;
  groups: { group: string; label: string | null; invited: Cell | null; waves: GroupWave[] }[];
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
  byGroup: ResponseSplit[];
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

export const unknownGroup = 'unknown';

/** How one split puts a response, and (for a split of participants) a participant, in a group. */
interface Split {
  name: string;
  label: string | null;
  order: string[];
  labels: Map<string, string>;
  ofResponse: (r: FieldworkResponse, p: FieldworkParticipant | undefined) => string;
  ofParticipant: ((p: FieldworkParticipant) => string) | null;
}

function splitsOf(groupings: GroupingSplit[]): Split[] {
  return [
    { name: 'language', label: null, order: ['nl', 'en', 'ar', 'tr', 'ti'], labels: new Map(), ofResponse: (r, p) => p?.language ?? r.locale, ofParticipant: (p) => p.language },
    { name: 'channel', label: null, order: [...channels], labels: new Map(), ofResponse: (r) => r.channel, ofParticipant: null },
    ...groupings.map((g) => ({
      name: g.name,
      label: g.label,
      order: [...g.values.map((v) => v.value), unknownGroup],
      labels: new Map(g.values.map((v) => [v.value, v.label])),
      ofResponse: (_: FieldworkResponse, p: FieldworkParticipant | undefined) => (p ? g.groupOf(p) : unknownGroup),
      ofParticipant: g.groupOf,
    })),
  ];
}

/** The groups of a split that have anybody in them, declared ones first. */
const groupsIn = (order: string[], present: Iterable<string>) => {
  const seen = new Set(present);
  return [...new Set([...order, ...seen])].filter((g) => seen.has(g));
};
/** Active participants without a completed response in the wave: who gets a reminder letter. */
export function toRemind(wave: FieldworkWave, active: FieldworkParticipant[], responses: FieldworkResponse[]): { pseudonym: string; language: string; started: boolean }[] {
  const inWave = new Map(responses.filter((r) => r.waveId === wave.id && r.participantId !== null).map((r) => [r.participantId!, r]));
  return active
    .filter((p) => !inWave.get(p.id)?.completedAt)
    .map((p) => ({ pseudonym: p.pseudonym, language: p.language, started: inWave.has(p.id) }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
}

export interface FieldworkInput {
  panel: boolean;
  waves: FieldworkWave[];
  participants: FieldworkParticipant[];
  responses: FieldworkResponse[];
  now: Date;
  minCellSize: number;
  zerosSensitive?: boolean;
  /** The variables the study's report groups by. */
  groupings?: GroupingSplit[];
  pageTitle?: PageTitle;
}

/** The counts of the page as linked tables, before protection, with what is needed to lay them out. */
function tablesOf({ panel, waves, participants, responses, now, minCellSize, zerosSensitive = false, groupings = [], pageTitle = () => undefined }: FieldworkInput) {
  const policy: DisclosurePolicy = { minCellSize, zerosSensitive };
  const active = participants.filter((p) => p.status === 'active');
  const byId = new Map(active.map((p) => [p.id, p]));
  const ordered = [...waves].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  const open = ordered.find((w) => isOpen(w, now));
  const raw = ordered.map((w) => rawWave(w, panel, active, responses, pageTitle));
  const reminders = open && panel ? toRemind(open, active, responses).length : null;
  const splits = splitsOf(groupings);
  const participantSplits = splits.filter((s): s is Split & { ofParticipant: (p: FieldworkParticipant) => string } => s.ofParticipant !== null);
  const splitLines = panel
    ? {
        overall: retainedBy(ordered, active, responses, () => 'all', ['all'])[0]?.counts ?? ordered.map(() => 0),
        bySplit: participantSplits.map((split) => ({ split, lines: retainedBy(ordered, active, responses, split.ofParticipant, split.order) })),
      }
    : null;
  const counted = responses.filter((r) => r.participantId === null || byId.has(r.participantId));
  const responseGroups = splits.map((split) => {
    const groupOf = (r: FieldworkResponse) => split.ofResponse(r, r.participantId === null ? undefined : byId.get(r.participantId));
    const present = [...counted.map(groupOf), ...(panel && split.ofParticipant ? active.map(split.ofParticipant) : [])];
    return { split, groupOf, groups: groupsIn(split.order, present) };
  });

  const cells: TableCell[] = [];
  const relations: Relation[] = [];
  const add = (key: string, value: number, role: Role = 'inner', omitted = false) => {
    cells.push(countCell(key, value, policy, omitted ? { role, omitted } : { role }));
    return key;
  };
  const roleOf = (group: string): Role => (group === unknownGroup ? 'residual' : 'inner');
  if (panel) add('invited', active.length, 'total');
  for (const r of raw) {
    const id = r.wave.id;
    // What a researcher most wants to see is how many completed: it costs more to hide than how many started.
    const started = add(`started|${id}`, r.started, 'inner');
    const completed = add(`completed|${id}`, r.completed, 'total');
    // How many stopped in all is not shown, but a reader gets it both from the drop-off rows and from each split: one cell links them.
    const stopped = add(`stopped|${id}`, r.started - r.completed, 'inner', true);
    relations.push({ total: started, parts: [completed, stopped] }, { total: stopped, parts: r.dropOff.map((d) => add(`dropOff|${id}|${d.locale}|${d.pageNo}`, d.n)) });
    if (reminders !== null && r.wave === open && r.completedByActive === r.completed) relations.push({ total: 'invited', parts: [completed, add('toRemind', reminders)] });
  }
  for (const { split, groupOf, groups } of responseGroups) {
    if (panel && split.ofParticipant) {
      const ofParticipant = split.ofParticipant;
      relations.push({ total: 'invited', parts: groups.map((g) => add(`invited|${split.name}|${g}`, active.filter((p) => ofParticipant(p) === g).length, roleOf(g))) });
    }
    for (const w of ordered) {
      const inWave = counted.filter((r) => r.waveId === w.id);
      const parts = groups.map((g) => {
        const mine = inWave.filter((r) => groupOf(r) === g);
        const done = mine.filter((r) => r.completedAt !== null).length;
        const started = add(`started|${w.id}|${split.name}|${g}`, mine.length, roleOf(g));
        const completed = add(`completed|${w.id}|${split.name}|${g}`, done, roleOf(g));
        const stopped = add(`stopped|${w.id}|${split.name}|${g}`, mine.length - done, roleOf(g));
        relations.push({ total: started, parts: [completed, stopped] });
        return { started, completed, stopped };
      });
      for (const figure of ['started', 'completed', 'stopped'] as const) relations.push({ total: `${figure}|${w.id}`, parts: parts.map((p) => p[figure]) });
    }
  }
  if (splitLines) {
    ordered.forEach((w, k) => {
      const overall = add(`retained|${k}|all`, splitLines.overall[k]!, 'total');
      if (k === 0 && splitLines.overall[0] === raw[0]!.completed) relations.push({ total: `completed|${w.id}`, parts: [overall] });
      for (const { split, lines } of splitLines.bySplit) {
        const parts = lines.map((line) => add(`retained|${k}|${split.name}|${line.group}`, line.counts[k]!, roleOf(line.group)));
        relations.push({ total: overall, parts });
        // Retained at the first wave is who completed it: the same number as that wave's count by group.
        if (k === 0) lines.forEach((line, j) => relations.push({ total: `completed|${w.id}|${split.name}|${line.group}`, parts: [parts[j]!] }));
      }
    });
  }
  return { tables: { cells, relations } satisfies LinkedTables, ordered, open, raw, reminders, splitLines, responseGroups };
}

/** The page's linked tables and how each cell is published: for tests that nothing hidden can be worked out. */
export function fieldworkProtection(input: FieldworkInput): { tables: LinkedTables; protection: Protection } {
  const { tables } = tablesOf(input);
  return { tables, protection: protect(tables) };
}

/**
 * Every figure of the page, protected together by the disclosure rules (`server/disclosure`), the
 * same as the report's: per wave started = completed + every drop-off row and, for the open wave,
 * invited = completed + still to remind; per wave and split (language, channel, each grouping of
 * the report) the groups add up to the wave's counts and each group's started = completed +
 * stopped; attrition overall = the sum of each split, and its first wave is the first wave's
 * completed count, overall and per group. A sensitive count shows as `<k`, a count hidden to
 * protect another as `x`.
 */
export function fieldwork(input: FieldworkInput): Fieldwork {
  const { panel, now, minCellSize } = input;
  const { tables, ordered, open, raw, reminders, splitLines, responseGroups } = tablesOf(input);
  const protection = protect(tables);
  const values = new Map(tables.cells.map((c) => [c.key, c.value]));
  const shown = (key: string): Cell => {
    const status = protection.get(key);
    return status === 'shown' ? values.get(key)! : status === 'range' ? `<${minCellSize}` : secondaryMark;
  };
  const opened = (w: FieldworkWave) => w.opensAt.getTime() <= now.getTime();
  const rate = (completed: Cell, invited: Cell | null) => (typeof completed === 'number' && typeof invited === 'number' && invited > 0 ? round(completed / invited, 3) : null);

  return {
    minCellSize,
    waves: raw.map((r) => {
      const completed = shown(`completed|${r.wave.id}`);
      const invited = panel ? shown('invited') : null;
      return {
        id: r.wave.id,
        code: r.wave.code,
        open: isOpen(r.wave, now),
        invited,
        started: shown(`started|${r.wave.id}`),
        completed,
        responseRate: opened(r.wave) ? rate(completed, invited) : null,
        medianMinutes: r.completed >= minCellSize ? r.medianMinutes : null,
      };
    }),
    attrition: splitLines
      ? {
          waves: ordered.map((w) => w.code),
          overall: ordered.map((_, k) => shown(`retained|${k}|all`)),
          byLanguage: splitLines.bySplit.find((s) => s.split.name === 'language')!.lines.map((line) => ({ group: line.group, counts: ordered.map((_, k) => shown(`retained|${k}|language|${line.group}`)) })),
          byGrouping: splitLines.bySplit
            .filter((s) => s.split.label !== null)
            .map(({ split, lines }) => ({
              name: split.name,
              label: split.label!,
              lines: lines.map((line) => ({ group: line.group, counts: ordered.map((_, k) => shown(`retained|${k}|${split.name}|${line.group}`)) })),
            })),
        }
      : null,
    byGroup: responseGroups.map(({ split, groups }) => ({
      split: split.name,
      label: split.label,
      groups: groups.map((g) => {
        const invited = panel && split.ofParticipant ? shown(`invited|${split.name}|${g}`) : null;
        return {
          group: g,
          label: split.labels.get(g) ?? null,
          invited,
          waves: ordered.map((w) => {
            const completed = shown(`completed|${w.id}|${split.name}|${g}`);
            return { code: w.code, started: shown(`started|${w.id}|${split.name}|${g}`), completed, stopped: shown(`stopped|${w.id}|${split.name}|${g}`), responseRate: opened(w) ? rate(completed, invited) : null };
          }),
        };
      }),
    })),
    dropOff: raw.map((r) => ({ waveCode: r.wave.code, rows: r.dropOff.map((d) => ({ locale: d.locale, pageNo: d.pageNo, page: d.page, count: shown(`dropOff|${r.wave.id}|${d.locale}|${d.pageNo}`) })) })),
    openWave: open && reminders !== null ? { code: open.code, toRemind: protection.has('toRemind') ? shown('toRemind') : reminders } : null,
  };
}
