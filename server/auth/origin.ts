import type { FastifyRequest } from 'fastify';

/**
 * The origin browsers see for this server: the Host header with https when the app is served over
 * https (`config.secureCookies`; TLS usually ends at a proxy, so the request itself says http).
 */
export function publicOrigin(request: FastifyRequest, secure: boolean): string {
  return `${secure ? 'https' : request.protocol}://${request.host}`;
}
