import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { requireSecondFactorForResearchers } from '../../../auth/second-factor.service.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { SecurityBodySchema, SecuritySchema } from '../../../../shared/contract/users.ts';

/** Who must sign in with a second factor (admin). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireUser('admin');
  const current = async () => {
    const policy = await app.secondFactorPolicy();
    return { adminsSecondFactor: policy.admins, researchersSecondFactor: policy.researchers };
  };

  app.get('/api/settings/security', { schema: { tags: ['researcher'], summary: 'Second-factor requirements (admin)', response: { 200: SecuritySchema, ...errorResponses } }, preValidation: admin }, async () =>
    current(),
  );

  app.put(
    '/api/settings/security',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Require a second factor of researchers, or not (admin)',
        body: SecurityBodySchema,
        response: { 200: SecuritySchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request) => {
      await requireSecondFactorForResearchers({ ...app.services, actor: actorOf(request), required: request.body.researchersSecondFactor });
      return current();
    },
  );
};

export default routes;
