import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Parts of a path that carry a token: the letter's deep link `/t/<token>`. */
export function redactUrl(url: string): string {
  return url.replace(/\/t\/[^/?#]*/gi, '/t/[redacted]').replace(/([?&](?:token|key)=)[^&#]*/gi, '$1[redacted]');
}

/**
 * The request log keeps method, path (tokens redacted) and status: never the address, the user
 * agent, headers or bodies.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    base: { service: 'wavepanel' },
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers', 'req.remoteAddress', 'req.remotePort', 'req.hostname'], remove: true },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
