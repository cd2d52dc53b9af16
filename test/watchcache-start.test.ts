// A watch cache fills from a store holding several pages of objects (the store reads the next page
// while the cache takes one in), and holds each key's newest value, with deleted keys left out. A
// server started on a store serves the objects it has not parsed yet exactly as it served them before.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KObject } from '../src/api/types.js';
import { decodeStored } from '../src/apiserver/registry/rest.js';
import { WatchCache } from '../src/apiserver/watchcache/cache.js';
import { SqliteLog, type Op } from '../src/store/sqlite-log.js';
import { SqliteBackend } from '../src/store/sqlite.js';
import { until } from './support/wait.js';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { apiFor } from './support/api.js';
import { startServer, type TestServer } from './support/server.js';

const enc = new TextEncoder();
const cm = (name: string, v: string): Uint8Array => enc.encode(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { v } }));
const key = (i: number): string => `/registry/configmaps/ns/cm-${String(i).padStart(5, '0')}`;

test('a cache filled from 12,000 stored objects holds each newest value, deletions left out, and follows writes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
  try {
    const path = join(dir, 'state.db');
    // Seeded straight into the log: 12,000 creates, then every third key updated and every seventh deleted.
    const log = new SqliteLog(path);
    const ops: Op[] = [];
    for (let i = 0; i < 12_000; i++) ops.push({ kind: 'create', key: key(i), value: cm(`cm-${i}`, 'first') });
    log.applyBatch(ops);
    const later: Op[] = [];
    for (let i = 0; i < 12_000; i += 3) later.push({ kind: 'update', key: key(i), value: cm(`cm-${i}`, 'second'), expect: i + 1 });
    for (let i = 0; i < 12_000; i += 7) later.push({ kind: 'delete', key: key(i) });
    assert.ok(log.applyBatch(later).every((o) => 'rev' in o));
    log.close();

    const backend = new SqliteBackend(path);
    const cache = new WatchCache(backend, '/registry/configmaps/', { decode: (v, _k, rev) => decodeStored(v, rev) });
    try {
      await cache.start();
      const want = Array.from({ length: 12_000 }, (_, i) => i).filter((i) => i % 7 !== 0);
      assert.equal(cache.size, want.length);
      const seen = [...cache.scan('/registry/configmaps/')];
      assert.deepEqual(seen.map((e) => e.key), want.map(key), 'every live key, in key order');
      for (const e of seen) {
        const i = Number(e.key.slice(-5));
        assert.equal((e.obj as KObject & { data: { v: string } }).data.v, i % 3 === 0 ? 'second' : 'first', e.key);
      }
      const rev = await backend.create(key(99_999), cm('cm-99999', 'new'));
      await until('the cache follows the store', () => cache.revision >= rev);
      assert.equal(cache.get(key(99_999))?.obj.metadata.resourceVersion, String(rev));
    } finally {
      cache.stop();
      await backend.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a restarted server serves the Pods it parses only when first read byte for byte as before, and a node is authorized by them at once', async () => {
  const server = await startServer();
  let restarted: TestServer | undefined;
  try {
    const admin = await apiFor(server.kubeconfig);
    for (let i = 0; i < 5; i++) {
      const created = await admin.call('POST', '/api/v1/namespaces/default/pods', { metadata: { name: `p${i}`, labels: { i: String(i) } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox', envFrom: [{ secretRef: { name: `s${i}` } }] }] } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin.call('POST', '/api/v1/namespaces/default/secrets', { metadata: { name: `s${i}` }, stringData: { k: 'v' } })).status, 201);
    }
    admin.close();
    // Raw bodies: a single Pod, list pages with a continue token, a label-selected list, rows' objects of a Table.
    const read = async (kubeconfig: string): Promise<string[]> => {
      const t = new HttpsTransport(await loadKubeconfig(kubeconfig));
      try {
        const get = async (path: string, accept = 'application/json'): Promise<string> => {
          const r = await t.request({ method: 'GET', path, headers: { accept } });
          assert.equal(r.status, 200, `${path}: ${r.body}`);
          return r.body;
        };
        // A list's own resourceVersion (and continue token) moves with any write the restart made: its items are compared.
        const items = (body: string): string => body.slice(body.indexOf('"items":'));
        const first = await get('/api/v1/namespaces/default/pods?limit=2');
        const table = JSON.parse(await get('/api/v1/pods', 'application/json;as=Table;v=v1;g=meta.k8s.io')) as { rows: { object: unknown }[] };
        return [
          await get('/api/v1/namespaces/default/pods/p3'),
          items(first),
          items(await get(`/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(JSON.parse(first).metadata.continue)}`)),
          items(await get('/api/v1/pods?labelSelector=i%3D4')),
          JSON.stringify(table.rows.map((r) => r.object)),
        ];
      } finally {
        t.close();
      }
    };
    const before = await read(server.kubeconfig);
    await server.stop();
    restarted = await startServer({ dataDir: server.dataDir });
    // The node's first request: its graph is read from the Pods the cold start left unparsed.
    const pair = await issueCertificate(join(restarted.dataDir, 'pki'), 'test-n1', { cn: 'system:node:n1', orgs: ['system:nodes'] }, 'client');
    const nodeConfig = join(restarted.dataDir, 'n1.kubeconfig');
    await writeFile(nodeConfig, kubeconfigYaml(restarted.url, await readFile(join(restarted.dataDir, 'pki', 'ca.crt'), 'utf8'), pair, 'n1'));
    const node = await apiFor(nodeConfig);
    try {
      assert.equal((await node.call('GET', '/api/v1/namespaces/default/secrets/s2')).status, 200, 'a Secret its Pod names');
      assert.equal((await node.call('GET', '/api/v1/namespaces/default/secrets/nope')).status, 403, 'a Secret none of its Pods names');
    } finally {
      node.close();
    }
    assert.deepEqual(await read(restarted.kubeconfig), before);
  } finally {
    await (restarted ?? server).dispose();
  }
});
