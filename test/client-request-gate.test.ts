// The HTTPS transport's bounded pool: requests past it wait their turn in order, and none is lost.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { HttpsTransport } from '../src/client/https-transport.js';

test('transport: past its connections, requests wait and go in the order they were made', async () => {
  const arrived: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrived.push(req.url!);
    // The first request holds the only connection until the rest are queued.
    if (req.url === '/first') held.push(res);
    else res.end(req.url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const t = new HttpsTransport({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, { maxSockets: 1 });
  try {
    const first = t.request({ method: 'GET', path: '/first' });
    while (held.length === 0) await new Promise((r) => setTimeout(r, 5));
    const rest = [
      t.request({ method: 'POST', path: '/event-1', body: '{}' }),
      t.request({ method: 'PATCH', path: '/status-1', body: '{}' }),
      t.request({ method: 'POST', path: '/event-2', body: '{}' }),
      t.request({ method: 'POST', path: '/token-1', body: '{}' }),
    ];
    held[0]!.end('first');
    assert.equal((await first).body, 'first');
    assert.deepEqual((await Promise.all(rest)).map((r) => r.body), ['/event-1', '/status-1', '/event-2', '/token-1']);
    assert.deepEqual(arrived, ['/first', '/event-1', '/status-1', '/event-2', '/token-1']);
  } finally {
    t.close();
    server.close();
  }
});
