import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../../../audit/audit.service.ts';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { importRegister, previewRegister, registerColumnsOf } from '../../../register/register.service.ts';
import { errorResponses } from '../../../../shared/contract/common.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

const Body = Type.Object({ csv: Type.String({ minLength: 1, maxLength: 200_000, description: 'The CSV file as text (comma or semicolon separated).' }) }, { additionalProperties: false });
const Problem = Type.Object({
  line: Type.Integer(),
  code: Type.String({ description: 'Stable code of the problem (such as unknown_pseudonym, not_a_value); clients translate it with params.' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()])),
  message: Type.String({ description: 'The problem in English.' }),
});
const Row = Type.Object({
  line: Type.Integer(),
  pseudonym: Type.String(),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), { description: 'value per declared register column' }),
});

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
        body: Body,
        response: { 200: Type.Object({ rows: Type.Array(Row), problems: Type.Array(Problem), replacing: Type.Integer() }), ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const { rows, problems, replacing } = previewRegister({ db: app.services.db, studyId, columns: registerColumnsOf(app.services, studyId), text: request.body.csv });
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
        body: Body,
        response: { 200: Type.Object({ imported: Type.Integer() }), ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      const { studyId } = request.params;
      const result = importRegister({ db: app.services.db, now: app.services.now, studyId, columns: registerColumnsOf(app.services, studyId), text: request.body.csv });
      await recordAudit({ ...app.services, userId: signedInUser(request).id, action: 'register_import', studyId, detail: { rows: result.imported } });
      return result;
    },
  );
};

export default routes;
