import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { fieldwork, median, toRemind, type FieldworkParticipant, type FieldworkResponse, type FieldworkWave } from '../../server/fieldwork/fieldwork.rules.ts';
import { createTestApp, day, TestClock } from '../helpers/app.ts';
import { addUser, signIn } from './sign-in.ts';

const minute = 60 * 1000;

test('median of an odd and an even number of values', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});

/**
 * A seeded panel: 12 active participants (P01-P06 Dutch, P07-P09 Arabic, P10-P12 Tigrinya;
 * P01-P04 short diagnosis advice, P05-P08 long, P09-P12 unknown) and one withdrawn. T0 is closed,
 * T1 open now, T2 later.
 */
const now = new Date('2026-06-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * day);
const seedWaves: FieldworkWave[] = [
  { id: 1, code: 'T0', opensAt: at(-200), closesAt: at(-100) },
  { id: 2, code: 'T1', opensAt: at(-10), closesAt: at(20) },
  { id: 3, code: 'T2', opensAt: at(150), closesAt: at(200) },
];
const languages = ['nl', 'nl', 'nl', 'nl', 'nl', 'nl', 'ar', 'ar', 'ar', 'ti', 'ti', 'ti', 'nl'];
const advice: (string | null)[] = ['short', 'short', 'short', 'short', 'long', 'long', 'long', 'long', null, null, null, null, 'short'];
const seedParticipants: FieldworkParticipant[] = languages.map((language, i) => ({
  id: i + 1,
  pseudonym: `P${String(i + 1).padStart(2, '0')}`,
  language,
  status: i === 12 ? 'withdrawn' : 'active',
  register: advice[i] ? { diagnosis_advice: advice[i]! } : null,
}));
const splits = [{ column: 'diagnosis_advice', label: { nl: 'Diagnoseadvies (register)', en: 'Diagnosis advice (register)' }, values: ['short', 'long'] }];
function response(waveId: number, participantId: number, minutes: number | null, pageNo = 5, locale = languages[participantId - 1]!): FieldworkResponse {
  const startedAt = at(waveId === 1 ? -150 : -5);
  return { waveId, surveyId: 'eaa-panel', surveyVersion: 1, participantId, locale, pageNo, startedAt, completedAt: minutes === null ? null : new Date(startedAt.getTime() + minutes * minute) };
}
const seedResponses: FieldworkResponse[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p, i) => response(1, p, 10 + 2 * i)),
  response(1, 11, null, 2),
  response(1, 12, null, 3),
  ...[1, 2, 3, 4, 5, 6, 10, 11].map((p) => response(2, p, 30)),
  response(2, 7, null, 1),
];

const expected = {
  minCellSize: 3,
  waves: [
    { id: 1, code: 'T0', open: false, invited: 12, started: 'x', completed: 10, responseRate: 0.833, medianMinutes: 19 },
    { id: 2, code: 'T1', open: true, invited: 12, started: 'x', completed: 8, responseRate: 0.667, medianMinutes: 30 },
    { id: 3, code: 'T2', open: false, invited: 12, started: 0, completed: 0, responseRate: null, medianMinutes: null },
  ],
  attrition: {
    waves: ['T0', 'T1', 'T2'],
    overall: [10, 7, 0],
    byLanguage: [
      { group: 'nl', counts: [6, 'x', 0] },
      { group: 'ar', counts: ['x', 0, 0] },
      { group: 'ti', counts: ['<3', '<3', 0] },
    ],
    byRegister: [
      {
        column: 'diagnosis_advice',
        label: { nl: 'Diagnoseadvies (register)', en: 'Diagnosis advice (register)' },
        lines: [
          { group: 'short', counts: [4, 4, 0] },
          { group: 'long', counts: ['x', '<3', 0] },
          { group: 'unknown', counts: ['<3', '<3', 0] },
        ],
      },
    ],
  },
  dropOff: [
    { waveCode: 'T0', rows: [{ locale: 'ti', pageNo: 2, page: 'Page 3', count: '<3' }, { locale: 'ti', pageNo: 3, page: 'Page 4', count: '<3' }] },
    { waveCode: 'T1', rows: [{ locale: 'ar', pageNo: 1, page: 'Page 2', count: '<3' }] },
    { waveCode: 'T2', rows: [] },
  ],
  openWave: { code: 'T1', toRemind: 4 },
};

/**
 * Disclosure (k = 3), worked by hand: T0 started 12 = completed 10 + two drop-offs of 1 (each
 * `<3`, and two ranges of 1-2 adding up to 2 would pin both to 1), so started is hidden; T1
 * started 9 = completed 8 + one drop-off, so started is hidden again rather than completed, which
 * would also hide the 4 still to remind (invited 12 = completed 8 + 4). Attrition by language
 * hides nl 6 beside ti `<3` (overall 7); by diagnosis advice the unknown `<3` at T0 takes long 4 with it.
 */
test('fieldwork figures of a seeded panel are exactly as counted by hand', () => {
  const result = fieldwork({ panel: true, waves: seedWaves, participants: seedParticipants, responses: seedResponses, now, minCellSize: 3, splits, pageTitle: (r) => `Page ${r.pageNo + 1}` });
  assert.deepEqual(result, expected);
});

test('an anonymous study has started and completed counts only (started hidden: it is completed plus one drop-off): nobody is invited, linked or reminded', () => {
  const waves: FieldworkWave[] = [{ id: 9, code: 'X', opensAt: at(-5), closesAt: at(5) }];
  const anonymous = [30, 30, 40, null, 20].map((minutes, i) => ({ ...response(9, 1, minutes, 2, i % 2 ? 'tr' : 'nl'), participantId: null }));
  const result = fieldwork({ panel: false, waves, participants: [], responses: anonymous, now, minCellSize: 3 });
  assert.deepEqual(result, {
    minCellSize: 3,
    waves: [{ id: 9, code: 'X', open: true, invited: null, started: 'x', completed: 4, responseRate: null, medianMinutes: 30 }],
    attrition: null,
    dropOff: [{ waveCode: 'X', rows: [{ locale: 'tr', pageNo: 2, page: '#3', count: '<3' }] }],
    openWave: null,
  });
});

test('the pseudonyms to remind are the active ones without a completed response in the open wave', () => {
  const active = seedParticipants.filter((p) => p.status === 'active');
  assert.deepEqual(toRemind(seedWaves[1]!, active, seedResponses), [
    { pseudonym: 'P07', language: 'ar', started: true },
    { pseudonym: 'P08', language: 'ar', started: false },
    { pseudonym: 'P09', language: 'ar', started: false },
    { pseudonym: 'P12', language: 'ti', started: false },
  ]);
});

test('the fieldwork API returns the same figures from the database and the reminder list as CSV', async () => {
  const t = await createTestApp({ clock: new TestClock(now.getTime()), config: { minCellSize: 3 } });
  try {
    const { services } = t;
    const db = services.db.$client;
    services.studies.insertStudy({ id: 'seeded', name: 'Seeded', kind: 'panel', createdAt: at(-300) });
    for (const w of seedWaves) db.prepare('INSERT INTO waves (id, study_id, code, survey_id, survey_version, opens_at, closes_at) VALUES (?, ?, ?, ?, 1, ?, ?)').run(w.id, 'seeded', w.code, 'mini', w.opensAt.getTime(), w.closesAt.getTime());
    for (const p of seedParticipants) {
      db.prepare('INSERT INTO participants (id, study_id, pseudonym, token_hash, language, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(p.id, 'seeded', p.pseudonym, `hash-${p.id}`, p.language, p.status, at(-300).getTime());
      if (p.register) db.prepare('INSERT INTO register_data (participant_id, "values", imported_at) VALUES (?, ?, ?)').run(p.id, JSON.stringify(p.register), at(-300).getTime());
    }
    for (const r of seedResponses) {
      db.prepare('INSERT INTO responses (id, study_id, wave_id, participant_id, survey_id, survey_version, locale, channel, page_no, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)').run(
        randomUUID(), 'seeded', r.waveId, r.participantId, 'mini', r.locale, 'web', r.pageNo, r.startedAt.getTime(), r.startedAt.getTime(), r.completedAt?.getTime() ?? null,
      );
    }
    await addUser(services, 'rita', 'researcher', ['seeded']);
    await addUser(services, 'otto', 'researcher');
    const rita = await signIn(t.app, 'rita');
    const res = await rita.request('GET', '/api/studies/seeded/fieldwork');
    assert.equal(res.statusCode, 200);
    // Where respondents stop is named by the page of the wave's survey (`mini` has pages named work and health, and no fourth page).
    const pages = [['work', '#4'], ['health']];
    assert.deepEqual(res.json(), { ...expected, dropOff: expected.dropOff.map((d, i) => ({ ...d, rows: d.rows.map((r, j) => ({ ...r, page: pages[i]![j]! })) })) });
    const csv = await rita.request('GET', '/api/studies/seeded/fieldwork/reminders.csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.body, 'pseudonym,language,started\r\nP07,ar,true\r\nP08,ar,false\r\nP09,ar,false\r\nP12,ti,false\r\n');
    assert.match(String(csv.headers['content-disposition']), /seeded-T1-reminders\.csv/);
    const otto = await signIn(t.app, 'otto');
    assert.equal((await otto.request('GET', '/api/studies/seeded/fieldwork')).statusCode, 403);
    assert.equal((await otto.request('GET', '/api/studies/seeded/fieldwork/reminders.csv')).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/studies/seeded/fieldwork' })).statusCode, 401);
  } finally {
    await t.close();
  }
});
