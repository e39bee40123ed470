import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';
import { chooseEncoding, compressed } from '../http/compression.ts';
import { permissionsPolicy } from '../http/security-headers.ts';
import { FreshFile } from '../shared/fresh-file.ts';
import { pageStringsId, type PageCatalog } from '../../shared/page-strings.ts';
import { appNamespace } from '../i18n/catalog.ts';
import { escapeHtml } from '../letters/letters.ts';
import { letterDefinitionUrl } from '../responses/responses.service.ts';
import { locales, sourceLocale } from '../surveys/localization.ts';

/** Which built HTML page serves which client path. */
const pageRoutes: [string, string][] = [
  ['/', 'respondent.html'],
  ['/kiosk', 'respondent.html'],
  ['/kiosk/*', 'respondent.html'],
  ['/preview', 'preview.html'],
  ['/preview/*', 'preview.html'],
  ['/researcher', 'researcher.html'],
  ['/researcher/*', 'researcher.html'],
  ['/translate', 'translate.html'],
  ['/translate/*', 'translate.html'],
];

/** Pages that use a device the server's default policy refuses: translators record in the workspace. */
const pagePolicies: Record<string, string> = { 'translate.html': permissionsPolicy({ microphone: true }) };

interface Preloads {
  scripts: string[];
  styles: string[];
  /** Per language, scripts only that language needs (country names the browser may lack, SurveyJS's strings). */
  languageScripts?: Record<string, string[]>;
}

/**
 * The respondent page as the letter's link (`/t/<token>?lang=<language>`) opens it: in the letter's
 * language from the first byte (`<html lang dir>`), with that language's strings in the page (the
 * app's, and SurveyJS's for Tigrinya; see `shared/page-strings.ts`), the SurveyJS chunk and the
 * language's country names preloaded, since the person taps Start the moment it shows (see
 * `dist/client/preloads.json`), and so is the survey definition the token's session will show,
 * under its content hash, when the token would start one. The Ge'ez font is not: most phones have one of their own, which
 * `client/shared/ethiopic-font.css` uses instead of downloading 74 KB.
 */
export function letterPage(
  html: string,
  preloads: Preloads,
  lang: string | undefined,
  strings: Partial<Record<PageCatalog, Record<string, unknown>>> = {},
  definitionUrl?: string,
): string {
  const links = [
    // First: the app fetches it the moment Start is tapped and the session is known.
    ...(definitionUrl ? [`<link rel="preload" as="fetch" crossorigin href="${escapeHtml(definitionUrl)}">`] : []),
    ...preloads.scripts.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
    ...preloads.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
    ...((lang && preloads.languageScripts?.[lang]) || []).map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
  ];
  for (const [catalog, catalogStrings] of Object.entries(strings)) {
    if (!lang || !catalogStrings) continue;
    // `<` escaped, so no string can close the element.
    const json = JSON.stringify(catalogStrings).replace(/</g, '\\u003c');
    links.push(`<script type="application/json" id="${pageStringsId(catalog as PageCatalog)}" data-lang="${lang}">${json}</script>`);
  }
  const opened = lang ? html.replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`) : html;
  return opened.replace('</head>', () => `    ${links.join('\n    ')}\n  </head>`);
}

/**
 * The built client (`vite build`): hashed assets cached immutably (precompressed siblings served
 * when present), HTML revalidated on every load (ETag) so a new build is picked up at once.
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
    // Left to `setHeaders`: @fastify/static would otherwise overwrite it with `max-age=0`.
    cacheControl: false,
    setHeaders(res, filePath) {
      const immutable = filePath.startsWith(path.join(root, 'assets') + path.sep);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    allowedPath: (pathName) => !pathName.endsWith('.html'),
  });
  // Read per request when changed (a `stat` otherwise): after `npm run build` the next page load
  // gets the new HTML, whose hashed assets exist, while the build keeps the previous assets for
  // pages already open. A half-written file keeps the last good copy.
  const html = new Map(pageRoutes.map(([, file]) => [file, new FreshFile(path.join(root, file), completeHtml)]));
  for (const [url, file] of pageRoutes) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      if (pagePolicies[file]) reply.header('Permissions-Policy', pagePolicies[file]);
      const page = html.get(file)!.read();
      if (!page) throw new AppError('not_found', 'This page is not built.');
      reply.header('Cache-Control', 'no-cache').header('ETag', page.etag);
      if (request.headers['if-none-match'] === page.etag) return reply.status(304).send();
      return reply.type('text/html; charset=utf-8').send(page.value);
    });
  }

  const noPreloads: Preloads = { scripts: [], styles: [] };
  const preloads = new FreshFile(path.join(root, 'preloads.json'), (text) => JSON.parse(text) as Preloads);
  app.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/t/:token', { schema: { hide: true } }, async (request, reply) => {
    const page = html.get('respondent.html')!.read();
    if (!page) throw new AppError('not_found', 'This page is not built.');
    const lang = locales.find((language) => language === request.query.lang);
    // Dutch app strings are in the entry script already; SurveyJS's are in survey-core but for Tigrinya.
    const strings = lang ? { app: lang === sourceLocale ? undefined : app.services.appCatalogs.read(lang, appNamespace)?.value, surveyjs: app.services.appCatalogs.read(lang, 'surveyjs')?.value } : {};
    const definition = lang && (await letterDefinitionUrl(app.services, { kind: 'address', address: request.ip }, request.params.token, lang));
    const body = letterPage(page.value, preloads.read()?.value ?? noPreloads, lang, strings, definition || undefined);
    reply.header('Cache-Control', 'no-cache').header('Vary', 'Accept-Encoding').type('text/html; charset=utf-8');
    // With its language's strings the page is 7-17 KB, a third of that compressed: the first
    // thing a phone downloads from the letter, before it knows what else to fetch.
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return reply.send(body);
    return reply.header('Content-Encoding', encoding).send(compressed(createHash('sha256').update(body).digest('base64url'), body, encoding));
  });
};

/** A built page that opens `<html>` ends with `</html>`; one that does not is still being written. */
function completeHtml(text: string): string {
  if (/<html[\s>]/i.test(text) && !/<\/html>\s*$/i.test(text)) throw new Error('incomplete HTML');
  return text;
}

export default pages;
