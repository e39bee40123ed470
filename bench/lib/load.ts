import autocannon, { type AutocannonRequest } from 'autocannon';

export interface LoadOptions {
  /** With several, the connections are spread over them in turn (autocannon's own doing). */
  url: string | string[];
  /** Builds each request; called once per request sent, so it can rotate ids and bodies. */
  next: () => { method?: string; path: string; headers?: Record<string, string>; body?: string };
  connections?: number;
  /** The server's CPU time so far in µs (`ServerProcess.cpuMicros`), to report CPU time per request. */
  serverCpu?: () => Promise<number>;
  /** The database server's CPU time so far in µs for this scenario's connections (`databaseCpu` in postgres.ts), to report it per request. */
  databaseCpu?: () => Promise<number | undefined>;
  /** How many requests may still be sent (e.g. pre-started responses left); a run stops early near 0. */
  remaining?: () => number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Seconds measured: shorter than asked when `remaining` ran out. */
  seconds: number;
  /** Median latency, ms (the median of the rounds' medians when measured in rounds). */
  p50: number;
  /** 99th percentile latency, ms (the worst round's when measured in rounds). */
  p99: number;
  /** Non-2xx responses, connection errors and timeouts together (warm-up included): must be 0. */
  errors: number;
  completed: number;
  /** Server CPU time per answered request in µs, when `serverCpu` was given. */
  cpuPerRequest: number | undefined;
  /** The database server's CPU time per answered request in µs, when `databaseCpu` was given and could read it. */
  databaseCpuPerRequest: number | undefined;
  /** True when `remaining` ran out before the time asked for. */
  exhausted: boolean;
}

/** Defaults, overridable by `BENCH_DURATION`, `BENCH_WARMUP`, `BENCH_ROUNDS` and `BENCH_CONNECTIONS`. */
export const benchDefaults = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  /** Measured seconds per scenario, split over the rounds. */
  duration: Number(process.env.BENCH_DURATION ?? 6),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
};

interface Round {
  seconds: number;
  completed: number;
  answered: number;
  errors: number;
  p50: number;
  p99: number;
  cpuMicros: number | undefined;
  databaseMicros: number | undefined;
  exhausted: boolean;
}

async function fire(options: LoadOptions, duration: number): Promise<Round> {
  const connections = options.connections ?? benchDefaults.connections;
  const left = options.remaining?.();
  if (left !== undefined && left < connections) {
    return { seconds: 0, completed: 0, answered: 0, errors: 0, p50: 0, p99: 0, cpuMicros: 0, databaseMicros: 0, exhausted: true };
  }
  const request: AutocannonRequest = {
    setupRequest: (req) => {
      const { method = 'POST', path, headers = {}, body } = options.next();
      const contentType: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
      return { ...req, method, path, headers: { ...contentType, ...headers }, ...(body === undefined ? {} : { body }) };
    },
  };
  const cpuBefore = await options.serverCpu?.();
  const databaseBefore = await options.databaseCpu?.();
  const result = await autocannon({
    url: options.url,
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests: [request],
    ...(left === undefined ? {} : { maxOverallRequests: left }),
  });
  const cpuAfter = await options.serverCpu?.();
  const databaseAfter = await options.databaseCpu?.();
  return {
    seconds: result.duration,
    completed: result['2xx'],
    answered: result['2xx'] + result.non2xx,
    errors: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: difference(cpuBefore, cpuAfter),
    databaseMicros: difference(databaseBefore, databaseAfter),
    exhausted: result.duration < duration * 0.95,
  };
}

const difference = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? undefined : after - before);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

function combine(rounds: Round[], warmupErrors: number): LoadResult {
  const ran = rounds.filter((r) => r.seconds > 0);
  const seconds = ran.reduce((sum, r) => sum + r.seconds, 0);
  const completed = ran.reduce((sum, r) => sum + r.completed, 0);
  const answered = ran.reduce((sum, r) => sum + r.answered, 0);
  const total = (micros: (r: Round) => number | undefined) => (ran.every((r) => micros(r) !== undefined) ? ran.reduce((sum, r) => sum + (micros(r) ?? 0), 0) : undefined);
  const perRequest = (micros: number | undefined) => (micros === undefined || answered === 0 ? undefined : micros / answered);
  return {
    requestsPerSecond: seconds > 0 ? completed / seconds : 0,
    seconds: Math.round(seconds * 100) / 100,
    p50: median(ran.map((r) => r.p50)),
    p99: Math.max(0, ...ran.map((r) => r.p99)),
    errors: warmupErrors + ran.reduce((sum, r) => sum + r.errors, 0),
    completed,
    cpuPerRequest: perRequest(total((r) => r.cpuMicros)),
    databaseCpuPerRequest: perRequest(total((r) => r.databaseMicros)),
    exhausted: rounds.some((r) => r.exhausted),
  };
}

/** Warms a server up (its errors count, its speed does not). */
export async function warmUp(options: LoadOptions, seconds = benchDefaults.warmup): Promise<{ errors: number; requestsPerSecond: number }> {
  if (seconds <= 0) return { errors: 0, requestsPerSecond: 0 };
  const round = await fire(options, seconds);
  return { errors: round.errors, requestsPerSecond: round.seconds > 0 ? round.completed / round.seconds : 0 };
}

/**
 * Measures several already warmed-up servers in interleaved rounds (A B C, A B C, ...), so that
 * a change in the machine's load during the run (other processes) affects every scenario alike
 * and the ratios between them stay fair. Results in the order of `scenarios`.
 */
export async function measureInterleaved(
  scenarios: { name: string; load: LoadOptions; warmupErrors?: number }[],
  { duration = benchDefaults.duration, rounds = benchDefaults.rounds }: { duration?: number; rounds?: number } = {},
): Promise<{ name: string; result: LoadResult }[]> {
  const perRound = Math.max(1, duration / Math.max(1, rounds));
  const collected = scenarios.map(() => [] as Round[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, scenario] of scenarios.entries()) collected[i]!.push(await fire(scenario.load, perRound));
  }
  return scenarios.map((scenario, i) => ({ name: scenario.name, result: combine(collected[i]!, scenario.warmupErrors ?? 0) }));
}
