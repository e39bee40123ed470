import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { appNamespace, readStrings } from '../i18n/catalog.ts';
import type { ServedTranslations } from '../i18n/saved-translations.ts';
import { lookUpToken } from '../responses/responses.service.ts';
import { sourceLocale } from '../surveys/localization.ts';
import type { Hasher } from '../tokens/token-hash.ts';
import { participantAdminRepositoryFor } from './participant-admin.repository.pg.ts';
import { withdrawParticipant, type Withdrawer } from './participant-admin.service.ts';
import type { ParticipantsRepository } from './participants.repository.ts';

/**
 * Withdrawal by the token of the letter: a participant shows their letter to a researcher, or
 * types the code themselves. The token is only hashed and looked up, never kept; what follows is
 * the same withdrawal as by pseudonym (responses in every wave and register data deleted, the
 * pseudonym kept, marked withdrawn), so the token stops working at once.
 */

interface Deps {
  database: Database;
  now: () => Date;
  hash: Hasher;
  participants: ParticipantsRepository;
}

export interface TokenHolder {
  studyId: string;
  participantId: number;
  pseudonym: string;
}

/** Unknown, malformed, withdrawn and other-study tokens all get this one answer. */
const tokenInvalid = () => new AppError('token_invalid', 'This code is not known. Check the letter and try again.');

/** The active participant holding `token`; with `studyId`, only one of that study. */
export async function findByToken(deps: Pick<Deps, 'database' | 'hash' | 'participants'>, { token, studyId }: { token: string; studyId?: string | undefined }): Promise<TokenHolder> {
  const lookup = await lookUpToken(deps, token);
  if (!lookup.ok || (studyId !== undefined && lookup.studyId !== studyId)) throw tokenInvalid();
  const participant = await participantAdminRepositoryFor(deps.database).find(lookup.studyId, lookup.participantId);
  if (!participant) throw tokenInvalid();
  return { studyId: participant.studyId, participantId: participant.id, pseudonym: participant.pseudonym };
}

/**
 * Withdraws the participant holding `token`, audited as done by `by` (a researcher, or the
 * respondent themselves); the withdrawal itself checks, in its transaction, that they are still active.
 */
export async function withdrawByToken(
  deps: Deps,
  { by, ...request }: { token: string; studyId?: string | undefined; by: Withdrawer },
): Promise<TokenHolder & { responsesDeleted: number }> {
  const holder = await findByToken(deps, request);
  const how: Record<string, string> = by.userId === null && !('via' in by) ? { by: 'respondent' } : { by: 'researcher', via: 'token' };
  const { responsesDeleted } = await withdrawParticipant(deps, { studyId: holder.studyId, participantId: holder.participantId, by, how });
  return { ...holder, responsesDeleted };
}

const bundledLocales = path.join(projectRoot, 'locales');
const doneKey = 'withdrawal.done';

/**
 * The respondent's result message in their language, from the app's strings as served
 * (`locales/<lang>/app.json` with what was saved in the workspace over it), falling back to Dutch
 * (and to the app's own locales when the configured folder has no app strings).
 */
export function withdrawalDoneMessage(translations: ServedTranslations, locale: string): string {
  const strings = [(lang: string) => translations.strings(lang, appNamespace), (lang: string) => readStrings(bundledLocales, lang, appNamespace)];
  for (const stringsIn of strings) {
    for (const lang of [locale, sourceLocale]) {
      const text = stringsIn(lang)[doneKey];
      if (text) return text;
    }
  }
  return '';
}
