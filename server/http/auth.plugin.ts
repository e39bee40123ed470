import fastifyPlugin from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Actor } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import { authenticate, canAccessStudy, type ActiveSession, type SignedInUser } from '../auth/auth.service.ts';
import { defaultLoginLimits, LoginLimiter } from '../auth/login-limiter.ts';
import { secondFactorPolicy, type SecondFactorPolicy } from '../auth/second-factor.service.ts';
import { publicOrigin } from './origin.ts';
import type { Role } from '../auth/users.repository.ts';

/**
 * Researcher authentication and authorisation for every `/api/...` route that is not the
 * respondent API. Registered once in `server/app.ts` (after @fastify/cookie, before the routes).
 *
 * It decorates the app with:
 * - `app.requireUser(role?)`: a preHandler. Without a valid session cookie → 401 `unauthenticated`.
 *   With `role` (one or a list), any other role gets 403 `forbidden` (`'admin'`: a researcher or
 *   translator is refused; `['admin', 'researcher']`: a translator is). On every method other than GET/HEAD
 *   it also requires the header `x-csrf-token` (the token from `GET /api/auth/session`) and, when
 *   the browser sends them, an `Origin` equal to this server and `Sec-Fetch-Site: same-origin`;
 *   otherwise 403 `csrf_failed`. An account that must have a second factor and has none yet gets
 *   403 `second_factor_missing`, except on routes marked `{ beforeSecondFactor: true }` (setting
 *   one up, the session, signing out). Sets `request.user` and `request.researcherSession`.
 * - `app.requireStudyAccess`: a preHandler to list AFTER `app.requireUser()`. Reads
 *   `request.params.studyId`: 404 `study_not_found` when there is no such study, 403 `forbidden`
 *   when a researcher is not a member of it (admins see every study).
 * - `app.sessionCookie`: the cookie's name and options; `app.loginLimiter`: failed sign-ins per
 *   username and per address, counted in the database every server shares.
 *
 * Usage: `{ preHandler: [app.requireUser(), app.requireStudyAccess] }`.
 *
 * The cookie is `__Host-wavepanel` (Secure, HttpOnly, SameSite=Strict, Path=/) when
 * `config.secureCookies` is set; over plain http (development, tests) browsers refuse `__Host-`
 * cookies, so it is then `wavepanel_session` with the same flags minus Secure.
 */

declare module 'fastify' {
  interface FastifyInstance {
    requireUser: (role?: Role | Role[], options?: { beforeSecondFactor?: boolean }) => preHandlerAsyncHookHandler;
    secondFactorPolicy: () => Promise<SecondFactorPolicy>;
    requireStudyAccess: preHandlerAsyncHookHandler;
    sessionCookie: { name: string; options: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: '/' } };
    loginLimiter: LoginLimiter;
  }
  interface FastifyRequest {
    user?: SignedInUser;
    researcherSession?: ActiveSession;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Browser-sent provenance headers must say "this very site", when present. */
export function checkOrigin(request: FastifyRequest, secure: boolean): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let same = false;
    try {
      same = new URL(origin).origin === new URL(publicOrigin(request, secure)).origin;
    } catch {
      same = false;
    }
    if (!same) throw new AppError('csrf_failed', 'This request came from another site.');
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new AppError('csrf_failed', 'This request came from another site.');
  }
}

export function signedInUser(request: FastifyRequest): SignedInUser {
  if (!request.user) throw new AppError('unauthenticated', 'Please sign in.');
  return request.user;
}

/** The signed-in user as the one who acts, for the audit log the use cases write. */
export function actorOf(request: FastifyRequest): Actor {
  return { userId: signedInUser(request).id };
}

async function authPlugin(app: FastifyInstance): Promise<void> {
  const secure = app.services.config.secureCookies;
  app.decorate('sessionCookie', {
    name: secure ? '__Host-wavepanel' : 'wavepanel_session',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
  } as const);
  app.decorate(
    'loginLimiter',
    new LoginLimiter(defaultLoginLimits, app.services.rateLimits),
  );
  app.decorateRequest('user', undefined);
  app.decorateRequest('researcherSession', undefined);

  app.decorate('secondFactorPolicy', () => secondFactorPolicy({ database: app.services.database, adminsRequired: app.services.config.adminSecondFactor }));

  app.decorate('requireUser', (role?: Role | Role[], options: { beforeSecondFactor?: boolean } = {}): preHandlerAsyncHookHandler => {
    const allowed = role === undefined ? undefined : new Set([role].flat());
    return async function requireUser(request: FastifyRequest, reply: FastifyReply) {
      const sessionId = request.cookies[app.sessionCookie.name];
      const session = sessionId ? await authenticate({ database: app.services.database, now: app.services.now, sessionId, policy: app.secondFactorPolicy }) : undefined;
      if (!session) {
        if (sessionId) reply.clearCookie(app.sessionCookie.name, app.sessionCookie.options);
        throw new AppError('unauthenticated', 'Please sign in.');
      }
      if (!safeMethods.has(request.method)) {
        checkOrigin(request, secure);
        const presented = request.headers['x-csrf-token'];
        if (!sameToken(session.csrfToken, typeof presented === 'string' ? presented : undefined)) {
          throw new AppError('csrf_failed', 'The request lacks a valid x-csrf-token header.');
        }
      }
      if (session.mustEnrol && !options.beforeSecondFactor) {
        throw new AppError('second_factor_missing', 'Set up a second factor (an authenticator app) on My account first.');
      }
      if (allowed && !allowed.has(session.user.role)) throw new AppError('forbidden', 'Your role does not allow this.');
      request.user = session.user;
      request.researcherSession = session;
    };
  });

  app.decorate('requireStudyAccess', async function requireStudyAccess(request: FastifyRequest) {
    const user = signedInUser(request);
    const studyId = (request.params as { studyId?: unknown }).studyId;
    if (typeof studyId !== 'string' || !(await app.services.studies.findStudy(studyId))) {
      throw new AppError('study_not_found', 'There is no such study.');
    }
    if (!(await canAccessStudy({ database: app.services.database, user, studyId }))) throw new AppError('forbidden', 'You are not a member of this study.');
  });
}

/** Not encapsulated: the decorators are visible to every route. */
export default fastifyPlugin(authPlugin, { name: 'wavepanel-auth', fastify: '5.x' });
