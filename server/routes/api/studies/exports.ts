import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { exportFileName, exportFormats, exportMediaTypes, prepareExport, type ExportFormat } from '../../../exports/exports.service.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

/** Exports of a study, streamed: data, codebook, SPSS and R syntax, and the `.sav` where PSPP is installed. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/studies/:studyId/exports/:format',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Download an export of a study (audited)',
        params: Type.Object({ studyId: StudyParams.properties.studyId, format: Type.Unsafe<ExportFormat>(Type.String({ enum: [...exportFormats] })) }),
        querystring: Type.Object({
          layout: Type.Optional(Type.Union([Type.Literal('wide'), Type.Literal('long')], { description: 'rows the codebook, syntax and .sav describe' })),
          excelNl: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: semicolons, decimal commas and a byte order mark' })),
          lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'language of SPSS and R labels' })),
        }),
        response: { 200: Type.Unknown({ description: 'the file' }), ...errorResponses },
      },
      preValidation: [app.requireUser(), app.requireStudyAccess],
    },
    async (request, reply) => {
      const { studyId, format } = request.params;
      const { layout, excelNl, lang } = request.query;
      const job = await prepareExport({
        ...app.services,
        studyId,
        format,
        layout,
        excelNl: excelNl === '1',
        lang,
        actor: actorOf(request),
      });
      const body = new PassThrough();
      job.run(body).then(
        () => body.end(),
        (error: unknown) => {
          request.log.error({ err: error, studyId, format }, 'export failed while streaming');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return reply
        .type(exportMediaTypes[format].type)
        .header('content-disposition', `attachment; filename="${exportFileName(studyId, format, layout)}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};

export default routes;
