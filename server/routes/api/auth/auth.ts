import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { checkOrigin } from '../../../auth/auth.plugin.ts';
import { signIn, signOut } from '../../../auth/auth.service.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses, RoleSchema } from '../../schemas.ts';

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
});
const SessionSchema = Type.Object({ user: UserSchema, csrfToken: Type.String({ description: 'Send as x-csrf-token on every non-GET request.' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Sign in; sets the session cookie',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      checkOrigin(request, app.services.config.secureCookies);
      const { services, loginLimiter, sessionCookie } = app;
      const username = request.body.username.trim().toLowerCase();
      if (loginLimiter.blocked(username, request.ip)) {
        throw new AppError('rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
      }
      const previous = request.cookies[sessionCookie.name];
      if (previous) signOut({ db: services.db, idHash: createHash('sha256').update(previous).digest('base64url') });
      const result = await signIn({ db: services.db, now: services.now, username, password: request.body.password });
      if (!result.ok) {
        loginLimiter.recordFailure(username, request.ip);
        recordAudit({ ...services, userId: result.userId, action: 'sign_in_failed' });
        throw new AppError('unauthenticated', 'The username or password is wrong.');
      }
      loginLimiter.recordSuccess(username);
      recordAudit({ ...services, userId: result.user.id, action: 'sign_in' });
      reply.setCookie(sessionCookie.name, result.sessionId, sessionCookie.options);
      reply.header('Cache-Control', 'no-store');
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: { tags: ['researcher'], summary: 'The signed-in user and the CSRF token', response: { 200: SessionSchema, ...errorResponses } },
      preValidation: app.requireUser(),
    },
    async (request, reply) => {
      const session = request.researcherSession!;
      reply.header('Cache-Control', 'no-store');
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['researcher'], summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } }, preValidation: app.requireUser() },
    async (request, reply) => {
      const session = request.researcherSession!;
      signOut({ db: app.services.db, idHash: session.idHash });
      recordAudit({ ...app.services, userId: session.user.id, action: 'sign_out' });
      reply.clearCookie(app.sessionCookie.name, app.sessionCookie.options);
      return reply.status(204).send(null);
    },
  );
};

export default routes;
