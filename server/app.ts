import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import authPlugin from './http/auth.plugin.ts';
import type { Config } from './config.ts';
import { closeDatabase, type Database } from './db/database.ts';
import { errorBody } from './errors.ts';
import { installErrorHandling } from './http/errors.ts';
import { sharedRateLimitStore } from './http/rate-limit-store.ts';
import { installRequestBodies } from './http/request-body.ts';
import { installSecurityHeaders, permissionsPolicy } from './http/security-headers.ts';
import { loggerOptions, RequestLogController } from './http/logging.ts';
import { registerRoutes } from './routes/index.ts';
import { createServices, type Services } from './services.ts';
import type { SurveyRegistry } from './surveys/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface AppOptions {
  config: Config;
  /** The database to serve from (tests); the one `DATABASE_URL` names otherwise. The app closes it on close. */
  database?: Database;
  surveys?: SurveyRegistry;
  now?: () => Date;
  /** A stream for the request log (tests read it); stdout otherwise. */
  logStream?: NodeJS.WritableStream;
}

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // SurveyJS injects <style> elements at run time; nothing else inline is allowed.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'", 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
};

/** Errors the router raises before any hook (a path that is not valid percent-encoding) get the one shape too. */
function badUrl(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(400).send(errorBody('validation_failed', error.message));
}

/**
 * The composition root: third-party plugins first, then the app's own services, then routes.
 * Tests call this and use `app.inject()`; `server/index.ts` adds listening and shutdown.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    logController: new RequestLogController(),
    bodyLimit: config.bodyLimit,
    // Slow senders (headers or body trickled in) are cut off; Node checks open requests at this interval.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(30_000, Math.max(50, config.requestTimeoutMs / 4)) },
    connectionTimeout: 60_000,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    frameworkErrors: badUrl,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installSecurityHeaders(app, {
    contentSecurityPolicy,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.secureCookies,
    permissionsPolicy: permissionsPolicy(),
  });
  const services = await createServices(options);
  // The per-route limits count in the database, as the sign-in limits do: every server on it shares them.
  await app.register(fastifyRateLimit, { global: false, store: sharedRateLimitStore(services.rateLimits) });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'wavepanel', version: '1', description: 'Anonymous multi-wave questionnaires.' },
    },
  });

  app.decorate('services', services);
  app.addHook('onClose', async () => closeDatabase(app.services.database));
  installErrorHandling(app);
  installRequestBodies(app);
  await app.register(authPlugin);
  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 60, timeWindow: '1 minute', groupId: 'not-found' }) },
    async (_request, reply) => reply.status(404).send(errorBody('not_found', 'There is nothing here.')),
  );

  await registerRoutes(app);
  return app;
}
