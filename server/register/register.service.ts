import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
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

/**
 * Imports every row or none, against the columns the study declares: with any problem, nothing is
 * written and the problems name their lines. Audited.
 */
export async function importRegister(
  deps: { db: Db; database: Database; now: () => Date; studies: StudiesRepository; definitions: StudyDefinitions },
  { studyId, text, actor }: { studyId: string; text: string; actor: Actor },
): Promise<{ imported: number }> {
  const { db } = deps;
  const { valid, problems } = previewRegister({ db, studyId, columns: await registerColumnsOf(deps, studyId), text });
  if (problems.length) {
    throw new AppError('unprocessable', `Nothing was imported: ${problems.length} problem(s), first on line ${problems[0]!.line}: ${problems[0]!.message}`, { problems });
  }
  createRegisterRepository({ db }).saveAll(valid, deps.now());
  await recordAudit({ ...deps, ...actor, action: 'register_import', studyId, detail: { rows: valid.length } });
  return { imported: valid.length };
}
