import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { recomputable } from '../../server/disclosure/disclosure.ts';
import { fieldwork, fieldworkProtection, median, toRemind, type FieldworkParticipant, type GroupingSplit, type FieldworkResponse, type FieldworkWave } from '../../server/fieldwork/fieldwork.rules.ts';
import { createTestApp, day, runStatement, storedMoment, TestClock } from '../helpers/app.ts';
import { addUser, signIn } from './sign-in.ts';
import { recomputedByAttacker } from '../disclosure/oracle.ts';

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
/** P01-P03 newcomers, P04-P08 settled, the rest unknown, as a derived migration group would put them. */
const migration = (p: FieldworkParticipant) => (p.id <= 3 ? 'nonwestern_newcomer' : p.id <= 8 ? 'nonwestern_settled' : 'unknown');
const groupings: GroupingSplit[] = [
  { name: 'migration_group', label: 'Migration group', values: [{ value: 'nonwestern_newcomer', label: 'newcomer' }, { value: 'nonwestern_settled', label: 'settled' }], groupOf: migration },
  { name: 'diagnosis_advice', label: 'Diagnosis advice (register)', values: [{ value: 'short', label: 'short' }, { value: 'long', label: 'long' }], groupOf: (p) => String(p.register?.diagnosis_advice ?? 'unknown') },
];
/** P03, P04, P07 and P08 answer at the kiosk, the rest online. */
const kiosk = new Set([3, 4, 7, 8]);
function response(waveId: number, participantId: number, minutes: number | null, pageNo = 5, locale = languages[participantId - 1]!): FieldworkResponse {
  const startedAt = at(waveId === 1 ? -150 : -5);
  const channel = kiosk.has(participantId) ? 'kiosk' : 'web';
  return { waveId, surveyId: 'eaa-panel', surveyVersion: 1, participantId, locale, channel, pageNo, startedAt, completedAt: minutes === null ? null : new Date(startedAt.getTime() + minutes * minute) };
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
    {
      id: 1,
      code: 'T0',
      open: false,
      invited: 12,
      started: 'x',
      completed: 10,
      responseRate: 0.833,
      medianMinutes: 19
    },
    {
      id: 2,
      code: 'T1',
      open: true,
      invited: 12,
      started: 9,
      completed: 'x',
      responseRate: null,
      medianMinutes: 30
    },
    {
      id: 3,
      code: 'T2',
      open: false,
      invited: 12,
      started: 0,
      completed: 0,
      responseRate: null,
      medianMinutes: null
    }
  ],
  attrition: {
    waves: [
      'T0',
      'T1',
      'T2'
    ],
    overall: [
      10,
      7,
      0
    ],
    byLanguage: [
      {
        group: 'nl',
        counts: [
          'x',
          'x',
          0
        ]
      },
      {
        group: 'ar',
        counts: [
          'x',
          0,
          0
        ]
      },
      {
        group: 'ti',
        counts: [
          '<3',
          '<3',
          0
        ]
      }
    ],
    byGrouping: [
      {
        name: 'migration_group',
        label: 'Migration group',
        lines: [
          {
            group: 'nonwestern_newcomer',
            counts: [
              'x',
              'x',
              0
            ]
          },
          {
            group: 'nonwestern_settled',
            counts: [
              'x',
              3,
              0
            ]
          },
          {
            group: 'unknown',
            counts: [
              '<3',
              '<3',
              0
            ]
          }
        ]
      },
      {
        name: 'diagnosis_advice',
        label: 'Diagnosis advice (register)',
        lines: [
          {
            group: 'short',
            counts: [
              'x',
              4,
              0
            ]
          },
          {
            group: 'long',
            counts: [
              'x',
              '<3',
              0
            ]
          },
          {
            group: 'unknown',
            counts: [
              '<3',
              '<3',
              0
            ]
          }
        ]
      }
    ]
  },
  byGroup: [
    {
      split: 'language',
      label: null,
      groups: [
        {
          group: 'nl',
          label: null,
          invited: 6,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: 'x',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T1',
              started: 6,
              completed: 6,
              stopped: 0,
              responseRate: 1
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'ar',
          label: null,
          invited: 3,
          waves: [
            {
              code: 'T0',
              started: 3,
              completed: 'x',
              stopped: 'x',
              responseRate: null
            },
            {
              code: 'T1',
              started: '<3',
              completed: 0,
              stopped: '<3',
              responseRate: 0
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'ti',
          label: null,
          invited: 3,
          waves: [
            {
              code: 'T0',
              started: 3,
              completed: '<3',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T1',
              started: '<3',
              completed: '<3',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        }
      ]
    },
    {
      split: 'channel',
      label: null,
      groups: [
        {
          group: 'web',
          label: null,
          invited: null,
          waves: [
            {
              code: 'T0',
              started: 8,
              completed: 'x',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T1',
              started: 6,
              completed: 6,
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'kiosk',
          label: null,
          invited: null,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: 'x',
              stopped: 'x',
              responseRate: null
            },
            {
              code: 'T1',
              started: 3,
              completed: '<3',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        }
      ]
    },
    {
      split: 'migration_group',
      label: 'Migration group',
      groups: [
        {
          group: 'nonwestern_newcomer',
          label: 'newcomer',
          invited: 3,
          waves: [
            {
              code: 'T0',
              started: 3,
              completed: 'x',
              stopped: 'x',
              responseRate: null
            },
            {
              code: 'T1',
              started: 'x',
              completed: 'x',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'nonwestern_settled',
          label: 'settled',
          invited: 5,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: 'x',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T1',
              started: 4,
              completed: 'x',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'unknown',
          label: null,
          invited: 4,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: '<3',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T1',
              started: '<3',
              completed: '<3',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        }
      ]
    },
    {
      split: 'diagnosis_advice',
      label: 'Diagnosis advice (register)',
      groups: [
        {
          group: 'short',
          label: 'short',
          invited: 4,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: 'x',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T1',
              started: 4,
              completed: 4,
              stopped: 0,
              responseRate: 1
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'long',
          label: 'long',
          invited: 4,
          waves: [
            {
              code: 'T0',
              started: 4,
              completed: 'x',
              stopped: 'x',
              responseRate: null
            },
            {
              code: 'T1',
              started: 'x',
              completed: '<3',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        },
        {
          group: 'unknown',
          label: null,
          invited: 4,
          waves: [
            {
              code: 'T0',
              started: 'x',
              completed: '<3',
              stopped: '<3',
              responseRate: null
            },
            {
              code: 'T1',
              started: '<3',
              completed: '<3',
              stopped: 0,
              responseRate: null
            },
            {
              code: 'T2',
              started: 0,
              completed: 0,
              stopped: 0,
              responseRate: null
            }
          ]
        }
      ]
    }
  ],
  dropOff: [
    {
      waveCode: 'T0',
      rows: [
        {
          locale: 'ti',
          pageNo: 2,
          page: 'Page 3',
          count: '<3'
        },
        {
          locale: 'ti',
          pageNo: 3,
          page: 'Page 4',
          count: '<3'
        }
      ]
    },
    {
      waveCode: 'T1',
      rows: [
        {
          locale: 'ar',
          pageNo: 1,
          page: 'Page 2',
          count: '<3'
        }
      ]
    },
    {
      waveCode: 'T2',
      rows: []
    }
  ],
  openWave: {
    code: 'T1',
    toRemind: 'x'
  }
};

/**
 * Disclosure (k = 3) of a panel this small hides much once every wave is split four ways (language,
 * channel, migration group, diagnosis advice): the counts before protection are checked by hand
 * below (k = 1), and that nothing hidden can be worked out by the attacker test; this pins the
 * protection down so that a change to it is seen. The first wave's completed count (10) stays
 * published, and its started count (12 = 10 + two drop-offs of 1) is hidden as before.
 */
test('the protected fieldwork figures of a seeded panel stay as they were checked', () => {
  const result = fieldwork({ panel: true, waves: seedWaves, participants: seedParticipants, responses: seedResponses, now, minCellSize: 3, groupings, pageTitle: (r) => `Page ${r.pageNo + 1}` });
  assert.deepEqual(result, expected);
});

test('split by language, channel, migration group and diagnosis advice, every wave counts who was invited, started, completed and stopped, as counted by hand', () => {
  const result = fieldwork({ panel: true, waves: seedWaves, participants: seedParticipants, responses: seedResponses, now, minCellSize: 1, groupings });
  const table = (split: string) => Object.fromEntries(result.byGroup.find((s) => s.split === split)!.groups.map((g) => [g.group, [g.invited, ...g.waves.slice(0, 2).map((w) => `${String(w.started)}/${String(w.completed)}/${String(w.stopped)}`)]]));
  // T0: P01-P10 complete, P11 and P12 stop; T1: P01-P06, P10, P11 complete, P07 stops. Invited: the 12 active.
  assert.deepEqual(table('language'), { nl: [6, '6/6/0', '6/6/0'], ar: [3, '3/3/0', '1/0/1'], ti: [3, '3/1/2', '2/2/0'] });
  assert.deepEqual(table('channel'), { web: [null, '8/6/2', '6/6/0'], kiosk: [null, '4/4/0', '3/2/1'] });
  assert.deepEqual(table('migration_group'), { nonwestern_newcomer: [3, '3/3/0', '3/3/0'], nonwestern_settled: [5, '5/5/0', '4/3/1'], unknown: [4, '4/2/2', '2/2/0'] });
  assert.deepEqual(table('diagnosis_advice'), { short: [4, '4/4/0', '4/4/0'], long: [4, '4/4/0', '3/2/1'], unknown: [4, '4/2/2', '2/2/0'] });
  const settled = result.byGroup.find((s) => s.split === 'migration_group')!.groups.find((g) => g.group === 'nonwestern_settled')!;
  assert.deepEqual([settled.label, settled.waves.map((w) => w.responseRate)], ['settled', [1, 0.6, null]]);
});

test('an anonymous study has started and completed counts only, split by the language answered in and by channel; nobody is invited, linked or reminded', () => {
  const waves: FieldworkWave[] = [{ id: 9, code: 'X', opensAt: at(-5), closesAt: at(5) }];
  const anonymous = [30, 30, 40, null, 20].map((minutes, i) => ({ ...response(9, 1, minutes, 2, i % 2 ? 'tr' : 'nl'), participantId: null }));
  const result = fieldwork({ panel: false, waves, participants: [], responses: anonymous, now, minCellSize: 3 });
  // Turkish: started 2 = completed 1 + stopped 1, three ranges of 1-2 that pin each other down, so Dutch and the total go too.
  const hidden = { code: 'X', started: 'x', completed: 'x', responseRate: null };
  assert.deepEqual(result, {
    minCellSize: 3,
    waves: [{ id: 9, code: 'X', open: true, invited: null, started: 'x', completed: 'x', responseRate: null, medianMinutes: 30 }],
    attrition: null,
    byGroup: [
      { split: 'language', label: null, groups: [{ group: 'nl', label: null, invited: null, waves: [{ ...hidden, stopped: 0 }] }, { group: 'tr', label: null, invited: null, waves: [{ ...hidden, stopped: 'x' }] }] },
      { split: 'channel', label: null, groups: [{ group: 'web', label: null, invited: null, waves: [{ ...hidden, stopped: '<3' }] }] },
    ],
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
    const moment = (date: Date) => storedMoment(services, date);
    await services.studies.insertStudy({ id: 'seeded', name: 'Seeded', kind: 'panel', createdAt: at(-300) });
    for (const w of seedWaves) await runStatement(services, 'INSERT INTO waves (id, study_id, code, survey_id, survey_version, opens_at, closes_at) VALUES (?, ?, ?, ?, 1, ?, ?)', [w.id, 'seeded', w.code, 'mini', moment(w.opensAt), moment(w.closesAt)]);
    for (const p of seedParticipants) {
      await runStatement(services, 'INSERT INTO participants (id, study_id, pseudonym, token_hash, language, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [p.id, 'seeded', p.pseudonym, `hash-${p.id}`, p.language, p.status, moment(at(-300))]);
      if (p.register) await runStatement(services, 'INSERT INTO register_data (participant_id, "values", imported_at) VALUES (?, ?, ?)', [p.id, JSON.stringify(p.register), moment(at(-300))]);
    }
    for (const r of seedResponses) {
      await runStatement(services, 'INSERT INTO responses (id, study_id, wave_id, participant_id, survey_id, survey_version, locale, channel, page_no, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)', [
        randomUUID(), 'seeded', r.waveId, r.participantId, 'mini', r.locale, r.channel, r.pageNo, moment(r.startedAt), moment(r.startedAt), r.completedAt ? moment(r.completedAt) : null,
      ]);
    }
    await addUser(services, 'rita', 'researcher', ['seeded']);
    await addUser(services, 'otto', 'researcher');
    const rita = await signIn(t.app, 'rita');
    const res = await rita.request('GET', '/api/studies/seeded/fieldwork');
    assert.equal(res.statusCode, 200);
    // Where respondents stop is named by the page of the wave's survey (`mini` has pages named work and health, and no fourth page).
    const pages = [['work', '#4'], ['health']];
    // A study without a definition file groups its report by diagnosis advice (register), in Dutch unless asked otherwise.
    const diagnosis: GroupingSplit = { ...groupings[1]!, label: 'Diagnoseadvies (register)', values: [{ value: 'short', label: 'kort' }, { value: 'long', label: 'lang' }] };
    const rules = fieldwork({ panel: true, waves: seedWaves, participants: seedParticipants, responses: seedResponses, now, minCellSize: 3, groupings: [diagnosis] });
    assert.deepEqual(res.json(), { ...rules, dropOff: rules.dropOff.map((d, i) => ({ ...d, rows: d.rows.map((r, j) => ({ ...r, page: pages[i]![j]! })) })) });
    const english = (await rita.request('GET', '/api/studies/seeded/fieldwork?lang=en')).json<{ byGroup: { label: string | null }[] }>();
    assert.deepEqual(english.byGroup.map((s) => s.label), [null, null, 'Diagnosis advice (register)']);
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

test('no hidden fieldwork count can be worked out from the rest of the page (checked by an attacker who tries every filling), split by language, channel, migration group and diagnosis advice', () => {
  const { tables, protection } = fieldworkProtection({ panel: true, waves: seedWaves, participants: seedParticipants, responses: seedResponses, now, minCellSize: 3, groupings });
  assert.ok([...protection.values()].some((s) => s !== 'shown'));
  assert.deepEqual(recomputable(tables, protection), []);
  assert.deepEqual(recomputedByAttacker(tables, protection), []);
});

