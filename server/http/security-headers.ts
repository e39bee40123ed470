import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type SecurityHeaderOptions = HelmetOptions & { permissionsPolicy: string };

/**
 * Which devices a page may use: the kiosk reads letters' QR codes with the camera; only the
 * translator workspace asks for the microphone (recordings), so every other page and every API
 * answer refuses it, and a script injected anywhere else cannot listen.
 */
export function permissionsPolicy({ microphone = false } = {}): string {
  return `camera=(self), microphone=${microphone ? '(self)' : '()'}, geolocation=(), interest-cohort=()`;
}

/**
 * The headers helmet sets for these options, worked out once at start-up. They are the same for
 * every response as long as no CSP directive is a function of the request (a nonce, say), which
 * is refused here. (@fastify/helmet calls `helmet(options)` on every request, re-parsing the CSP
 * and rebuilding every header: about 8 % of the server's time when completing a response, see
 * docs/benchmarks.md.)
 */
export function securityHeaders({ permissionsPolicy, ...helmetOptions }: SecurityHeaderOptions): [string, string][] {
  const csp = helmetOptions.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((value) => typeof value === 'function' || (Array.isArray(value) && value.some((part) => typeof part === 'function')))) {
    throw new Error('A CSP directive computed per request would make the security headers differ between responses.');
  }
  const headers: [string, string][] = [['Permissions-Policy', permissionsPolicy]];
  // helmet's middleware only calls setHeader and removeHeader (of X-Powered-By, which Node never sets).
  const recorder = { setHeader: (name: string, value: unknown) => headers.push([name, String(value)]), removeHeader: () => {} };
  helmet(helmetOptions)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** The security headers on every response, errors and unknown URLs included. */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
