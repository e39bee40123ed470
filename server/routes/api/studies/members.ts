import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { addStudyMember, removeStudyMember } from '../../../auth/auth.service.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import { StudyParams } from '../../../../shared/contract/studies.ts';

/** Who may work on a study: admins decide. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireUser('admin'), app.requireStudyAccess];
  const MemberParams = Type.Object({ studyId: StudyParams.properties.studyId, userId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) });

  app.put(
    '/api/studies/:studyId/members/:userId',
    { schema: { tags: ['researcher'], summary: 'Make a user a member of a study (admin)', params: MemberParams, body: NoBody, response: { 204: Type.Null(), ...errorResponses } }, preValidation: admin },
    async (request, reply) => {
      await addStudyMember({ ...app.services, actor: actorOf(request), studyId: request.params.studyId, userId: Number(request.params.userId) });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/studies/:studyId/members/:userId',
    { schema: { tags: ['researcher'], summary: 'Remove a member from a study (admin)', params: MemberParams, body: NoBody, response: { 204: Type.Null(), ...errorResponses } }, preValidation: admin },
    async (request, reply) => {
      await removeStudyMember({ ...app.services, actor: actorOf(request), studyId: request.params.studyId, userId: Number(request.params.userId) });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
