// A write's one serialisation: the stored text (no resourceVersion) and the JSON every reader gets at a
// revision must be the object's JSON, whatever its members, so that nothing a client reads changes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../src/api/types.js';
import { atRevision, serialize } from '../src/apiserver/watchcache/serialized.js';
import { prng } from './support/prng.js';

// CI replays a fixed seed; anywhere else each run explores a new one (rerun one with SERIALIZED_SEED=<seed>).
const seed = process.env.SERIALIZED_SEED ? Number(process.env.SERIALIZED_SEED) : process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;

const withRv = (o: KObject, rev: number): KObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rev) } });
const withoutRv = (o: KObject): KObject => {
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  return { ...o, metadata };
};

describe('a write\'s serialisation', () => {
  const cases: Record<string, KObject> = {
    'a Pod': { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', resourceVersion: '7', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { phase: 'Pending' } },
    'metadata with nothing but the old resourceVersion': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: '3' } },
    'empty metadata, no other member': { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
    'no apiVersion or kind, metadata last': { data: { '"metadata":{': 'x' }, metadata: { name: '"metadata":{}' } } as unknown as KObject,
    'undefined members': { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: undefined }, type: undefined } as unknown as KObject,
  };
  for (const [what, obj] of Object.entries(cases)) {
    it(`stores ${what} without its resourceVersion and reads it back at a revision`, () => {
      const s = serialize(obj);
      assert.deepEqual(JSON.parse(s.text), JSON.parse(JSON.stringify(withoutRv(obj))));
      assert.ok(!s.text.includes('"resourceVersion"'));
      assert.deepEqual(JSON.parse(atRevision(s, 42)), JSON.parse(JSON.stringify(withRv(obj, 42))));
    });
  }

  it(`holds for random objects (seed ${seed})`, () => {
    const rand = prng(seed).next;
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return r < 0.1 ? null : r < 0.2 ? Math.floor(rand() * 1000) : `s${Math.floor(rand() * 100)}"{\\`;
      if (r < 0.5) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}${rand() < 0.2 ? '"metadata":{' : ''}`, value(depth + 1)]));
    };
    for (let i = 0; i < 200; i++) {
      const obj = { ...(rand() < 0.5 ? { spec: value(0) } : {}), apiVersion: 'v1', kind: 'Thing', metadata: { name: `n${i}`, ...(rand() < 0.5 ? { resourceVersion: '9' } : {}), ...(value(1) as object) } } as KObject;
      const rev = Math.floor(rand() * 1e9);
      assert.deepEqual(JSON.parse(atRevision(serialize(obj), rev)), JSON.parse(JSON.stringify(withRv(obj, rev))));
    }
  });
});
