import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { run as registerCli } from '../../server/register/register.cli.ts';
import { checkRegisterFile, type KnownParticipant } from '../../server/register/register.rules.ts';
import { bundledDefinitions } from '../exports/helpers.ts';
import { commandContextOf, createTestApp, queryRows, seedMiniStudies } from '../helpers/app.ts';
import { addUser, signIn } from './sign-in.ts';

const header = 'pseudonym,diagnosis_advice,status_holder,nationality,age_band';
const known: ReadonlyMap<string, KnownParticipant> = new Map([
  ['P1', { id: 1, status: 'active' }],
  ['P2', { id: 2, status: 'active' }],
  ['P3', { id: 3, status: 'withdrawn' }],
]);
/** EAA's register columns as its study definition declares them. */
const columns = bundledDefinitions().get('eaa')!.definition.register!;

const cases: { name: string; text: string; problems?: [number, RegExp][]; rows?: number }[] = [
  { name: 'a valid file gives one row per line', text: `${header}\nP1,short,true,SY,27-40\nP2,long,false,NL,55-67\n`, rows: 2 },
  { name: 'empty cells are allowed and mean not known', text: `${header}\nP1,,,,\n`, rows: 1 },
  { name: 'semicolons (Dutch spreadsheets), a BOM and ja/nee are read', text: `\uFEFF${header.replace(/,/g, ';')}\nP1;short;ja;er;18-26\n`, rows: 1 },
  { name: 'columns may come in any order', text: 'age_band,pseudonym,nationality,status_holder,diagnosis_advice\n41-54,P1,TR,0,long\n', rows: 1 },
  { name: 'an unknown pseudonym is named with its line', text: `${header}\nP1,short,true,SY,27-40\nP9,short,true,SY,27-40\n`, problems: [[3, /unknown pseudonym P9/]] },
  { name: 'a withdrawn participant gets no register data', text: `${header}\nP3,short,true,SY,27-40\n`, problems: [[2, /P3 has withdrawn/]] },
  { name: 'a duplicate names the first line', text: `${header}\nP1,short,true,SY,27-40\nP2,long,false,NL,55-67\nP1,long,true,SY,27-40\n`, problems: [[4, /P1 appears again \(first on line 2\)/]] },
  { name: 'a bad diagnosis advice is refused', text: `${header}\nP1,medium,true,SY,27-40\n`, problems: [[2, /diagnosis_advice must be one of these values: short, long; not "medium"/]] },
  { name: 'a bad status holder value is refused', text: `${header}\nP1,short,maybe,SY,27-40\n`, problems: [[2, /status_holder/]] },
  { name: 'a nationality that is not an ISO code is refused', text: `${header}\nP1,short,true,Syria,27-40\n`, problems: [[2, /nationality/]] },
  { name: 'an age band outside the four is refused', text: `${header}\nP1,short,true,SY,18-25\n`, problems: [[2, /age_band/]] },
  { name: 'a missing column is refused on line 1', text: 'pseudonym,diagnosis_advice\nP1,short\n', problems: [[1, /Missing column\(s\): status_holder, nationality, age_band/]] },
  { name: 'an extra column (a name, a client number) is refused', text: `${header},name\nP1,short,true,SY,27-40,Jan\n`, problems: [[1, /Unknown column\(s\): name/]] },
  { name: 'a row with too few fields is refused', text: `${header}\nP1,short,true\n`, problems: [[2, /Expected 5 fields, found 3/]] },
  { name: 'an empty file is refused', text: '', problems: [[1, /empty/]] },
  {
    name: 'every problem of a row is named at once',
    text: `${header}\nP1,medium,maybe,Syria,18-25\n`,
    problems: [
      [2, /diagnosis_advice/],
      [2, /status_holder/],
      [2, /nationality/],
      [2, /age_band/],
    ],
  },
];

test('register rules: a study that declares no register columns takes no register file', () => {
  const result = checkRegisterFile(`${header}\nP1,short,true,SY,27-40\n`, known, []);
  assert.deepEqual(result.rows, []);
  assert.match(result.problems[0]!.message, /declares no register columns/);
});

test('register rules: a problem has a stable code and params, for the workspace to say it in its language, and an English message', () => {
  const { problems } = checkRegisterFile(`${header}\nP1,short,true,SY,27-40\nP9,soon,true,SY,27-40\n`, known, columns);
  assert.deepEqual(problems, [
    { line: 3, code: 'unknown_pseudonym', params: { pseudonym: 'P9' }, message: 'unknown pseudonym P9' },
    { line: 3, code: 'not_a_value', params: { column: 'diagnosis_advice', values: 'short, long', raw: 'soon' }, message: 'diagnosis_advice must be one of these values: short, long; not "soon"' },
  ]);
});

test('register rules: a number column takes numbers only, a text column anything', () => {
  const declared = [
    { name: 'income', type: 'number' as const, label: { nl: 'Inkomen' } },
    { name: 'district', type: 'text' as const, label: { nl: 'Wijk' } },
  ];
  const good = checkRegisterFile('pseudonym,income,district\nP1,1200.5,Noord\n', known, declared);
  assert.deepEqual(good.rows[0]!.values, { income: 1200.5, district: 'Noord' });
  const bad = checkRegisterFile('pseudonym,income,district\nP1,lots,Noord\n', known, declared);
  assert.match(bad.problems[0]!.message, /income must be a number, not "lots"/);
});

for (const c of cases) {
  test(`register rules: ${c.name}`, () => {
    const result = checkRegisterFile(c.text, known, columns);
    if (c.rows !== undefined) {
      assert.deepEqual(result.problems, []);
      assert.equal(result.rows.length, c.rows);
    }
    if (c.problems) {
      assert.equal(result.rows.length, 0, 'no rows when anything is wrong');
      assert.equal(result.problems.length, c.problems.length, JSON.stringify(result.problems));
      c.problems.forEach(([line, message], i) => {
        assert.equal(result.problems[i]!.line, line);
        assert.match(result.problems[i]!.message, message);
      });
    }
  });
}

test('register rules: values are normalised for storage', () => {
  const { rows } = checkRegisterFile(`${header}\nP1,SHORT,Ja,sy,27-40\nP2,,nee,,\n`, known, columns);
  assert.deepEqual(
    rows.map(({ line: _line, ...r }) => r),
    [
      { pseudonym: 'P1', participantId: 1, values: { diagnosis_advice: 'short', status_holder: true, nationality: 'SY', age_band: '27-40' } },
      { pseudonym: 'P2', participantId: 2, values: { diagnosis_advice: null, status_holder: false, nationality: null, age_band: null } },
    ],
  );
});

async function setUp() {
  const t = await createTestApp();
  await seedMiniStudies(t.services, 3);
  await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
  await addUser(t.services, 'otto', 'researcher');
  return { t, rita: await signIn(t.app, 'rita'), otto: await signIn(t.app, 'otto') };
}

const registerRows = async (t: Awaited<ReturnType<typeof setUp>>['t']) =>
  (await queryRows<{ pseudonym: string; values: string }>(t.services, 'SELECT p.pseudonym, r."values" FROM register_data r JOIN participants p ON p.id = r.participant_id ORDER BY p.pseudonym')).map((r) => ({
    pseudonym: r.pseudonym,
    ...(JSON.parse(r.values) as object),
  }));

test('a valid register file is previewed, then imported, and the import is audited', async () => {
  const { t, rita } = await setUp();
  try {
    const csv = `${header}\nP1,short,true,SY,27-40\nP2,long,false,NL,55-67\n`;
    const preview = await rita.request('POST', '/api/studies/mini-panel/register/preview', { csv });
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.json().rows.length, 2);
    assert.deepEqual(preview.json().problems, []);
    assert.deepEqual((await registerRows(t)), [], 'a preview writes nothing');
    const imported = await rita.request('POST', '/api/studies/mini-panel/register/import', { csv });
    assert.deepEqual(imported.json(), { imported: 2 });
    assert.deepEqual((await registerRows(t)), [
      { pseudonym: 'P1', diagnosis_advice: 'short', status_holder: true, nationality: 'SY', age_band: '27-40' },
      { pseudonym: 'P2', diagnosis_advice: 'long', status_holder: false, nationality: 'NL', age_band: '55-67' },
    ]);
    const again = await rita.request('POST', '/api/studies/mini-panel/register/preview', { csv: `${header}\nP1,long,true,SY,27-40\n` });
    assert.equal(again.json().replacing, 1);
    const audit = await queryRows(t.services, "SELECT action, detail FROM audit_log WHERE action = 'register_import'");
    assert.deepEqual(audit, [{ action: 'register_import', detail: '{"rows":2}' }]);
  } finally {
    await t.close();
  }
});

test('a register file with one bad row imports nothing and names the line', async () => {
  const { t, rita } = await setUp();
  try {
    const csv = `${header}\nP1,short,true,SY,27-40\nP2,long,false,NL,55-67\nP3,sometimes,true,ER,18-26\n`;
    const res = await rita.request('POST', '/api/studies/mini-panel/register/import', { csv });
    assert.equal(res.statusCode, 422);
    const body = res.json() as { error: { code: string; message: string; details: { problems: { line: number; message: string }[] } } };
    assert.equal(body.error.code, 'unprocessable');
    assert.deepEqual(body.error.details.problems.map((p) => p.line), [4]);
    assert.match(body.error.message, /line 4/);
    assert.deepEqual((await registerRows(t)), []);
  } finally {
    await t.close();
  }
});

test('only members of the study may preview or import its register data', async () => {
  const { t, otto } = await setUp();
  try {
    const csv = `${header}\nP1,short,true,SY,27-40\n`;
    assert.equal((await otto.request('POST', '/api/studies/mini-panel/register/import', { csv })).statusCode, 403);
    assert.equal((await otto.request('POST', '/api/studies/mini-panel/register/preview', { csv })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/studies/mini-panel/register/import', payload: { csv } })).statusCode, 401);
    assert.deepEqual((await registerRows(t)), []);
  } finally {
    await t.close();
  }
});

test('the register import command imports all rows or none', async () => {
  const { t } = await setUp();
  try {
    const good = path.join(t.dir, 'good.csv');
    const bad = path.join(t.dir, 'bad.csv');
    fs.writeFileSync(good, `${header}\nP1,short,true,SY,27-40\n`);
    fs.writeFileSync(bad, `${header}\nP2,long,false,NL,55-67\nP9,long,false,NL,55-67\n`);
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const out = process.stdout.write.bind(process.stdout);
    process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      assert.equal(await registerCli(['import', bad, '--study', 'mini-panel'], commandContextOf(t.services)), 1);
      assert.equal(await registerCli(['import', good, '--study', 'mini-panel'], commandContextOf(t.services)), 0);
    } finally {
      process.stderr.write = write;
      process.stdout.write = out;
    }
    assert.match(stderr.join(''), /line 3: unknown pseudonym P9/);
    assert.deepEqual((await registerRows(t)).map((r) => (r as { pseudonym: string }).pseudonym), ['P1']);
  } finally {
    await t.close();
  }
});
