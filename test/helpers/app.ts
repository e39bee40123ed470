import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { getTableName, is, Table } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { CommandContext } from '../../server/command-line.ts';
import { loadConfig, projectRoot, type Config, type PostgresConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/connection.ts';
import type { Database } from '../../server/db/database.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import * as sqliteSchema from '../../server/db/schema.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import type { Services } from '../../server/services.ts';
import { scheduleWave } from '../../server/studies/studies.service.ts';
import { generateToken } from '../../server/tokens/token.ts';
import type { Dialect } from './dialects.ts';
import { createPostgresTestDatabase } from './postgres.ts';

export const fixturesDir = path.join(projectRoot, 'test', 'fixtures');
export const day = 24 * 60 * 60 * 1000;

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private time = Date.parse('2026-03-01T09:00:00Z')) {}
  now = (): Date => new Date(this.time);
  set(date: Date | string): void {
    this.time = new Date(date).getTime();
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A command of `npx wavepanel` run in the test's process, on the test app's services. */
export function commandContextOf(services: Services): CommandContext {
  return { config: services.config, now: services.now, database: Promise.resolve(services.database), surveys: services.surveys, definitions: services.definitions, services: Promise.resolve(services) };
}

/**
 * The rows a query answers on either dialect, for checks of what is stored: written once with `?`
 * placeholders (numbered for PostgreSQL); a count that must be a number is `CAST(count(*) AS integer)`.
 */
export async function queryRows<T>(services: Pick<Services, 'database'>, text: string, params: unknown[] = []): Promise<T[]> {
  const { database } = services;
  if (database.dialect === 'sqlite') return database.db.$client.prepare(text).all(...params) as T[];
  let n = 0;
  return (await database.db.$client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
}

/** The number of rows in every table of the schema (the same tables on both dialects) but those `except`, for "nothing was stored" checks. */
export async function tableRowCounts(services: Pick<Services, 'database'>, except: string[] = []): Promise<Record<string, number>> {
  const tables = Object.values(sqliteSchema)
    .filter((value) => is(value, Table))
    .map((table) => getTableName(table))
    .filter((name) => !except.includes(name));
  const counted = await Promise.all(tables.map(async (name) => [name, (await queryRows<{ n: number }>(services, `SELECT CAST(count(*) AS integer) AS n FROM "${name}"`))[0]!.n] as const));
  return Object.fromEntries(counted);
}

/**
 * Everything the test app's database holds, as text, for "not stored in any readable form" checks:
 * the SQLite file's bytes with its WAL, checkpointed, or every row of every table on PostgreSQL.
 */
export async function storedText(test: Pick<TestApp, 'services' | 'config'>): Promise<string> {
  const { database } = test.services;
  if (database.dialect === 'postgres') {
    const tables = await queryRows<{ name: string }>(test.services, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    const rows = await Promise.all(tables.map(({ name }) => queryRows(test.services, `SELECT * FROM "${name}"`)));
    return JSON.stringify(rows);
  }
  const beforeCheckpoint = databaseBytes(test.config.databasePath);
  database.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  return beforeCheckpoint + databaseBytes(test.config.databasePath);
}

/** Runs a statement that answers no rows (a test's own INSERT or UPDATE) on either dialect, with `?` placeholders as in `queryRows`. */
export async function runStatement(services: Pick<Services, 'database'>, text: string, params: unknown[] = []): Promise<void> {
  const { database } = services;
  if (database.dialect === 'sqlite') database.db.$client.prepare(text).run(...params);
  else await queryRows(services, text, params);
}

/** A moment as a parameter of `queryRows` or `runStatement`: milliseconds in the SQLite file, a timestamp on PostgreSQL. */
export function storedMoment(services: Pick<Services, 'database'>, moment: Date): number | Date {
  return services.database.dialect === 'sqlite' ? moment.getTime() : moment;
}

/** The SQLite file of services on SQLite, for a test that reads or writes it directly (a test of the SQLite side, or one that runs on SQLite only). */
export function sqliteOf(services: Pick<Services, 'database'>): Db {
  if (services.database.dialect !== 'sqlite') throw new Error('this test reads the SQLite file directly; run it on SQLite');
  return services.database.db;
}

/** A fresh temporary folder for one test's database, secret and logs. */
export function tempDir(prefix = 'wavepanel-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Config;
  clock: TestClock;
  dir: string;
  /** The PostgreSQL database this app keeps its data in, if any. */
  postgres?: PostgresConfig | undefined;
  /** Everything the server logged so far. */
  logs: () => string;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** `mini` uses the small fixture survey; `demo` the real EAA surveys and the demo seed. */
  surveys?: 'mini' | 'demo';
  config?: Partial<Config>;
  clock?: TestClock;
  /**
   * Where the converted modules keep their data (`services.database`): the SQLite file, or a
   * database of the test's own on the PostgreSQL test server (dropped on close). Defaults to
   * `WAVEPANEL_TEST_DIALECT`, else SQLite.
   */
  dialect?: Dialect;
  /** Pool settings of the test's PostgreSQL database other than the defaults (a smaller pool, a shorter connect timeout). */
  postgresPool?: Partial<Omit<PostgresConfig, 'url'>>;
  /**
   * A second server on this app's database (its SQLite file or a pool of its own on its PostgreSQL
   * database), key files, config and clock, as another process behind the same proxy would be;
   * `config` changes what that server has of its own (its surveys folder, say). Close it before the first.
   */
  alongside?: TestApp;
}

export const defaultTestDialect: Dialect = process.env.WAVEPANEL_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** Every byte the database keeps on disk (the file, its WAL, shared memory and journal), for "not stored in any readable form" checks. */
export function databaseBytes(file: string): string {
  const parts = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts).toString('latin1');
}

/** Builds the real app on a temporary database file, without listening. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const first = options.alongside;
  const dir = first?.dir ?? tempDir();
  const clock = first?.clock ?? options.clock ?? new TestClock();
  const mini = (options.surveys ?? 'mini') === 'mini';
  const config = first ? { ...first.config, ...options.config } : loadConfig(
    {},
    {
      databasePath: path.join(dir, 'test.sqlite'),
      secretPath: path.join(dir, 'test.secret'),
      ...(mini ? { surveysDir: path.join(fixturesDir, 'surveys'), localesDir: path.join(fixturesDir, 'locales'), studiesDir: path.join(fixturesDir, 'studies') } : {}),
      logLevel: 'info',
      // Admins' second factor is tested on its own (test/auth/second-factor.test.ts, the Dutch browser tests); elsewhere admins sign in with a password.
      adminSecondFactor: false,
      ...options.config,
    },
  );
  let logged = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logged += chunk.toString()));
  const postgres = !first && (options.dialect ?? defaultTestDialect) === 'postgres' ? await createPostgresTestDatabase() : undefined;
  const postgresSettings = first ? first.postgres : postgres?.settings;
  const database: Database | undefined = postgresSettings ? { dialect: 'postgres', db: await openPostgres({ ...postgresSettings, ...options.postgresPool }) } : undefined;
  const app = await buildApp({ config, now: clock.now, logStream, database });
  if (!mini && !first) await seedDemo(app.services);
  return {
    app,
    services: app.services,
    config,
    clock,
    dir,
    postgres: postgresSettings,
    logs: () => logged,
    close: async () => {
      await app.close();
      await postgres?.drop();
      if (!first) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface MiniPanel {
  studyId: string;
  tokens: string[];
}

/**
 * A panel study `mini-panel` on the mini survey with two waves (W0 open at the test clock's start,
 * W1 half a year later) and `count` participants, plus an anonymous study `mini-cross`.
 */
export async function seedMiniStudies(services: Services, count = 3): Promise<MiniPanel> {
  const now = services.now().getTime();
  const { studies, surveys, participants, hash } = services;
  await studies.insertStudy({ id: 'mini-panel', name: 'Mini panel', kind: 'panel', createdAt: new Date(now) });
  await studies.insertStudy({ id: 'mini-cross', name: 'Mini cross', kind: 'cross', createdAt: new Date(now) });
  const wave = (studyId: string, code: string, from: number, to: number) =>
    scheduleWave({ studies, surveys, wave: { studyId, code, surveyId: 'mini', surveyVersion: 1, opensAt: new Date(now + from * day), closesAt: new Date(now + to * day) } });
  await wave('mini-panel', 'W0', -1, 30);
  await wave('mini-panel', 'W1', 180, 210);
  await wave('mini-cross', 'X', -1, 30);
  const tokens = Array.from({ length: count }, () => generateToken());
  for (const [i, token] of tokens.entries()) {
    await participants.insert({ studyId: 'mini-panel', pseudonym: `P${i + 1}`, tokenHash: hash('token', token), createdAt: new Date(now) });
  }
  return { studyId: 'mini-panel', tokens };
}

/** Starts a session through the API and returns its JSON. */
export async function startSession(app: FastifyInstance, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/respondent/sessions', payload: { locale: 'nl', channel: 'web', ...body } });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & { responseId: string; responseKey: string; error?: { code: string } } };
}

let submissionCounter = 0;
export function newSubmissionId(): string {
  return `sub-${process.pid}-${Date.now()}-${++submissionCounter}`;
}

/** Posts a submission for a session started with `startSession`. */
export async function submitAnswers(
  app: FastifyInstance,
  session: { responseId: string; responseKey: string },
  body: { answers: Record<string, unknown>; pageNo?: number; complete?: boolean; submissionId?: string },
) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/respondent/responses/${session.responseId}/submissions`,
    headers: { 'x-response-key': session.responseKey },
    payload: { submissionId: body.submissionId ?? newSubmissionId(), pageNo: body.pageNo ?? 1, answers: body.answers, ...(body.complete ? { complete: true } : {}) },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } } };
}

export interface ListeningTestApp extends TestApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * The app on a temporary database, listening on 127.0.0.1 (a free port) and serving the built
 * client, for browser tests. Refuses to start when the client is not built.
 */
export async function listenTestApp(options: TestAppOptions = {}): Promise<ListeningTestApp> {
  const test = await createTestApp({ ...options, config: { logLevel: 'warn', ...options.config } });
  if (!fs.existsSync(path.join(test.config.clientDir, 'respondent.html'))) {
    await test.close();
    throw new Error('Build the client first: npm run build');
  }
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = test.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // The public address of a test server is where it listens: letters and QR codes point there.
  if (options.config?.publicUrl === undefined) test.config.publicUrl = url;
  return { ...test, url };
}
