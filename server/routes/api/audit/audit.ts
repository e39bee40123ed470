import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAudit } from '../../../audit/audit.service.ts';
import { errorResponses } from '../../schemas.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  studyId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['researcher'],
        summary: 'The audit log, newest first (admin)',
        querystring: Type.Object({
          studyId: Type.Optional(Type.String({ maxLength: 40 })),
          action: Type.Optional(Type.String({ maxLength: 40 })),
          before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,11}$' })),
          limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
        }),
        response: { 200: Type.Array(Entry), ...errorResponses },
      },
      preValidation: app.requireUser('admin'),
    },
    async (request) => {
      const { studyId, action, before, limit } = request.query;
      return listAudit({ db: app.services.db, studyId, action, before: before ? Number(before) : undefined, limit: limit ? Number(limit) : undefined }).map((e) => ({ ...e, at: e.at.toISOString() }));
    },
  );
};

export default routes;
