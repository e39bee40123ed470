import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { savedRecordings, savedTranslations, translationRevisions } from '../db/schema.ts';

export type SavedTranslation = typeof savedTranslations.$inferSelect;
export type SavedRecording = typeof savedRecordings.$inferSelect;
/** A recording without its bytes: what a server holds of every one. */
export type RecordingRow = Omit<SavedRecording, 'audio'>;
export type TranslationFile = Pick<SavedTranslation, 'lang' | 'namespace'>;
export type FileRevision = TranslationFile & { revision: number };

/** Everything saved of one language's file, as of `revision`. */
export interface SavedFile {
  revision: number;
  translations: SavedTranslation[];
  recordings: RecordingRow[];
}

const { audio: _audio, ...recordingRow } = getTableColumns(savedRecordings);

const ofFile = (table: typeof savedTranslations | typeof savedRecordings | typeof translationRevisions, { lang, namespace }: TranslationFile) =>
  and(eq(table.lang, lang), eq(table.namespace, namespace));

/**
 * Translations and recordings saved in the translator workspace, for every server on the database;
 * the PostgreSQL twin is translations.repository.pg.ts. Each save moves its file's revision on in
 * the same transaction, so a server that reads the revisions knows which files to read again.
 */
export function createTranslationsRepository({ db }: { db: Db }) {
  type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
  const nextRevision = (tx: Tx, file: TranslationFile) =>
    tx
      .insert(translationRevisions)
      .values({ ...file, revision: 1 })
      .onConflictDoUpdate({ target: [translationRevisions.lang, translationRevisions.namespace], set: { revision: sql`${translationRevisions.revision} + 1` } })
      .run();
  return {
    async revisions(): Promise<FileRevision[]> {
      return db.select().from(translationRevisions).all();
    },
    async file(file: TranslationFile): Promise<SavedFile> {
      return db.transaction((tx) => ({
        revision: tx.select({ revision: translationRevisions.revision }).from(translationRevisions).where(ofFile(translationRevisions, file)).get()?.revision ?? 0,
        translations: tx.select().from(savedTranslations).where(ofFile(savedTranslations, file)).all(),
        recordings: tx.select(recordingRow).from(savedRecordings).where(ofFile(savedRecordings, file)).all(),
      }));
    },
    /** Saves keys of one file (their translation and status; `text` null: removed) as its next revision. */
    async saveTranslations(file: TranslationFile, rows: Omit<SavedTranslation, 'lang' | 'namespace'>[]): Promise<void> {
      db.transaction((tx) => {
        nextRevision(tx, file);
        for (const row of rows) {
          tx.insert(savedTranslations)
            .values({ ...file, ...row })
            .onConflictDoUpdate({ target: [savedTranslations.lang, savedTranslations.namespace, savedTranslations.key], set: row })
            .run();
        }
      });
    },
    /** Saves one key's recording as its file's next revision. */
    async saveRecording(row: SavedRecording): Promise<void> {
      db.transaction((tx) => {
        nextRevision(tx, row);
        tx.insert(savedRecordings).values(row).onConflictDoUpdate({ target: [savedRecordings.lang, savedRecordings.namespace, savedRecordings.key], set: row }).run();
      });
    },
    async audio(recording: TranslationFile & Pick<SavedRecording, 'file'>): Promise<Buffer | undefined> {
      return db
        .select({ audio: savedRecordings.audio })
        .from(savedRecordings)
        .where(and(ofFile(savedRecordings, recording), eq(savedRecordings.file, recording.file)))
        .get()?.audio;
    },
  };
}
