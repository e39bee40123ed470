import type { RouteName, RouteResponse } from '../../../shared/contract/routes.ts';
import { ApiError, request, type RouteArguments } from '../../shared/api-client.ts';

/**
 * The researcher API: the one fetch wrapper (client/shared/api-client.ts) with the CSRF token from
 * `GET /api/auth/session` (or the sign-in answer) on every non-GET request. The session cookie is
 * HttpOnly. A body is sent as JSON, or as it is when it is a file or recording (a `Blob`).
 */

export { ApiError, NetworkError } from '../../shared/api-client.ts';

let csrfToken: string | undefined;

/** Fired when the server says the session has ended (30 minutes idle, 12 hours): the app shows the sign-in form. */
export const signedOutEvent = 'wavepanel:signed-out';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Calls a route of the contract by its name (`'GET /api/studies/:studyId'`), which gives the answer its type. */
export async function api<R extends RouteName>(route: R, ...[options]: RouteArguments<R>): Promise<RouteResponse<R>> {
  const headers = !route.startsWith('GET ') && csrfToken ? { 'x-csrf-token': csrfToken } : {};
  try {
    return await request(route, ...([{ ...options, headers }] as RouteArguments<R>));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.code === 'unauthenticated' && route !== 'POST /api/auth/login') window.dispatchEvent(new Event(signedOutEvent));
    throw error;
  }
}

export type { Study, Wave } from '../../../shared/contract/studies.ts';
export type { SessionUser as User, SignedIn } from '../../../shared/contract/auth.ts';
