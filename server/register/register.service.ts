import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import { createRegisterRepository } from './register.repository.ts';
import type { RegisterColumn } from '../studies/study-definition.ts';
import { checkRegisterFile, type RegisterProblem, type RegisterRow } from './register.rules.ts';

/** The register columns a study declares; none for a study that does not exist. */
export async function registerColumnsOf({ studies, definitions }: { studies: StudiesRepository; definitions: StudyDefinitions }, studyId: string): Promise<readonly RegisterColumn[]> {
  const study = await studies.findStudy(studyId);
  return study ? (definitions.of(study).definition.register ?? []) : [];
}

export interface RegisterPreview {
  rows: Omit<RegisterRow, 'participantId'>[];
  problems: RegisterProblem[];
  /** Participants who already have register data and would get the file's values instead. */
  replacing: number;
}

export function previewRegister({ db, studyId, columns, text }: { db: Db; studyId: string; columns: readonly RegisterColumn[]; text: string }): RegisterPreview & { valid: RegisterRow[] } {
  const repository = createRegisterRepository({ db });
  const { rows, problems } = checkRegisterFile(text, repository.participantsOf(studyId), columns);
  return {
    rows: rows.map(({ participantId: _participantId, ...row }) => row),
    valid: rows,
    problems,
    replacing: repository.countWithData(rows.map((r) => r.participantId)),
  };
}

/** Imports every row or none: with any problem, nothing is written and the problems name their lines. */
export function importRegister({ db, now, studyId, columns, text }: { db: Db; now: () => Date; studyId: string; columns: readonly RegisterColumn[]; text: string }): { imported: number } {
  const { valid, problems } = previewRegister({ db, studyId, columns, text });
  if (problems.length) {
    throw new AppError('unprocessable', `Nothing was imported: ${problems.length} problem(s), first on line ${problems[0]!.line}: ${problems[0]!.message}`, { problems });
  }
  createRegisterRepository({ db }).saveAll(valid, now());
  return { imported: valid.length };
}
