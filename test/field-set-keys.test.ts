// Field sets look paths up by a key made once per path as a write's walk builds it (and handed on by
// filter), not joined again per look-up. Seeded random objects check that the keys so made name the
// same paths as a path looked up afresh, odd map keys holding the separator character included, and
// that a status write records the fields a writer changed as before.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldSet, fieldSetOf, fromFieldsV1, toFieldsV1, type Path } from '../src/api/patch/field-set.js';
import { updateManagedFields } from '../src/api/patch/apply.js';
import { kindSchema } from '../src/api/schema/definitions.js';
import type { KObject } from '../src/api/types.js';

/** mulberry32: the same objects on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'web', 'x\u0001y', 'k\u0001', '[odd]', 'f:z'];

function randomPod(rnd: () => number): KObject {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const map = (depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 4); i > 0; i--) o[pick(NAMES)] = depth > 0 && rnd() < 0.4 ? map(depth - 1) : pick(['v', 1, true]);
    return o;
  };
  const containers = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(NAMES)))].map((name) => ({
    name,
    image: 'busybox',
    ...(rnd() < 0.5 ? { env: [...new Set([pick(NAMES), pick(NAMES)])].map((n) => ({ name: n, value: 'x' })) } : {}),
    ...(rnd() < 0.5 ? { ports: [{ containerPort: 80 + Math.floor(rnd() * 3) }] } : {}),
  }));
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels: map(0), annotations: map(0) },
    spec: { containers, nodeSelector: map(0), ...(rnd() < 0.5 ? { tolerations: [{ key: pick(NAMES), operator: 'Exists' }] } : {}) },
    status: {
      phase: pick(['Pending', 'Running']),
      conditions: [...new Set([pick(['Ready', 'Initialized']), pick(['PodScheduled', 'Ready'])])].map((type) => ({ type, status: pick(['True', 'False']) })),
      ...(rnd() < 0.5 ? { podIPs: [{ ip: `10.0.0.${Math.floor(rnd() * 3)}` }] } : {}),
    },
  } as KObject;
}

const copy = (p: Path): Path => [...p];
const schema = kindSchema('v1', 'Pod');

test('keys made along the walk and handed out by filter name the same paths as fresh look-ups (300 seeded Pods)', () => {
  const rnd = random(10);
  for (let i = 0; i < 300; i++) {
    const set = fieldSetOf(randomPod(rnd) as Record<string, unknown>, schema, new FieldSet());
    assert.ok(set.size > 0);
    for (const p of set) assert.ok(set.has(copy(p)), `walk's key for ${JSON.stringify(p)}`);
    const back = fromFieldsV1(toFieldsV1(set));
    assert.equal(back.size, set.size);
    for (const p of set) assert.ok(back.has(copy(p)), `fieldsV1 round trip of ${JSON.stringify(p)}`);
    for (const p of back) assert.ok(set.has(copy(p)));
    // A subset built by add (keys joined afresh) against keys from the walk, through filter.
    const some = new FieldSet([...set].filter(() => rnd() < 0.5).map(copy));
    const kept = set.filter((_, key) => some.hasKey(key));
    assert.deepEqual([...kept].map((p) => JSON.stringify(p)).sort(), [...some].map((p) => JSON.stringify(p)).sort());
    assert.equal(set.minus(some).size, set.size - some.size);
    const both = some.union(set.minus(some));
    assert.equal(both.size, set.size);
    for (const p of set) assert.ok(both.has(copy(p)));
    for (const p of some) set.delete(copy(p));
    assert.equal(set.size, both.size - some.size, 'delete by a fresh path finds what the walk added');
  }
});

test('a status write takes the status fields it changed, keeps the others\' entries, and not the spec (seeded)', () => {
  const rnd = random(20);
  for (let i = 0; i < 100; i++) {
    const created = randomPod(rnd);
    delete created.status;
    created.metadata.managedFields = updateManagedFields([], undefined, created, 'creator', { scope: (p) => p[0] !== 'f:status' });
    const before = { ...created, status: randomPod(rnd).status } as KObject;
    before.metadata = { ...created.metadata, managedFields: updateManagedFields(created.metadata.managedFields!, created, before, 'kubelet', { subresource: 'status', scope: (p) => p[0] === 'f:status' }) };
    const after = { ...before, status: randomPod(rnd).status } as KObject;
    const entries = updateManagedFields(before.metadata.managedFields!, before, after, 'kubelet', { subresource: 'status', scope: (p) => p[0] === 'f:status' });
    const creator = entries.find((e) => e.manager === 'creator')!;
    assert.deepEqual(creator.fieldsV1, created.metadata.managedFields![0]!.fieldsV1, 'a status write leaves the spec\'s owner as it was');
    const kubelet = fromFieldsV1(entries.find((e) => e.manager === 'kubelet')?.fieldsV1);
    const now = fieldSetOf(after as Record<string, unknown>, schema, undefined, (pe) => pe === 'f:status');
    // Every leaf the kubelet owns is set in the object it wrote, and every leaf it set is owned by it
    // (it is the only one writing status).
    for (const p of kubelet) assert.ok(p[0] === 'f:status');
    for (const p of now) if (p.length > 1 && !p[p.length - 1]!.startsWith('k:')) assert.ok(kubelet.has(copy(p)), `kubelet owns ${JSON.stringify(p)}`);
  }
});
