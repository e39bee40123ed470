import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import type { StudyDefinitions } from '../studies/study-registry.ts';
import { registerRepositoryFor } from './register.repository.pg.ts';
import type { RegisterColumn } from '../studies/study-definition.ts';
import { checkRegisterFile, type RegisterProblem, type RegisterRow } from './register.rules.ts';

/** The register columns a study declares; none for a study that does not exist. */
export async function registerColumnsOf({ studies, definitions }: { studies: StudiesRepository; definitions: StudyDefinitions }, studyId: string): Promise<readonly RegisterColumn[]> {
  const study = await studies.findStudy(studyId);
  return study ? ((await definitions.of(study)).definition.register ?? []) : [];
}

export interface RegisterPreview {
  rows: Omit<RegisterRow, 'participantId'>[];
  problems: RegisterProblem[];
  /** Participants who already have register data and would get the file's values instead. */
  replacing: number;
}

export async function previewRegister({ database, studyId, columns, text }: { database: Database; studyId: string; columns: readonly RegisterColumn[]; text: string }): Promise<RegisterPreview & { valid: RegisterRow[] }> {
  const repository = registerRepositoryFor(database);
  const { rows, problems } = checkRegisterFile(text, await repository.participantsOf(studyId), columns);
  return {
    rows: rows.map(({ participantId: _participantId, ...row }) => row),
    valid: rows,
    problems,
    replacing: await repository.countWithData(rows.map((r) => r.participantId)),
  };
}

/**
 * Imports every row or none, against the columns the study declares: with any problem, nothing is
 * written and the problems name their lines. Audited.
 */
export async function importRegister(
  deps: { database: Database; now: () => Date; studies: StudiesRepository; definitions: StudyDefinitions },
  { studyId, text, actor }: { studyId: string; text: string; actor: Actor },
): Promise<{ imported: number }> {
  const { valid, problems } = await previewRegister({ database: deps.database, studyId, columns: await registerColumnsOf(deps, studyId), text });
  if (problems.length) {
    throw new AppError('unprocessable', `Nothing was imported: ${problems.length} problem(s), first on line ${problems[0]!.line}: ${problems[0]!.message}`, { problems });
  }
  await registerRepositoryFor(deps.database).saveAll(valid, deps.now());
  await recordAudit({ ...deps, ...actor, action: 'register_import', studyId, detail: { rows: valid.length } });
  return { imported: valid.length };
}
