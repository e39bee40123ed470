import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { exportAudit, listAudit } from '../../../audit/audit.service.ts';
import { actorOf } from '../../../http/auth.plugin.ts';
import { AuditEntrySchema } from '../../../../shared/contract/audit.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';

const Filter = {
  userId: Type.Optional(Type.String({ pattern: '^(cli|[1-9][0-9]{0,9})$', description: 'an account id, or cli for the command line' })),
  action: Type.Optional(Type.String({ maxLength: 40 })),
  studyId: Type.Optional(Type.String({ maxLength: 40 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'from this moment on' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'before this moment' })),
};

function filterOf(query: { userId?: string | undefined; action?: string | undefined; studyId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return {
    action: query.action,
    studyId: query.studyId,
    userId: query.userId === undefined ? undefined : query.userId === 'cli' ? null : Number(query.userId),
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
}

const ListQuery = Type.Object({
  ...Filter,
  before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,11}$' })),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});

/** The audit log (admin): filtered by who, what, study and period; paged back by id; or the whole selection as CSV. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.requireUser('admin');

  app.get(
    '/api/audit',
    { schema: { tags: ['researcher'], summary: 'The audit log, newest first (admin)', querystring: ListQuery, response: { 200: Type.Array(AuditEntrySchema), ...errorResponses } }, preValidation: admin },
    async (request) => {
      const query: Static<typeof ListQuery> = request.query;
      return (await listAudit({ database: app.services.database, ...filterOf(query), before: query.before ? Number(query.before) : undefined, limit: query.limit ? Number(query.limit) : undefined })).map((e) => ({
        ...e,
        at: e.at.toISOString(),
      }));
    },
  );

  app.get(
    '/api/audit.csv',
    {
      schema: { tags: ['researcher'], summary: 'The filtered audit log as CSV (admin; audited)', querystring: Type.Object(Filter), produces: ['text/csv'], response: { 200: Type.Unknown({ description: 'the CSV file' }), ...errorResponses } },
      preValidation: admin,
    },
    async (request, reply) => {
      const csv = await exportAudit({ ...app.services, actor: actorOf(request), filter: filterOf(request.query) });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(csv));
    },
  );
};

export default routes;
