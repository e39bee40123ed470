import { recordAudit, type Actor } from '../audit/audit.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { StudiesRepository } from '../studies/studies.repository.ts';
import { locales } from '../surveys/localization.ts';
import type { Hasher } from '../tokens/token-hash.ts';
import { generateToken } from '../tokens/token.ts';
import type { Batch, ParticipantFilter, ParticipantRow } from './participant-admin.repository.ts';
import { participantAdminRepositoryFor } from './participant-admin.repository.pg.ts';

/** A participant with the raw token made for them just now: exists only in memory, shown once. */
export interface NewLetter {
  participantId: number;
  pseudonym: string;
  language: string;
  token: string;
}

interface Deps {
  database: Database;
  now: () => Date;
  hash: Hasher;
  studies: StudiesRepository;
}

export const maxBatchSize = 5000;

/** The next free `PREFIX-0001` style pseudonyms for a study. */
export function nextPseudonyms(existing: string[], prefix: string, count: number): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  const highest = existing.reduce((max, p) => Math.max(max, Number(pattern.exec(p)?.[1] ?? 0)), 0);
  const width = Math.max(4, String(highest + count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(highest + i + 1).padStart(width, '0')}`);
}

function checkLanguage(language: string): void {
  if (!(locales as readonly string[]).includes(language)) throw new AppError('validation_failed', `Unknown language ${language}.`, { reason: 'unknown_language' });
}

/**
 * Makes `count` participants with fresh tokens in one transaction; audited. Only keyed hashes of
 * the tokens are stored; the raw tokens are returned once, for the letters.
 * `language` sets every participant's language; `languages` sets them one by one.
 */
export async function createBatch(
  deps: Deps,
  { studyId, count, language, languages, actor }: { studyId: string; count: number; language?: string | undefined; languages?: string[] | undefined; actor: Actor },
): Promise<{ batch: Batch; letters: NewLetter[] }> {
  const study = await deps.studies.findStudy(studyId);
  if (!study) throw new AppError('study_not_found', 'There is no such study.');
  if (study.kind !== 'panel') throw new AppError('conflict', 'A cross-sectional study has no participants or tokens.', { reason: 'cross_sectional' });
  if (!Number.isInteger(count) || count < 1 || count > maxBatchSize) throw new AppError('validation_failed', `A batch has 1 to ${maxBatchSize} participants.`);
  if (languages && languages.length !== count) throw new AppError('validation_failed', 'Give one language per participant.', { reason: 'one_language_each' });
  const chosen = languages ?? Array.from({ length: count }, () => language ?? 'nl');
  chosen.forEach(checkLanguage);
  const tokens = Array.from({ length: count }, () => generateToken());
  const { batch, participants } = await participantAdminRepositoryFor(deps.database).insertBatch(
    { studyId, size: count, language: languages ? null : (language ?? 'nl'), createdBy: actor.userId, createdAt: deps.now() },
    (taken) => nextPseudonyms(taken, studyId.toUpperCase(), count).map((pseudonym, i) => ({ pseudonym, tokenHash: deps.hash('token', tokens[i]!), language: chosen[i]! })),
  );
  await recordAudit({ ...deps, ...actor, action: 'token_batch', studyId, detail: { batchId: batch.id, count: batch.size, language: batch.language } });
  return { batch, letters: participants.map((p, i) => ({ participantId: p.id, pseudonym: p.pseudonym, language: p.language, token: tokens[i]! })) };
}

const withdrawn = () => new AppError('conflict', 'This participant has withdrawn.', { reason: 'withdrawn' });

async function activeParticipant(deps: Pick<Deps, 'database'>, studyId: string, participantId: number) {
  const participant = await participantAdminRepositoryFor(deps.database).find(studyId, participantId);
  if (!participant) throw new AppError('not_found', 'There is no such participant in this study.');
  if (participant.status === 'withdrawn') throw withdrawn();
  return participant;
}

/** A new token for a lost letter: the old token stops working at once (its hash is replaced); audited. */
export async function reissueToken(deps: Deps, { studyId, participantId, actor }: { studyId: string; participantId: number; actor: Actor }): Promise<NewLetter> {
  const participant = await activeParticipant(deps, studyId, participantId);
  const token = generateToken();
  await participantAdminRepositoryFor(deps.database).replaceTokenHash(participant.id, deps.hash('token', token));
  await recordAudit({ ...deps, ...actor, action: 'token_reissue', studyId, detail: { pseudonym: participant.pseudonym } });
  return { participantId: participant.id, pseudonym: participant.pseudonym, language: participant.language, token };
}

/**
 * New codes for every active participant of a batch who has not started any wave (their letters
 * were lost, or never arrived): one transaction, the old codes stop working at once; audited.
 */
export async function newCodesForNotStarted(deps: Deps, { studyId, batchId, actor }: { studyId: string; batchId: number; actor: Actor }): Promise<NewLetter[]> {
  const admin = participantAdminRepositoryFor(deps.database);
  if (!(await admin.batchesOf(studyId)).some((b) => b.id === batchId)) throw new AppError('not_found', 'There is no such batch in this study.');
  const tokens = new Map<number, string>();
  const changed = await admin.replaceTokenHashesOfNotStarted(studyId, batchId, (participantId) => {
    const token = generateToken();
    tokens.set(participantId, token);
    return deps.hash('token', token);
  });
  if (changed.length === 0) throw new AppError('conflict', 'Everyone of this batch has started (or withdrawn): there is nobody to send a new code.');
  await recordAudit({ ...deps, ...actor, action: 'token_new_codes', studyId, detail: { batchId, count: changed.length } });
  return changed.map((p) => ({ participantId: p.id, pseudonym: p.pseudonym, language: p.language, token: tokens.get(p.id)! }));
}

/** Who withdraws a participant: a researcher, the command line, or the respondent themselves (no account). */
export type Withdrawer = Actor | { userId: null };

/**
 * Deletes the participant's responses in every wave and their register data; the pseudonym stays,
 * marked withdrawn. On SQLite the deleted bytes are gone from the database file and its WAL
 * afterwards. Audited, with `how` (e.g. by token) added to the entry's detail.
 */
export async function withdrawParticipant(
  deps: Pick<Deps, 'database' | 'now'>,
  { studyId, participantId, by, how = {} }: { studyId: string; participantId: number; by: Withdrawer; how?: Record<string, string> },
) {
  const participant = await activeParticipant(deps, studyId, participantId);
  const result = await participantAdminRepositoryFor(deps.database).withdraw(participant.id, deps.now());
  if (!result) throw withdrawn();
  const withdrawal = { pseudonym: participant.pseudonym, ...result };
  await recordAudit({ ...deps, ...by, action: 'participant_withdraw', studyId, detail: { ...withdrawal, ...how } });
  return withdrawal;
}

export const maxPageSize = 200;

/** One page (from 1) of a study's participants, searched by pseudonym and filtered by status, with the total that matches. */
export async function listParticipants(
  deps: Pick<Deps, 'database'>,
  filter: ParticipantFilter & { page: number; pageSize: number },
): Promise<{ participants: ParticipantRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(filter.pageSize, 1), maxPageSize);
  const page = Math.max(filter.page, 1);
  const { rows, total } = await participantAdminRepositoryFor(deps.database).list({ ...filter, offset: (page - 1) * pageSize, limit: pageSize });
  return { participants: rows, total, page, pageSize };
}

export async function listBatches(deps: Pick<Deps, 'database'>, studyId: string): Promise<Batch[]> {
  return participantAdminRepositoryFor(deps.database).batchesOf(studyId);
}
