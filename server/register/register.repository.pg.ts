import { count, eq, sql } from 'drizzle-orm';
import { forDialect, type Database, type Promised } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, registerData } from '../db/schema.pg.ts';
import { createRegisterRepository } from './register.repository.ts';

/** The register repository on PostgreSQL; the same contract as the SQLite one in register.repository.ts. */
export function createRegisterPgRepository({ db }: { db: PgDb }): Promised<ReturnType<typeof createRegisterRepository>> {
  return {
    async participantsOf(studyId) {
      const rows = await db.select({ id: participants.id, pseudonym: participants.pseudonym, status: participants.status }).from(participants).where(eq(participants.studyId, studyId));
      return new Map(rows.map((r) => [r.pseudonym, { id: r.id, status: r.status }]));
    },
    async countWithData(participantIds) {
      if (participantIds.length === 0) return 0;
      // One array parameter, not one parameter per id: a statement takes at most 65,535 parameters.
      const [row] = await db.select({ n: count() }).from(registerData).where(sql`${registerData.participantId} = ANY(${sql.param(participantIds)}::integer[])`);
      return row!.n;
    },
    /** All rows in one transaction: a row that fails rolls every row back. */
    async saveAll(rows, importedAt) {
      await db.transaction(async (tx) => {
        for (const row of rows) {
          const values = { values: JSON.stringify(row.values), importedAt };
          await tx.insert(registerData).values({ participantId: row.participantId, ...values }).onConflictDoUpdate({ target: registerData.participantId, set: values });
        }
      });
    },
  };
}

export const registerRepositoryFor = (database: Database) => forDialect(database, { sqlite: createRegisterRepository, postgres: createRegisterPgRepository });
