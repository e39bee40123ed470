import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/respondent/kiosk/reset',
    {
      schema: {
        tags: ['respondent'],
        summary: 'Ask the browser to forget everything of the last respondent on a kiosk',
        response: { 204: { type: 'null' } },
      },
    },
    async (_request, reply) => {
      reply.header('Clear-Site-Data', '"cache", "cookies", "storage"');
      return reply.status(204).send(null);
    },
  );
};

export default routes;
