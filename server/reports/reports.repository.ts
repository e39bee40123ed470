import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { studies, waves } from '../db/schema.ts';

export function createReportsRepository({ db }: { db: Db }) {
  return {
    study(studyId: string): { id: string; name: string; kind: 'panel' | 'cross' } | undefined {
      return db.select({ id: studies.id, name: studies.name, kind: studies.kind }).from(studies).where(eq(studies.id, studyId)).get();
    },
    waveCodes(studyId: string): string[] {
      return db.select({ code: waves.code }).from(waves).where(eq(waves.studyId, studyId)).orderBy(asc(waves.opensAt), asc(waves.code)).all().map((w) => w.code);
    },
  };
}
