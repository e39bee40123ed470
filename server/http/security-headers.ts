import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers on every response, the middleware built once at start-up.
 * (@fastify/helmet calls `helmet(options)` on every request, re-parsing the CSP and rebuilding
 * every header: about 8 % of the server's time when completing a response, see
 * docs/benchmarks.md.)
 */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions & { permissionsPolicy: string }): void {
  const { permissionsPolicy, ...helmetOptions } = options;
  const middleware = helmet(helmetOptions);
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('Permissions-Policy', permissionsPolicy);
    middleware(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
