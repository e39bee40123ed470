import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import { fieldwork, toRemind, type Fieldwork, type FieldworkResponse, type RegisterSplit } from './fieldwork.rules.ts';
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

export function fieldworkOf(deps: Deps, studyId: string): Fieldwork {
  const { study, waves, participants, responses } = load(deps, studyId);
  const definition = deps.definitions.of(study).definition;
  const groupedBy = new Set((definition.report?.groupings ?? []).map((g) => g.variable));
  const splits: RegisterSplit[] = (definition.register ?? [])
    .filter((c) => groupedBy.has(c.name))
    .map((c) => ({ column: c.name, label: c.label, values: c.type === 'boolean' ? ['true', 'false'] : (c.values ?? []).map((v) => String(v.value)) }));
  const pageTitle = (r: FieldworkResponse) => {
    const page = deps.surveys.get(r.surveyId, r.surveyVersion)?.definition.pages[r.pageNo];
    return page ? (typeof page.title === 'string' ? page.title : page.name) : undefined;
  };
  return fieldwork({ panel: study.kind === 'panel', waves, participants, responses, now: deps.now(), minCellSize: deps.config.minCellSize, zerosSensitive: definition.disclosure?.zerosSensitive === true, splits, pageTitle });
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
