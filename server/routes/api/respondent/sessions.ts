import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.ts';
import { lookUpToken, startOrResume } from '../../../responses/responses.service.ts';
import { normaliseTokenInput } from '../../../tokens/token.ts';
import { AnswersSchema, errorResponses, LocaleSchema } from '../../schemas.ts';

const StartBody = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'The participant token from the letter (panel studies).' })),
    studyId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Cross-sectional study to answer anonymously.' })),
    locale: LocaleSchema,
    channel: Type.Union([Type.Literal('web'), Type.Literal('kiosk')], { default: 'web' }),
  },
  { additionalProperties: false },
);

const Session = Type.Object({
  responseId: Type.String(),
  responseKey: Type.String({ description: 'Send back as the x-response-key header.' }),
  studyId: Type.String(),
  title: Type.Record(Type.String(), Type.String(), { description: "the study's title per language, from its definition" }),
  waveCode: Type.String(),
  survey: Type.Object({ id: Type.String(), version: Type.Integer(), url: Type.String() }),
  locale: Type.String(),
  answers: AnswersSchema,
  pageNo: Type.Integer(),
  variables: Type.Record(Type.String(), Type.Unknown()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/sessions',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Start or resume a response in the wave open now',
        body: StartBody,
        response: { 200: Session, ...errorResponses },
      },
    },
    async (request) => {
      const { services } = app;
      const { token, ...rest } = request.body;
      if (token === undefined) return startOrResume(services, rest, undefined);
      const typed = normaliseTokenInput(token);
      if (services.tokenAttempts.blocked(request.ip, typed)) {
        throw new AppError('rate_limited', 'Too many attempts. Please wait a while and try again.');
      }
      services.tokenAttempts.recordUse(typed);
      const lookup = lookUpToken(services, token);
      if (!lookup.ok) services.tokenAttempts.recordFailure(request.ip);
      return startOrResume(services, rest, lookup);
    },
  );
};

export default routes;
