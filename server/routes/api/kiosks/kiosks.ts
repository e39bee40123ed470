import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../../http/auth.plugin.ts';
import { enrolKiosk, listKiosks, revokeKiosk } from '../../../kiosks/kiosks.service.ts';
import { errorResponses, NoBody, PlainText } from '../../../../shared/contract/common.ts';

const KioskSchema = Type.Object({ id: Type.Integer(), label: Type.String(), createdAt: Type.String({ format: 'date-time' }), revoked: Type.Boolean() });
const tags = ['researcher'];

/** Enrolled kiosks: a researcher enrols a tablet by opening the returned address on it once. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/kiosks',
    {
      schema: {
        tags,
        summary: 'Enrol a kiosk tablet: open enrolmentPath on the tablet once; the key is shown only now',
        body: Type.Object({ label: PlainText({ minLength: 1, maxLength: 80, description: 'Where the tablet stands, e.g. "Werkplein Noord, balie 2"' }) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([KioskSchema, Type.Object({ key: Type.String(), enrolmentPath: Type.String() })]), ...errorResponses },
      },
      preValidation: app.requireUser(),
    },
    async (request, reply) => {
      const kiosk = await enrolKiosk(app.services, { label: request.body.label, actor: actorOf(request) });
      reply.header('Cache-Control', 'no-store');
      return reply.status(201).send({ ...kiosk, createdAt: kiosk.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/kiosks',
    { schema: { tags, summary: 'Enrolled kiosks', response: { 200: Type.Array(KioskSchema), ...errorResponses } }, preValidation: app.requireUser() },
    async () => (await listKiosks(app.services)).map((k) => ({ ...k, createdAt: k.createdAt.toISOString() })),
  );

  app.delete(
    '/api/kiosks/:kioskId',
    {
      schema: {
        tags,
        summary: 'Revoke a kiosk (lost or retired tablet): its key stops counting as a kiosk',
        params: Type.Object({ kioskId: Type.String({ pattern: '^[0-9]{1,9}$' }) }),
        body: NoBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
      preValidation: app.requireUser(),
    },
    async (request, reply) => {
      await revokeKiosk(app.services, { id: Number(request.params.kioskId), actor: actorOf(request) });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
