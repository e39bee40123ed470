import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The single schema of the platform. `migrations/` is generated from it by drizzle-kit. */

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

export const studies = sqliteTable('studies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** `panel`: a token is required and waves are linked; `cross`: anonymous, one-off. */
  kind: text('kind', { enum: ['panel', 'cross'] }).notNull(),
  /** In pilot mode every new response is a test response, deletable in one audited action. */
  pilot: integer('pilot', { mode: 'boolean' }).notNull().default(false),
  /** An archived study keeps its data but takes no responses and no changes. */
  archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  /**
   * How many times the study's definition was saved in the workspace (see `studyDefinitions`); 0:
   * never, its definition is its file in `studies/` or the defaults. Read with the row, it tells
   * every server whether the definition it holds is the current one.
   */
  definitionRevision: integer('definition_revision').notNull().default(0),
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
    /** Given while the study was in pilot mode: left out of exports, reports and fieldwork. */
    test: integer('test', { mode: 'boolean' }).notNull().default(false),
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

/**
 * Data from the municipality, per pseudonym: the columns the study definition declares, as a JSON
 * object of column name to value (null when not known).
 */
export const registerData = sqliteTable('register_data', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  values: text('values').notNull().default('{}'),
  importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'researcher', 'translator'] }).notNull(),
  createdAt: createdAt(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  /** TOTP secret once the second factor is confirmed, encrypted (`sealed:...`, see second-factor-secrets.ts); null without one. */
  totpSecret: text('totp_secret'),
  /** A secret shown for enrolment, kept (encrypted the same way) until the first code confirms it. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The 30-second step of the last accepted code, so a code is accepted once. */
  totpLastStep: integer('totp_last_step'),
});

/** One-time recovery codes for the second factor; only their SHA-256 is stored. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * One-time links for the accounts: `setup` (the first admin of a fresh install, printed on the
 * server's console) and `reset` (a new password, made by an admin). Only the SHA-256 of the code
 * is stored; a link works once and until `expiresAt`.
 */
export const accountLinks = sqliteTable('account_links', {
  codeHash: text('code_hash').primaryKey(),
  purpose: text('purpose', { enum: ['setup', 'reset'] }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});

/** Settings admins change in the workspace (`key` → JSON value). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
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

/**
 * Rate limits every server shares: sign-ins per address and per account, failed token attempts
 * per address, kiosk and typed token, anonymous starts. `key` is a keyed hash of what is counted,
 * never an address, a username or a token (server/shared/window-counter.ts).
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    /** The count lapses at this moment (for an account: its failures are forgiven). */
    windowEndsAt: integer('window_ends_at', { mode: 'timestamp_ms' }).notNull(),
    /** An account's delay after failed sign-ins: no password check before this moment. */
    blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }),
    /** While one server checks the account's password; a server that dies mid-check holds it no longer. */
    busyUntil: integer('busy_until', { mode: 'timestamp_ms' }),
  },
  (t) => [index('rate_limits_window_ends_at').on(t.windowEndsAt)],
);

/** Kiosk tablets a researcher enrolled; the key lives on the tablet, only its keyed hash here. */
export const kiosks = sqliteTable('kiosks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  label: text('label').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

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

/**
 * The letters of a batch (raw tokens), kept until the researcher confirms they are printed or
 * saved, or until they expire: AES-256-GCM under a key in a file beside the token secret, never
 * readable from the database alone. A row is deleted when destroyed.
 */
export const letterSets = sqliteTable(
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
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('letter_sets_study').on(t.studyId)],
);

/**
 * Survey versions published while the platform runs (in the workspace or with `surveys publish`),
 * as the JSON text that was checked: every server on this database serves them, without a restart.
 * The versions shipped in `surveys/` are files; a published version is written there too, so the
 * folder stays a complete copy. The key decides which of two simultaneous publications wins.
 */
export const surveyVersions = sqliteTable(
  'survey_versions',
  {
    surveyId: text('survey_id').notNull(),
    version: integer('version').notNull(),
    definition: text('definition').notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.version] })],
);

/** A study's definition as last saved in the workspace (created, copied or changed), for every server on the database. */
export const studyDefinitions = sqliteTable('study_definitions', {
  studyId: text('study_id')
    .primaryKey()
    .references(() => studies.id, { onDelete: 'cascade' }),
  /** The JSON text as checked. */
  definition: text('definition').notNull(),
  /** The study's `definitionRevision` this text is. */
  revision: integer('revision').notNull(),
  savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * How many times anything of one language's file (`<lang>/<namespace>`) was saved in the translator
 * workspace: a translation, a review or a recording. Every server keeps what it serves of that file
 * with the revision it read, and reads the file's rows again when the revision has moved on.
 */
export const translationRevisions = sqliteTable(
  'translation_revisions',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace] })],
);

/**
 * A translation as saved in the workspace, over the one in `locales/<lang>/<namespace>.json` (the
 * files are what ships with the code): `text` null says it was removed (the key shows in Dutch).
 * `state` and `source` are its status (`source`: the hash of the Dutch text it was made from).
 */
export const savedTranslations = sqliteTable(
  'saved_translations',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    text: text('text'),
    state: text('state', { enum: ['draft', 'translated', 'reviewed'] }),
    source: text('source'),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace, t.key] })],
);

/**
 * A recording of a survey text as saved in the workspace, over `locales/<lang>/<survey>.audio.json`:
 * `file` is the name it is served by (its content hash and extension), `type` what its first bytes
 * say it is, `source` the hash of the Dutch text it speaks.
 */
export const savedRecordings = sqliteTable(
  'saved_recordings',
  {
    lang: text('lang').notNull(),
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    file: text('file').notNull(),
    type: text('type').notNull(),
    source: text('source').notNull(),
    audio: blob('audio', { mode: 'buffer' }).notNull(),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.namespace, t.key] })],
);
