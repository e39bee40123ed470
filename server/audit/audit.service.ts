import type { Database } from '../db/database.ts';
import { byteOrderMark, csvLine, standardDialect } from '../shared/csv.ts';
import type { AuditEntry, AuditFilter } from './audit.repository.ts';
import { auditRepositoryFor } from './audit.repository.pg.ts';

/**
 * The audit log: who did what, when. Every sign-in, export, token batch, reissue, withdrawal,
 * import and wave change calls `recordAudit`. `detail` must never hold a raw token, a name or an
 * address: counts, ids, pseudonyms and formats only.
 *
 * Actions in use: `sign_in`, `sign_in_failed`, `sign_out`, `account_setup`, `password_change`,
 * `password_reset_link`, `password_reset`, `second_factor_enable`, `second_factor_remove`,
 * `settings_change`, `audit_export`, `report_view`, `user_create`, `user_disable`,
 * `member_add`, `member_remove`, `study_create`, `study_update`, `study_pilot`, `test_responses_delete`,
 * `study_archive`, `study_delete`, `letter_texts_change`, `kiosk_enrol`, `kiosk_revoke`, `wave_create`, `wave_update`,
 * `wave_open`, `wave_close`, `token_batch`, `letters_served`, `tokens_downloaded`, `letters_destroyed`,
 * `token_reissue`, `token_new_codes`, `participant_withdraw`, `register_import`, `reminder_list`, `survey_publish`,
 * `user_languages`, `translation_save`, `translation_review`, `recording_save`, `backup`, and `export`
 * (written by the exports module).
 *
 * Actions from the CLI have no user (`userId` null) and `via: 'cli'` in their detail.
 *
 * The use cases record their own actions, so the routes and the CLI write the same rows; they
 * receive the `Actor` and spread it in: `recordAudit({ database, now, ...actor, action, studyId, detail })`.
 */
export type Actor = { userId: number } | typeof commandLine;

/** The operator at the command line: no account, and `via: 'cli'` in the detail. */
export const commandLine = { userId: null, via: 'cli' } as const;

export async function recordAudit({
  database,
  now,
  action,
  studyId = null,
  detail = {},
  userId,
  via,
}: {
  database: Database;
  now: () => Date;
  action: string;
  studyId?: string | null;
  detail?: Record<string, unknown>;
} & ({ userId: number | null; via?: undefined } | typeof commandLine)): Promise<void> {
  const recorded = via === undefined ? detail : { ...detail, via };
  await auditRepositoryFor(database).insert({ at: now(), userId, action, studyId, detail: JSON.stringify(recorded) });
}

export async function listAudit({ database, before, limit = 100, ...filter }: { database: Database; before?: number | undefined; limit?: number | undefined } & AuditFilter): Promise<AuditEntry[]> {
  return auditRepositoryFor(database).list({ ...filter, before, limit: Math.min(Math.max(limit, 1), 500) });
}

const csvHeader = ['id', 'at', 'username', 'action', 'study', 'detail'];

/** An admin downloads the filtered log as CSV: audited (`audit_export`, with the filter) before the first line is read. */
export async function exportAudit({ database, now, actor, filter }: { database: Database; now: () => Date; actor: Actor; filter: AuditFilter }): Promise<AsyncGenerator<string>> {
  await recordAudit({ database, now, ...actor, action: 'audit_export', detail: { ...filter } });
  return auditCsv({ database, ...filter });
}

/**
 * The filtered log as CSV (newest first, every entry, read in pages so memory stays flat), for the
 * records of the team or an inspection; formulas are neutralised as in every export.
 */
async function* auditCsv({ database, ...filter }: { database: Database } & AuditFilter): AsyncGenerator<string> {
  yield byteOrderMark + csvLine(csvHeader, standardDialect);
  let before: number | undefined;
  for (;;) {
    const page = await listAudit({ database, ...filter, before, limit: 500 });
    for (const e of page) yield csvLine([e.id, e.at.toISOString(), e.username ?? 'command line', e.action, e.studyId, JSON.stringify(e.detail)], standardDialect);
    if (page.length < 500) return;
    before = page.at(-1)!.id;
  }
}
