import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, signedInUser } from '../../../http/auth.plugin.ts';
import { AppError } from '../../../errors.ts';
import {
  addWave,
  changeWave,
  closeWaveNow,
  createStudy,
  listStudiesFor,
  openWaveNow,
  renameStudy,
  studyView,
} from '../../../studies/study-management.service.ts';
import { errorResponses, NoBody, PlainText } from '../../../../shared/contract/common.ts';
import { NewStudyBodySchema, NewWaveBodySchema, StudyParams, StudySchema, WaveChangeBodySchema, WaveParams, WaveSchema } from '../../../../shared/contract/studies.ts';


function date(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new AppError('validation_failed', `Not a time: ${value}`, { reason: 'not_a_time' });
  return parsed;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];
  const tags = ['researcher'];

  app.get(
    '/api/studies',
    { schema: { tags, summary: 'Studies the user may see, with their waves', response: { 200: Type.Array(StudySchema), ...errorResponses } }, preValidation: app.requireUser(['admin', 'researcher']) },
    async (request) => listStudiesFor(app.services, signedInUser(request)),
  );

  app.post(
    '/api/studies',
    {
      schema: {
        tags,
        summary: 'Create a study (admin)',
        body: NewStudyBodySchema,
        response: { 201: StudySchema, ...errorResponses },
      },
      preValidation: app.requireUser('admin'),
    },
    async (request, reply) => {
      const study = await createStudy(app.services, { study: request.body, actor: actorOf(request) });
      return reply.status(201).send(study);
    },
  );

  app.get(
    '/api/studies/:studyId',
    { schema: { tags, summary: 'One study with its waves', params: StudyParams, response: { 200: StudySchema, ...errorResponses } }, preValidation: member },
    async (request) => studyView(app.services, (await app.services.studies.findStudy(request.params.studyId))!),
  );

  app.patch(
    '/api/studies/:studyId',
    {
      schema: {
        tags,
        summary: 'Rename a study',
        params: StudyParams,
        body: Type.Object({ name: PlainText({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: StudySchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => renameStudy(app.services, { studyId: request.params.studyId, name: request.body.name, actor: actorOf(request) }),
  );

  app.post(
    '/api/studies/:studyId/waves',
    {
      schema: {
        tags,
        summary: 'Schedule a wave: its survey version and window',
        params: StudyParams,
        body: NewWaveBodySchema,
        response: { 201: WaveSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request, reply) => {
      const { body } = request;
      const wave = await addWave(app.services, { studyId: request.params.studyId, wave: { ...body, opensAt: date(body.opensAt), closesAt: date(body.closesAt) }, actor: actorOf(request) });
      return reply.status(201).send(wave);
    },
  );

  app.patch(
    '/api/studies/:studyId/waves/:waveId',
    {
      schema: {
        tags,
        summary: "Change a wave's survey version or window (stored responses are never touched)",
        params: WaveParams,
        body: WaveChangeBodySchema,
        response: { 200: WaveSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId, waveId } = request.params;
      const { opensAt, closesAt, ...rest } = request.body;
      const change = { ...rest, ...(opensAt ? { opensAt: date(opensAt) } : {}), ...(closesAt ? { closesAt: date(closesAt) } : {}) };
      return changeWave(app.services, { studyId, waveId: Number(waveId), change, actor: actorOf(request) });
    },
  );

  for (const [action, change] of [
    ['open', openWaveNow],
    ['close', closeWaveNow],
  ] as const) {
    app.post(
      `/api/studies/:studyId/waves/:waveId/${action}`,
      {
        schema: { tags, summary: `${action === 'open' ? 'Open' : 'Close'} a wave now`, params: WaveParams, body: NoBody, response: { 200: WaveSchema, ...errorResponses } },
        preValidation: member,
      },
      async (request) => change(app.services, { studyId: request.params.studyId, waveId: Number(request.params.waveId), actor: actorOf(request) }),
    );
  }
};

export default routes;
