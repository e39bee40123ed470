import type { Study as StudyView, Wave as WaveView } from '../../shared/contract/studies.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { visibleStudyIds, type SignedInUser } from '../auth/auth.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import type { StudiesRepository, Study, Wave } from './studies.repository.ts';
import type { StudyDefinitions } from './study-registry.ts';
import { isOpen } from './wave-window.ts';

/**
 * What researchers do with studies and waves. A wave's window and survey version are the only
 * things that change; responses keep the survey version they started with, so nothing here
 * touches a stored response. Every change is audited here, so that the workspace and any other
 * caller cannot differ.
 */

interface Deps {
  studies: StudiesRepository;
  definitions: StudyDefinitions;
  surveys: SurveyRegistry;
  database: Database;
  now: () => Date;
}

export function waveView(wave: Wave, now: Date): WaveView {
  return {
    id: wave.id,
    code: wave.code,
    surveyId: wave.surveyId,
    surveyVersion: wave.surveyVersion,
    opensAt: wave.opensAt.toISOString(),
    closesAt: wave.closesAt.toISOString(),
    open: isOpen(wave, now),
  };
}

export async function studyView(deps: Pick<Deps, 'studies' | 'definitions' | 'now'>, study: Study): Promise<StudyView> {
  const now = deps.now();
  const { definition } = await deps.definitions.of(study);
  return {
    id: study.id,
    name: study.name,
    kind: study.kind,
    waves: (await deps.studies.wavesOf(study.id)).map((w) => waveView(w, now)),
    registerColumns: (definition.register ?? []).map((c) => c.name),
    title: definition.title,
    pilot: study.pilot,
    archivedAt: study.archivedAt?.toISOString() ?? null,
  };
}

export async function listStudiesFor(deps: Pick<Deps, 'studies' | 'definitions' | 'database' | 'now'>, user: SignedInUser): Promise<StudyView[]> {
  const visible = await visibleStudyIds({ database: deps.database, user });
  const studies = (await deps.studies.listStudies()).filter((s) => visible === 'all' || visible.has(s.id));
  return Promise.all(studies.map((s) => studyView(deps, s)));
}

export async function createStudy(
  deps: Pick<Deps, 'studies' | 'definitions' | 'database' | 'now'>,
  { study, actor }: { study: { id: string; name: string; kind: Study['kind'] }; actor: Actor },
): Promise<StudyView> {
  if (await deps.studies.findStudy(study.id)) throw new AppError('conflict', `A study with id ${study.id} exists.`, { reason: 'study_exists' });
  await deps.studies.insertStudy({ ...study, createdAt: deps.now() });
  await recordAudit({ ...deps, ...actor, action: 'study_create', studyId: study.id, detail: { kind: study.kind } });
  return studyView(deps, (await deps.studies.findStudy(study.id))!);
}

export async function renameStudy(deps: Pick<Deps, 'studies' | 'definitions' | 'database' | 'now'>, { studyId, name, actor }: { studyId: string; name: string; actor: Actor }): Promise<StudyView> {
  const study = await deps.studies.updateStudy(studyId, { name });
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  await recordAudit({ ...deps, ...actor, action: 'study_update', studyId, detail: { name } });
  return studyView(deps, study);
}

async function waveOf(deps: Pick<Deps, 'studies'>, studyId: string, waveId: number): Promise<Wave> {
  const wave = await deps.studies.findWave(waveId);
  if (!wave || wave.studyId !== studyId) throw new AppError('not_found', 'There is no such wave in this study.');
  return wave;
}

/** Checks the survey exists, the window is not empty and it does not overlap the study's other waves. */
async function checkWave(deps: Pick<Deps, 'studies' | 'surveys'>, wave: Omit<Wave, 'id'> & { id?: number }): Promise<void> {
  if (!(await deps.surveys.find(wave.surveyId, wave.surveyVersion))) {
    throw new AppError('survey_not_found', `Survey ${wave.surveyId} version ${wave.surveyVersion} does not exist.`);
  }
  if (wave.closesAt.getTime() <= wave.opensAt.getTime()) throw new AppError('validation_failed', 'A wave must close after it opens.', { reason: 'closes_before_opens' });
  const overlapping = (await deps.studies.wavesOf(wave.studyId)).find((w) => w.id !== wave.id && w.opensAt.getTime() < wave.closesAt.getTime() && wave.opensAt.getTime() < w.closesAt.getTime());
  if (overlapping) throw new AppError('conflict', `The window overlaps wave ${overlapping.code}.`, { reason: 'wave_overlap', wave: overlapping.code });
}

export async function addWave(
  deps: Deps,
  { studyId, wave, actor }: { studyId: string; wave: { code: string; surveyId: string; surveyVersion: number; opensAt: Date; closesAt: Date }; actor: Actor },
): Promise<WaveView> {
  if ((await deps.studies.wavesOf(studyId)).some((w) => w.code === wave.code)) throw new AppError('conflict', `Wave ${wave.code} exists.`, { reason: 'wave_exists', wave: wave.code });
  const full = { ...wave, studyId };
  await checkWave(deps, full);
  const added = waveView(await deps.studies.insertWave(full), deps.now());
  await recordAudit({ ...deps, ...actor, action: 'wave_create', studyId, detail: { wave: added } });
  return added;
}

type WaveChange = Partial<{ surveyId: string; surveyVersion: number; opensAt: Date; closesAt: Date }>;

/** Checks and stores a change to a wave; the callers audit it under their own action. */
async function updateWave(deps: Deps, wave: Wave, change: WaveChange): Promise<{ before: WaveView; after: WaveView }> {
  const next = { ...wave, ...change };
  await checkWave(deps, next);
  const updated = (await deps.studies.updateWave(wave.id, {
    surveyId: next.surveyId,
    surveyVersion: next.surveyVersion,
    opensAt: next.opensAt,
    closesAt: next.closesAt,
  }))!;
  return { before: waveView(wave, deps.now()), after: waveView(updated, deps.now()) };
}

export async function changeWave(deps: Deps, { studyId, waveId, change, actor }: { studyId: string; waveId: number; change: WaveChange; actor: Actor }): Promise<WaveView> {
  const { before, after } = await updateWave(deps, await waveOf(deps, studyId, waveId), change);
  await recordAudit({ ...deps, ...actor, action: 'wave_update', studyId, detail: { before, after } });
  return after;
}

/** Opens a wave now: its window starts now (it keeps its closing time, which must be later). */
export async function openWaveNow(deps: Deps, { studyId, waveId, actor }: { studyId: string; waveId: number; actor: Actor }): Promise<WaveView> {
  const wave = await waveOf(deps, studyId, waveId);
  const now = deps.now();
  if (isOpen(wave, now)) throw new AppError('conflict', 'This wave is open already.', { reason: 'wave_open' });
  if (wave.closesAt.getTime() <= now.getTime()) throw new AppError('conflict', 'This wave has closed; set a new closing time first.', { reason: 'wave_closed' });
  const { before, after } = await updateWave(deps, wave, { opensAt: now });
  await recordAudit({ ...deps, ...actor, action: 'wave_open', studyId, detail: { before, after } });
  return after;
}

/** Closes an open wave now. */
export async function closeWaveNow(deps: Deps, { studyId, waveId, actor }: { studyId: string; waveId: number; actor: Actor }): Promise<WaveView> {
  const wave = await waveOf(deps, studyId, waveId);
  const now = deps.now();
  if (!isOpen(wave, now)) throw new AppError('conflict', 'This wave is not open.', { reason: 'wave_not_open' });
  const { before, after } = await updateWave(deps, wave, { closesAt: now });
  await recordAudit({ ...deps, ...actor, action: 'wave_close', studyId, detail: { before, after } });
  return after;
}
