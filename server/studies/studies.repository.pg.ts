import { asc, eq, sql } from 'drizzle-orm';
import { createBatches } from '../db/batches.ts';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, studies, waves } from '../db/schema.pg.ts';
import { createStudiesRepository, type StudiesRepository, type StudyWithWaves } from './studies.repository.ts';

/** The studies repository on PostgreSQL; the same contract as the SQLite one in studies.repository.ts. */
export function createStudiesPgRepository({ db }: { db: PgDb }): StudiesRepository {
  // Read on every session start: built once (see responses.repository.pg.ts).
  const studyById = db
    .select()
    .from(studies)
    .where(eq(studies.id, sql.placeholder('id')))
    .prepare(db.$statementName('studies_by_id'));
  const wavesOfStudy = db
    .select()
    .from(waves)
    .where(eq(waves.studyId, sql.placeholder('studyId')))
    .orderBy(asc(waves.opensAt))
    .prepare(db.$statementName('studies_waves_of'));
  // Every session start reads its study with the waves: the starts that arrive together share one
  // statement (createBatches), which reads each study once however many of them start it.
  const studiesWithWaves = db
    .select({ study: studies, wave: waves })
    .from(studies)
    .leftJoin(waves, eq(waves.studyId, studies.id))
    .where(sql`${studies.id} = ANY(${sql.placeholder('ids')}::text[])`)
    .orderBy(asc(waves.opensAt))
    .prepare(db.$statementName('studies_with_waves'));
  const withWaves = createBatches(async (ids: string[]) => {
    const found = new Map<string, StudyWithWaves>();
    for (const { study, wave } of await studiesWithWaves.execute({ ids: [...new Set(ids)] })) {
      const entry = found.get(study.id) ?? { study, waves: [] };
      if (wave) entry.waves.push(wave);
      found.set(study.id, entry);
    }
    return ids.map((id) => found.get(id));
  });
  return {
    async findStudyWithWaves(id) {
      return withWaves.run(id);
    },
    async findStudy(id) {
      const [row] = await studyById.execute({ id });
      return row;
    },
    async listStudies() {
      return db.select().from(studies).orderBy(asc(studies.id));
    },
    async wavesOf(studyId) {
      return wavesOfStudy.execute({ studyId });
    },
    async findWave(id) {
      const [row] = await db.select().from(waves).where(eq(waves.id, id));
      return row;
    },
    async insertStudy(study) {
      await db.insert(studies).values(study);
    },
    async updateStudy(id, change) {
      const [row] = await db.update(studies).set(change).where(eq(studies.id, id)).returning();
      return row;
    },
    async insertWave(wave) {
      const [row] = await db.insert(waves).values(wave).returning();
      return row!;
    },
    async updateWave(id, change) {
      const [row] = await db.update(waves).set(change).where(eq(waves.id, id)).returning();
      return row;
    },
    async seedOnce(seed) {
      return db.transaction(async (tx) => {
        const [first, ...rest] = seed.studies;
        if (!first || (await tx.insert(studies).values(first).onConflictDoNothing().returning({ id: studies.id })).length === 0) return false;
        if (rest.length > 0) await tx.insert(studies).values(rest);
        if (seed.waves.length > 0) await tx.insert(waves).values(seed.waves);
        if (seed.participants.length > 0) await tx.insert(participants).values(seed.participants);
        return true;
      });
    },
  };
}

export const studiesRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createStudiesRepository, postgres: createStudiesPgRepository });
