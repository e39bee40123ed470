import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../auth/auth.plugin.ts';
import { publicOrigin } from '../../../auth/origin.ts';
import { projectRoot } from '../../../config.ts';
import { AppError } from '../../../errors.ts';
import { loadLetterTexts } from '../../../letters/letter-texts.ts';
import { lettersCsv, renderLetters } from '../../../letters/letters.ts';
import { PendingLetters } from '../../../letters/pending-letters.ts';
import { createBatch, listBatches, listParticipants, maxBatchSize, maxPageSize, reissueToken, withdrawParticipant } from '../../../participants/participant-admin.service.ts';
import { errorResponses, LocaleSchema } from '../../schemas.ts';
import { ParticipantParams, StudyParams } from './schemas.ts';

const fontFile = path.join(projectRoot, 'node_modules', '@fontsource', 'noto-sans-ethiopic', 'files', 'noto-sans-ethiopic-ethiopic-400-normal.woff2');

const Participant = Type.Object({
  id: Type.Integer(),
  pseudonym: Type.String(),
  language: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
  batchId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  hasRegisterData: Type.Boolean(),
});
const Batch = Type.Object({ id: Type.Integer(), size: Type.Integer(), language: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }) });
const Letters = Type.Object({
  lettersUrl: Type.String({ description: 'Print-ready letters with the raw tokens; served once.' }),
  downloadUrl: Type.String({ description: 'CSV of pseudonym, language, token, link; served once.' }),
});
const LetterParams = Type.Object({ studyId: StudyParams.properties.studyId, letterId: Type.String({ pattern: '^[A-Za-z0-9_-]{24}$' }) });


/** Participants, token batches, reissue, withdrawal and the one-time letters of new tokens. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];
  const tags = ['researcher'];
  const pending = new PendingLetters(() => app.services.now().getTime());
  const urls = (studyId: string, id: string) => ({
    lettersUrl: `/api/studies/${studyId}/letters/${id}`,
    downloadUrl: `/api/studies/${studyId}/letters/${id}/tokens.csv`,
  });

  app.get(
    '/api/studies/:studyId/participants',
    {
      schema: {
        tags,
        summary: 'Participants of a study, a page at a time, by pseudonym',
        params: StudyParams,
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 40, description: 'part of the pseudonym, any case' })),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('withdrawn')])),
          page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,6}$', description: 'from 1' })),
          pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: `at most ${maxPageSize}; 50 when left out` })),
        }),
        response: { 200: Type.Object({ participants: Type.Array(Participant), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { search, status, page, pageSize } = request.query;
      const list = listParticipants(app.services, { studyId: request.params.studyId, search: search?.trim(), status, page: Number(page ?? 1), pageSize: Number(pageSize ?? 50) });
      return { ...list, participants: list.participants.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), withdrawnAt: p.withdrawnAt?.toISOString() ?? null })) };
    },
  );

  app.get(
    '/api/studies/:studyId/batches',
    { schema: { tags, summary: 'Token batches of a study', params: StudyParams, response: { 200: Type.Array(Batch), ...errorResponses } }, preValidation: member },
    async (request) => listBatches(app.services, request.params.studyId).map((b) => ({ id: b.id, size: b.size, language: b.language, createdAt: b.createdAt.toISOString() })),
  );

  app.post(
    '/api/studies/:studyId/batches',
    {
      schema: {
        tags,
        summary: 'Create participants with new tokens; the tokens are shown once, on the letters page and in the download',
        params: StudyParams,
        body: Type.Object(
          {
            count: Type.Integer({ minimum: 1, maximum: maxBatchSize }),
            language: Type.Optional(LocaleSchema),
            languages: Type.Optional(Type.Array(LocaleSchema, { minItems: 1, maxItems: maxBatchSize, description: 'One per participant, instead of `language`.' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([
            Type.Object({ batch: Batch, participants: Type.Array(Type.Object({ id: Type.Integer(), pseudonym: Type.String(), language: Type.String() })) }),
            Letters,
          ]),
          ...errorResponses,
        },
      },
      preValidation: member,
    },
    async (request, reply) => {
      const { studyId } = request.params;
      const user = signedInUser(request);
      const { batch, letters } = createBatch(app.services, { studyId, ...request.body, userId: user.id });
      const id = pending.put(studyId, letters);
      recordAudit({ ...app.services, userId: user.id, action: 'token_batch', studyId, detail: { batchId: batch.id, count: batch.size, language: batch.language } });
      return reply.status(201).send({
        batch: { id: batch.id, size: batch.size, language: batch.language, createdAt: batch.createdAt.toISOString() },
        participants: letters.map((l) => ({ id: l.participantId, pseudonym: l.pseudonym, language: l.language })),
        ...urls(studyId, id),
      });
    },
  );

  app.post(
    '/api/studies/:studyId/participants/:participantId/reissue',
    {
      schema: {
        tags,
        summary: 'A new token for a lost letter; the old token stops working',
        params: ParticipantParams,
        response: { 200: Type.Intersect([Type.Object({ pseudonym: Type.String() }), Letters]), ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const letter = reissueToken(app.services, { studyId, participantId: Number(request.params.participantId) });
      const id = pending.put(studyId, [letter]);
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'token_reissue', studyId, detail: { pseudonym: letter.pseudonym } });
      return { pseudonym: letter.pseudonym, ...urls(studyId, id) };
    },
  );

  app.post(
    '/api/studies/:studyId/participants/:participantId/withdraw',
    {
      schema: {
        tags,
        summary: "Withdraw a participant: their responses in every wave and register data are deleted; the pseudonym stays, marked withdrawn",
        params: ParticipantParams,
        response: { 200: Type.Object({ pseudonym: Type.String(), responsesDeleted: Type.Integer() }), ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const result = withdrawParticipant(app.services, { studyId, participantId: Number(request.params.participantId) });
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'participant_withdraw', studyId, detail: result });
      return result;
    },
  );

  const gone = () => new AppError('not_found', 'These codes were shown already, or an hour has passed. Reissue tokens for participants who need a new letter.');

  app.get(
    '/api/studies/:studyId/letters/:letterId',
    { schema: { tags, summary: 'Print-ready letters (HTML, one A4 page each); served once', params: LetterParams }, preValidation: member },
    async (request, reply) => {
      const { studyId, letterId } = request.params;
      const letters = pending.take(studyId, letterId, 'letters');
      reply.header('Cache-Control', 'no-store');
      if (!letters) {
        // Opened from a link in a new tab: a page a person can read rather than JSON.
        const message = gone().message;
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Letters no longer available</title><h1>Letters no longer available</h1><p>${message}</p></html>`);
      }
      const { localesDir } = app.services.config;
      const html = await renderLetters({ letters, origin: publicOrigin(request, app.services.config.secureCookies), textsFor: (language) => loadLetterTexts(localesDir, language) });
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'letters_served', studyId, detail: { count: letters.length } });
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/api/studies/:studyId/letters/:letterId/tokens.csv',
    { schema: { tags, summary: 'The new tokens as CSV; served once', params: LetterParams }, preValidation: member },
    async (request, reply) => {
      const { studyId, letterId } = request.params;
      const letters = pending.take(studyId, letterId, 'download');
      if (!letters) throw gone();
      recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'tokens_downloaded', studyId, detail: { count: letters.length } });
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Disposition', `attachment; filename="${studyId}-tokens.csv"`);
      return reply.type('text/csv; charset=utf-8').send(lettersCsv(letters, publicOrigin(request, app.services.config.secureCookies)));
    },
  );

  app.get('/api/letters/fonts/noto-sans-ethiopic-400.woff2', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return reply.type('font/woff2').send(fs.createReadStream(fontFile));
  });
};

export default routes;
