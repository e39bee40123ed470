import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { panelReport, reportFile, reportFormats, type ReportRequest } from '../../../reports/reports.service.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { PanelReportSchema } from '../../../../shared/contract/report.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

/** The panel report of a study as JSON, suppressed as everything that leaves the platform (audited). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reportRequest = (request: FastifyRequest & { params: { studyId: string }; query: { lang?: string } }): ReportRequest => ({
    database: app.services.database,
    definitions: app.services.definitions,
    now: app.services.now,
    studyId: request.params.studyId,
    minCellSize: app.services.config.minCellSize,
    actor: actorOf(request),
    language: request.query.lang ?? 'nl',
  });

  app.get(
    '/api/studies/:studyId/report',
    {
      schema: { tags: ['researcher'], summary: 'The panel report of a study, with small cells suppressed', params: StudyParams,
        querystring: Type.Object({ lang: Type.Optional({ ...LocaleSchema, description: 'the language of the labels and titles the study declares (the workspace language); Dutch where one is left out' }) }),
        response: { 200: PanelReportSchema, ...errorResponses } },
      preValidation: [app.requireUser(), app.requireStudyAccess],
    },
    async (request, reply) => {
      const report = await panelReport(reportRequest(request));
      return reply.header('cache-control', 'no-store').send(report);
    },
  );

  app.get(
    '/api/studies/:studyId/report/:format',
    {
      schema: {
        tags: ['researcher'],
        summary: 'The panel report as a file: one flat table (csv, xlsx), a printable page (html, shown in the browser), pdf, Markdown or JSON; audited as an export',
        params: Type.Object({ studyId: StudyParams.properties.studyId, format: Type.Union(reportFormats.map((f) => Type.Literal(f))) }),
        querystring: Type.Object({ lang: Type.Optional(LocaleSchema) }),
        response: { 200: Type.Unknown({ description: 'the file' }), ...errorResponses },
      },
      preValidation: [app.requireUser(), app.requireStudyAccess],
    },
    async (request, reply) => {
      const { format } = request.params;
      const file = await reportFile({ ...reportRequest(request), format });
      const disposition = format === 'html' ? 'inline' : 'attachment';
      return reply.header('cache-control', 'no-store').header('content-disposition', `${disposition}; filename="${file.fileName}"`).type(file.type).send(file.body);
    },
  );
};

export default routes;
