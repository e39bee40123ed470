import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { confirmEnrolment, startEnrolment } from '../../../auth/second-factor.service.ts';
import { EnrolmentSchema, RecoveryCodesSchema, SecondFactorCodeBodySchema } from '../../../../shared/contract/auth.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';

/** Setting up one's own second factor (TOTP): also allowed to an account that must have one and has none yet. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const self = app.requireUser(undefined, { beforeSecondFactor: true });

  app.post(
    '/api/auth/second-factor/enrolment',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Start setting up an authenticator app: a new secret, as a key and a QR code (data URL)',
        body: NoBody,
        response: { 200: EnrolmentSchema, ...errorResponses },
      },
      preValidation: self,
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return startEnrolment({ database: app.services.database, secrets: app.services.secondFactorSecrets, userId: signedInUser(request).id });
    },
  );

  app.post(
    '/api/auth/second-factor/confirmation',
    {
      schema: {
        tags: ['researcher'],
        summary: "Turn the second factor on with the app's first code; answers the ten recovery codes, shown once",
        body: SecondFactorCodeBodySchema,
        response: { 200: RecoveryCodesSchema, ...errorResponses },
      },
      preValidation: self,
    },
    async (request, reply) => {
      const result = await confirmEnrolment({ ...app.services, secrets: app.services.secondFactorSecrets, userId: signedInUser(request).id, code: request.body.code });
      reply.header('Cache-Control', 'no-store');
      return result;
    },
  );
};

export default routes;
