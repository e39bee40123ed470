import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { keepLetters } from '../../../letters/letters.service.ts';
import { createBatch, listBatches, listParticipants, maxBatchSize, maxPageSize, newCodesForNotStarted, reissueToken, withdrawParticipant } from '../../../participants/participant-admin.service.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import { batchBodySchema, BatchCreatedSchema, BatchSchema, NewCodesSchema, ParticipantPageSchema, ReissuedSchema, WithdrawnSchema } from '../../../../shared/contract/participants.ts';
import { ParticipantParams, StudyParams } from '../../../../shared/contract/studies.ts';

/** Participants, token batches, reissue, new codes for a batch and withdrawal; the letters themselves are in `letters.ts`. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];
  const tags = ['researcher'];

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
        response: { 200: ParticipantPageSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { search, status, page, pageSize } = request.query;
      const list = await listParticipants(app.services, { studyId: request.params.studyId, search: search?.trim(), status, page: Number(page ?? 1), pageSize: Number(pageSize ?? 50) });
      return { ...list, participants: list.participants.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), withdrawnAt: p.withdrawnAt?.toISOString() ?? null })) };
    },
  );

  app.get(
    '/api/studies/:studyId/batches',
    { schema: { tags, summary: 'Token batches of a study', params: StudyParams, response: { 200: Type.Array(BatchSchema), ...errorResponses } }, preValidation: member },
    async (request) => (await listBatches(app.services, request.params.studyId)).map((b) => ({ id: b.id, size: b.size, language: b.language, createdAt: b.createdAt.toISOString() })),
  );

  app.post(
    '/api/studies/:studyId/batches',
    {
      schema: {
        tags,
        summary: 'Create participants with new tokens; the tokens are shown once, on the letters page and in the download',
        params: StudyParams,
        body: batchBodySchema(maxBatchSize),
        response: {
          201: BatchCreatedSchema,
          ...errorResponses,
        },
      },
      preValidation: member,
    },
    async (request, reply) => {
      const { studyId } = request.params;
      const { id: userId } = signedInUser(request);
      const { batch, letters } = await createBatch(app.services, { studyId, ...request.body, actor: { userId } });
      const kept = await keepLetters(app.services, { studyId, letters, kind: 'batch', batchId: batch.id, userId });
      return reply.status(201).send({
        batch: { id: batch.id, size: batch.size, language: batch.language, createdAt: batch.createdAt.toISOString() },
        participants: letters.map((l) => ({ id: l.participantId, pseudonym: l.pseudonym, language: l.language })),
        lettersUrl: kept.lettersUrl,
        downloadUrl: kept.downloadUrl,
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
        body: NoBody,
        response: { 200: ReissuedSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const userId = signedInUser(request).id;
      const letter = await reissueToken(app.services, { studyId, participantId: Number(request.params.participantId), actor: { userId } });
      const kept = await keepLetters(app.services, { studyId, letters: [letter], kind: 'reissue', userId });
      return { pseudonym: letter.pseudonym, lettersUrl: kept.lettersUrl, downloadUrl: kept.downloadUrl };
    },
  );

  app.post(
    '/api/studies/:studyId/batches/:batchId/new-codes',
    {
      schema: {
        tags,
        summary: 'New codes for every participant of the batch who has not started; one printable file; their old codes stop working',
        params: Type.Object({ studyId: StudyParams.properties.studyId, batchId: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
        body: NoBody,
        response: { 201: NewCodesSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request, reply) => {
      const { studyId } = request.params;
      const batchId = Number(request.params.batchId);
      const userId = signedInUser(request).id;
      const letters = await newCodesForNotStarted(app.services, { studyId, batchId, actor: { userId } });
      const kept = await keepLetters(app.services, { studyId, letters, kind: 'restart', batchId, userId });
      return reply.status(201).send({ count: letters.length, lettersUrl: kept.lettersUrl, downloadUrl: kept.downloadUrl });
    },
  );

  app.post(
    '/api/studies/:studyId/participants/:participantId/withdraw',
    {
      schema: {
        tags,
        summary: "Withdraw a participant: their responses in every wave and register data are deleted; the pseudonym stays, marked withdrawn",
        params: ParticipantParams,
        body: NoBody,
        response: { 200: WithdrawnSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      return withdrawParticipant(app.services, { studyId, participantId: Number(request.params.participantId), by: { userId: signedInUser(request).id } });
    },
  );
};

export default routes;
