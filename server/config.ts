import path from 'node:path';
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

export type SyncMode = 'normal' | 'full';

/** Where the data lives when `DATABASE_URL` is a `postgres://` (or `postgresql://`) URL. */
export interface PostgresConfig {
  /** The URL as given; it may hold a password, so it is never logged or printed (see `describePostgresUrl`). */
  url: string;
  /** Connections one process keeps open at most (`WAVEPANEL_PG_POOL_MAX`). */
  poolMax: number;
  /** An idle connection is closed after this long (`WAVEPANEL_PG_IDLE_TIMEOUT_MS`; 0 keeps it). */
  idleTimeoutMs: number;
  /** Waiting for a connection (a new one, or a free one when the pool is full) fails after this long (`WAVEPANEL_PG_CONNECT_TIMEOUT_MS`; 0 waits forever). */
  connectTimeoutMs: number;
  /**
   * The hot queries go as named prepared statements, parsed once per connection
   * (`WAVEPANEL_PG_NAMED_STATEMENTS=1`); absent or false, as unnamed ones. Off by default: PgBouncer
   * in transaction mode passes named statements only from version 1.21, with `max_prepared_statements` set.
   */
  namedStatements?: boolean;
}

export interface Config {
  /** Path of the SQLite database file (`DATABASE_URL`, `file:` prefix allowed); unused when `postgres` is set. */
  databasePath: string;
  /** Set when `DATABASE_URL` names a PostgreSQL database; null for the SQLite file. */
  postgres: PostgresConfig | null;
  /** File holding the HMAC key for tokens; kept outside the database on purpose. */
  secretPath: string;
  surveysDir: string;
  /** How often a server looks in the database for survey versions published and translations saved elsewhere (`WAVEPANEL_SURVEY_POLL_MS`). */
  surveyPollMs: number;
  /** Study definitions, `studies/<id>/study.json`. */
  studiesDir: string;
  localesDir: string;
  /** Built client (vite build output); absent in API-only tests. */
  clientDir: string;
  host: string;
  port: number;
  /**
   * The address respondents reach the platform at (`WAVEPANEL_PUBLIC_URL`), used in letters and
   * QR codes from the workspace and the CLI alike; null when not set.
   */
  publicUrl: string | null;
  /** `full` survives power loss. In both modes writes of one event-loop turn are committed together (group commit). */
  syncMode: SyncMode;
  /** Cells with fewer respondents than this are suppressed in everything that leaves the platform. */
  minCellSize: number;
  /** Failed token attempts allowed per client address (or per enrolled kiosk) per window. */
  tokenAttemptLimit: number;
  /** Anonymous starts (cross-sectional studies) allowed per client address per window; an enrolled kiosk gets ten times as many. */
  anonymousStartLimit: number;
  tokenAttemptWindowMs: number;
  /** Body limit for every route, in bytes. */
  bodyLimit: number;
  /** A request whose headers and body have not fully arrived by then is answered 408 and its socket closed. */
  requestTimeoutMs: number;
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose `X-Forwarded-For` is believed, so that
   * per-address limits apply to the real client. Empty: the socket's address counts.
   */
  trustedProxies: string[];
  /** Set when the app is served over https, so cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** Admins must sign in with a second factor (TOTP); `WAVEPANEL_ADMIN_SECOND_FACTOR=0` turns that off, for an install behind another sign-in. */
  adminSecondFactor: boolean;
  logLevel: string;
}

const root = path.resolve(import.meta.dirname, '..');

const wholeNumber = (minimum: number, maximum: number, description: string) => Type.Integer({ minimum, maximum, description });
const text = (description: string) => Type.String({ minLength: 1, description });

/**
 * Every environment variable the platform reads, in one schema: what each accepts is said once,
 * here, and checked before anything starts. A mistyped value (`PORT=80a`, `WAVEPANEL_MIN_CELL=ten`)
 * stops the process with a message naming the variable instead of failing later (a threshold of
 * NaN would switch suppression off).
 */
export const EnvSchema = Type.Object({
  DATABASE_URL: Type.Optional(text('a path to the SQLite file (a file: prefix is allowed), or a postgres:// or postgresql:// URL')),
  WAVEPANEL_PG_POOL_MAX: Type.Optional(wholeNumber(1, 1000, 'a whole number of connections from 1 to 1000')),
  WAVEPANEL_PG_IDLE_TIMEOUT_MS: Type.Optional(wholeNumber(0, 86_400_000, 'a whole number of milliseconds from 0 (never) to 86400000')),
  WAVEPANEL_PG_CONNECT_TIMEOUT_MS: Type.Optional(wholeNumber(0, 600_000, 'a whole number of milliseconds from 0 (wait forever) to 600000')),
  WAVEPANEL_PG_NAMED_STATEMENTS: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '0 or 1' })),
  WAVEPANEL_SECRET_FILE: Type.Optional(text('a path to the token secret file')),
  WAVEPANEL_SURVEYS_DIR: Type.Optional(text('a folder of survey definitions')),
  WAVEPANEL_SURVEY_POLL_MS: Type.Optional(wholeNumber(100, 3_600_000, 'a whole number of milliseconds from 100 to 3600000')),
  WAVEPANEL_STUDIES_DIR: Type.Optional(text('a folder of study definitions')),
  WAVEPANEL_PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://[^\\s/]+(/.*)?$', description: 'the address respondents reach the platform at, such as https://vragenlijst.example.nl' }),
  ),
  WAVEPANEL_LOCALES_DIR: Type.Optional(text('a folder of translations')),
  WAVEPANEL_CLIENT_DIR: Type.Optional(text('the folder of the built client')),
  HOST: Type.Optional(text('an address to listen on, such as 127.0.0.1')),
  PORT: Type.Optional(wholeNumber(0, 65535, 'a port number from 0 to 65535')),
  WAVEPANEL_SYNC: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('full')], { description: 'normal or full' })),
  WAVEPANEL_MIN_CELL: Type.Optional(wholeNumber(1, 1000, 'a whole number of respondents from 1 to 1000')),
  WAVEPANEL_TOKEN_ATTEMPTS: Type.Optional(wholeNumber(1, 10_000, 'a whole number of attempts from 1 to 10000')),
  WAVEPANEL_ANONYMOUS_STARTS: Type.Optional(wholeNumber(1, 100_000, 'a whole number of starts from 1 to 100000')),
  WAVEPANEL_TRUSTED_PROXIES: Type.Optional(
    Type.String({ pattern: '^[0-9A-Fa-f.:/, ]*$', description: 'addresses or CIDR ranges, separated by commas' }),
  ),
  WAVEPANEL_SECURE_COOKIES: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '0 or 1' })),
  WAVEPANEL_ADMIN_SECOND_FACTOR: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '0 or 1' })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), {
      description: 'fatal, error, warn, info, debug, trace or silent',
    }),
  ),
});

export type Env = Static<typeof EnvSchema>;

/** A setting the process cannot start with; the message names the variable and what it accepts. */
export class ConfigError extends Error {}

const names = Object.keys(EnvSchema.properties) as (keyof Env)[];
const property = (name: string) => EnvSchema.properties[name as keyof Env] as { type?: string; description?: string };

/** The variables of `env` this schema knows, checked and converted; throws `ConfigError` on the first bad one. */
export function readEnv(env: NodeJS.ProcessEnv): Env {
  const known: Record<string, unknown> = {};
  for (const name of names) if (env[name] !== undefined) known[name] = env[name];
  // Numbers arrive as text: convert what is a clean number and leave the rest for the check to refuse.
  for (const [name, value] of Object.entries(known)) {
    if (property(name).type === 'integer' && /^-?\d+$/.test(String(value))) known[name] = Number(value);
  }
  const problems = names.filter((name) => known[name] !== undefined && !Value.Check(EnvSchema.properties[name], known[name]));
  if (problems.length > 0) {
    const lines = problems.map((name) => `${name}=${JSON.stringify(env[name])} is not valid: it accepts ${property(name).description ?? ''}.`);
    throw new ConfigError(`Bad configuration, nothing started:\n${lines.join('\n')}`);
  }
  return known as Env;
}

const defaultDatabasePath = path.join(root, 'data', 'wavepanel.sqlite');

/** `DATABASE_URL` names a PostgreSQL database; anything else is the path of the SQLite file. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

function databasePathFrom(url: string | undefined): string {
  if (!url || isPostgresUrl(url)) return defaultDatabasePath;
  return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

function postgresFrom(e: Env): PostgresConfig | null {
  if (!e.DATABASE_URL || !isPostgresUrl(e.DATABASE_URL)) return null;
  return {
    url: e.DATABASE_URL,
    poolMax: e.WAVEPANEL_PG_POOL_MAX ?? 10,
    idleTimeoutMs: e.WAVEPANEL_PG_IDLE_TIMEOUT_MS ?? 30_000,
    connectTimeoutMs: e.WAVEPANEL_PG_CONNECT_TIMEOUT_MS ?? 10_000,
    namedStatements: e.WAVEPANEL_PG_NAMED_STATEMENTS === '1',
  };
}

/** A PostgreSQL URL without its user and password, to name the database in messages. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const e = readEnv(env);
  const databasePath = databasePathFrom(e.DATABASE_URL);
  return {
    databasePath,
    postgres: postgresFrom(e),
    secretPath: e.WAVEPANEL_SECRET_FILE ?? path.join(path.dirname(databasePath), 'wavepanel.secret'),
    surveysDir: e.WAVEPANEL_SURVEYS_DIR ?? path.join(root, 'surveys'),
    surveyPollMs: e.WAVEPANEL_SURVEY_POLL_MS ?? 5000,
    studiesDir: e.WAVEPANEL_STUDIES_DIR ?? path.join(root, 'studies'),
    localesDir: e.WAVEPANEL_LOCALES_DIR ?? path.join(root, 'locales'),
    clientDir: e.WAVEPANEL_CLIENT_DIR ?? path.join(root, 'dist', 'client'),
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT ?? 3000,
    publicUrl: e.WAVEPANEL_PUBLIC_URL ? new URL(e.WAVEPANEL_PUBLIC_URL).origin : null,
    syncMode: e.WAVEPANEL_SYNC ?? 'normal',
    minCellSize: e.WAVEPANEL_MIN_CELL ?? 10,
    tokenAttemptLimit: e.WAVEPANEL_TOKEN_ATTEMPTS ?? 10,
    anonymousStartLimit: e.WAVEPANEL_ANONYMOUS_STARTS ?? 60,
    tokenAttemptWindowMs: 15 * 60 * 1000,
    bodyLimit: 256 * 1024,
    requestTimeoutMs: 30_000,
    trustedProxies: (e.WAVEPANEL_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    secureCookies: e.WAVEPANEL_SECURE_COOKIES === '1',
    adminSecondFactor: e.WAVEPANEL_ADMIN_SECOND_FACTOR !== '0',
    logLevel: e.LOG_LEVEL ?? 'info',
    ...overrides,
  };
}

export const projectRoot = root;
