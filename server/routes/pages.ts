import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';

/** Which built HTML page serves which client path. */
const pageRoutes: [string, string][] = [
  ['/', 'respondent.html'],
  ['/t/:token', 'respondent.html'],
  ['/kiosk', 'respondent.html'],
  ['/kiosk/*', 'respondent.html'],
  ['/preview', 'preview.html'],
  ['/preview/*', 'preview.html'],
  ['/researcher', 'researcher.html'],
  ['/researcher/*', 'researcher.html'],
];

/**
 * The built client (`vite build`): hashed assets cached immutably (precompressed siblings served
 * when present), HTML never cached so a new release is picked up at once.
 */
const pages: FastifyPluginAsync = async (app) => {
  const root = app.services.config.clientDir;
  if (!fs.existsSync(root)) {
    app.log.warn('the client is not built (run `npm run build`); serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: true,
    preCompressed: true,
    setHeaders(res, filePath) {
      const immutable = filePath.startsWith(path.join(root, 'assets') + path.sep);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    allowedPath: (pathName) => !pathName.endsWith('.html'),
  });
  const html = new Map<string, string>();
  for (const [, file] of pageRoutes) {
    const full = path.join(root, file);
    if (!html.has(file) && fs.existsSync(full)) html.set(file, fs.readFileSync(full, 'utf8'));
  }
  for (const [url, file] of pageRoutes) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      const body = html.get(file);
      if (!body) throw new AppError('not_found', 'This page is not built.');
      reply.header('Cache-Control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(body);
    });
  }
};

export default pages;
