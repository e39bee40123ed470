import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../auth/auth.plugin.ts';
import { createUser, listUsers, setUserDisabled } from '../../../auth/auth.service.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses } from '../../schemas.ts';

const Role = Type.Union([Type.Literal('admin'), Type.Literal('researcher')]);
const UserRow = Type.Object({ id: Type.Integer(), username: Type.String(), role: Role, disabled: Type.Boolean(), studies: Type.Array(Type.String()) });

/** Accounts: admins only. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireUser('admin');

  app.get(
    '/api/users',
    { schema: { tags: ['researcher'], summary: 'List accounts (admin)', response: { 200: Type.Array(UserRow), ...errorResponses } }, preValidation: admin },
    async () => listUsers({ db: app.services.db }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Create an account (admin)',
        body: Type.Object(
          { username: Type.String({ minLength: 2, maxLength: 40 }), password: Type.String({ minLength: 12, maxLength: 128 }), role: Role },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer(), username: Type.String(), role: Role }), ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      const user = await createUser({ db: app.services.db, now: app.services.now, ...request.body });
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'user_create', detail: { userId: user.id, role: user.role } });
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/api/users/:userId/disabled',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Disable or re-enable an account (admin); disabling ends its sessions',
        params: Type.Object({ userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
        body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      if (Number(request.params.userId) === signedInUser(request).id && request.body.disabled) {
        throw new AppError('conflict', 'You cannot disable your own account.');
      }
      setUserDisabled({ db: app.services.db, now: app.services.now, userId: Number(request.params.userId), disabled: request.body.disabled });
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'user_disable', detail: { userId: Number(request.params.userId), disabled: request.body.disabled } });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
