import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { csvLine, standardDialect } from '../shared/csv.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import { exportsRepositoryFor } from '../exports/exports.repository.pg.ts';
import { readPanel } from '../exports/exports.service.ts';
import { labelIn } from '../studies/study-definition.ts';
import type { Study } from '../studies/study-registry.ts';
import { fieldwork, toRemind, unknownGroup, type Fieldwork, type FieldworkParticipant, type FieldworkResponse, type GroupingSplit } from './fieldwork.rules.ts';
import { fieldworkRepositoryFor } from './fieldwork.repository.pg.ts';

interface Deps {
  database: Database;
  definitions: StudyDefinitions;
  now: () => Date;
  config: { minCellSize: number };
  surveys: SurveyRegistry;
}

async function load(database: Database, studyId: string) {
  const studies = exportsRepositoryFor(database);
  const study = await studies.study(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  const repository = fieldworkRepositoryFor(database);
  return { study, waves: await studies.waves(studyId), participants: await repository.participantsOf(studyId), responses: await repository.responsesOf(studyId) };
}

const groupValue = (value: unknown) => (value === null || value === undefined || value === '' || typeof value === 'object' ? unknownGroup : String(value as string | number | boolean));

/** Each participant's participant-level derived variables, derived as the report derives them: from their answers and register data. */
async function derivedByPseudonym(database: Database, studyId: string, study: Study): Promise<Map<string, Record<string, unknown>>> {
  const derived = new Map<string, Record<string, unknown>>();
  for await (const unit of readPanel({ database, studyId, definition: study })) {
    if (unit.pseudonym !== null) derived.set(unit.pseudonym, unit.responses[0]?.derived ?? study.derive({}, unit.register));
  }
  return derived;
}

/**
 * The variables the study's report groups by that describe a participant (a register column, or a
 * participant-level derived variable such as the migration group); a grouping by an answer is left out.
 */
async function groupingsOf(database: Database, studyId: string, study: Study, language: string): Promise<GroupingSplit[]> {
  const { register = [], derived = [], report } = study.definition;
  const groupings = report?.groupings ?? [];
  const byDerived = groupings.some((g) => !register.some((c) => c.name === g.variable) && derived.some((d) => d.name === g.variable && d.level === 'participant'));
  const derivedOf = byDerived ? await derivedByPseudonym(database, studyId, study) : new Map<string, Record<string, unknown>>();
  return groupings.flatMap((g): GroupingSplit[] => {
    const column = register.find((c) => c.name === g.variable);
    if (column) {
      const values = column.type === 'boolean' ? ['true', 'false'].map((value) => ({ value, label: value })) : (column.values ?? []).map((v) => ({ value: String(v.value), label: labelIn(v.label, language) }));
      return [{ name: column.name, label: labelIn(column.label, language), values, groupOf: (p) => groupValue(p.register?.[column.name]) }];
    }
    const variable = derived.find((d) => d.name === g.variable && d.level === 'participant');
    if (!variable) return [];
    return [{ name: variable.name, label: labelIn(variable.label, language), values: (variable.values ?? []).map((v) => ({ value: String(v.value), label: labelIn(v.label, language) })), groupOf: (p: FieldworkParticipant) => groupValue(derivedOf.get(p.pseudonym)?.[variable.name]) }];
  });
}

export async function fieldworkOf(deps: Deps, studyId: string, language: string): Promise<Fieldwork> {
  const { study, waves, participants, responses } = await load(deps.database, studyId);
  const definition = await deps.definitions.of(study);
  const pageTitle = (r: FieldworkResponse) => {
    const page = deps.surveys.get(r.surveyId, r.surveyVersion)?.definition.pages[r.pageNo];
    return page ? (typeof page.title === 'string' ? page.title : page.name) : undefined;
  };
  return fieldwork({
    panel: study.kind === 'panel',
    waves,
    participants,
    responses,
    now: deps.now(),
    minCellSize: deps.config.minCellSize,
    zerosSensitive: definition.definition.disclosure?.zerosSensitive === true,
    groupings: await groupingsOf(deps.database, studyId, definition, language),
    pageTitle,
  });
}

/** The open wave's participants still to remind, as CSV for reminder letters; audited, for the list holds pseudonyms. */
export async function reminderList(deps: Deps, { studyId, actor }: { studyId: string; actor: Actor }): Promise<{ waveCode: string; csv: string; count: number }> {
  const { study, waves, participants, responses } = await load(deps.database, studyId);
  const now = deps.now().getTime();
  const open = waves.find((w) => w.opensAt.getTime() <= now && now < w.closesAt.getTime());
  if (study.kind !== 'panel' || !open) throw new AppError('conflict', 'No panel wave is open now, so there is nobody to remind.', { reason: 'no_open_wave' });
  const rows = toRemind(open, participants.filter((p) => p.status === 'active'), responses);
  const csv = [['pseudonym', 'language', 'started'], ...rows.map((r) => [r.pseudonym, r.language, String(r.started)])].map((cells) => csvLine(cells, standardDialect)).join('');
  await recordAudit({ ...deps, ...actor, action: 'reminder_list', studyId, detail: { wave: open.code, count: rows.length } });
  return { waveCode: open.code, csv, count: rows.length };
}
