import { and, asc, between, eq, exists, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { RegisterRecord } from '../classification/derived-variables.ts';
import type { Db } from '../db/connection.ts';
import { participants, registerData, responses, studies, waves } from '../db/schema.ts';

/**
 * Reads of a study for exports, reports and fieldwork, page by page so that memory stays flat.
 * Pilot (test) responses are left out. exports.repository.pg.ts is the same contract on PostgreSQL.
 */

export type StudyRow = typeof studies.$inferSelect;
export type WaveRow = typeof waves.$inferSelect;

export interface ParticipantRow {
  id: number;
  pseudonym: string;
  register: RegisterRecord | null;
}

/** A participant's register values as stored (JSON text), read as an object. */
export function registerOf(values: string | null): RegisterRecord | null {
  if (values === null) return null;
  const parsed: unknown = JSON.parse(values);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as RegisterRecord) : {};
}

export interface ResponseRow {
  participantId: number | null;
  waveId: number;
  surveyId: string;
  surveyVersion: number;
  locale: string;
  channel: string;
  answers: string;
  startedAt: Date;
  completedAt: Date | null;
}

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

export function createExportsRepository({ db }: { db: Db }) {
  return {
    async study(studyId: string): Promise<StudyRow | undefined> {
      return db.select().from(studies).where(eq(studies.id, studyId)).get();
    },
    /** In the order they open. */
    async waves(studyId: string): Promise<WaveRow[]> {
      return db.select().from(waves).where(eq(waves.studyId, studyId)).orderBy(asc(waves.opensAt), asc(waves.code)).all();
    },
    /** The survey versions the responses of each wave were given with. */
    async surveyVersionsUsed(studyId: string): Promise<{ waveId: number; surveyId: string; surveyVersion: number }[]> {
      return db
        .selectDistinct({ waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.test, false)))
        .all();
    },
    /**
     * The next page of active participants with at least one response, by id. Responses are
     * looked up by (wave, participant), the one index that holds participant ids.
     */
    async participantPage(studyId: string, waveIds: number[], afterId: number, limit: number): Promise<ParticipantRow[]> {
      const rows = db
        .select({
          id: participants.id,
          pseudonym: participants.pseudonym,
          register: registerData.values,
        })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(
          and(
            // Unary + keeps SQLite off the (study, pseudonym) index, so that it walks the ids
            // from `afterId` and stops after `limit` rows instead of sorting the whole study per page.
            sql`+${participants.studyId} = ${studyId}`,
            eq(participants.status, 'active'),
            gt(participants.id, afterId),
            exists(db.select({ one: sql`1` }).from(responses).where(and(inArray(responses.waveId, waveIds), eq(responses.participantId, participants.id), isNotNull(responses.participantId), eq(responses.test, false)))),
          ),
        )
        .orderBy(asc(participants.id))
        .limit(limit)
        .all();
      return rows.map(({ id, pseudonym, register }) => ({ id, pseudonym, register: registerOf(register) }));
    },
    /**
     * Responses of the participants with ids from..to (in the study's waves), by participant. The
     * `IS NOT NULL` term lets SQLite use the partial (wave, participant) index.
     */
    async responsesOfParticipants(waveIds: number[], fromId: number, toId: number): Promise<ResponseRow[]> {
      return db
        .select(responseColumns)
        .from(responses)
        .where(and(inArray(responses.waveId, waveIds), isNotNull(responses.participantId), between(responses.participantId, fromId, toId), eq(responses.test, false)))
        .orderBy(asc(responses.participantId))
        .all();
    },
    /** The next page of anonymous (cross-sectional) responses, by id. */
    async anonymousPage(studyId: string, afterId: string, limit: number): Promise<(ResponseRow & { id: string })[]> {
      return db
        .select(responseColumns)
        .from(responses)
        .where(and(eq(responses.studyId, studyId), isNull(responses.participantId), gt(responses.id, afterId), eq(responses.test, false)))
        .orderBy(asc(responses.id))
        .limit(limit)
        .all();
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
