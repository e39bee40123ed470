import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertUser, newAccountPasswordHash } from '../../server/auth/auth.service.ts';
import type { Role } from '../../server/auth/users.repository.ts';
import { usersRepositoryFor } from '../../server/auth/users.repository.pg.ts';
import type { Services } from '../../server/services.ts';

/** A cheap scrypt cost for test accounts only; the stored parameters make verification follow. */
export const testCost = { log2N: 10, r: 8, p: 1 };
export const testPassword = 'correct horse battery';

export async function addUser(services: Services, username: string, role: Role, studies: string[] = []): Promise<number> {
  const passwordHash = await newAccountPasswordHash({ database: services.database, username, password: testPassword, cost: testCost });
  const user = await insertUser({ database: services.database, now: services.now, username, passwordHash, role });
  for (const studyId of studies) await usersRepositoryFor(services.database).addMember(studyId, user.id);
  return user.id;
}

export interface Client {
  cookie: string;
  csrfToken: string;
  request: (method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
}

export function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no cookie was set');
  return first.split(';')[0]!;
}

/** Signs in through the API; `request` sends the cookie and, on non-GET requests, the CSRF token. */
export async function signIn(app: FastifyInstance, username: string, password = testPassword): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieOf(res.headers['set-cookie']);
  const { csrfToken } = res.json() as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...headers },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      }),
  };
}
