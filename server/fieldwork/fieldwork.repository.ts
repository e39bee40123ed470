import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants, registerData, responses } from '../db/schema.ts';
import { registerOf } from '../exports/exports.repository.ts';
import type { FieldworkParticipant, FieldworkResponse } from './fieldwork.rules.ts';

/** Every participant and (non-pilot) response of a study; fieldwork.repository.pg.ts is the same contract on PostgreSQL. */
export function createFieldworkRepository({ db }: { db: Db }) {
  return {
    async participantsOf(studyId: string): Promise<FieldworkParticipant[]> {
      return db
        .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language, status: participants.status, register: registerData.values })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(eq(participants.studyId, studyId))
        .orderBy(asc(participants.id))
        .all()
        .map(({ register, ...p }) => ({ ...p, register: registerOf(register) }));
    },
    async responsesOf(studyId: string): Promise<FieldworkResponse[]> {
      return db
        .select({ waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion, participantId: responses.participantId, locale: responses.locale, channel: responses.channel, pageNo: responses.pageNo, startedAt: responses.startedAt, completedAt: responses.completedAt })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.test, false)))
        .all();
    },
  };
}

export type FieldworkRepository = ReturnType<typeof createFieldworkRepository>;
