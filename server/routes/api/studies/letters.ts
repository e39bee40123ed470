import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedInUser } from '../../../http/auth.plugin.ts';
import { projectRoot } from '../../../config.ts';
import { AppError } from '../../../errors.ts';
import { confirmLettersPrinted, keptLetters, letterOrigin, lettersDownload, lettersPage } from '../../../letters/letters.service.ts';
import { escapeHtml } from '../../../letters/letters.ts';
import { changeLetterTexts, letterTextsOf } from '../../../letters/letter-editing.service.ts';
import { errorResponses, NoBody } from '../../../../shared/contract/common.ts';
import { LettersDestroyedSchema, LettersStateSchema } from '../../../../shared/contract/participants.ts';
import { LetterTextsBodySchema, LetterTextsSchema, StudyParams } from '../../../../shared/contract/studies.ts';

const fontFile = path.join(projectRoot, 'node_modules', '@fontsource', 'noto-sans-ethiopic', 'files', 'noto-sans-ethiopic-ethiopic-400-normal.woff2');
const LetterParams = Type.Object({ studyId: StudyParams.properties.studyId, letterId: Type.String({ pattern: '^[A-Za-z0-9_-]{24}$' }) });

/** A study's letter texts; its kept letters: list, print, download, confirm printed (which destroys them). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const member = [app.requireUser(), app.requireStudyAccess];
  const tags = ['researcher'];

  app.get(
    '/api/studies/:studyId/letter-texts',
    { schema: { tags, summary: "The study's own letter texts (Dutch) and what the letter says where it has none", params: StudyParams, response: { 200: LetterTextsSchema, ...errorResponses } }, preValidation: member },
    async (request) => letterTextsOf(app.services, request.params.studyId),
  );

  app.put(
    '/api/studies/:studyId/letter-texts',
    {
      schema: {
        tags,
        summary: "Rewrite the study's letter texts in Dutch (an empty or left-out text returns to the fallback); translators then find the changed texts out of date",
        params: StudyParams,
        body: LetterTextsBodySchema,
        response: { 200: LetterTextsSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => {
      await changeLetterTexts(app.services, { studyId: request.params.studyId, texts: request.body.texts, userId: signedInUser(request).id });
      return letterTextsOf(app.services, request.params.studyId);
    },
  );

  app.get(
    '/api/studies/:studyId/letters',
    {
      schema: {
        tags,
        summary: 'Letters kept until confirmed printed, and the public address they point to (null when WAVEPANEL_PUBLIC_URL is not set)',
        params: StudyParams,
        response: { 200: LettersStateSchema, ...errorResponses },
      },
      preValidation: member,
    },
    async (request) => ({
      publicUrl: app.services.config.publicUrl,
      origin: letterOrigin(app.services.config),
      sets: (await keptLetters(app.services, request.params.studyId)).map(({ studyId: _studyId, createdAt, expiresAt, ...set }) => ({ ...set, createdAt: createdAt.toISOString(), expiresAt: expiresAt.toISOString() })),
    }),
  );

  app.get(
    '/api/studies/:studyId/letters/:letterId',
    { schema: { tags, summary: 'Print-ready letters (HTML, one A4 page each), as long as they are kept', params: LetterParams }, preValidation: member },
    async (request, reply) => {
      const { studyId, letterId } = request.params;
      reply.header('Cache-Control', 'no-store');
      try {
        const html = await lettersPage(app.services, { studyId, id: letterId, actor: { userId: signedInUser(request).id } });
        return reply.type('text/html; charset=utf-8').send(html);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        // Opened from a link in a new tab: a page a person can read rather than JSON.
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Letters no longer available</title><h1>Letters no longer available</h1><p>${escapeHtml(error.message)}</p></html>`);
      }
    },
  );

  app.get(
    '/api/studies/:studyId/letters/:letterId/tokens.csv',
    { schema: { tags, summary: 'The tokens of kept letters as CSV', params: LetterParams }, preValidation: member },
    async (request, reply) => {
      const { studyId, letterId } = request.params;
      const csv = await lettersDownload(app.services, { studyId, id: letterId, actor: { userId: signedInUser(request).id } });
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Disposition', `attachment; filename="${studyId}-tokens.csv"`);
      return reply.type('text/csv; charset=utf-8').send(csv);
    },
  );

  app.post(
    '/api/studies/:studyId/letters/:letterId/confirm',
    {
      schema: { tags, summary: 'The letters are printed or saved: destroy them now', params: LetterParams, body: NoBody, response: { 200: LettersDestroyedSchema, ...errorResponses } },
      preValidation: member,
    },
    async (request) => {
      const { studyId, letterId } = request.params;
      await confirmLettersPrinted(app.services, { studyId, id: letterId, actor: { userId: signedInUser(request).id } });
      return { destroyed: true as const };
    },
  );

  app.get('/api/letters/fonts/noto-sans-ethiopic-400.woff2', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return reply.type('font/woff2').send(fs.createReadStream(fontFile));
  });
};

export default routes;
