import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { studyView } from '../../../studies/study-management.service.ts';
import { archiveStudy, copyStudy, createStudyFromDefinition, deleteStudy, deleteTestResponses, setPilot } from '../../../studies/study-lifecycle.service.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import {
  ConfirmBodySchema,
  PilotBodySchema,
  StudyCopyBodySchema,
  StudyDeletedSchema,
  StudyFromDefinitionBodySchema,
  StudyParams,
  StudySchema,
  TestResponsesDeletedSchema,
} from '../../../../shared/contract/studies.ts';


/** Creating a study from its definition (or a copy), pilot mode, archiving and deleting. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['researcher'];
  const admin = app.requireUser('admin');
  const member = [app.requireUser(), app.requireStudyAccess];
  const view = async (studyId: string) => studyView(app.services, (await app.services.studies.findStudy(studyId))!);

  app.post(
    '/api/studies/from-definition',
    {
      schema: {
        tags,
        summary: 'Create a study from its study definition (admin); 422 with details.problems (file, path, message) listing every problem',
        body: StudyFromDefinitionBodySchema,
        response: { 201: StudySchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      const definition = await createStudyFromDefinition(app.services, { json: request.body.definition, userId: signedInUser(request).id });
      return reply.status(201).send(await view(definition.id));
    },
  );

  app.post(
    '/api/studies/:studyId/copy',
    {
      schema: {
        tags,
        summary: "Create a study from a copy of this study's definition (admin)",
        params: StudyParams,
        body: StudyCopyBodySchema,
        response: { 201: StudySchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request, reply) => {
      const definition = await copyStudy(app.services, { sourceId: request.params.studyId, ...request.body, userId: signedInUser(request).id });
      return reply.status(201).send(await view(definition.id));
    },
  );

  app.put(
    '/api/studies/:studyId/pilot',
    {
      schema: {
        tags,
        summary: 'Pilot mode on or off: in pilot mode every new response is a test response',
        params: StudyParams,
        body: PilotBodySchema,
        response: { 200: StudySchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      await setPilot(app.services, { studyId: request.params.studyId, pilot: request.body.pilot, userId: signedInUser(request).id });
      return view(request.params.studyId);
    },
  );

  app.post(
    '/api/studies/:studyId/test-responses/delete',
    {
      schema: { tags, summary: 'Delete every test (pilot) response of the study', params: StudyParams, body: NoBody, response: { 200: TestResponsesDeletedSchema, ...errorResponses } },
      preValidation: member,
    },
    async (request) => ({ deleted: await deleteTestResponses(app.services, { studyId: request.params.studyId, userId: signedInUser(request).id }) }),
  );

  app.post(
    '/api/studies/:studyId/archive',
    {
      schema: { tags, summary: 'Archive a study (admin): its data stays, respondents can no longer start', params: StudyParams, body: ConfirmBodySchema, response: { 200: StudySchema, ...errorResponses } },
      preValidation: admin,
    },
    async (request) => {
      await archiveStudy(app.services, { studyId: request.params.studyId, confirm: request.body.confirm, userId: signedInUser(request).id });
      return view(request.params.studyId);
    },
  );

  app.post(
    '/api/studies/:studyId/delete',
    {
      schema: {
        tags,
        summary: 'Delete a study (admin) with its responses, participants, register data, waves and kept letters; the audit log stays',
        params: StudyParams,
        body: ConfirmBodySchema,
        response: { 200: StudyDeletedSchema, ...errorResponses },
      },
      preValidation: admin,
    },
    async (request) => deleteStudy(app.services, { studyId: request.params.studyId, confirm: request.body.confirm, userId: signedInUser(request).id }),
  );
};

export default routes;
