import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';

/**
 * The routes of the app as its OpenAPI document lists them, with a body and path parameters that
 * pass each route's schema: suites iterate over these, so a route added later is covered without
 * editing them.
 */

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  additionalProperties?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  minimum?: number;
  items?: JsonSchema;
  minItems?: number;
}

export interface ApiRoute {
  method: string;
  /** OpenAPI form: `/api/studies/{studyId}`. */
  path: string;
  bodySchema?: JsonSchema;
  /** Media types of a raw upload (a recording), whose bytes the route checks itself. */
  uploadTypes?: string[];
  /** A body that passes the schema, so that a refusal comes from what a test changed. */
  body?: unknown;
  params: Record<string, string>;
  queryNames: string[];
}

/** The smallest value that passes a (simple) JSON schema. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return exampleOf(schema.anyOf[0]!);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const names = schema.required ?? Object.keys(properties).slice(0, schema.minProperties ?? 0);
      return Object.fromEntries(names.map((name) => [name, exampleOf(properties[name] ?? {})]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern, 'u')), { numRuns: 1, seed: 7 })[0];
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 12));
    default:
      return null;
  }
}

type Operation = {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: { in: string; name: string; schema: JsonSchema }[];
};

export async function apiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const schema = content['application/json']?.schema;
      const uploadTypes = Object.keys(content).filter((type) => type !== 'application/json');
      const parameters = op.parameters ?? [];
      const params = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, String(exampleOf(p.schema))]));
      const queryNames = parameters.filter((p) => p.in === 'query').map((p) => p.name);
      return {
        method: method.toUpperCase(),
        path,
        params,
        queryNames,
        ...(schema ? { bodySchema: schema, body: exampleOf(schema) } : {}),
        ...(uploadTypes.length ? { uploadTypes } : {}),
      };
    }),
  );
}

/**
 * Routes a respondent or anyone may call: everything else needs a researcher session. The first
 * run's setup and the password reset are public by design: the one-time code in their body is the
 * credential (`test/auth/accounts.test.ts`).
 */
export function isPublicRoute(route: ApiRoute): boolean {
  return (
    route.path.startsWith('/api/respondent/') ||
    (route.path.startsWith('/api/surveys') && route.method === 'GET') ||
    route.path.startsWith('/api/i18n/') ||
    (route.path.startsWith('/api/recordings/') && route.method === 'GET') ||
    route.path === '/api/auth/login' ||
    route.path.startsWith('/api/setup') ||
    route.path.startsWith('/api/auth/reset')
  );
}

/** The URL with `params` (or the route's valid examples) put in. */
export function urlOf(route: ApiRoute, params: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? route.params[name] ?? '1'));
}
