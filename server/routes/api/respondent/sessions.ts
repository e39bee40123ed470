import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../errors.ts';
import { attemptSubject } from '../../../kiosks/kiosks.service.ts';
import { lookUpTokenCounted, startOrResume } from '../../../responses/responses.service.ts';
import { errorResponses, KioskKeyHeaders } from '../../../../shared/contract/common.ts';
import { SessionSchema, StartBodySchema } from '../../../../shared/contract/respondent.ts';

const tooMany = () => new AppError('rate_limited', 'Too many attempts. Please wait a while and try again.');

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/sessions',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Start or resume a response in the wave open now',
        headers: KioskKeyHeaders,
        body: StartBodySchema,
        response: { 200: SessionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { services } = app;
      const { token, ...rest } = request.body;
      const subject = await attemptSubject(services, { kioskKey: request.headers['x-kiosk-key'], address: request.ip });
      if (token === undefined) {
        if (!(await services.tokenAttempts.takeAnonymousStart(subject))) throw tooMany();
        return startOrResume(services, rest, undefined);
      }
      const lookup = await lookUpTokenCounted(services, subject, token);
      if (!lookup) throw tooMany();
      return startOrResume(services, rest, lookup);
    },
  );
};

export default routes;
