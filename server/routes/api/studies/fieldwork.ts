import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { fieldworkOf, reminderList } from '../../../fieldwork/fieldwork.service.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

const Cell = Type.Union([Type.Integer(), Type.String({ description: 'A hidden count: "<10" for a small one, "x" for one hidden so that a total does not give a small one away.' })]);
const Line = Type.Object({ group: Type.String(), counts: Type.Array(Cell) });
const Fieldwork = Type.Object({
  minCellSize: Type.Integer(),
  waves: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      open: Type.Boolean(),
      invited: Type.Union([Cell, Type.Null()]),
      started: Cell,
      completed: Cell,
      responseRate: Type.Union([Type.Number(), Type.Null()]),
      medianMinutes: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  attrition: Type.Union([
    Type.Object({ waves: Type.Array(Type.String()), overall: Type.Array(Cell), byLanguage: Type.Array(Line), byGrouping: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), lines: Type.Array(Line) })) }),
    Type.Null(),
  ]),
  byGroup: Type.Array(
    Type.Object({
      split: Type.String({ description: '`language`, `channel`, or a variable the report groups by' }),
      label: Type.Union([Type.String(), Type.Null()], { description: "the grouping variable's label; null for language and channel" }),
      groups: Type.Array(
        Type.Object({
          group: Type.String(),
          label: Type.Union([Type.String(), Type.Null()]),
          invited: Type.Union([Cell, Type.Null()], { description: 'null for a channel and in an anonymous study' }),
          waves: Type.Array(Type.Object({ code: Type.String(), started: Cell, completed: Cell, stopped: Cell, responseRate: Type.Union([Type.Number(), Type.Null()]) })),
        }),
      ),
    }),
    { description: 'response, completion and drop-off per wave by language, by channel and by each grouping of the report, protected together with the rest of the page' },
  ),
  dropOff: Type.Array(Type.Object({ waveCode: Type.String(), rows: Type.Array(Type.Object({ locale: Type.String(), pageNo: Type.Integer(), page: Type.String({ description: 'the title of the page' }), count: Cell })) })),
  openWave: Type.Union([Type.Object({ code: Type.String(), toRemind: Cell }), Type.Null()]),
});

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
        response: { 200: Fieldwork, ...errorResponses },
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
      const list = reminderList(app.services, studyId);
      await recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'reminder_list', studyId, detail: { wave: list.waveCode, count: list.count } });
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Disposition', `attachment; filename="${studyId}-${list.waveCode}-reminders.csv"`);
      return reply.type('text/csv; charset=utf-8').send(list.csv);
    },
  );
};

export default routes;
