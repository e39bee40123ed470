import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { studies, waves } from '../db/schema.ts';

export type Study = typeof studies.$inferSelect;
export type Wave = typeof waves.$inferSelect;
export type NewWave = typeof waves.$inferInsert;

export function createStudiesRepository({ db }: { db: Db }) {
  return {
    findStudy(id: string): Study | undefined {
      return db.select().from(studies).where(eq(studies.id, id)).get();
    },
    listStudies(): Study[] {
      return db.select().from(studies).orderBy(asc(studies.id)).all();
    },
    wavesOf(studyId: string): Wave[] {
      return db.select().from(waves).where(eq(waves.studyId, studyId)).orderBy(asc(waves.opensAt)).all();
    },
    findWave(id: number): Wave | undefined {
      return db.select().from(waves).where(eq(waves.id, id)).get();
    },
    insertStudy(study: typeof studies.$inferInsert): void {
      db.insert(studies).values(study).run();
    },
    updateStudy(id: string, change: Partial<Pick<Study, 'name'>>): Study | undefined {
      return db.update(studies).set(change).where(eq(studies.id, id)).returning().get();
    },
    insertWave(wave: NewWave): Wave {
      return db.insert(waves).values(wave).returning().get();
    },
    updateWave(id: number, change: Partial<Pick<Wave, 'surveyId' | 'surveyVersion' | 'opensAt' | 'closesAt'>>): Wave | undefined {
      return db.update(waves).set(change).where(eq(waves.id, id)).returning().get();
    },
  };
}

export type StudiesRepository = ReturnType<typeof createStudiesRepository>;
