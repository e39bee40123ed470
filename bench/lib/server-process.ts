import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Environment variable naming a folder for V8 CPU profiles of the servers (`--cpu-prof`). */
export const profileDirVariable = 'BENCH_CPU_PROF_DIR';

/** What a server script sends to its parent once it listens on 127.0.0.1. */
export interface ReadyMessage<T = unknown> {
  type: 'ready';
  port: number;
  data: T;
}

export interface ServerProcess<T> {
  url: string;
  data: T;
  /** CPU time (user + system, µs) the server process has used so far: steadier than req/s on a busy machine. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * Runs a server script in its own process (so that the load generator and the server do not share
 * one event loop) and waits until it reports its port. The script calls `reportReady`. Its stdout
 * (the request log) goes to `stdoutFile` when given, as it would go to a file or journal in use.
 */
export async function startServerProcess<T>(
  script: string,
  args: string[],
  { env = {}, stdoutFile }: { env?: NodeJS.ProcessEnv; stdoutFile?: string } = {},
): Promise<ServerProcess<T>> {
  const profileDir = process.env[profileDirVariable];
  const execArgv = ['--import', 'tsx'];
  if (profileDir) {
    // One folder per server: tsx's loader thread writes a profile of its own beside the main one.
    const dir = path.resolve(profileDir, [path.basename(script, '.ts'), ...args].join('-'));
    fs.mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const stdout = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'inherit';
  const child = fork(script, args, { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit', 'ipc'], serialization: 'advanced' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (typeof stdout === 'number') fs.closeSync(stdout);
  const ready = await new Promise<ReadyMessage<T>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReadyMessage<T>));
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} ${args.join(' ')} exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${ready.port}`,
    data: ready.data,
    cpuMicros: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => resolve((message as { type: 'cpu'; micros: number }).micros));
        child.send({ type: 'cpu' });
      }),
    stop: async () => {
      stopChild(child);
      await exited;
    },
  };
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

/**
 * For server scripts: tell the parent the port, then close cleanly on SIGTERM (so that a CPU
 * profile gets written) with `close` releasing the server and the database.
 */
export function reportReady<T>(port: number, data: T, close: () => Promise<void>): void {
  if (!process.send) throw new Error('This script is started by the benchmarks (bench/lib/server-process.ts), not by hand.');
  const message: ReadyMessage<T> = { type: 'ready', port, data };
  process.send(message);
  process.on('message', (request: { type?: string }) => {
    if (request.type !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
  });
  let closing = false;
  const shutDown = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutDown);
  process.on('disconnect', shutDown);
}
