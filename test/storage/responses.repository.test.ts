import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db/database.ts';
import { participantsRepositoryFor } from '../../server/participants/participants.repository.pg.ts';
import type { NewResponse, SubmissionContext, SubmissionOutcome } from '../../server/responses/responses.repository.ts';
import { responsesRepositoryFor } from '../../server/responses/responses.repository.pg.ts';
import { studiesRepositoryFor } from '../../server/studies/studies.repository.pg.ts';
import { countOf, dialects, useTestDatabase } from '../helpers/dialects.ts';
import { panelWithWave } from '../helpers/study-rows.ts';

const start = new Date('2026-03-01T09:00:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

const newResponse = (studyId: string, waveId: number, participantId: number | null, id: string): NewResponse => ({
  id,
  studyId,
  waveId,
  participantId,
  surveyId: 's',
  surveyVersion: 1,
  locale: 'nl',
  channel: 'web',
  startedAt: start,
  updatedAt: start,
});

/** A page save as the respondent service decides it: merge the page into the stored answers, or answer a retry again. */
const savePage =
  (submissionId: string, page: Record<string, unknown>, at = later(1000)) =>
  (stored: SubmissionContext | undefined): SubmissionOutcome<string> => {
    if (!stored) return { answer: 'unknown response' };
    if (stored.earlier) return { answer: 'answered again' };
    const answers = { ...(JSON.parse(stored.response.answers) as Record<string, unknown>), ...page };
    return {
      answer: 'saved',
      save: {
        submission: { responseId: stored.response.id, submissionId, contentHash: JSON.stringify(page), pageNo: 1, completes: false, receivedAt: at },
        change: { answers: JSON.stringify(answers), pageNo: 1, locale: 'en', updatedAt: at, completedAt: null },
      },
    };
  };

async function participantIn(database: Database, studyId: string, pseudonym: string): Promise<number> {
  return (await participantsRepositoryFor(database).insert({ studyId, pseudonym, tokenHash: `hash-${studyId}-${pseudonym}`, createdAt: start })).id;
}

for (const dialect of dialects) {
  describe(`the responses repository on ${dialect}`, () => {
    const test = useTestDatabase(dialect);

    it('stores an anonymous response and finds it by id', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'anon');
      const stored = await responses.insert(newResponse('anon', waveId, null, 'anon-1'));
      assert.deepEqual(stored, { ...newResponse('anon', waveId, null, 'anon-1'), answers: '{}', variables: '{}', pageNo: 0, completedAt: null, test: false });
      assert.deepEqual(await responses.find('anon-1'), stored);
      assert.equal(await responses.find('no-such-response'), undefined);
    });

    it("makes a participant's response in a wave once, from the answers of the participant's other waves, and finds it after", async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'fc');
      const nextWave = (await studiesRepositoryFor(test.database).insertWave({ studyId: 'fc', code: 'T1', surveyId: 's', surveyVersion: 1, opensAt: later(1), closesAt: later(2) })).id;
      const participantId = await participantIn(test.database, 'fc', 'P1');
      await responses.insert({ ...newResponse('fc', nextWave, participantId, 'fc-other'), answers: '{"health":4}' });
      const seen: string[][] = [];
      const made = await responses.findOrInsertForParticipant(waveId, participantId, (otherAnswers) => {
        seen.push(otherAnswers);
        return newResponse('fc', waveId, participantId, 'fc-first');
      });
      assert.equal(made.id, 'fc-first');
      assert.deepEqual(seen, [['{"health":4}']]);
      const found = await responses.findOrInsertForParticipant(waveId, participantId, () => assert.fail('a response exists: nothing is made'));
      assert.deepEqual(found, made);
    });

    it("twenty starts at once for one participant's wave give one response", async () => {
      const waveId = await panelWithWave(test.database, 'race');
      const participantId = await participantIn(test.database, 'race', 'P1');
      // Repositories of their own, as separate server processes would have.
      const started = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          responsesRepositoryFor(test.database).findOrInsertForParticipant(waveId, participantId, () => newResponse('race', waveId, participantId, `race-${i}`)),
        ),
      );
      assert.equal(new Set(started.map((r) => r.id)).size, 1);
      assert.equal(await countOf(test.database, sql`SELECT count(*) AS n FROM responses WHERE participant_id = ${participantId}`), 1);
    });

    it("twenty starts at once for one participant's wave on one server give one response", async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'race-one');
      const participantId = await participantIn(test.database, 'race-one', 'P1');
      const started = await Promise.all(
        Array.from({ length: 20 }, (_, i) => responses.findOrInsertForParticipant(waveId, participantId, () => newResponse('race-one', waveId, participantId, `race-one-${i}`))),
      );
      assert.equal(new Set(started.map((r) => r.id)).size, 1);
      assert.equal(await countOf(test.database, sql`SELECT count(*) AS n FROM responses WHERE participant_id = ${participantId}`), 1);
    });

    it("starts of many participants at once each get the participant's own response, made from their own answers in the other waves", async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'many-starts');
      const earlierWave = (await studiesRepositoryFor(test.database).insertWave({ studyId: 'many-starts', code: 'T-1', surveyId: 's', surveyVersion: 1, opensAt: later(-2000), closesAt: later(-1000) })).id;
      const participants = await Promise.all(Array.from({ length: 10 }, (_, i) => participantIn(test.database, 'many-starts', `P${i}`)));
      for (const [i, participantId] of participants.entries()) await responses.insert({ ...newResponse('many-starts', earlierWave, participantId, `many-starts-earlier-${i}`), answers: JSON.stringify({ n: i }) });
      const started = await Promise.all(
        participants.map((participantId, i) =>
          responses.findOrInsertForParticipant(waveId, participantId, (otherAnswers) => ({ ...newResponse('many-starts', waveId, participantId, `many-starts-${i}`), variables: otherAnswers[0]! })),
        ),
      );
      assert.deepEqual(
        started.map((r) => [r.id, r.participantId, r.variables]),
        participants.map((participantId, i) => [`many-starts-${i}`, participantId, JSON.stringify({ n: i })]),
      );
    });

    it('stores many anonymous responses started at once, and a refused one fails alone', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'burst');
      await responses.insert(newResponse('burst', waveId, null, 'burst-taken'));
      const ids = Array.from({ length: 20 }, (_, i) => (i === 7 ? 'burst-taken' : `burst-${i}`));
      const outcomes = await Promise.allSettled(ids.map((id) => responses.insert(newResponse('burst', waveId, null, id))));
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ids.map((id) => (id === 'burst-taken' ? 'rejected' : 'fulfilled')),
      );
      for (const [i, outcome] of outcomes.entries()) if (outcome.status === 'fulfilled') assert.deepEqual(outcome.value, await responses.find(ids[i]!));
      assert.equal(await countOf(test.database, sql`SELECT count(*) AS n FROM responses WHERE study_id = 'burst'`), 20);
    });

    it('stores a submission with its change to the response, and shows a retry the submission stored earlier', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'sub');
      await responses.insert(newResponse('sub', waveId, null, 'sub-1'));
      const seen: (SubmissionContext | undefined)[] = [];
      const save = savePage('page-1', { consent: true });
      const decide = (stored: SubmissionContext | undefined) => (seen.push(stored), save(stored));
      assert.equal(await responses.storeSubmission('sub-1', 'page-1', decide), 'saved');
      assert.equal(await responses.storeSubmission('sub-1', 'page-1', decide), 'answered again');
      const [first, retry] = seen;
      assert.equal(first?.earlier, undefined);
      assert.deepEqual(first?.wave, { id: waveId, code: 'T0', opensAt: start, closesAt: later(30 * 86_400_000) });
      assert.deepEqual(retry?.earlier, { responseId: 'sub-1', submissionId: 'page-1', contentHash: '{"consent":true}', pageNo: 1, completes: false, receivedAt: later(1000) });
      assert.deepEqual(retry?.response, { ...first?.response, answers: '{"consent":true}', pageNo: 1, locale: 'en', updatedAt: later(1000) });
      assert.deepEqual(await responses.find('sub-1'), retry?.response);
      assert.equal(await responses.storeSubmission('no-such-response', 'page-1', savePage('page-1', {})), 'unknown response');
    });

    it('stores nothing of a submission its decision refuses', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'refuse');
      const before = await responses.insert(newResponse('refuse', waveId, null, 'refuse-1'));
      await assert.rejects(
        responses.storeSubmission('refuse-1', 'page-1', () => {
          throw new Error('refused');
        }),
        /refused/,
      );
      assert.deepEqual(await responses.find('refuse-1'), before);
      assert.equal(await responses.storeSubmission('refuse-1', 'page-1', savePage('page-1', { consent: true })), 'saved', 'the id was not taken');
    });

    it('leaves the response as it was when the submission row cannot be stored after the response was changed', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'rollback');
      await responses.insert(newResponse('rollback', waveId, null, 'rollback-1'));
      await responses.storeSubmission('rollback-1', 'page-1', savePage('page-1', { consent: true }));
      const before = await responses.find('rollback-1');
      // A decision that ignores the earlier submission: the second row under one id is refused by the database.
      const ignoringEarlier = (stored: SubmissionContext | undefined) => savePage('page-1', { health: 4 }, later(2000))(stored && { ...stored, earlier: undefined });
      await assert.rejects(responses.storeSubmission('rollback-1', 'page-1', ignoringEarlier));
      assert.deepEqual(await responses.find('rollback-1'), before);
    });

    it('submissions to one response sent at once take turns, so that none loses another one\'s answers', async () => {
      const waveId = await panelWithWave(test.database, 'turns');
      await responsesRepositoryFor(test.database).insert(newResponse('turns', waveId, null, 'turns-1'));
      const pages = Array.from({ length: 12 }, (_, i) => `q${i}`);
      const answers = await Promise.all(
        pages.map((name) => responsesRepositoryFor(test.database).storeSubmission('turns-1', name, savePage(name, { [name]: true }))),
      );
      assert.deepEqual(answers, pages.map(() => 'saved'));
      const stored = JSON.parse((await responsesRepositoryFor(test.database).find('turns-1'))!.answers) as Record<string, unknown>;
      assert.deepEqual(Object.keys(stored).sort(), [...pages].sort());
    });

    it('stores submissions sent at once through one repository each on its own: a retry among them is answered again, one the database refuses fails alone', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'many');
      const ids = Array.from({ length: 20 }, (_, i) => `many-${i}`);
      for (const id of ids) await responses.insert(newResponse('many', waveId, null, id));
      await responses.storeSubmission('many-3', 'page-1', savePage('page-1', { consent: true }));
      await responses.storeSubmission('many-7', 'page-1', savePage('page-1', { consent: true }));
      const refusedBefore = await responses.find('many-7');
      const ignoringEarlier = (stored: SubmissionContext | undefined) => savePage('page-1', { health: 4 }, later(2000))(stored && { ...stored, earlier: undefined });

      const outcomes = await Promise.allSettled(
        ids.map((id) =>
          id === 'many-7' ? responses.storeSubmission(id, 'page-1', ignoringEarlier) : responses.storeSubmission(id, 'page-1', savePage('page-1', { consent: true })),
        ),
      );
      assert.deepEqual(
        outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'refused')),
        ids.map((id) => ({ 'many-3': 'answered again', 'many-7': 'refused' })[id] ?? 'saved'),
      );
      assert.deepEqual(await responses.find('many-7'), refusedBefore);
      for (const id of ids.filter((id) => id !== 'many-7')) assert.equal((await responses.find(id))?.answers, '{"consent":true}');
      assert.equal(await countOf(test.database, sql`SELECT count(*) AS n FROM submissions WHERE response_id LIKE 'many-%'`), 20);
    });

    it('submissions to one response sent at once through one repository take turns', async () => {
      const responses = responsesRepositoryFor(test.database);
      const waveId = await panelWithWave(test.database, 'one-repo');
      await responses.insert(newResponse('one-repo', waveId, null, 'one-repo-1'));
      await responses.insert(newResponse('one-repo', waveId, null, 'one-repo-2'));
      const pages = Array.from({ length: 6 }, (_, i) => `q${i}`);
      const answers = await Promise.all(
        ['one-repo-1', 'one-repo-2'].flatMap((id) => pages.map((name) => responses.storeSubmission(id, name, savePage(name, { [name]: true })))),
      );
      assert.deepEqual(answers, [...pages, ...pages].map(() => 'saved'));
      for (const id of ['one-repo-1', 'one-repo-2']) {
        assert.deepEqual(Object.keys(JSON.parse((await responses.find(id))!.answers) as object).sort(), pages);
      }
    });
  });
}
