import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../errors.ts';
import { clientCatalogs } from '../../../i18n/app-catalog.ts';
import { errorResponses, LocaleSchema } from '../../../../shared/contract/common.ts';
import { CatalogSchema } from '../../../../shared/contract/i18n.ts';

const Params = Type.Object({
  lang: LocaleSchema,
  catalog: Type.Union(
    clientCatalogs.map((name) => Type.Literal(name)),
    { description: "app: the app's own strings; surveyjs: SurveyJS's buttons and messages where survey-core has no dictionary (ti)" },
  ),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/i18n/:lang/:catalog',
    {
      schema: {
        tags: ['i18n'],
        summary: "The client's own strings in one language, as they are on disk now (revalidate with the ETag)",
        params: Params,
        response: { 200: CatalogSchema, 304: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const catalog = app.services.appCatalogs.read(request.params.lang, request.params.catalog);
      if (!catalog) throw new AppError('not_found', 'There are no strings for this language.');
      reply.header('ETag', catalog.etag).header('Cache-Control', 'no-cache').header('Vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === catalog.etag) return reply.status(304).send(null);
      return catalog.value;
    },
  );
};

export default routes;
