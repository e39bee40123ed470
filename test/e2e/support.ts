import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoToken } from '../../server/demo/seed.ts';

/**
 * One real server per browser test file: the whole app on 127.0.0.1 (random port), a temporary
 * database with the demo seed (panel `eaa`, anonymous `eaa-cross`) and the built client.
 */
export interface E2eServer extends TestApp {
  url: string;
  /** A demo participant's token (1-20); each test uses its own participants. */
  token: (index: number) => string;
}

export async function startE2eServer(): Promise<E2eServer> {
  const test = await createTestApp({ surveys: 'demo', config: { logLevel: 'warn' } });
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = test.app.server.address() as AddressInfo;
  return { ...test, url: `http://127.0.0.1:${port}`, token: (index) => demoToken(test.services, index) };
}
