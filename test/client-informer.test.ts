import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api/errors.js';
import type { Pod } from '../src/api/types.js';
import { Informer, stripManagedFields } from '../src/client/informer.js';
import { pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import type { StreamResponse, Transport, TransportRequest, TransportResponse } from '../src/client/transport.js';
import { AsyncQueue } from '../src/util/asyncqueue.js';

// A scripted API server: lists come from `state`, each watch gets a fresh line queue the test feeds.
class FakeTransport implements Transport {
  state: Pod[] = [];
  rv = 10;
  requests: string[] = [];
  watches: { path: string; lines: AsyncQueue<string> }[] = [];
  failNextList: { status: number; body: string } | null = null;

  async request(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(`${req.method} ${req.path}`);
    if (this.failNextList) {
      const f = this.failNextList;
      this.failNextList = null;
      return f;
    }
    const u = new URL(req.path, 'http://x');
    const limit = Number(u.searchParams.get('limit') ?? 1e9);
    const start = Number(u.searchParams.get('continue') ?? 0);
    const items = this.state.slice(start, start + limit);
    const cont = start + limit < this.state.length ? String(start + limit) : undefined;
    return { status: 200, body: JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv), continue: cont }, items }) };
  }

  async stream(req: TransportRequest): Promise<StreamResponse> {
    const lines = new AsyncQueue<string>(req.signal);
    this.watches.push({ path: req.path, lines });
    return { status: 200, lines };
  }

  close(): void {}
}

const pod = (name: string, rv: number, nodeName?: string): Pod => ({
  metadata: { name, namespace: 'default', resourceVersion: String(rv), uid: name },
  spec: { containers: [{ name: 'c' }], ...(nodeName ? { nodeName } : {}) },
});
const tick = () => new Promise((r) => setTimeout(r, 5));

test('lists in pages, watches from the list RV with bookmarks, indexes and freezes', async () => {
  const t = new FakeTransport();
  t.state = [pod('a', 1, 'n1'), pod('b', 2), pod('c', 3, 'n1')];
  const inf = new Informer<Pod>(new RestClient(t), pods, { pageSize: 2, indexers: { node: (p) => (p.spec.nodeName ? [p.spec.nodeName] : []) } });
  const seen: string[] = [];
  inf.addHandlers({
    onAdd: (p) => seen.push(`add ${p.metadata.name}`),
    onUpdate: (o, n) => seen.push(`update ${o.metadata.name} ${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
    onDelete: (p) => seen.push(`delete ${p.metadata.name}`),
  });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.waitForSync();
  assert.ok(inf.hasSynced());
  assert.deepEqual(t.requests, ['GET /api/v1/pods?limit=2', 'GET /api/v1/pods?limit=2&continue=2']);
  assert.equal(inf.byIndex('node', 'n1').length, 2);
  assert.ok(Object.isFrozen(inf.get('default/a')!.spec.containers[0]));
  assert.equal(inf.get('default/a')!.kind, 'Pod');
  await tick();
  assert.match(t.watches[0]!.path, /resourceVersion=10&allowWatchBookmarks=true&watch=true/);

  const w = t.watches[0]!.lines;
  w.push(JSON.stringify({ type: 'MODIFIED', object: pod('b', 11, 'n1') }));
  w.push(JSON.stringify({ type: 'DELETED', object: pod('a', 12, 'n1') }));
  w.push(JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '15' } } }));
  await tick();
  assert.equal(inf.resourceVersion, '15');
  assert.deepEqual(inf.byIndex('node', 'n1').map((p) => p.metadata.name).sort(), ['b', 'c']);
  assert.deepEqual(seen, ['add a', 'add b', 'add c', 'update b 2->11', 'delete a']);
  // an update that moves an object between index values, and one that leaves it where it was
  w.push(JSON.stringify({ type: 'MODIFIED', object: pod('c', 16, 'n2') }));
  w.push(JSON.stringify({ type: 'MODIFIED', object: pod('b', 17, 'n1') }));
  await tick();
  assert.deepEqual([inf.byIndex('node', 'n1').map((p) => p.metadata.name), inf.byIndex('node', 'n2').map((p) => p.metadata.name)], [['b'], ['c']]);
  assert.equal(inf.byIndex('node', 'n1')[0]!.metadata.resourceVersion, '17');

  // a clean end of the stream rewatches from the last RV without listing
  w.close();
  await tick();
  assert.equal(t.requests.length, 2);
  assert.match(t.watches[1]!.path, /resourceVersion=17/);
  ac.abort();
  await run;
});

test('410 Expired relists and reconciles the cache with the fresh list', async () => {
  const t = new FakeTransport();
  t.state = [pod('a', 1), pod('b', 2)];
  const inf = new Informer<Pod>(new RestClient(t), pods);
  const seen: string[] = [];
  inf.addHandlers({ onAdd: (p) => seen.push(`add ${p.metadata.name}`), onDelete: (p) => seen.push(`delete ${p.metadata.name}`), onUpdate: (_o, n) => seen.push(`update ${n.metadata.name}`) });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.waitForSync();
  await tick();
  t.state = [pod('b', 20), pod('c', 21)];
  t.rv = 30;
  t.watches[0]!.lines.push(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 10 (25)', metadata: {} } }));
  await tick();
  assert.deepEqual(seen, ['add a', 'add b', 'delete a', 'update b', 'add c']);
  assert.match(t.watches[1]!.path, /resourceVersion=30/);
  ac.abort();
  await run;
});

test('a failed list is retried with backoff and reported', async () => {
  const t = new FakeTransport();
  t.failNextList = { status: 503, body: JSON.stringify({ kind: 'Status', status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'starting' }) };
  const errors: unknown[] = [];
  const inf = new Informer<Pod>(new RestClient(t), pods, { backoffMs: { initial: 5, max: 10 }, onError: (e) => errors.push(e) });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.waitForSync();
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof ApiError && errors[0].code === 'ServiceUnavailable');
  ac.abort();
  await run;
});

test('non-2xx answers become ApiError with the code from the Status reason', async () => {
  const t = new FakeTransport();
  t.failNextList = { status: 409, body: JSON.stringify({ kind: 'Status', status: 'Failure', code: 409, reason: 'AlreadyExists', message: 'pods "x" already exists', details: { name: 'x', kind: 'pods' } }) };
  const c = new RestClient(t);
  await assert.rejects(c.get(pods, 'default', 'x'), (e: unknown) => e instanceof ApiError && e.code === 'AlreadyExists' && e.details?.name === 'x');
  t.failNextList = { status: 404, body: '404 page not found' };
  await assert.rejects(c.get(pods, 'default', 'x'), (e: unknown) => e instanceof ApiError && e.code === 'NotFound');
});

test('a transform (stripManagedFields) applies to listed and watched objects before handlers and the cache see them', async () => {
  const t = new FakeTransport();
  const managed = (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, managedFields: [{ manager: 'kubectl', operation: 'Apply' }] } });
  t.state = [managed(pod('a', 1))];
  const inf = new Informer<Pod>(new RestClient(t), pods, { transform: stripManagedFields });
  const handed: Pod[] = [];
  inf.addHandlers({ onAdd: (p) => handed.push(p), onUpdate: (_o, p) => handed.push(p) });
  const ac = new AbortController();
  const run = inf.run(ac.signal);
  await inf.waitForSync();
  while (t.watches.length === 0) await tick();
  t.watches[0]!.lines.push(JSON.stringify({ type: 'MODIFIED', object: managed(pod('a', 11)) }));
  while (inf.get('default/a')?.metadata.resourceVersion !== '11') await tick();
  assert.deepEqual(handed.map((p) => [p.metadata.resourceVersion, p.metadata.managedFields]), [['1', undefined], ['11', undefined]]);
  assert.equal(inf.get('default/a')?.metadata.uid, 'a', 'the rest of the object is kept');
  ac.abort();
  await run;
});
