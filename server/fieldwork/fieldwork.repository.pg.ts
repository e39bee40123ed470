import { and, asc, eq, gt } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, registerData, responses } from '../db/schema.pg.ts';
import { registerOf } from '../exports/exports.repository.ts';
import { allPages, createFieldworkRepository, pageSize, type FieldworkRepository } from './fieldwork.repository.ts';

/**
 * The fieldwork repository on PostgreSQL; the same contract as the SQLite one in
 * fieldwork.repository.ts, and read the same way, a keyset page at a time: a study's 100,000 rows
 * in one result would be mapped in one go and held in memory twice.
 */
export function createFieldworkPgRepository({ db }: { db: PgDb }): FieldworkRepository {
  return {
    async participantsOf(studyId) {
      const rows = await allPages(
        (after: number | undefined) =>
          db
            .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language, status: participants.status, register: registerData.values })
            .from(participants)
            .leftJoin(registerData, eq(registerData.participantId, participants.id))
            .where(and(eq(participants.studyId, studyId), after === undefined ? undefined : gt(participants.id, after)))
            .orderBy(asc(participants.id))
            .limit(pageSize),
        (row) => row.id,
      );
      return rows.map(({ register, ...p }) => ({ ...p, register: registerOf(register) }));
    },
    async responsesOf(studyId) {
      const rows = await allPages(
        (after: string | undefined) =>
          db
            .select({ id: responses.id, waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion, participantId: responses.participantId, locale: responses.locale, channel: responses.channel, pageNo: responses.pageNo, startedAt: responses.startedAt, completedAt: responses.completedAt })
            .from(responses)
            .where(and(eq(responses.studyId, studyId), eq(responses.test, false), after === undefined ? undefined : gt(responses.id, after)))
            .orderBy(asc(responses.id))
            .limit(pageSize),
        (row) => row.id,
      );
      return rows.map(({ id: _id, ...response }) => response);
    },
  };
}

export const fieldworkRepositoryFor = (database: Database): FieldworkRepository =>
  forDialect(database, { sqlite: createFieldworkRepository, postgres: createFieldworkPgRepository });
