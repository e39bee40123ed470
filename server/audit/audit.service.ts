import type { Db } from '../db/connection.ts';
import { createAuditRepository, type AuditEntry } from './audit.repository.ts';

/**
 * The audit log: who did what, when. Every sign-in, export, token batch, reissue, withdrawal,
 * import and wave change calls `recordAudit`. `detail` must never hold a raw token, a name or an
 * address: counts, ids, pseudonyms and formats only.
 *
 * Actions in use: `sign_in`, `sign_in_failed`, `sign_out`, `user_create`, `user_disable`,
 * `member_add`, `member_remove`, `study_create`, `study_update`, `study_pilot`, `test_responses_delete`,
 * `study_archive`, `study_delete`, `wave_create`, `wave_update`,
 * `wave_open`, `wave_close`, `token_batch`, `letters_served`, `tokens_downloaded`, `letters_destroyed`,
 * `token_reissue`, `token_new_codes`, `participant_withdraw`, `register_import`, `reminder_list`, `survey_publish`,
 * `user_languages`, `translation_save`, `translation_review`, `backup`, and `export`
 * (written by the exports module).
 *
 * Actions from the CLI have no user (`userId` null) and `via: 'cli'` in their detail.
 *
 * Call it with the services spread in: `recordAudit({ ...app.services, userId, action, studyId, detail })`.
 */
export function recordAudit({
  db,
  now,
  userId,
  action,
  studyId = null,
  detail = {},
}: {
  db: Db;
  now: () => Date;
  userId: number | null;
  action: string;
  studyId?: string | null;
  detail?: Record<string, unknown>;
}): void {
  createAuditRepository({ db }).insert({ at: now(), userId, action, studyId, detail: JSON.stringify(detail) });
}

export function listAudit({
  db,
  studyId,
  action,
  before,
  limit = 100,
}: {
  db: Db;
  studyId?: string | undefined;
  action?: string | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}): AuditEntry[] {
  return createAuditRepository({ db }).list({ studyId, action, before, limit: Math.min(Math.max(limit, 1), 500) });
}
