import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants, studies, waves } from '../db/schema.ts';

export type Study = typeof studies.$inferSelect;
export type Wave = typeof waves.$inferSelect;
export type NewWave = typeof waves.$inferInsert;

/** A study with its waves, earliest first. */
export interface StudyWithWaves {
  study: Study;
  waves: Wave[];
}

/** Studies with their waves and participants, inserted together. */
export interface StudiesSeed {
  studies: (typeof studies.$inferInsert)[];
  waves: NewWave[];
  participants: (typeof participants.$inferInsert)[];
}

/** The studies repository on SQLite: asynchronous like its PostgreSQL twin, synchronous inside. */
export function createStudiesRepository({ db }: { db: Db }) {
  // Read on every session start: prepared once (building and preparing them per start cost more than running them).
  const studyById = db
    .select()
    .from(studies)
    .where(eq(studies.id, sql.placeholder('id')))
    .prepare();
  const wavesOfStudy = db
    .select()
    .from(waves)
    .where(eq(waves.studyId, sql.placeholder('studyId')))
    .orderBy(asc(waves.opensAt))
    .prepare();
  return {
    async findStudy(id: string): Promise<Study | undefined> {
      return studyById.get({ id });
    },
    /** The study and its waves, as every session start needs them. */
    async findStudyWithWaves(id: string): Promise<StudyWithWaves | undefined> {
      const study = studyById.get({ id });
      return study && { study, waves: wavesOfStudy.all({ studyId: id }) };
    },
    async listStudies(): Promise<Study[]> {
      return db.select().from(studies).orderBy(asc(studies.id)).all();
    },
    async wavesOf(studyId: string): Promise<Wave[]> {
      return wavesOfStudy.all({ studyId });
    },
    async findWave(id: number): Promise<Wave | undefined> {
      return db.select().from(waves).where(eq(waves.id, id)).get();
    },
    async insertStudy(study: typeof studies.$inferInsert): Promise<void> {
      db.insert(studies).values(study).run();
    },
    async updateStudy(id: string, change: Partial<Pick<Study, 'name'>>): Promise<Study | undefined> {
      return db.update(studies).set(change).where(eq(studies.id, id)).returning().get();
    },
    async insertWave(wave: NewWave): Promise<Wave> {
      return db.insert(waves).values(wave).returning().get();
    },
    async updateWave(id: number, change: Partial<Pick<Wave, 'surveyId' | 'surveyVersion' | 'opensAt' | 'closesAt'>>): Promise<Wave | undefined> {
      return db.update(waves).set(change).where(eq(waves.id, id)).returning().get();
    },
    /**
     * Inserts the seed's studies, waves and participants in one transaction, unless its first study
     * exists already (then nothing); true when it inserted. Servers starting at once seed once.
     */
    async seedOnce(seed: StudiesSeed): Promise<boolean> {
      return db.transaction((tx) => {
        const [first, ...rest] = seed.studies;
        if (!first || tx.insert(studies).values(first).onConflictDoNothing().returning({ id: studies.id }).all().length === 0) return false;
        if (rest.length > 0) tx.insert(studies).values(rest).run();
        if (seed.waves.length > 0) tx.insert(waves).values(seed.waves).run();
        if (seed.participants.length > 0) tx.insert(participants).values(seed.participants).run();
        return true;
      });
    },
  };
}

/** The studies repository's contract, the same on both dialects (studies.repository.pg.ts). */
export type StudiesRepository = ReturnType<typeof createStudiesRepository>;
