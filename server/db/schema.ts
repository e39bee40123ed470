import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The single schema of the platform. `migrations/` is generated from it by drizzle-kit. */

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

export const studies = sqliteTable('studies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** `panel`: a token is required and waves are linked; `cross`: anonymous, one-off. */
  kind: text('kind', { enum: ['panel', 'cross'] }).notNull(),
  createdAt: createdAt(),
});

export const waves = sqliteTable(
  'waves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    studyId: text('study_id').notNull().references(() => studies.id),
    code: text('code').notNull(),
    surveyId: text('survey_id').notNull(),
    surveyVersion: integer('survey_version').notNull(),
    opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('waves_study_code').on(t.studyId, t.code)],
);

export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    studyId: text('study_id').notNull().references(() => studies.id),
    pseudonym: text('pseudonym').notNull(),
    /** HMAC-SHA256 of the normalised token with the server secret; the raw token is never stored. */
    tokenHash: text('token_hash').notNull(),
    /** Language for letters and the first screen. */
    language: text('language').notNull().default('nl'),
    status: text('status', { enum: ['active', 'withdrawn'] }).notNull().default('active'),
    batchId: integer('batch_id'),
    createdAt: createdAt(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('participants_study_pseudonym').on(t.studyId, t.pseudonym), uniqueIndex('participants_token_hash').on(t.tokenHash)],
);

export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    studyId: text('study_id').notNull().references(() => studies.id),
    waveId: integer('wave_id').notNull().references(() => waves.id),
    /** Null for an anonymous (cross-sectional) response. */
    participantId: integer('participant_id').references(() => participants.id),
    surveyId: text('survey_id').notNull(),
    surveyVersion: integer('survey_version').notNull(),
    locale: text('locale').notNull(),
    channel: text('channel', { enum: ['web', 'kiosk'] }).notNull(),
    /** Answers merged page by page, as SurveyJS data (JSON). */
    answers: text('answers').notNull().default('{}'),
    pageNo: integer('page_no').notNull().default(0),
    /** SurveyJS variables the server set at the start (e.g. `background_known`), as JSON. */
    variables: text('variables').notNull().default('{}'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('responses_one_per_participant_wave')
      .on(t.waveId, t.participantId)
      .where(sql`${t.participantId} IS NOT NULL`),
    index('responses_study_wave').on(t.studyId, t.waveId),
  ],
);

/** Every accepted submission, keyed by the id the client made, so that a retry is stored once. */
export const submissions = sqliteTable(
  'submissions',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    submissionId: text('submission_id').notNull(),
    contentHash: text('content_hash').notNull(),
    pageNo: integer('page_no').notNull(),
    completes: integer('completes', { mode: 'boolean' }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.submissionId] })],
);

/** Data from the municipality, per pseudonym (see instrument.md). */
export const registerData = sqliteTable('register_data', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  diagnosisAdvice: text('diagnosis_advice', { enum: ['short', 'long'] }),
  statusHolder: integer('status_holder', { mode: 'boolean' }),
  nationality: text('nationality'),
  ageBand: text('age_band', { enum: ['18-26', '27-40', '41-54', '55-67'] }),
  importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'researcher', 'translator'] }).notNull(),
  createdAt: createdAt(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
});

export const studyMembers = sqliteTable(
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

/** The languages a translator may work on (given by an admin); `reviewer` may also mark strings reviewed. */
export const translatorLanguages = sqliteTable(
  'translator_languages',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    reviewer: integer('reviewer', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lang] })],
);

export const sessions = sqliteTable('sessions', {
  /** SHA-256 of the cookie value; the cookie value itself is never stored. */
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    studyId: text('study_id'),
    /** JSON with what was done; never a raw token, name or address. */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** A batch of participants made at once (their letters are printed together). */
export const participantBatches = sqliteTable('participant_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  studyId: text('study_id')
    .notNull()
    .references(() => studies.id),
  size: integer('size').notNull(),
  /** The letters' second language, or null when each participant's own language is used. */
  language: text('language'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
});
