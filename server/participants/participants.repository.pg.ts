import { and, eq, sql } from 'drizzle-orm';
import { createBatches } from '../db/batches.ts';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants } from '../db/schema.pg.ts';
import { createParticipantsRepository, type ParticipantsRepository } from './participants.repository.ts';

/** The participants repository on PostgreSQL; the same contract as the SQLite one in participants.repository.ts. */
export function createParticipantsPgRepository({ db }: { db: PgDb }): ParticipantsRepository {
  // Looked up on every start with a letter's token: the look-ups that arrive together share one statement (createBatches).
  const activeByTokenHashes = db
    .select()
    .from(participants)
    .where(and(sql`${participants.tokenHash} = ANY(${sql.placeholder('tokenHashes')}::text[])`, eq(participants.status, 'active')))
    .prepare(db.$statementName('participants_active_by_token_hashes'));
  const byTokenHash = createBatches(async (tokenHashes: string[]) => {
    const found = new Map((await activeByTokenHashes.execute({ tokenHashes })).map((row) => [row.tokenHash, row]));
    return tokenHashes.map((tokenHash) => found.get(tokenHash));
  });
  return {
    async findActiveByTokenHash(tokenHash) {
      return byTokenHash.run(tokenHash);
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
