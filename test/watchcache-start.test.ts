// A watch cache fills from a store holding several pages of objects (the store reads the next page
// while the cache decodes one), and holds each key's newest value, with deleted keys left out.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KObject } from '../src/api/types.js';
import { decodeStored } from '../src/apiserver/registry/rest.js';
import { WatchCache } from '../src/apiserver/watchcache/cache.js';
import { SqliteLog, type Op } from '../src/store/sqlite-log.js';
import { SqliteBackend } from '../src/store/sqlite.js';
import { until } from './support/wait.js';

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
