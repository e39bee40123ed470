import type { RouteBody, RouteName, RouteParams, RouteResponse } from '../../shared/contract/routes.ts';

/**
 * The one wrapper over fetch for every page (respondent, kiosk, preview, researcher, translator):
 * a body goes as JSON, or as it is when it is a file or recording (a `Blob`, with its own type);
 * a refusal becomes an ApiError with the server's stable code, no answer at all a NetworkError.
 * A page calls a route by its name in the contract (`request('GET /api/studies/:studyId', …)`),
 * whose schemas give the body and the answer their types.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** No answer at all (offline, DNS, connection dropped): the request may be retried as it is. */
export class NetworkError extends Error {}

interface ErrorBody {
  error?: { code?: string; details?: Record<string, unknown> };
}

export interface RequestOptions {
  method?: string;
  /** JSON, or a `Blob` (a file, a recording) sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `no-store` unless said otherwise; content-addressed resources (`?h=<hash>`) use the browser's cache. */
  cache?: RequestCache;
}

function contentOf(body: unknown): { type?: string; body?: BodyInit } {
  if (body === undefined) return {};
  if (body instanceof Blob) return { type: body.type || 'application/octet-stream', body };
  return { type: 'application/json', body: JSON.stringify(body) };
}

export async function requestJson<T>(path: string, init: RequestOptions = {}): Promise<T> {
  const content = contentOf(init.body);
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(content.type ? { 'content-type': content.type } : {}), ...init.headers },
      body: content.body,
      credentials: 'same-origin',
      cache: init.cache ?? 'no-store',
    });
  } catch {
    throw new NetworkError('network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? (response.status >= 500 ? 'internal_error' : 'generic'), error?.details);
  }
  return json as T;
}

type Query = Record<string, string | number | undefined> | URLSearchParams;

/** The options of a route's request: its path parameters and its body when it has them, a query. */
export type RouteOptions<R extends RouteName> = (keyof RouteParams<R> extends never ? { params?: undefined } : { params: RouteParams<R> }) &
  ([RouteBody<R>] extends [never] ? { body?: undefined } : { body: RouteBody<R> }) & { query?: Query; headers?: Record<string, string>; cache?: RequestCache };

/** The options may be left out where the route has neither path parameters nor a body. */
export type RouteArguments<R extends RouteName> = keyof RouteParams<R> extends never ? ([RouteBody<R>] extends [never] ? [options?: RouteOptions<R>] : [options: RouteOptions<R>]) : [options: RouteOptions<R>];

/** The address of a route: its path with the parameters filled in (encoded), then the query. */
export function routeUrl(route: RouteName, params: Record<string, string | number> = {}, query?: Query): string {
  const path = route.slice(route.indexOf(' ') + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query ?? {}).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const search = new URLSearchParams(entries.map(([name, value]) => [name, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}

/** Calls a route of the contract; the answer has the type of the route's response schema. */
export function request<R extends RouteName>(route: R, ...[options]: RouteArguments<R>): Promise<RouteResponse<R>> {
  const { params, body, query, headers, cache } = (options ?? {}) as { params?: Record<string, string | number>; body?: unknown; query?: Query; headers?: Record<string, string>; cache?: RequestCache };
  return requestJson<RouteResponse<R>>(routeUrl(route, params, query), { method: route.slice(0, route.indexOf(' ')), body, headers, cache });
}

/** The message key for an error, in `locales/<lang>/app.json`. */
export function errorMessageKey(error: unknown): string {
  if (error instanceof NetworkError) return 'errors.network';
  if (error instanceof ApiError) {
    const known = [
      'token_invalid',
      'wave_not_open',
      'wave_closed',
      'already_completed',
      'response_completed',
      'study_not_found',
      'rate_limited',
      'response_key_invalid',
      'required_missing',
      'invalid_answer',
      'unknown_question',
      'validation_failed',
    ];
    return known.includes(error.code) ? `errors.${error.code}` : 'errors.generic';
  }
  return 'errors.generic';
}
