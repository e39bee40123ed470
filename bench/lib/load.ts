import autocannon, { type AutocannonRequest } from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Builds each request; called once per request sent, so it can rotate ids and bodies. */
  next: () => { method?: string; path: string; headers?: Record<string, string>; body?: string };
  connections?: number;
  /** Measured seconds. */
  duration?: number;
  /** Unmeasured seconds first, so that the JIT and the caches are warm. */
  warmup?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx responses, connection errors and timeouts together: must be 0. */
  errors: number;
  non2xx: number;
  completed: number;
}

/** Defaults, overridable by `BENCH_DURATION`, `BENCH_WARMUP` and `BENCH_CONNECTIONS`. */
export const benchDefaults = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  duration: Number(process.env.BENCH_DURATION ?? 6),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
};

async function fire(options: LoadOptions, duration: number): Promise<LoadResult> {
  const request: AutocannonRequest = {
    setupRequest: (req) => {
      const { method = 'POST', path, headers = {}, body } = options.next();
      return { ...req, method, path, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body }) };
    },
  };
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? benchDefaults.connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests: [request],
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    completed: result['2xx'],
  };
}

/** Loads one server with autocannon from this process, after a warm-up whose speed is not counted (its errors are). */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  const warmup = options.warmup ?? benchDefaults.warmup;
  const warm = warmup > 0 ? await fire(options, warmup) : undefined;
  const result = await fire(options, options.duration ?? benchDefaults.duration);
  return warm ? { ...result, errors: result.errors + warm.errors, non2xx: result.non2xx + warm.non2xx } : result;
}
