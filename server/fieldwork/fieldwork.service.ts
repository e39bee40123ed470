import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import { readPanel } from '../exports/exports.service.ts';
import { labelIn } from '../studies/study-definition.ts';
import type { Study } from '../studies/study-registry.ts';
import { fieldwork, toRemind, unknownGroup, type Fieldwork, type FieldworkParticipant, type FieldworkResponse, type GroupingSplit } from './fieldwork.rules.ts';
import { createFieldworkRepository } from './fieldwork.repository.ts';

interface Deps {
  db: Db;
  studies: StudiesRepository;
  definitions: StudyDefinitions;
  now: () => Date;
  config: { minCellSize: number };
  surveys: SurveyRegistry;
}

function load(deps: Deps, studyId: string) {
  const study = deps.studies.findStudy(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  const repository = createFieldworkRepository({ db: deps.db });
  return { study, waves: deps.studies.wavesOf(studyId), participants: repository.participantsOf(studyId), responses: repository.responsesOf(studyId) };
}

const groupValue = (value: unknown) => (value === null || value === undefined || value === '' || typeof value === 'object' ? unknownGroup : String(value as string | number | boolean));

/**
 * The variables the study's report groups by that describe a participant (a register column, or a
 * participant-level derived variable such as the migration group, derived as the report derives
 * it: from the participant's answers and register data); a grouping by an answer is left out.
 */
function groupingsOf(db: Db, studyId: string, study: Study, language: string): GroupingSplit[] {
  const { register = [], derived = [], report } = study.definition;
  let derivedByPseudonym: Map<string, Record<string, unknown>> | undefined;
  const derivedOf = (p: FieldworkParticipant) => {
    derivedByPseudonym ??= new Map(
      [...readPanel({ db, studyId, definition: study })].flatMap((unit) => (unit.pseudonym === null ? [] : [[unit.pseudonym, unit.responses[0]?.derived ?? study.derive({}, unit.register)] as const])),
    );
    return derivedByPseudonym.get(p.pseudonym) ?? {};
  };
  return (report?.groupings ?? []).flatMap((g): GroupingSplit[] => {
    const column = register.find((c) => c.name === g.variable);
    if (column) {
      const values = column.type === 'boolean' ? ['true', 'false'].map((value) => ({ value, label: value })) : (column.values ?? []).map((v) => ({ value: String(v.value), label: labelIn(v.label, language) }));
      return [{ name: column.name, label: labelIn(column.label, language), values, groupOf: (p) => groupValue(p.register?.[column.name]) }];
    }
    const variable = derived.find((d) => d.name === g.variable && d.level === 'participant');
    if (!variable) return [];
    return [{ name: variable.name, label: labelIn(variable.label, language), values: (variable.values ?? []).map((v) => ({ value: String(v.value), label: labelIn(v.label, language) })), groupOf: (p) => groupValue(derivedOf(p)[variable.name]) }];
  });
}

export function fieldworkOf(deps: Deps, studyId: string, language: string): Fieldwork {
  const { study, waves, participants, responses } = load(deps, studyId);
  const definition = deps.definitions.of(study);
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
    groupings: groupingsOf(deps.db, studyId, definition, language),
    pageTitle,
  });
}

/** The open wave's participants still to remind, as CSV for reminder letters. */
export function reminderList(deps: Deps, studyId: string): { waveCode: string; csv: string; count: number } {
  const { study, waves, participants, responses } = load(deps, studyId);
  const now = deps.now().getTime();
  const open = waves.find((w) => w.opensAt.getTime() <= now && now < w.closesAt.getTime());
  if (study.kind !== 'panel' || !open) throw new AppError('conflict', 'No panel wave is open now, so there is nobody to remind.', { reason: 'no_open_wave' });
  const rows = toRemind(open, participants.filter((p) => p.status === 'active'), responses);
  const csv = ['pseudonym,language,started', ...rows.map((r) => `${r.pseudonym},${r.language},${r.started}`)].join('\r\n') + '\r\n';
  return { waveCode: open.code, csv, count: rows.length };
}
