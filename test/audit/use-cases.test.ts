import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { commandLine } from '../../server/audit/audit.service.ts';
import { setUserDisabled } from '../../server/auth/auth.service.ts';
import { run as exportCommand } from '../../server/exports/exports.cli.ts';
import { reminderList } from '../../server/fieldwork/fieldwork.service.ts';
import { createBatch, newCodesForNotStarted, reissueToken, withdrawParticipant } from '../../server/participants/participant-admin.service.ts';
import { withdrawByToken } from '../../server/participants/withdrawal.ts';
import { run as registerCommand } from '../../server/register/register.cli.ts';
import { run as reportCommand } from '../../server/reports/reports.cli.ts';
import { addWave, changeWave, closeWaveNow, createStudy, openWaveNow, renameStudy } from '../../server/studies/study-management.service.ts';
import type { SurveyJson } from '../../server/surveys/definition.ts';
import { run as surveysCommand } from '../../server/surveys/surveys.cli.ts';
import { commandContextOf, createTestApp, day, fixturesDir, queryRows, seedMiniStudies, tempDir, type TestApp } from '../helpers/app.ts';
import { serverEnv, wavepanel } from '../helpers/server-process.ts';
import { addUser, signIn } from '../researcher/sign-in.ts';

/**
 * The use cases write the audit log themselves, so a command at the command line leaves the row
 * its HTTP twin leaves: the same action and fields, with no user and `via: 'cli'` instead.
 */

interface AuditRow {
  userId: number | null;
  action: string;
  studyId: string | null;
  detail: Record<string, unknown>;
}

async function auditRows(t: TestApp, action: string): Promise<AuditRow[]> {
  const rows = await queryRows<Omit<AuditRow, 'detail'> & { detail: string }>(t.services, 'SELECT user_id AS "userId", action, study_id AS "studyId", detail FROM audit_log WHERE action = ? ORDER BY id', [action]);
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** The command line on the test app's own database (its SQLite file, where WAL lets both write, or its PostgreSQL database). */
const cliOf = (t: TestApp) => (args: string[], stdin = '') =>
  wavepanel(args, serverEnv({ databasePath: t.config.databasePath, secretPath: t.config.secretPath }, t.postgres ? { DATABASE_URL: t.postgres.url } : {}), stdin);

/** A command run in this process, its output dropped (the audit log is what is compared). */
async function quietly(command: () => Promise<number>): Promise<number> {
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = process.stderr.write = (() => true) as typeof process.stdout.write;
  try {
    return await command();
  } finally {
    [process.stdout.write, process.stderr.write] = [stdout, stderr];
  }
}

async function userIdOf(t: TestApp, username: string): Promise<number> {
  return (await queryRows<{ id: number }>(t.services, 'SELECT id FROM users WHERE username = ?', [username]))[0]!.id;
}

test('user add on the command line audits the new account and its studies as POST /api/users and PUT .../members do', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 1);
    const adminId = await addUser(t.services, 'root', 'admin');
    const admin = await signIn(t.app, 'root');
    const created = await admin.request('POST', '/api/users', { username: 'bea', password: 'a long enough password', role: 'researcher' });
    assert.equal(created.statusCode, 201, created.body);
    const beaId = (created.json() as { id: number }).id;
    assert.equal((await admin.request('PUT', `/api/studies/mini-panel/members/${beaId}`)).statusCode, 204);

    const made = await cliOf(t)(['user', 'add', '--username', 'ada', '--role', 'researcher', '--study', 'mini-panel'], 'another long enough password\n');
    assert.equal(made.code, 0, made.stderr);
    const adaId = await userIdOf(t, 'ada');

    assert.deepEqual(await auditRows(t, 'user_create'), [
      { userId: adminId, action: 'user_create', studyId: null, detail: { userId: beaId, role: 'researcher' } },
      { userId: null, action: 'user_create', studyId: null, detail: { userId: adaId, role: 'researcher', via: 'cli' } },
    ]);
    assert.deepEqual(await auditRows(t, 'member_add'), [
      { userId: adminId, action: 'member_add', studyId: 'mini-panel', detail: { userId: beaId } },
      { userId: null, action: 'member_add', studyId: 'mini-panel', detail: { userId: adaId, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});

test('user reset-link on the command line audits the link as POST /api/users/:id/reset-link does', async () => {
  const t = await createTestApp();
  try {
    const adminId = await addUser(t.services, 'root', 'admin');
    const beaId = await addUser(t.services, 'bea', 'researcher');
    const admin = await signIn(t.app, 'root');
    assert.equal((await admin.request('POST', `/api/users/${beaId}/reset-link`)).statusCode, 201);
    const made = await cliOf(t)(['user', 'reset-link', '--username', 'bea', '--origin', 'https://panel.example.nl']);
    assert.equal(made.code, 0, made.stderr);
    assert.deepEqual(await auditRows(t, 'password_reset_link'), [
      { userId: adminId, action: 'password_reset_link', studyId: null, detail: { userId: beaId } },
      { userId: null, action: 'password_reset_link', studyId: null, detail: { userId: beaId, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});

test('backup on the command line audits the copy with its size, as the command line', async () => {
  const t = await createTestApp();
  try {
    const target = path.join(t.dir, 'copies', 'backup.sqlite');
    const made = await cliOf(t)(['backup', target]);
    assert.equal(made.code, 0, made.stderr);
    assert.deepEqual(await auditRows(t, 'backup'), [{ userId: null, action: 'backup', studyId: null, detail: { bytes: fs.statSync(target).size, via: 'cli' } }]);
  } finally {
    await t.close();
  }
});

test('no one disables their own account, whoever calls the use case; the refusal is not audited', async () => {
  const t = await createTestApp();
  try {
    const adminId = await addUser(t.services, 'root', 'admin');
    await assert.rejects(() => setUserDisabled({ ...t.services, actor: { userId: adminId }, userId: adminId, disabled: true }), { code: 'conflict', details: { reason: 'own_account' } });
    assert.deepEqual(await auditRows(t, 'user_disable'), []);
    await setUserDisabled({ ...t.services, actor: { userId: adminId }, userId: adminId, disabled: false });
    assert.deepEqual(await auditRows(t, 'user_disable'), [{ userId: adminId, action: 'user_disable', studyId: null, detail: { userId: adminId, disabled: false } }]);
  } finally {
    await t.close();
  }
});

test('tokens create and letters on the command line audit the batch and the letters served as POST .../batches and the letters page do', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 0);
    const adminId = await addUser(t.services, 'root', 'admin');
    const admin = await signIn(t.app, 'root');
    const made = await admin.request('POST', '/api/studies/mini-panel/batches', { count: 2, language: 'ar' });
    assert.equal(made.statusCode, 201, made.body);
    const { batch, lettersUrl } = made.json() as { batch: { id: number }; lettersUrl: string };
    assert.equal((await admin.request('GET', lettersUrl)).statusCode, 200);

    const cli = cliOf(t);
    const created = await cli(['tokens', 'create', '--study', 'mini-panel', '--count', '2', '--language', 'ar', '--origin', 'https://panel.example.nl']);
    assert.equal(created.code, 0, created.stderr);
    const tokensFile = path.join(t.dir, 'tokens.csv');
    fs.writeFileSync(tokensFile, created.stdout);
    const printed = await cli(['letters', '--study', 'mini-panel', '--tokens', tokensFile, '--origin', 'https://panel.example.nl']);
    assert.equal(printed.code, 0, printed.stderr);

    assert.deepEqual(await auditRows(t, 'token_batch'), [
      { userId: adminId, action: 'token_batch', studyId: 'mini-panel', detail: { batchId: batch.id, count: 2, language: 'ar' } },
      { userId: null, action: 'token_batch', studyId: 'mini-panel', detail: { batchId: batch.id + 1, count: 2, language: 'ar', via: 'cli' } },
    ]);
    assert.deepEqual(await auditRows(t, 'letters_served'), [
      { userId: adminId, action: 'letters_served', studyId: 'mini-panel', detail: { count: 2, set: lettersUrl.split('/').at(-1) } },
      { userId: null, action: 'letters_served', studyId: 'mini-panel', detail: { count: 2, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});

test('a reissued token, new codes and withdrawals are audited by the use cases themselves, whoever calls them', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 0);
    const adminId = await addUser(t.services, 'root', 'admin');
    const actor = { userId: adminId };
    const studyId = 'mini-panel';
    const { batch, letters } = await createBatch(t.services, { studyId, count: 4, actor });
    const [first, second, third, fourth] = letters;

    await reissueToken(t.services, { studyId, participantId: first!.participantId, actor });
    assert.deepEqual(await auditRows(t, 'token_reissue'), [{ userId: adminId, action: 'token_reissue', studyId, detail: { pseudonym: first!.pseudonym } }]);

    await withdrawParticipant(t.services, { studyId, participantId: second!.participantId, by: commandLine });
    await withdrawByToken(t.services, { token: third!.token, by: { userId: null } });
    await withdrawByToken(t.services, { token: fourth!.token, studyId, by: actor });
    assert.deepEqual(await auditRows(t, 'participant_withdraw'), [
      { userId: null, action: 'participant_withdraw', studyId, detail: { pseudonym: second!.pseudonym, responsesDeleted: 0, via: 'cli' } },
      { userId: null, action: 'participant_withdraw', studyId, detail: { pseudonym: third!.pseudonym, responsesDeleted: 0, by: 'respondent' } },
      { userId: adminId, action: 'participant_withdraw', studyId, detail: { pseudonym: fourth!.pseudonym, responsesDeleted: 0, by: 'researcher', via: 'token' } },
    ]);

    const renewed = await newCodesForNotStarted(t.services, { studyId, batchId: batch.id, actor: commandLine });
    assert.deepEqual(renewed.map((l) => l.pseudonym), [first!.pseudonym]);
    assert.deepEqual(await auditRows(t, 'token_new_codes'), [{ userId: null, action: 'token_new_codes', studyId, detail: { batchId: batch.id, count: 1, via: 'cli' } }]);
  } finally {
    await t.close();
  }
});

test('the studies use cases audit a new and a renamed study and every change to a wave themselves, whoever calls them', async () => {
  const t = await createTestApp();
  try {
    const adminId = await addUser(t.services, 'root', 'admin');
    const actor = { userId: adminId };
    const studyId = 'town';
    const inDays = (days: number) => new Date(t.clock.now().getTime() + days * day);
    await createStudy(t.services, { study: { id: studyId, name: 'Town panel', kind: 'panel' }, actor: commandLine });
    await renameStudy(t.services, { studyId, name: 'Town', actor });
    const added = await addWave(t.services, { studyId, wave: { code: 'W0', surveyId: 'mini', surveyVersion: 1, opensAt: inDays(1), closesAt: inDays(30) }, actor });
    const changed = await changeWave(t.services, { studyId, waveId: added.id, change: { closesAt: inDays(40) }, actor: commandLine });
    const opened = await openWaveNow(t.services, { studyId, waveId: added.id, actor });
    t.clock.advance(1000);
    const closed = await closeWaveNow(t.services, { studyId, waveId: added.id, actor: commandLine });

    assert.deepEqual(await auditRows(t, 'study_create'), [{ userId: null, action: 'study_create', studyId, detail: { kind: 'panel', via: 'cli' } }]);
    assert.deepEqual(await auditRows(t, 'study_update'), [{ userId: adminId, action: 'study_update', studyId, detail: { name: 'Town' } }]);
    assert.deepEqual(await auditRows(t, 'wave_create'), [{ userId: adminId, action: 'wave_create', studyId, detail: { wave: added } }]);
    assert.deepEqual(await auditRows(t, 'wave_update'), [{ userId: null, action: 'wave_update', studyId, detail: { before: added, after: changed, via: 'cli' } }], 'opening and closing are not also a wave_update');
    assert.deepEqual(await auditRows(t, 'wave_open'), [{ userId: adminId, action: 'wave_open', studyId, detail: { before: changed, after: opened } }]);
    assert.deepEqual(await auditRows(t, 'wave_close'), [{ userId: null, action: 'wave_close', studyId, detail: { before: opened, after: closed, via: 'cli' } }]);
  } finally {
    await t.close();
  }
});

test('the reminder list is audited by its use case with the wave and its length, as GET .../reminders.csv audits it', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 2);
    const ritaId = await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    const rita = await signIn(t.app, 'rita');
    assert.equal((await rita.request('GET', '/api/studies/mini-panel/fieldwork/reminders.csv')).statusCode, 200);
    assert.equal((await reminderList(t.services, { studyId: 'mini-panel', actor: commandLine })).count, 2);
    assert.deepEqual(await auditRows(t, 'reminder_list'), [
      { userId: ritaId, action: 'reminder_list', studyId: 'mini-panel', detail: { wave: 'W0', count: 2 } },
      { userId: null, action: 'reminder_list', studyId: 'mini-panel', detail: { wave: 'W0', count: 2, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});

test('register import on the command line audits the import as POST .../register/import does', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 2);
    const ritaId = await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    const rita = await signIn(t.app, 'rita');
    const header = 'pseudonym,diagnosis_advice,status_holder,nationality,age_band';
    const imported = await rita.request('POST', '/api/studies/mini-panel/register/import', { csv: `${header}\nP1,short,true,SY,27-40\n` });
    assert.equal(imported.statusCode, 200, imported.body);
    const file = path.join(t.dir, 'register.csv');
    fs.writeFileSync(file, `${header}\nP1,short,true,SY,27-40\nP2,long,false,NL,55-67\n`);
    assert.equal(await quietly(() => registerCommand(['import', file, '--study', 'mini-panel'], commandContextOf(t.services))), 0);
    assert.deepEqual(await auditRows(t, 'register_import'), [
      { userId: ritaId, action: 'register_import', studyId: 'mini-panel', detail: { rows: 1 } },
      { userId: null, action: 'register_import', studyId: 'mini-panel', detail: { rows: 2, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});

test('surveys publish on the command line audits the publication as POST /api/surveys/:id/versions does', async () => {
  const surveysDir = path.join(tempDir('wavepanel-publish-audit-'), 'surveys');
  fs.cpSync(path.join(fixturesDir, 'surveys'), surveysDir, { recursive: true });
  const t = await createTestApp({ config: { surveysDir } });
  try {
    const adminId = await addUser(t.services, 'root', 'admin');
    const admin = await signIn(t.app, 'root');
    const mini = JSON.parse(fs.readFileSync(path.join(surveysDir, 'mini', '1.json'), 'utf8')) as SurveyJson;
    const withComment = (name: string): SurveyJson => {
      mini.pages.at(-1)!.elements!.push({ type: 'comment', name, title: 'Wat wilt u nog zeggen?' });
      return mini;
    };
    const published = await admin.request('POST', '/api/surveys/mini/versions', { definition: withComment('advice') });
    assert.equal(published.statusCode, 201, published.body);
    const file = path.join(t.dir, 'next.json');
    fs.writeFileSync(file, JSON.stringify(withComment('more_advice')));
    assert.equal(await quietly(() => surveysCommand(['publish', file, '--survey', 'mini'], commandContextOf(t.services))), 0);
    assert.deepEqual(await auditRows(t, 'survey_publish'), [
      { userId: adminId, action: 'survey_publish', studyId: null, detail: { surveyId: 'mini', version: 2, previousVersion: 1, breakingAccepted: [] } },
      { userId: null, action: 'survey_publish', studyId: null, detail: { surveyId: 'mini', version: 3, previousVersion: 2, breakingAccepted: [], via: 'cli' } },
    ]);
  } finally {
    await t.close();
    fs.rmSync(path.dirname(surveysDir), { recursive: true, force: true });
  }
});

test('export and report on the command line audit the file as the export and report routes do', async () => {
  const t = await createTestApp();
  try {
    await seedMiniStudies(t.services, 2);
    const ritaId = await addUser(t.services, 'rita', 'researcher', ['mini-panel']);
    const rita = await signIn(t.app, 'rita');
    assert.equal((await rita.request('GET', '/api/studies/mini-panel/exports/wide')).statusCode, 200);
    assert.equal((await rita.request('GET', '/api/studies/mini-panel/report/csv')).statusCode, 200);
    const context = commandContextOf(t.services);
    assert.equal(await quietly(() => exportCommand(['--study', 'mini-panel', '--format', 'wide', '--out', path.join(t.dir, 'wide.csv')], context)), 0);
    assert.equal(await quietly(() => reportCommand(['--study', 'mini-panel', '--format', 'csv', '--out', path.join(t.dir, 'report.csv')], context)), 0);
    const minCellSize = t.config.minCellSize;
    assert.deepEqual(await auditRows(t, 'export'), [
      { userId: ritaId, action: 'export', studyId: 'mini-panel', detail: { format: 'wide', layout: 'wide', excelNl: false } },
      { userId: ritaId, action: 'export', studyId: 'mini-panel', detail: { format: 'report', file: 'csv', minCellSize } },
      { userId: null, action: 'export', studyId: 'mini-panel', detail: { format: 'wide', layout: 'wide', excelNl: false, via: 'cli' } },
      { userId: null, action: 'export', studyId: 'mini-panel', detail: { format: 'report', file: 'csv', minCellSize, via: 'cli' } },
    ]);
  } finally {
    await t.close();
  }
});
