import { and, eq, sql } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants } from '../db/schema.pg.ts';
import { createParticipantsRepository, type ParticipantsRepository } from './participants.repository.ts';

/** The participants repository on PostgreSQL; the same contract as the SQLite one in participants.repository.ts. */
export function createParticipantsPgRepository({ db }: { db: PgDb }): ParticipantsRepository {
  // Looked up on every start with a letter's token: built once (see responses.repository.pg.ts).
  const activeByTokenHash = db
    .select()
    .from(participants)
    .where(and(eq(participants.tokenHash, sql.placeholder('tokenHash')), eq(participants.status, 'active')))
    .prepare(db.$statementName('participants_active_by_token_hash'));
  return {
    async findActiveByTokenHash(tokenHash) {
      const [row] = await activeByTokenHash.execute({ tokenHash });
      return row;
    },
    async hasAny() {
      return (await db.select({ id: participants.id }).from(participants).limit(1)).length > 0;
    },
    async insert(participant) {
      const [row] = await db.insert(participants).values(participant).returning();
      return row!;
    },
  };
}

export const participantsRepositoryFor = (database: Database) =>
  forDialect(database, { sqlite: createParticipantsRepository, postgres: createParticipantsPgRepository });
