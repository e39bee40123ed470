/**
 * The researcher API over fetch. The session cookie is HttpOnly; the CSRF token from
 * `GET /api/auth/session` (or the sign-in answer) goes with every non-GET request.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** Fired when the server says the session has ended (30 minutes idle, 12 hours): the app shows the sign-in form. */
export const signedOutEvent = 'wavepanel:signed-out';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** A request to the API: a body is sent as JSON, or as it is when it is a file or recording (a `Blob`, with its own type). */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {};
  const raw = init.body instanceof Blob;
  if (init.body !== undefined) headers['content-type'] = raw ? (init.body as Blob).type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const body = init.body === undefined ? undefined : raw ? (init.body as Blob) : JSON.stringify(init.body);
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    if (response.status === 401 && error?.code === 'unauthenticated' && path !== '/api/auth/login') window.dispatchEvent(new Event(signedOutEvent));
    throw new ApiError(response.status, error?.code ?? 'internal_error', error?.message ?? `The server answered ${response.status}.`, error?.details);
  }
  return json as T;
}

export type { Study, Wave } from '../../../shared/contract/studies.ts';
export type { SessionUser as User, SignedIn } from '../../../shared/contract/auth.ts';
