import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants, registerData } from '../db/schema.ts';
import type { KnownParticipant, RegisterRow } from './register.rules.ts';

export function createRegisterRepository({ db }: { db: Db }) {
  return {
    participantsOf(studyId: string): Map<string, KnownParticipant> {
      const rows = db.select({ id: participants.id, pseudonym: participants.pseudonym, status: participants.status }).from(participants).where(eq(participants.studyId, studyId)).all();
      return new Map(rows.map((r) => [r.pseudonym, { id: r.id, status: r.status }]));
    },
    countWithData(participantIds: number[]): number {
      let count = 0;
      for (let i = 0; i < participantIds.length; i += 500) {
        count += db.select({ id: registerData.participantId }).from(registerData).where(inArray(registerData.participantId, participantIds.slice(i, i + 500))).all().length;
      }
      return count;
    },
    /** All rows in one transaction: a row that fails rolls every row back. */
    saveAll(rows: RegisterRow[], importedAt: Date): void {
      db.transaction((tx) => {
        for (const row of rows) {
          const values = { values: JSON.stringify(row.values), importedAt };
          tx.insert(registerData).values({ participantId: row.participantId, ...values }).onConflictDoUpdate({ target: registerData.participantId, set: values }).run();
        }
      });
    },
  };
}
