import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { defaultMigrationsDir, migrateDatabase, openDatabase } from '../../server/db/connection.ts';
import { tempDir } from '../helpers/app.ts';

const tablesOf = (file: string) =>
  (openDatabase(file).$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** A migration written the way drizzle-kit rebuilds a table: create, copy, drop, rename. */
function rebuildMigration(createResponses: string): string {
  return [
    'PRAGMA foreign_keys=OFF;',
    createResponses.replace('CREATE TABLE `responses`', 'CREATE TABLE `__new_responses`') + ';',
    'INSERT INTO `__new_responses` SELECT * FROM `responses`;',
    'DROP TABLE `responses`;',
    'ALTER TABLE `__new_responses` RENAME TO `responses`;',
    'PRAGMA foreign_keys=ON;',
  ].join('--> statement-breakpoint\n');
}

describe('database migrations', () => {
  it('an empty file gets every table of the schema', () => {
    const dir = tempDir();
    const tables = tablesOf(path.join(dir, 'db.sqlite'));
    for (const table of ['audit_log', 'participants', 'register_data', 'responses', 'sessions', 'studies', 'study_members', 'submissions', 'users', 'waves']) {
      assert.ok(tables.includes(table), `missing ${table}`);
    }
  });

  it('runs in WAL mode with foreign keys on', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'));
    assert.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.$client.pragma('foreign_keys', { simple: true }), 1);
  });

  it('a table rebuild keeps every stored answer and submission (no cascade through DROP TABLE)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'db.sqlite');
    const db = openDatabase(file);
    const sqlite = db.$client;
    sqlite.exec(`INSERT INTO studies (id, name, kind, created_at) VALUES ('s', 'S', 'panel', 0);
      INSERT INTO waves (study_id, code, survey_id, survey_version, opens_at, closes_at) VALUES ('s', 'T0', 'x', 1, 0, 1);
      INSERT INTO participants (study_id, pseudonym, token_hash, created_at) VALUES ('s', 'P1', 'h', 0);`);
    for (let i = 0; i < 20; i++) {
      sqlite.prepare(`INSERT INTO responses (id, study_id, wave_id, participant_id, survey_id, survey_version, locale, channel, answers, started_at, updated_at) VALUES (?, 's', 1, NULL, 'x', 1, 'nl', 'web', '{"health":7}', 0, 0)`).run(`r${i}`);
      sqlite.prepare(`INSERT INTO submissions VALUES (?, 'sub', 'hash', 1, 0, 0)`).run(`r${i}`);
    }
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(defaultMigrationsDir, migrations, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8'));
    const tag = '9999_rebuild_responses';
    journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now() + 1000, tag, breakpoints: true });
    fs.writeFileSync(path.join(migrations, 'meta', '_journal.json'), JSON.stringify(journal));
    const create = (sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'responses'").get() as { sql: string }).sql;
    fs.writeFileSync(path.join(migrations, `${tag}.sql`), rebuildMigration(create));

    migrateDatabase(db, migrations);
    assert.equal((sqlite.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n, 20);
    assert.equal((sqlite.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n, 20);
    assert.equal(sqlite.pragma('foreign_keys', { simple: true }), 1);
  });

  it('register data imported before the study declared its columns is kept as the same column values', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(defaultMigrationsDir, migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const all = journal.entries;
    const upTo = all.findIndex((e) => e.tag === '0005_register_values_and_study_lifecycle');
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: all.slice(0, upTo) }));
    const db = openDatabase(path.join(dir, 'db.sqlite'), { migrationsDir: migrations });
    const sqlite = db.$client;
    sqlite.exec(`INSERT INTO studies (id, name, kind, created_at) VALUES ('eaa', 'EAA', 'panel', 0);
      INSERT INTO participants (study_id, pseudonym, token_hash, created_at) VALUES ('eaa', 'P1', 'h1', 0), ('eaa', 'P2', 'h2', 0);
      INSERT INTO register_data (participant_id, diagnosis_advice, status_holder, nationality, age_band, imported_at) VALUES (1, 'short', 1, 'SY', '27-40', 5), (2, NULL, 0, NULL, NULL, 5);`);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    migrateDatabase(db, migrations);
    const rows = (sqlite.prepare('SELECT participant_id, "values", imported_at FROM register_data ORDER BY participant_id').all() as { participant_id: number; values: string; imported_at: number }[]).map(
      (r) => ({ id: r.participant_id, values: JSON.parse(r.values) as unknown, at: r.imported_at }),
    );
    assert.deepEqual(rows, [
      { id: 1, values: { diagnosis_advice: 'short', status_holder: true, nationality: 'SY', age_band: '27-40' }, at: 5 },
      { id: 2, values: { diagnosis_advice: null, status_holder: false, nationality: null, age_band: null }, at: 5 },
    ]);
  });
});
