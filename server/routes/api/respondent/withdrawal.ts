import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../errors.ts';
import { attemptSubject } from '../../../kiosks/kiosks.service.ts';
import { withdrawalDoneMessage, withdrawByToken } from '../../../participants/withdrawal.ts';
import { normaliseTokenInput } from '../../../tokens/token.ts';
import { errorResponses, KioskKeyHeaders } from '../../../../shared/contract/common.ts';
import { WithdrawalBodySchema, WithdrawalDoneSchema } from '../../../../shared/contract/respondent.ts';


/**
 * Self-service withdrawal: the respondent types the code of their letter, and their answers in
 * every wave are deleted. Throttled exactly like starting with a token; an unknown and a
 * malformed code get the same answer.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/withdrawal',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Delete my answers: withdraw from the study with the code of the letter; the code stops working',
        headers: KioskKeyHeaders,
        body: WithdrawalBodySchema,
        response: { 200: WithdrawalDoneSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { services } = app;
      const { token, locale } = request.body;
      const typed = normaliseTokenInput(token);
      const subject = await attemptSubject(services, { kioskKey: request.headers['x-kiosk-key'], address: request.ip });
      if (await services.tokenAttempts.blocked(subject, typed)) {
        throw new AppError('rate_limited', 'Too many attempts. Please wait a while and try again.');
      }
      try {
        await withdrawByToken(services, { token, by: { userId: null } });
      } catch (error) {
        if (error instanceof AppError && error.code === 'token_invalid') await services.tokenAttempts.recordFailure(subject, typed);
        throw error;
      }
      return { withdrawn: true as const, message: withdrawalDoneMessage(services.translations, locale) };
    },
  );
};

export default routes;
