import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { savedRecordings, savedTranslations, translationRevisions } from '../db/schema.pg.ts';
import { createTranslationsRepository, type TranslationFile } from './translations.repository.ts';

export type TranslationsRepository = Promised<ReturnType<typeof createTranslationsRepository>>;

const { audio: _audio, ...recordingRow } = getTableColumns(savedRecordings);

const ofFile = (table: typeof savedTranslations | typeof savedRecordings | typeof translationRevisions, { lang, namespace }: TranslationFile) =>
  and(eq(table.lang, lang), eq(table.namespace, namespace));

/** The translations and recordings saved in the workspace on PostgreSQL; the same contract as the SQLite one in translations.repository.ts. */
export function createTranslationsPgRepository({ db }: { db: PgDb }): TranslationsRepository {
  type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
  // The revision row is locked until the save commits: two saves of one file get two revisions, in the order they commit.
  const nextRevision = (tx: Tx, file: TranslationFile) =>
    tx
      .insert(translationRevisions)
      .values({ ...file, revision: 1 })
      .onConflictDoUpdate({ target: [translationRevisions.lang, translationRevisions.namespace], set: { revision: sql`${translationRevisions.revision} + 1` } });
  return {
    async revisions() {
      return db.select().from(translationRevisions);
    },
    async file(file) {
      // The revision first: rows read after it are at least that new (a later revision is read again at the next look).
      const [row] = await db.select({ revision: translationRevisions.revision }).from(translationRevisions).where(ofFile(translationRevisions, file));
      return {
        revision: row?.revision ?? 0,
        translations: await db.select().from(savedTranslations).where(ofFile(savedTranslations, file)),
        recordings: await db.select(recordingRow).from(savedRecordings).where(ofFile(savedRecordings, file)),
      };
    },
    async saveTranslations(file, rows) {
      await db.transaction(async (tx) => {
        await nextRevision(tx, file);
        for (const row of rows) {
          await tx
            .insert(savedTranslations)
            .values({ ...file, ...row })
            .onConflictDoUpdate({ target: [savedTranslations.lang, savedTranslations.namespace, savedTranslations.key], set: row });
        }
      });
    },
    async saveRecording(row) {
      await db.transaction(async (tx) => {
        await nextRevision(tx, row);
        await tx.insert(savedRecordings).values(row).onConflictDoUpdate({ target: [savedRecordings.lang, savedRecordings.namespace, savedRecordings.key], set: row });
      });
    },
    async audio(recording) {
      const [row] = await db
        .select({ audio: savedRecordings.audio })
        .from(savedRecordings)
        .where(and(ofFile(savedRecordings, recording), eq(savedRecordings.file, recording.file)));
      return row?.audio;
    },
  };
}

export const translationsRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createTranslationsRepository, postgres: createTranslationsPgRepository });
