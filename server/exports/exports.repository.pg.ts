import { and, asc, between, eq, exists, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { forDialect, type Database } from '../db/database.ts';
import type { PgDb } from '../db/postgres.ts';
import { participants, registerData, responses, studies, waves } from '../db/schema.pg.ts';
import { createExportsRepository, registerOf, type ExportsRepository } from './exports.repository.ts';

const responseColumns = {
  id: responses.id,
  participantId: responses.participantId,
  waveId: responses.waveId,
  surveyId: responses.surveyId,
  surveyVersion: responses.surveyVersion,
  locale: responses.locale,
  channel: responses.channel,
  answers: responses.answers,
  startedAt: responses.startedAt,
  completedAt: responses.completedAt,
};

/** The exports repository on PostgreSQL; the same contract as the SQLite one in exports.repository.ts. */
export function createExportsPgRepository({ db }: { db: PgDb }): ExportsRepository {
  return {
    async study(studyId) {
      const [row] = await db.select().from(studies).where(eq(studies.id, studyId));
      return row;
    },
    async waves(studyId) {
      return db.select().from(waves).where(eq(waves.studyId, studyId)).orderBy(asc(waves.opensAt), asc(waves.code));
    },
    async surveyVersionsUsed(studyId) {
      return db
        .selectDistinct({ waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.test, false)));
    },
    async participantPage(studyId, waveIds, afterId, limit) {
      const rows = await db
        .select({ id: participants.id, pseudonym: participants.pseudonym, register: registerData.values })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(
          and(
            eq(participants.studyId, studyId),
            eq(participants.status, 'active'),
            gt(participants.id, afterId),
            exists(db.select({ one: sql`1` }).from(responses).where(and(inArray(responses.waveId, waveIds), eq(responses.participantId, participants.id), eq(responses.test, false)))),
          ),
        )
        .orderBy(asc(participants.id))
        .limit(limit);
      return rows.map(({ id, pseudonym, register }) => ({ id, pseudonym, register: registerOf(register) }));
    },
    async responsesOfParticipants(waveIds, fromId, toId) {
      return db
        .select(responseColumns)
        .from(responses)
        .where(and(inArray(responses.waveId, waveIds), isNotNull(responses.participantId), between(responses.participantId, fromId, toId), eq(responses.test, false)))
        .orderBy(asc(responses.participantId));
    },
    async anonymousPage(studyId, afterId, limit) {
      return db
        .select(responseColumns)
        .from(responses)
        .where(and(eq(responses.studyId, studyId), isNull(responses.participantId), gt(responses.id, afterId), eq(responses.test, false)))
        .orderBy(asc(responses.id))
        .limit(limit);
    },
  };
}

export const exportsRepositoryFor = (database: Database): ExportsRepository =>
  forDialect(database, { sqlite: createExportsRepository, postgres: createExportsPgRepository });
