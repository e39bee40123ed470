import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { fieldworkOf, reminderList } from '../../../fieldwork/fieldwork.service.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { FieldworkSchema } from '../../../../shared/contract/fieldwork.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];

  app.get(
    '/api/studies/:studyId/fieldwork',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Fieldwork figures, small counts suppressed',
        params: StudyParams,
        querystring: Type.Object({ lang: Type.Optional({ ...LocaleSchema, description: 'the language of the labels the study declares for its groupings; Dutch where left out' }) }),
        response: { 200: FieldworkSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return fieldworkOf(app.services, request.params.studyId, request.query.lang ?? 'nl');
    },
  );

  app.get(
    '/api/studies/:studyId/fieldwork/reminders.csv',
    { schema: { tags: ['researcher'], summary: "Pseudonyms still to remind in the open wave (CSV)", params: StudyParams }, preValidation: member },
    async (request, reply) => {
      const { studyId } = request.params;
      const list = await reminderList(app.services, { studyId, actor: actorOf(request) });
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Disposition', `attachment; filename="${studyId}-${list.waveCode}-reminders.csv"`);
      return reply.type('text/csv; charset=utf-8').send(list.csv);
    },
  );
};

export default routes;
