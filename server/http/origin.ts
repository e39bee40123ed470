import type { FastifyRequest } from 'fastify';

/**
 * The origin browsers see for this server: the Host header with https when the app is served over
 * https (`config.secureCookies`; TLS usually ends at a proxy, so the request itself says http).
 */
export function publicOrigin(request: FastifyRequest, secure: boolean): string {
  return `${secure ? 'https' : request.protocol}://${request.host}`;
}

/**
 * True only when the browser says the request comes from this server's own pages: `Sec-Fetch-Site:
 * same-origin`, or (a browser without Fetch Metadata) an `Origin` equal to ours. A request that
 * says nothing is not same-origin.
 */
export function isSameOrigin(request: FastifyRequest, secure: boolean): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).origin === new URL(publicOrigin(request, secure)).origin;
  } catch {
    return false;
  }
}
