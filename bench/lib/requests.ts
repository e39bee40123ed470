import { completeBody, submissionIdFor } from './body.ts';
import type { LoadOptions } from './load.ts';
import type { ServerProcess } from './server-process.ts';

/** Responses started beforehand, as `[responseId, responseKey]`, taken in turn by the scenarios that share them. */
export interface StartedResponses {
  list: [string, string][];
  next: number;
}

let requestCounter = 0;
const nextBody = () => completeBody(submissionIdFor(++requestCounter));

/** A bare route, sent the same headers and body as wavepanel gets. */
export function bareLoad(server: ServerProcess<unknown>, route: string): LoadOptions {
  return {
    url: server.url,
    serverCpu: server.cpuMicros,
    next: () => ({ path: route, headers: { 'x-response-key': 'bench-key-of-the-same-length-as-a-real-one-000' }, body: nextBody() }),
  };
}

const sumOf = (parts: (() => Promise<number>)[]) => async () => (await Promise.all(parts.map((part) => part()))).reduce((sum, micros) => sum + micros, 0);

/**
 * Every request completes a different response of `sessions` (a round stops early if they run
 * out), the connections spread over `servers`: any process completes any response, as they share
 * the database and the token secret.
 */
export function completingLoad(servers: ServerProcess<unknown>[], sessions: StartedResponses): LoadOptions {
  return {
    url: servers.length === 1 ? servers[0]!.url : servers.map((server) => server.url),
    serverCpu: servers.length === 1 ? servers[0]!.cpuMicros : sumOf(servers.map((server) => server.cpuMicros)),
    remaining: () => sessions.list.length - sessions.next,
    next: () => {
      const [responseId, responseKey] = sessions.list[sessions.next++]!;
      return { path: `/api/respondent/responses/${responseId}/submissions`, headers: { 'x-response-key': responseKey }, body: nextBody() };
    },
  };
}
