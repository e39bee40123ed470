import { and, eq } from 'drizzle-orm';
import type { RegisterRecord } from '../classification/derived-variables.ts';
import type { Db } from '../db/connection.ts';
import { participants, registerData, responses } from '../db/schema.ts';
import type { FieldworkParticipant, FieldworkResponse } from './fieldwork.rules.ts';

export function createFieldworkRepository({ db }: { db: Db }) {
  return {
    participantsOf(studyId: string): FieldworkParticipant[] {
      return db
        .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language, status: participants.status, register: registerData.values })
        .from(participants)
        .leftJoin(registerData, eq(registerData.participantId, participants.id))
        .where(eq(participants.studyId, studyId))
        .all()
        .map(({ register, ...p }) => ({ ...p, register: register === null ? null : (JSON.parse(register) as RegisterRecord) }));
    },
    responsesOf(studyId: string): FieldworkResponse[] {
      return db
        .select({ waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion, participantId: responses.participantId, locale: responses.locale, channel: responses.channel, pageNo: responses.pageNo, startedAt: responses.startedAt, completedAt: responses.completedAt })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.test, false)))
        .all();
    },
  };
}
