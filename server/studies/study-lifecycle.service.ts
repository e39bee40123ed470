import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { SurveyRegistry } from '../surveys/registry.ts';
import type { StudiesRepository } from './studies.repository.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDefinitionsRepositoryFor } from './study-definitions.repository.pg.ts';
import { studyLifecycleRepositoryFor } from './study-lifecycle.repository.pg.ts';
import { checkStudyDefinition, compileStudy, studyFileName, type StudyDefinitions, type StudyProblem } from './study-registry.ts';

/**
 * A study's life as a research team lives it: created from its own definition (uploaded, or a
 * copy of another study's), piloted with test responses that are deleted in one action, archived,
 * or deleted with everything it holds. Every step is audited here, so that the workspace and any
 * other caller cannot differ.
 */

export interface StudyLifecycleDeps {
  database: Database;
  now: () => Date;
  config: { studiesDir: string; localesDir: string };
  surveys: SurveyRegistry;
  studies: StudiesRepository;
  definitions: StudyDefinitions;
  /** Gives a copied study's texts the translations of the study it was copied from (an i18n service, given by services.ts). */
  copyStudyTranslations: (fromStudy: string, toStudy: string) => Promise<void>;
}

export async function studyOf(deps: Pick<StudyLifecycleDeps, 'studies'>, studyId: string) {
  const study = await deps.studies.findStudy(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  return study;
}

/** The researcher typed the study's id to confirm an action that cannot be undone. */
function confirmed(studyId: string, typed: string): void {
  if (typed !== studyId) throw new AppError('validation_failed', `Type the study's id, ${studyId}, to confirm.`);
}

/** Checks a definition against the surveys installed; 422 with every problem, nothing changed, when it has any. */
function checkedDefinition(deps: StudyLifecycleDeps, json: unknown, file: string): StudyDefinition {
  const problems: StudyProblem[] = checkStudyDefinition(path.relative(path.dirname(deps.config.studiesDir), file), json, { surveys: deps.surveys });
  if (problems.length > 0) {
    throw new AppError('unprocessable', `The study definition has ${problems.length} problem(s); nothing was changed.`, { problems });
  }
  return json as StudyDefinition;
}

/**
 * Saves a checked definition of an existing study as its next revision in the database, where
 * every server finds it (the study's row names the revision), writes it to its file, and serves it
 * from now on.
 */
async function saveDefinition(deps: StudyLifecycleDeps, study: { createdAt: Date }, definition: StudyDefinition, file: string): Promise<void> {
  const text = `${JSON.stringify(definition, null, 2)}\n`;
  const revision = await studyDefinitionsRepositoryFor(deps.database).save(definition.id, text, deps.now());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  deps.definitions.remember(study, compileStudy(definition, file), revision);
}

/** Checks and saves a definition, and creates its study; 422 with every problem when it has any. */
export async function createStudyFromDefinition(deps: StudyLifecycleDeps, { json, userId }: { json: unknown; userId: number | null }): Promise<StudyDefinition> {
  const id = json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : '';
  if (id && (await deps.studies.findStudy(id))) throw new AppError('conflict', `A study with id ${id} exists.`);
  const file = path.join(deps.config.studiesDir, id || '(no id)', studyFileName);
  const definition = checkedDefinition(deps, json, file);
  const created = { id: definition.id, name: definition.title, kind: definition.kind, createdAt: deps.now() };
  await deps.studies.insertStudy(created);
  await saveDefinition(deps, created, definition, file);
  await recordAudit({ ...deps, userId, action: 'study_create', studyId: definition.id, detail: { kind: definition.kind, from: 'definition' } });
  return definition;
}

/** A new study with a copy of another's definition and the translations of its texts. */
export async function copyStudy(deps: StudyLifecycleDeps, { sourceId, id, title, userId }: { sourceId: string; id: string; title?: string | undefined; userId: number | null }): Promise<StudyDefinition> {
  const source = await studyOf(deps, sourceId);
  const definition = { ...(await deps.definitions.of(source)).definition, id, ...(title ? { title } : {}) };
  const created = await createStudyFromDefinition(deps, { json: definition, userId });
  await deps.copyStudyTranslations(sourceId, id);
  return created;
}

/**
 * A change to an existing study's definition (from the workspace): checked like an upload, saved
 * for every server and to its file, served from now on; 422 with every problem and nothing changed
 * otherwise.
 */
export async function changeDefinition(
  deps: StudyLifecycleDeps,
  studyId: string,
  change: (definition: StudyDefinition) => StudyDefinition,
): Promise<{ before: StudyDefinition; after: StudyDefinition }> {
  const row = await studyOf(deps, studyId);
  const study = await deps.definitions.of(row);
  const file = study.file ?? path.join(deps.config.studiesDir, studyId, studyFileName);
  const after = checkedDefinition(deps, change(study.definition), file);
  await saveDefinition(deps, row, after, file);
  return { before: study.definition, after };
}

export async function setPilot(deps: StudyLifecycleDeps, { studyId, pilot, userId }: { studyId: string; pilot: boolean; userId: number | null }): Promise<void> {
  await studyOf(deps, studyId);
  await studyLifecycleRepositoryFor(deps.database).setPilot(studyId, pilot);
  await recordAudit({ ...deps, userId, action: 'study_pilot', studyId, detail: { pilot } });
}

/** Deletes every test response of the study (given in pilot mode), in one audited action. */
export async function deleteTestResponses(deps: StudyLifecycleDeps, { studyId, userId }: { studyId: string; userId: number | null }): Promise<number> {
  await studyOf(deps, studyId);
  const deleted = await studyLifecycleRepositoryFor(deps.database).deleteTestResponses(studyId);
  await recordAudit({ ...deps, userId, action: 'test_responses_delete', studyId, detail: { deleted } });
  return deleted;
}

/** Archives a study: its data stays, respondents can no longer start. */
export async function archiveStudy(deps: StudyLifecycleDeps, { studyId, confirm, userId }: { studyId: string; confirm: string; userId: number | null }): Promise<void> {
  const study = await studyOf(deps, studyId);
  confirmed(studyId, confirm);
  if (study.archivedAt) throw new AppError('conflict', 'This study is archived already.');
  await studyLifecycleRepositoryFor(deps.database).archive(studyId, deps.now());
  await recordAudit({ ...deps, userId, action: 'study_archive', studyId, detail: {} });
}

/** Deletes a study with its responses, participants, register data, waves and kept letters; the audit log stays. */
export async function deleteStudy(deps: StudyLifecycleDeps, { studyId, confirm, userId }: { studyId: string; confirm: string; userId: number | null }) {
  await studyOf(deps, studyId);
  confirmed(studyId, confirm);
  const deleted = await studyLifecycleRepositoryFor(deps.database).deleteStudy(studyId);
  await recordAudit({ ...deps, userId, action: 'study_delete', studyId, detail: deleted });
  return deleted;
}
