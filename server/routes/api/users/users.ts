import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { accountLinkUrl, createResetLink } from '../../../auth/accounts.service.ts';
import { createUser, listUsers, setTranslatorLanguages, setUserDisabled } from '../../../auth/auth.service.ts';
import { removeSecondFactor } from '../../../auth/second-factor.service.ts';
import { publicOrigin } from '../../../http/origin.ts';
import { UserSchema } from '../../../../shared/contract/auth.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import { DisabledBodySchema, LanguagesBodySchema, NewUserBodySchema, ResetLinkSchema, UserRowSchema } from '../../../../shared/contract/users.ts';

/** Accounts: admins only. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireUser('admin');

  app.get(
    '/api/users',
    { schema: { tags: ['researcher'], summary: 'List accounts (admin)', response: { 200: Type.Array(UserRowSchema), ...errorResponses } }, preValidation: admin },
    async () => listUsers(app.services),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Create an account (admin)',
        body: NewUserBodySchema,
        response: { 201: UserSchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      const user = await createUser({ ...app.services, actor: actorOf(request), ...request.body });
      return reply.status(201).send(user);
    },
  );

  app.put(
    '/api/users/:userId/languages',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Give a translator the languages they work on, replacing the earlier ones (admin)',
        params: Type.Object({ userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
        body: LanguagesBodySchema,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      await setTranslatorLanguages({ ...app.services, actor: actorOf(request), userId: Number(request.params.userId), languages: request.body.languages });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:userId/disabled',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Disable or re-enable an account (admin); disabling ends its sessions',
        params: Type.Object({ userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
        body: DisabledBodySchema,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      await setUserDisabled({ ...app.services, actor: actorOf(request), userId: Number(request.params.userId), disabled: request.body.disabled });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:userId/second-factor/removal',
    {
      schema: {
        tags: ['researcher'],
        summary: "Remove an account's second factor (admin), when its phone and recovery codes are lost; its sessions end",
        params: Type.Object({ userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
        body: NoBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      await removeSecondFactor({ ...app.services, actor: actorOf(request), userId: Number(request.params.userId) });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:userId/reset-link',
    {
      schema: {
        tags: ['researcher'],
        summary: 'A one-time link to set a new password for an account (admin); shown once',
        params: Type.Object({ userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
        body: NoBody,
        response: { 201: ResetLinkSchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      const link = await createResetLink({ ...app.services, actor: actorOf(request), userId: Number(request.params.userId) });
      reply.header('Cache-Control', 'no-store');
      return reply.status(201).send({ username: link.username, url: accountLinkUrl(publicOrigin(request, app.services.config.secureCookies), 'reset', link.code), expiresAt: link.expiresAt.toISOString() });
    },
  );
};

export default routes;
