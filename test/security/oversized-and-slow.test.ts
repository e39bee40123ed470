import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, queryRows, seedMiniStudies, startSession, type TestApp } from '../helpers/app.ts';

/** Oversized bodies are refused before they are read; a client that trickles a request is cut off. */

const requestTimeoutMs = 400;
/** The trickle would go on this long if the server let it. */
const trickleForMs = 6000;

interface Trickle {
  closedWhileSending: boolean;
  received: string;
}

/** Opens a raw socket, sends `head`, then one byte of `drip` every 50 ms until the server closes it. */
function trickle(port: number, head: string, drip: string): Promise<Trickle> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      resolve({ closedWhileSending: false, received });
    }, trickleForMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedWhileSending: true, received });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip[sent++ % drip.length]!);
      }, 50);
    });
  });
}

describe('oversized and slow requests', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await createTestApp({ config: { requestTimeoutMs } });
    await seedMiniStudies(t.services, 1);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(() => t.close());

  it('refuses a body over the limit with 413 in the one error shape', async () => {
    const session = await startSession(t.app, { studyId: 'mini-cross' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/respondent/responses/${session.body.responseId}/submissions`,
      headers: { 'x-response-key': session.body.responseKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ submissionId: 'big-body-1', pageNo: 1, answers: { remarks: 'x'.repeat(t.config.bodyLimit) } }),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'body_too_large');
    assert.deepEqual(await queryRows(t.services, 'SELECT response_id FROM submissions'), []);
  });

  it('refuses a body announced over the limit without waiting for it', async () => {
    const result = await trickle(port, `POST /api/respondent/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${t.config.bodyLimit * 4}\r\n\r\n`, '{');
    assert.match(result.received, /^HTTP\/1\.1 413 /);
  });

  it('closes a connection that trickles its headers', async () => {
    const result = await trickle(port, 'POST /api/respondent/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n');
    assert.ok(result.closedWhileSending, 'the server closed the socket while the headers were still coming');
    assert.match(result.received, /^HTTP\/1\.1 408 |^$/);
  });

  it('closes a connection that trickles its body', async () => {
    const body = JSON.stringify({ studyId: 'mini-cross', locale: 'nl', channel: 'web' }).padEnd(1000, ' ');
    const result = await trickle(port, `POST /api/respondent/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, body);
    assert.ok(result.closedWhileSending, 'the server closed the socket while the body was still coming');
    const [responses] = await queryRows<{ n: number }>(t.services, 'SELECT CAST(count(*) AS integer) AS n FROM responses');
    assert.equal(responses!.n, 1, 'only the session of the first test exists');
  });
});
