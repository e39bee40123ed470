import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isSameOrigin } from '../../../http/origin.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { KioskResetBodySchema } from '../../../../shared/contract/respondent.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/kiosk/reset',
    {
      schema: {
        tags: ['respondent'],
        summary: "Ask the browser to forget everything of the last respondent on a kiosk (only from the kiosk's own page)",
        body: KioskResetBodySchema,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      // Clear-Site-Data also wipes unsent answers and a researcher's session: never on another site's say-so.
      if (!isSameOrigin(request, app.services.config.secureCookies)) throw new AppError('forbidden', 'Only the kiosk page itself can reset the kiosk.');
      reply.header('Clear-Site-Data', '"cache", "cookies", "storage"');
      return reply.status(204).send(null);
    },
  );
};

export default routes;
