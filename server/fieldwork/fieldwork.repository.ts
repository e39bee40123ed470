import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { participants, registerData, responses } from '../db/schema.ts';
import { registerOf } from '../exports/exports.repository.ts';
import { nextTurn } from '../shared/event-loop.ts';
import type { FieldworkParticipant, FieldworkResponse } from './fieldwork.rules.ts';

/** Rows read between two turns of the event loop: SQLite reads synchronously, and a study's 100,000 responses at once held every request for most of a second. */
export const pageSize = 2000;

/**
 * Every row of a keyset-paged read, a page per turn of the event loop; on both dialects (the rows of
 * a page are mapped in one go on PostgreSQL too). The SQLite pages below put a unary + on the study
 * column to keep SQLite off the study's index, so that it walks the ids from `after` and stops
 * after a page instead of sorting the whole study for every page.
 */
export async function allPages<Row, Key>(page: (after: Key | undefined) => Row[] | Promise<Row[]>, keyOf: (row: Row) => Key): Promise<Row[]> {
  const rows: Row[] = [];
  for (let after: Key | undefined; ; ) {
    const next = await page(after);
    rows.push(...next);
    if (next.length < pageSize) return rows;
    after = keyOf(next.at(-1)!);
    await nextTurn();
  }
}

/** Every participant and (non-pilot) response of a study; fieldwork.repository.pg.ts is the same contract on PostgreSQL. */
export function createFieldworkRepository({ db }: { db: Db }) {
  return {
    async participantsOf(studyId: string): Promise<FieldworkParticipant[]> {
      const rows = await allPages(
        (after: number | undefined) =>
          db
            .select({ id: participants.id, pseudonym: participants.pseudonym, language: participants.language, status: participants.status, register: registerData.values })
            .from(participants)
            .leftJoin(registerData, eq(registerData.participantId, participants.id))
            .where(and(sql`+${participants.studyId} = ${studyId}`, after === undefined ? undefined : gt(participants.id, after)))
            .orderBy(asc(participants.id))
            .limit(pageSize)
            .all(),
        (row) => row.id,
      );
      return rows.map(({ register, ...p }) => ({ ...p, register: registerOf(register) }));
    },
    async responsesOf(studyId: string): Promise<FieldworkResponse[]> {
      const rows = await allPages(
        (after: string | undefined) =>
          db
            .select({ id: responses.id, waveId: responses.waveId, surveyId: responses.surveyId, surveyVersion: responses.surveyVersion, participantId: responses.participantId, locale: responses.locale, channel: responses.channel, pageNo: responses.pageNo, startedAt: responses.startedAt, completedAt: responses.completedAt })
            .from(responses)
            .where(
              and(
                sql`+${responses.studyId} = ${studyId}`,
                eq(responses.test, false),
                after === undefined ? undefined : gt(responses.id, after),
              ),
            )
            .orderBy(asc(responses.id))
            .limit(pageSize)
            .all(),
        (row) => row.id,
      );
      return rows.map(({ id: _id, ...response }) => response);
    },
  };
}

export type FieldworkRepository = ReturnType<typeof createFieldworkRepository>;
