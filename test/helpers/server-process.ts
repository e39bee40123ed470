import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after } from 'node:test';
import { loadConfig, projectRoot, type Config, type PostgresConfig } from '../../server/config.ts';
import { closeDatabase } from '../../server/db/database.ts';
import { createServices, type Services } from '../../server/services.ts';
import { defaultTestDialect, fixturesDir } from './app.ts';
import { createPostgresTestDatabase } from './postgres.ts';

/**
 * The real server as a child process (`node --import tsx server/cli.ts serve`) on 127.0.0.1 and a
 * free port, on a database file the test owns. Used where `app.inject()` is not enough: kill -9,
 * real sockets, the CLI.
 */

export interface ServerFiles {
  databasePath: string;
  secretPath: string;
  /** The server's database on PostgreSQL, instead of the SQLite file at `databasePath`. */
  postgres?: PostgresConfig;
}

export function serverFilesIn(dir: string): ServerFiles {
  return { databasePath: path.join(dir, 'server.sqlite'), secretPath: path.join(dir, 'server.secret') };
}

/**
 * The server's files in `dir` with its database of the test run's dialect (`WAVEPANEL_TEST_DIALECT`):
 * the SQLite file there, or a database of its own on the PostgreSQL test server, which `drop` removes.
 */
export async function serverFilesOfTestDialect(dir: string): Promise<ServerFiles & { drop: () => Promise<void> }> {
  if (defaultTestDialect === 'sqlite') return { ...serverFilesIn(dir), drop: async () => {} };
  const postgres = await createPostgresTestDatabase();
  return { ...serverFilesIn(dir), postgres: postgres.settings, drop: postgres.drop };
}

/** The configuration the child process gets: the mini fixture surveys, no built client. */
export function serverEnv(files: ServerFiles, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: files.postgres?.url ?? files.databasePath,
    WAVEPANEL_SECRET_FILE: files.secretPath,
    WAVEPANEL_SURVEYS_DIR: path.join(fixturesDir, 'surveys'),
    WAVEPANEL_STUDIES_DIR: path.join(fixturesDir, 'studies'),
    WAVEPANEL_LOCALES_DIR: path.join(fixturesDir, 'locales'),
    WAVEPANEL_CLIENT_DIR: path.join(path.dirname(files.databasePath), 'no-client'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/**
 * Opens the server's database in this process with the same secret, for seeding before the
 * server starts and for checking after it stopped. Close it with `closeServices`.
 */
export async function openServerServices(files: ServerFiles, overrides: Partial<Config> = {}): Promise<Services> {
  const config = loadConfig(serverEnv(files), overrides);
  return createServices({ config });
}

export async function closeServices(services: Services): Promise<void> {
  await closeDatabase(services.database);
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** SIGKILL: no shutdown hook runs. */
  kill: () => Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop: () => Promise<void>;
}

/**
 * The servers this test file started that are still running. None outlives the file: they are
 * killed once its tests are done (else a forgotten one, say after a failed assertion, keeps the
 * file's process, and so the whole run, from ever ending) and, synchronously, when the process exits.
 */
const running = new Set<ChildProcess>();
function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}
after(killRunning);
process.on('exit', killRunning);

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServerProcess(files: ServerFiles, extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...serverEnv(files, extraEnv) };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** The researcher commands as an operator runs them: `node server/cli.ts ...` in a child process. */
export function wavepanel(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
