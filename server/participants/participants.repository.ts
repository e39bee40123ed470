import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants } from '../db/schema.ts';

export type Participant = typeof participants.$inferSelect;
export type NewParticipant = typeof participants.$inferInsert;

/** The participants repository on SQLite: asynchronous like its PostgreSQL twin, synchronous inside. */
export function createParticipantsRepository({ db }: { db: Db }) {
  // Looked up on every start with a letter's token: prepared once.
  const activeByTokenHash = db
    .select()
    .from(participants)
    .where(and(eq(participants.tokenHash, sql.placeholder('tokenHash')), eq(participants.status, 'active')))
    .prepare();
  return {
    async findActiveByTokenHash(tokenHash: string): Promise<Participant | undefined> {
      return activeByTokenHash.get({ tokenHash });
    },
    /** True when any participant (and so any token hash) is stored. */
    async hasAny(): Promise<boolean> {
      return db.select({ id: participants.id }).from(participants).limit(1).get() !== undefined;
    },
    async insert(participant: NewParticipant): Promise<Participant> {
      return db.insert(participants).values(participant).returning().get();
    },
  };
}

/** The participants repository's contract, the same on both dialects (participants.repository.pg.ts). */
export type ParticipantsRepository = ReturnType<typeof createParticipantsRepository>;
