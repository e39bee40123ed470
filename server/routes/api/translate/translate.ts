import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { translatorLanguages } from '../../../auth/auth.service.ts';
import { targetLanguages } from '../../../i18n/i18n.service.ts';
import { maxRecordingBytes, recordingTypes } from '../../../i18n/recordings.ts';
import { checkLanguageGrant, recordString, reviewTranslation, saveTranslation, workspaceFile, workspaceNamespaces } from '../../../i18n/workspace.service.ts';
import { translatableStudies } from '../../../i18n/sources.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import { RecordingSavedSchema, TranslationBodySchema, WorkspaceFileSchema, WorkspaceSchema, WorkspaceStringSchema } from '../../../../shared/contract/translate.ts';

const tags = ['translate'];
const FileParams = Type.Object({
  lang: Type.String({ pattern: '^[a-z]{2,3}$' }),
  namespace: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }),
});
const KeyParams = Type.Object({ ...FileParams.properties, key: Type.String({ pattern: '^[^\\s/]{1,200}$' }) });

/** The translator workspace (`/translate`): translators in their languages, admins in all. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const translator = app.requireUser(['translator', 'admin']);
  const { config } = app.services;
  const workspace = { ...config, saved: app.services.translations.saved, studies: () => translatableStudies(app.services) };
  const grants = (request: FastifyRequest) => translatorLanguages({ database: app.services.database, user: signedInUser(request), all: targetLanguages });
  const actor = (request: FastifyRequest) => ({ ...app.services, userId: signedInUser(request).id });

  app.get(
    '/api/translate',
    {
      schema: { tags, summary: 'The languages the signed-in translator works on, and the files to translate', response: { 200: WorkspaceSchema, ...errorResponses } },
      preValidation: translator,
    },
    async (request) => ({ languages: await grants(request), files: (await workspaceNamespaces(workspace)).map((ns) => ns.name) }),
  );

  app.get(
    '/api/translate/:lang/:namespace',
    {
      schema: {
        tags,
        summary: 'Every string of a file: Dutch source, context, translation, state',
        params: FileParams,
        response: { 200: WorkspaceFileSchema, ...errorResponses },
      },
      preValidation: translator,
    },
    async (request) => {
      const { lang, namespace } = request.params;
      checkLanguageGrant(await grants(request), lang, 'translate');
      const latest = app.services.surveys.latest(namespace)?.version;
      return workspaceFile(workspace, { lang, namespace, ...(latest ? { latestVersion: latest } : {}) });
    },
  );

  app.put(
    '/api/translate/:lang/:namespace/:key',
    {
      schema: {
        tags,
        summary: 'Save a translation (stored as translated, made from today’s Dutch text; an empty text removes it)',
        params: KeyParams,
        body: TranslationBodySchema,
        response: { 200: WorkspaceStringSchema, ...errorResponses },
      },
      preValidation: translator,
    },
    async (request) => {
      checkLanguageGrant(await grants(request), request.params.lang, 'translate');
      return saveTranslation(workspace, actor(request), { ...request.params, text: request.body.text });
    },
  );

  // A recording arrives as its raw bytes; what it is comes from the bytes, not this header.
  app.addContentTypeParser(/^audio\//, { parseAs: 'buffer', bodyLimit: maxRecordingBytes }, (_request, body, done) => done(null, body));
  const audio = Type.Unsafe<Buffer>({ description: 'The recording’s bytes (what it is comes from them)' });
  const RecordingBody = { content: Object.fromEntries(recordingTypes.map((type) => [type, { schema: audio }])) };

  app.put(
    '/api/translate/:lang/:namespace/:key/recording',
    {
      schema: {
        tags,
        summary: 'Store a recording of a survey text (WebM, Ogg, MP4/AAC or MP3, at most 2 MB; the body is the audio)',
        params: KeyParams,
        body: RecordingBody,
        response: { 200: RecordingSavedSchema, ...errorResponses },
      },
      preValidation: translator,
    },
    async (request) => {
      checkLanguageGrant(await grants(request), request.params.lang, 'translate');
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send the recording as audio/* bytes.');
      return recordString(workspace, actor(request), { ...request.params, bytes: request.body });
    },
  );

  app.post(
    '/api/translate/:lang/:namespace/:key/review',
    {
      schema: {
        tags,
        summary: 'Mark a translation reviewed (reviewers)',
        params: KeyParams,
        body: NoBody,
        response: { 200: WorkspaceStringSchema, ...errorResponses },
      },
      preValidation: translator,
    },
    async (request) => {
      checkLanguageGrant(await grants(request), request.params.lang, 'review');
      return reviewTranslation(workspace, actor(request), request.params);
    },
  );
};

export default routes;
