import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Deeper than any survey definition or answer set needs (a definition nests about 10 deep). */
export const maxJsonDepth = 64;

/**
 * How deeply arrays and objects nest in JSON text, counted without parsing (strings skipped), so
 * that a body nested 5,000 deep is refused before a parser or a validator recurses into it.
 * Returns as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * No text the platform takes holds a NUL character: PostgreSQL cannot store one in text (it would
 * answer 500 where SQLite stores it), no person types one, and exports would carry it along.
 */
const nulRefused = (where: string) => new AppError('validation_failed', `${where} holds a NUL character, which no text here may hold.`, { reason: 'nul_character' });

/**
 * A character from U+0300 (the combining marks) on. Every character before it is its own NFC and
 * combines with nothing (Unicode's NFC quick check: "yes", combining class 0), so text without one
 * is in NFC already; testing for one costs a fifth of `normalize`.
 */
// eslint-disable-next-line no-control-regex -- control characters are below U+0300 as well
const beyondLatin = /[^\u0000-\u02ff]/;

/**
 * Every string of a parsed body (keys and values) in Unicode NFC, so that a name typed on a Mac
 * (decomposed é) and on Windows (composed é) is the same name, in place; a NUL character is refused. The depth is bounded by
 * `maxJsonDepth`.
 */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw nulRefused('The request body');
    return beyondLatin.test(value) ? value.normalize('NFC') : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalizeStrings(value[i]);
    return value;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const normal = normalizeStrings(key) as string;
      const item = normalizeStrings(object[key]);
      if (normal !== key) delete object[key];
      object[normal] = item;
    }
  }
  return value;
}

/**
 * Request bodies: JSON only (Fastify's `text/plain` parser is removed, so a body of any other type
 * gets 415), nested at most `maxJsonDepth` deep, parsed by Fastify's own parser (which refuses
 * `__proto__` keys), every string NFC-normalised. State-changing respondent routes also need `Content-Type: application/json`
 * when they have no body: a cross-site page can send a simple form (`text/plain`, urlencoded,
 * multipart) or a body-less POST without asking, but not a JSON request, which browsers only
 * send cross-site after a CORS preflight this server never allows.
 */
export function installRequestBodies(app: FastifyInstance): void {
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, maxJsonDepth)) {
      done(new AppError('validation_failed', `The request body nests deeper than ${maxJsonDepth} levels.`), undefined);
      return;
    }
    void defaultJson(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      // Every route takes an object (or no body at all); `null`, an array or a bare value is refused here.
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return done(new AppError('validation_failed', 'The request body must be a JSON object.'), undefined);
      try {
        done(null, normalizeStrings(parsed));
      } catch (refused) {
        done(refused as AppError, undefined);
      }
    });
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.url.includes('%00')) throw nulRefused('The address');
    if (!stateChanging.has(request.method) || !request.url.startsWith('/api/respondent/')) return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new AppError('unsupported_media_type', 'Send this request as application/json.');
  });
}
