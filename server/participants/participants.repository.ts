import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants } from '../db/schema.ts';

export type Participant = typeof participants.$inferSelect;
export type NewParticipant = typeof participants.$inferInsert;

export function createParticipantsRepository({ db }: { db: Db }) {
  return {
    findActiveByTokenHash(tokenHash: string): Participant | undefined {
      return db
        .select()
        .from(participants)
        .where(and(eq(participants.tokenHash, tokenHash), eq(participants.status, 'active')))
        .get();
    },
    /** True when any participant (and so any token hash) is stored. */
    hasAny(): boolean {
      return db.select({ id: participants.id }).from(participants).limit(1).get() !== undefined;
    },
    insert(participant: NewParticipant): Participant {
      return db.insert(participants).values(participant).returning().get();
    },
  };
}

export type ParticipantsRepository = ReturnType<typeof createParticipantsRepository>;
