import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkOrigin } from '../../../http/auth.plugin.ts';
import { signIn, signOut, type SignedInUser } from '../../../auth/auth.service.ts';
import { secondFactorStatus } from '../../../auth/second-factor.service.ts';
import { AppError } from '../../../errors.ts';
import { LoginBodySchema, SignedInSchema } from '../../../../shared/contract/auth.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const sessionUser = async (user: SignedInUser) => ({ ...user, secondFactor: await secondFactorStatus({ database: app.services.database, userId: user.id, policy: await app.secondFactorPolicy() }) });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Sign in; sets the session cookie',
        body: LoginBodySchema,
        response: { 200: SignedInSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      checkOrigin(request, app.services.config.secureCookies);
      const { services, loginLimiter, sessionCookie } = app;
      const username = request.body.username.trim().toLowerCase();
      // Counted and refused before the password hash is computed (see LoginLimiter).
      const attempt = await loginLimiter.begin(username, request.ip);
      if (!attempt.ok) {
        reply.header('retry-after', String(Math.ceil(attempt.retryAfterMs / 1000)));
        throw new AppError('rate_limited', `Too many sign-ins. Try again in ${Math.ceil(attempt.retryAfterMs / 1000)} seconds.`);
      }
      let result: Awaited<ReturnType<typeof signIn>> = { ok: false, userId: null, reason: 'password' };
      try {
        result = await signIn({ ...services, username, password: request.body.password, secondFactor: request.body.secondFactor, previousSessionId: request.cookies[sessionCookie.name] });
      } finally {
        // Only a finished sign-in is a success: a missing or wrong second-factor code counts as a
        // failure, so the same limits stop someone who has the password from guessing codes.
        await attempt.finish(result.ok);
      }
      if (!result.ok && result.reason === 'second_factor_required') {
        throw new AppError('second_factor_required', 'Type the code from your authenticator app.');
      }
      if (!result.ok) {
        if (result.reason === 'second_factor_wrong') throw new AppError('second_factor_wrong', 'This code is not right.', { reason: 'second_factor_wrong' });
        throw new AppError('unauthenticated', 'The username or password is wrong.', { reason: 'wrong_credentials' });
      }
      reply.setCookie(sessionCookie.name, result.sessionId, sessionCookie.options);
      reply.header('Cache-Control', 'no-store');
      return { user: await sessionUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: { tags: ['researcher'], summary: 'The signed-in user and the CSRF token', response: { 200: SignedInSchema, ...errorResponses } },
      preValidation: app.requireUser(undefined, { beforeSecondFactor: true }),
    },
    async (request, reply) => {
      const session = request.researcherSession!;
      reply.header('Cache-Control', 'no-store');
      return { user: await sessionUser(session.user), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['researcher'], summary: 'Sign out', body: NoBody, response: { 204: Type.Null(), ...errorResponses } }, preValidation: app.requireUser(undefined, { beforeSecondFactor: true }) },
    async (request, reply) => {
      await signOut({ ...app.services, session: request.researcherSession! });
      reply.clearCookie(app.sessionCookie.name, app.sessionCookie.options);
      return reply.status(204).send(null);
    },
  );
};

export default routes;
