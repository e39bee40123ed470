import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL schema: the same tables, columns, names, keys and indexes as the SQLite schema in
 * `schema.ts` (where each column is explained); `migrations/pg/` is generated from it by drizzle-kit,
 * and test/server/schema-dialects.test.ts keeps the two in step.
 *
 * Moments are `timestamptz(3)`: milliseconds, exactly what SQLite's epoch integers and a JavaScript
 * Date hold, so every value reads back as the same Date on both dialects and exports and hashes
 * agree. JSON stays `text` (not `jsonb`, which reorders keys and drops spaces) so stored answers are
 * byte for byte what the respondent's submission produced.
 */

const moment = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
/** Bytes as node-postgres reads and writes them. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const createdAt = () => moment('created_at').notNull();
/** By default, not always: `migrate-to-postgres` copies ids as they are. */
const serialId = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const studies = pgTable('studies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['panel', 'cross'] }).notNull(),
  pilot: boolean('pilot').notNull().default(false),
  archivedAt: moment('archived_at'),
  definitionRevision: integer('definition_revision').notNull().default(0),
  createdAt: createdAt(),
});

export const waves = pgTable(
  'waves',
  {
    id: serialId(),
    studyId: text('study_id').notNull().references(() => studies.id),
    code: text('code').notNull(),
    surveyId: text('survey_id').notNull(),
    surveyVersion: integer('survey_version').notNull(),
    opensAt: moment('opens_at').notNull(),
    closesAt: moment('closes_at').notNull(),
  },
  (t) => [uniqueIndex('waves_study_code').on(t.studyId, t.code)],
);

export const participants = pgTable(
  'participants',
  {
    id: serialId(),
    studyId: text('study_id').notNull().references(() => studies.id),
    pseudonym: text('pseudonym').notNull(),
    tokenHash: text('token_hash').notNull(),
    language: text('language').notNull().default('nl'),
    status: text('status', { enum: ['active', 'withdrawn'] }).notNull().default('active'),
    batchId: integer('batch_id'),
    createdAt: createdAt(),
    withdrawnAt: moment('withdrawn_at'),
  },
  (t) => [uniqueIndex('participants_study_pseudonym').on(t.studyId, t.pseudonym), uniqueIndex('participants_token_hash').on(t.tokenHash)],
);

export const responses = pgTable(
  'responses',
  {
    id: text('id').primaryKey(),
    studyId: text('study_id').notNull().references(() => studies.id),
    waveId: integer('wave_id').notNull().references(() => waves.id),
    participantId: integer('participant_id').references(() => participants.id),
    surveyId: text('survey_id').notNull(),
    surveyVersion: integer('survey_version').notNull(),
    locale: text('locale').notNull(),
    channel: text('channel', { enum: ['web', 'kiosk'] }).notNull(),
    answers: text('answers').notNull().default('{}'),
    pageNo: integer('page_no').notNull().default(0),
    variables: text('variables').notNull().default('{}'),
    startedAt: moment('started_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
    completedAt: moment('completed_at'),
    test: boolean('test').notNull().default(false),
  },
  (t) => [
    uniqueIndex('responses_one_per_participant_wave')
      .on(t.waveId, t.participantId)
      .where(sql`${t.participantId} IS NOT NULL`),
    index('responses_study_wave').on(t.studyId, t.waveId),
  ],
);

export const submissions = pgTable(
  'submissions',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    submissionId: text('submission_id').notNull(),
    contentHash: text('content_hash').notNull(),
    pageNo: integer('page_no').notNull(),
    completes: boolean('completes').notNull(),
    receivedAt: moment('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.submissionId] })],
);

export const registerData = pgTable('register_data', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  values: text('values').notNull().default('{}'),
  importedAt: moment('imported_at').notNull(),
});

export const users = pgTable('users', {
  id: serialId(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'researcher', 'translator'] }).notNull(),
  createdAt: createdAt(),
  disabledAt: moment('disabled_at'),
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  totpLastStep: integer('totp_last_step'),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: moment('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const accountLinks = pgTable('account_links', {
  codeHash: text('code_hash').primaryKey(),
  purpose: text('purpose', { enum: ['setup', 'reset'] }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: moment('expires_at').notNull(),
  usedAt: moment('used_at'),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const studyMembers = pgTable(
  'study_members',
  {
    studyId: text('study_id')
      .notNull()
      .references(() => studies.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.userId] })],
);

export const translatorLanguages = pgTable(
  'translator_languages',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    reviewer: boolean('reviewer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lang] })],
);

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: moment('last_seen_at').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: serialId(),
    at: moment('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    studyId: text('study_id'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowEndsAt: moment('window_ends_at').notNull(),
    blockedUntil: moment('blocked_until'),
    busyUntil: moment('busy_until'),
  },
  (t) => [index('rate_limits_window_ends_at').on(t.windowEndsAt)],
);

export const kiosks = pgTable('kiosks', {
  id: serialId(),
  label: text('label').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: moment('revoked_at'),
});

export const participantBatches = pgTable('participant_batches', {
  id: serialId(),
  studyId: text('study_id')
    .notNull()
    .references(() => studies.id),
  size: integer('size').notNull(),
  language: text('language'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const letterSets = pgTable(
  'letter_sets',
  {
    id: text('id').primaryKey(),
    studyId: text('study_id')
      .notNull()
      .references(() => studies.id),
    kind: text('kind', { enum: ['batch', 'reissue', 'restart'] }).notNull(),
    batchId: integer('batch_id'),
    count: integer('count').notNull(),
    sealed: text('sealed').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: moment('expires_at').notNull(),
  },
  (t) => [index('letter_sets_study').on(t.studyId)],
);

export const surveyVersions = pgTable(
  'survey_versions',
  {
    surveyId: text('survey_id').notNull(),
    version: integer('version').notNull(),
    definition: text('definition').notNull(),
    publishedAt: moment('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.version] })],
);

export const studyDefinitions = pgTable('study_definitions', {
  studyId: text('study_id')
    .primaryKey()
    .references(() => studies.id, { onDelete: 'cascade' }),
  definition: text('definition').notNull(),
  revision: integer('revision').notNull(),
  savedAt: moment('saved_at').notNull(),
});

export const translationRevisions = pgTable(
  'translation_revisions',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace] })],
);

export const savedTranslations = pgTable(
  'saved_translations',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    text: text('text'),
    state: text('state', { enum: ['draft', 'translated', 'reviewed'] }),
    source: text('source'),
    savedAt: moment('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace, t.key] })],
);

export const savedRecordings = pgTable(
  'saved_recordings',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    file: text('file').notNull(),
    type: text('type').notNull(),
    source: text('source').notNull(),
    audio: bytea('audio').notNull(),
    savedAt: moment('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace, t.key] })],
);
