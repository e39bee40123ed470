import { and, asc, eq } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, registerData, responses } from '../db/schema.pg.ts';
import { registerOf } from '../exports/exports.repository.ts';
import { createFieldworkRepository, type FieldworkRepository } from './fieldwork.repository.ts';

/** The fieldwork repository on PostgreSQL; the same contract as the SQLite one in fieldwork.repository.ts. */
export function createFieldworkPgRepository({ db }: { db: PgDb }): FieldworkRepository {
  return {
    async participantsOf(studyId) {
      const rows = await db
        .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language, status: participants.status, register: registerData.values })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(eq(participants.studyId, studyId))
        .orderBy(asc(participants.id));
      return rows.map(({ register, ...p }) => ({ ...p, register: registerOf(register) }));
    },
    async responsesOf(studyId) {
      return db
        .select({ waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion, participantId: responses.participantId, locale: responses.locale, channel: responses.channel, pageNo: responses.pageNo, startedAt: responses.startedAt, completedAt: responses.completedAt })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.test, false)));
    },
  };
}

export const fieldworkRepositoryFor = (database: Database): FieldworkRepository =>
  forDialect(database, { sqlite: createFieldworkRepository, postgres: createFieldworkPgRepository });
