import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Compression of the few large bodies a respondent downloads that are not built files (survey
 * definitions, a letter's page in its language). Each body is compressed once per content hash
 * and encoding and kept; they are few and change only with a survey, a translation or a build.
 */

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (`Accept-Encoding`), brotli before gzip; q=0 refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [rawName = '', ...params] = part.toLowerCase().split(';');
    const name = rawName.trim();
    if (name === '') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const quality = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return null;
}

const compressors: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => gzipSync(body, { level: 9 }),
};

const cache = new Map<string, Buffer>();
const cacheLimit = 500;

/** `body` compressed with `encoding`, made once for each `hash` (the body's content hash). */
export function compressed(hash: string, body: string, encoding: Encoding): Buffer {
  const key = `${encoding}:${hash}`;
  let result = cache.get(key);
  if (!result) {
    result = compressors[encoding](Buffer.from(body, 'utf8'));
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
  }
  return result;
}
