import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.ts';
import { attemptSubject } from '../../../kiosks/kiosks.service.ts';
import { lookUpToken, startOrResume } from '../../../responses/responses.service.ts';
import { normaliseTokenInput } from '../../../tokens/token.ts';
import { AnswersSchema, errorResponses, KioskKeyHeaders, LocaleSchema } from '../../schemas.ts';

const StartBody = Type.Object(
  {
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'The participant token from the letter (panel studies).' })),
    studyId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Cross-sectional study to answer anonymously.' })),
    locale: LocaleSchema,
    localeChosen: Type.Optional(
      Type.Boolean({ description: 'The person chose `locale` on this device; otherwise a resumed response keeps the language stored with it.' }),
    ),
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
  survey: Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    url: Type.String({ description: 'The definition in the session\'s language, under its content hash.' }),
    urls: Type.Record(Type.String(), Type.String(), { description: 'The definition in every language, each under its content hash.' }),
  }),
  locale: Type.String({ description: 'The language to show: the one stored with a resumed response, unless the person chose another.' }),
  answers: AnswersSchema,
  pageNo: Type.Integer(),
  variables: Type.Record(Type.String(), Type.Unknown()),
});

const tooMany = () => new AppError('rate_limited', 'Too many attempts. Please wait a while and try again.');

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/sessions',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Start or resume a response in the wave open now',
        headers: KioskKeyHeaders,
        body: StartBody,
        response: { 200: Session, ...errorResponses },
      },
    },
    async (request) => {
      const { services } = app;
      const { token, ...rest } = request.body;
      const subject = attemptSubject(services, { kioskKey: request.headers['x-kiosk-key'], address: request.ip });
      if (token === undefined) {
        if (!services.tokenAttempts.takeAnonymousStart(subject)) throw tooMany();
        return startOrResume(services, rest, undefined);
      }
      const typed = normaliseTokenInput(token);
      if (services.tokenAttempts.blocked(subject, typed)) throw tooMany();
      const lookup = lookUpToken(services, token);
      if (!lookup.ok) services.tokenAttempts.recordFailure(subject, typed);
      return startOrResume(services, rest, lookup);
    },
  );
};

export default routes;
