import type { AuditEntry } from '../../../../shared/contract/audit.ts';
import type { TFunction } from '../../lib/i18n.ts';

export type { AuditEntry };

/** The actions the log holds, in the order the filter offers them; each is `audit.actions.<action>` and `audit.describe.<action>` in the catalog. */
export const auditActions = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'account_setup',
  'password_change',
  'password_reset_link',
  'password_reset',
  'second_factor_enable',
  'second_factor_remove',
  'user_create',
  'user_disable',
  'member_add',
  'member_remove',
  'study_create',
  'study_update',
  'study_pilot',
  'test_responses_delete',
  'study_archive',
  'study_delete',
  'letter_texts_change',
  'wave_create',
  'wave_update',
  'wave_open',
  'wave_close',
  'token_batch',
  'letters_served',
  'tokens_downloaded',
  'letters_destroyed',
  'token_reissue',
  'token_new_codes',
  'participant_withdraw',
  'register_import',
  'reminder_list',
  'survey_publish',
  'kiosk_enrol',
  'kiosk_revoke',
  'user_languages',
  'translation_save',
  'translation_review',
  'recording_save',
  'report_view',
  'export',
  'audit_export',
  'settings_change',
  'backup',
] as const;

/**
 * A log entry as a sentence in the workspace's language ("Created the account of rita"), from its
 * action and details; a variant where a detail changes the meaning (re-enabling, a respondent's own
 * withdrawal). An action this version does not know is shown by its code.
 */
export function describeEntry(entry: AuditEntry, t: TFunction, username: (id: number) => string): string {
  const detail = entry.detail;
  let key = entry.action;
  if (key === 'user_disable' && detail.disabled === false) key = 'user_enable';
  if (key === 'participant_withdraw' && detail.by === 'respondent') key = 'participant_withdraw_self';
  if (key === 'sign_in' && detail.recoveryCode === true) key = 'sign_in_recovery';
  if (key === 'study_pilot' && detail.pilot === false) key = 'study_pilot_end';
  const values: Record<string, unknown> = Object.fromEntries(Object.entries(detail).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  if (typeof detail.userId === 'number') values.user = username(detail.userId);
  if (typeof detail.wave === 'object' && detail.wave !== null) values.wave = (detail.wave as { code?: unknown }).code;
  if (typeof detail.after === 'object' && detail.after !== null) values.wave = (detail.after as { code?: unknown }).code;
  return t(`audit.describe.${key}`, { ...values, defaultValue: entry.action });
}
