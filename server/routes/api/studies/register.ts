import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { importRegister, previewRegister, registerColumnsOf } from '../../../register/register.service.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { RegisterBodySchema, RegisterImportedSchema, RegisterPreviewSchema } from '../../../../shared/contract/register.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

/** The municipality's register data: preview, then import all rows or none. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];

  app.post(
    '/api/studies/:studyId/register/preview',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Check a register file without importing it',
        params: StudyParams,
        body: RegisterBodySchema,
        response: { 200: RegisterPreviewSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const { rows, problems, replacing } = await previewRegister({ database: app.services.database, studyId, columns: await registerColumnsOf(app.services, studyId), text: request.body.csv });
      return { rows, problems, replacing };
    },
  );

  app.post(
    '/api/studies/:studyId/register/import',
    {
      schema: {
        tags: ['researcher'],
        summary: 'Import a register file: every row or, with any problem (422, details.problems by line), none',
        params: StudyParams,
        body: RegisterBodySchema,
        response: { 200: RegisterImportedSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => importRegister(app.services, { studyId: request.params.studyId, text: request.body.csv, actor: actorOf(request) }),
  );
};

export default routes;
