// The ReplicaSet controller's running counts (podcounts.ts) against a count made from scratch: a
// seeded random run of Pod changes (readiness and its transition time, phase, labels, owner, deletion,
// adoption seen before the cache has it, owners whose selector or template labels change) must leave
// every owner's replicas, fully labelled, ready and available counts, its strays and the orphans
// exactly what a walk over every Pod gives, as time passes minReadySeconds. Rerun a failing case with
// PODCOUNTS_SEED=<seed>.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchLabels } from '../src/api/selectors/labels.js';
import type { Pod, PodPhase } from '../src/api/types.js';
import { keyOf } from '../src/client/informer.js';
import { controllerOf, selectorOf } from '../src/controllers/controllerref.js';
import { PodCounts, type Counts, type OwnerShape } from '../src/controllers/podcounts.js';
import { availableIn, isActive, isReady } from '../src/controllers/podstate.js';
import { prng } from './support/prng.js';

// CI replays a fixed seed; anywhere else each run explores a new one.
const seed = process.env.PODCOUNTS_SEED ? Number(process.env.PODCOUNTS_SEED) : process.env.CI ? 2718281828 : (Math.random() * 2 ** 32) >>> 0;

/** The informer's cache as the counts see it: by key, and by the uids of ownerReferences. */
class Cache {
  readonly pods = new Map<string, Pod>();
  get(key: string): Pod | undefined {
    return this.pods.get(key);
  }
  byIndex(index: string, value: string): Pod[] {
    assert.equal(index, 'owner');
    return [...this.pods.values()].filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === value));
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** What a walk over every Pod gives for owner at `now`. */
function fromScratch(pods: Iterable<Pod>, o: OwnerShape, deleting: boolean, now: number): { counts: Counts; strays: string[] } {
  const sel = selectorOf(o.selector);
  const counts: Counts = { replicas: 0, fullyLabeled: 0, ready: 0, available: 0 };
  const strays: string[] = [];
  for (const p of pods) {
    if (controllerOf(p)?.uid !== o.uid || p.metadata.namespace !== o.namespace) continue;
    const matches = !!sel && matchLabels(sel, p.metadata.labels);
    if (!matches && !p.metadata.deletionTimestamp) strays.push(keyOf(p));
    if (!(matches || deleting) || !isActive(p)) continue;
    counts.replicas++;
    if (Object.entries(o.templateLabels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v)) counts.fullyLabeled++;
    if (isReady(p)) counts.ready++;
    if (availableIn(p, o.minReadySeconds, now) === 0) counts.available++;
  }
  return { counts, strays: strays.sort() };
}

test(`running counts equal a count from scratch through 3,000 random Pod changes (seed ${seed}; rerun with PODCOUNTS_SEED=${seed})`, () => {
  const r = prng(seed);
  const cache = new Cache();
  const counts = new PodCounts(cache);
  let now = Date.parse('2026-01-01T00:00:00Z');
  const owners: OwnerShape[] = ['a', 'b', 'c'].map((n, i) => ({
    uid: `uid-${n}`, namespace: i === 2 ? 'other' : 'ns', selector: { matchLabels: { app: n } }, templateLabels: { app: n, tier: 'web' }, minReadySeconds: i === 0 ? 0 : 5,
  }));
  const labelSets: Record<string, string>[] = [{ app: 'a', tier: 'web' }, { app: 'a' }, { app: 'b', tier: 'web' }, { app: 'b', tier: 'db' }, { app: 'c', tier: 'web' }, {}];
  const names = Array.from({ length: 24 }, (_, i) => `p${i}`);
  let rv = 0;

  const randomPod = (name: string, prev?: Pod): Pod => {
    const owner = r.chance(0.15) ? undefined : r.pick(owners);
    const ready = r.chance(0.5);
    const since = r.chance(0.1) ? undefined : iso(now - r.int(10_000));
    const phase = r.pick<PodPhase>(['Pending', 'Running', 'Running', 'Running', 'Succeeded', 'Failed']);
    return {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name, namespace: owner?.namespace ?? r.pick(['ns', 'other']), uid: prev?.metadata.uid ?? `pod-${name}-${rv}`, resourceVersion: String(++rv),
        labels: { ...r.pick(labelSets) },
        ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.uid, uid: owner.uid, controller: true }] } : {}),
        ...(r.chance(0.1) ? { deletionTimestamp: iso(now) } : {}),
      },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(since ? { lastTransitionTime: since } : {}) }] },
    };
  };
  /** Owners changed since their last pass (the change brings one, which counts them afresh). */
  const reshaped = new Set<OwnerShape>();
  /** A change the cache takes in; one that changes an owner's counts or strays must say so (it brings a pass). */
  const put = (p: Pod) => {
    const seen = () => owners.map((o) => (reshaped.has(o) ? '' : JSON.stringify(fromScratch(cache.pods.values(), o, false, now))));
    const before = seen();
    cache.pods.set(keyOf(p), p);
    const changed = counts.observe(p, now);
    if (seen().some((s, i) => s !== before[i])) assert.ok(changed, `${keyOf(p)}: a change that counts is reported`);
  };

  for (let step = 0; step < 3000; step++) {
    now += r.int(3000);
    const name = r.pick(names);
    const key = (ns: string) => `${ns}/${name}`;
    const existing = cache.get(key('ns')) ?? cache.get(key('other'));
    const op = r.int(10);
    if (op < 6) {
      const next = randomPod(name, existing);
      if (existing && keyOf(existing) !== keyOf(next)) {
        cache.pods.delete(keyOf(existing));
        counts.forget(existing);
      }
      put(next);
    } else if (op < 7 && existing) {
      cache.pods.delete(keyOf(existing));
      counts.forget(existing);
    } else if (op < 8 && existing && !controllerOf(existing)) {
      // Adopted: the owner counts its copy at once; the cache shows it later, or at once.
      const owner = owners.find((o) => o.namespace === existing.metadata.namespace)!;
      counts.of(owner, now);
      reshaped.delete(owner);
      const adopted: Pod = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(++rv), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.uid, uid: owner.uid, controller: true }] } };
      if (r.chance(0.5)) {
        put(adopted);
        // …and may have moved on since: the owner's older copy must not replace it.
        if (r.chance(0.5)) put({ ...adopted, metadata: { ...adopted.metadata, resourceVersion: String(++rv) }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: isReady(adopted) ? 'False' : 'True', lastTransitionTime: iso(now) }] } });
      }
      counts.adopted(adopted, now);
      const want = fromScratch([...cache.pods.values()].map((p) => (keyOf(p) === keyOf(adopted) && !controllerOf(p) ? adopted : p)), owner, false, now);
      assert.deepEqual(counts.of(owner, now).counts(now, false).counts, want.counts, `step ${step}: adopted ${name} counted at once`);
      // The cache catching up brings nothing new: the owner counted the Pod when it adopted it.
      if (!controllerOf(cache.get(keyOf(adopted))!)) {
        cache.pods.set(keyOf(adopted), adopted);
        counts.observe(adopted, now);
      }
    } else if (op < 9) {
      // An owner's template labels or selector change: counted afresh.
      const i = r.int(owners.length);
      const o = owners[i]!;
      reshaped.add((owners[i] = r.chance(0.5) ? { ...o, templateLabels: r.chance(0.5) ? { app: o.uid.slice(4) } : { app: o.uid.slice(4), tier: 'web' } } : { ...o, selector: r.chance(0.5) ? { matchLabels: { app: o.uid.slice(4), tier: 'web' } } : { matchLabels: { app: o.uid.slice(4) } } }));
    } else if (existing && controllerOf(existing)) {
      // Ready again, or no longer, without any other change: what most Pod updates at scale are.
      const ready = existing.status?.conditions?.[0]?.status === 'True';
      put({ ...existing, metadata: { ...existing.metadata, resourceVersion: String(++rv) }, status: { ...existing.status, conditions: [{ type: 'Ready', status: ready ? 'False' : 'True', lastTransitionTime: iso(now) }] } });
    }
    for (const o of owners) {
      // Owners are read as passes read them: not every step, so changes pile up between reads.
      if (!r.chance(0.3)) continue;
      const deleting = r.chance(0.1);
      const tally = counts.of(o, now);
      reshaped.delete(o);
      const want = fromScratch(cache.pods.values(), o, deleting, now);
      const got = tally.counts(now, deleting);
      assert.deepEqual(got.counts, want.counts, `step ${step}: counts of ${o.uid}${deleting ? ' (deleted)' : ''}`);
      assert.deepEqual(tally.strays().map(keyOf).sort(), want.strays, `step ${step}: strays of ${o.uid}`);
      assert.deepEqual(tally.active().map(keyOf).sort(), [...cache.pods.values()].filter((p) => controllerOf(p)?.uid === o.uid && p.metadata.namespace === o.namespace && isActive(p) && matchLabels(selectorOf(o.selector)!, p.metadata.labels)).map(keyOf).sort());
      if (got.nextAvailableAt !== Infinity) assert.ok(got.nextAvailableAt >= now, 'the next availability is ahead');
    }
    for (const ns of ['ns', 'other']) {
      assert.deepEqual(counts.orphans(ns).map(keyOf).sort(), [...cache.pods.values()].filter((p) => p.metadata.namespace === ns && !controllerOf(p)).map(keyOf).sort(), `step ${step}: orphans of ${ns}`);
    }
  }
});

test('a Pod Ready for more than minReadySeconds is available, not at exactly minReadySeconds, never without a transition time', () => {
  const cache = new Cache();
  const counts = new PodCounts(cache);
  const owner: OwnerShape = { uid: 'u', namespace: 'ns', selector: { matchLabels: { app: 'x' } }, templateLabels: { app: 'x' }, minReadySeconds: 10 };
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const pod = (name: string, since?: string): Pod => ({
    metadata: { name, namespace: 'ns', labels: { app: 'x' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'u', controller: true }] },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', ...(since ? { lastTransitionTime: since } : {}) }] },
  });
  const tally = counts.of(owner, t0);
  for (const p of [pod('a', iso(t0)), pod('b')]) {
    cache.pods.set(keyOf(p), p);
    counts.observe(p, t0);
  }
  assert.deepEqual(tally.counts(t0, false), { counts: { replicas: 2, fullyLabeled: 2, ready: 2, available: 0 }, nextAvailableAt: t0 + 10_000 });
  assert.equal(tally.counts(t0 + 10_000, false).counts.available, 0);
  assert.deepEqual(tally.counts(t0 + 10_001, false), { counts: { replicas: 2, fullyLabeled: 2, ready: 2, available: 1 }, nextAvailableAt: Infinity });
  // The same when the Pod is first seen at that moment.
  const late = pod('c', iso(t0));
  cache.pods.set(keyOf(late), late);
  counts.observe(late, t0 + 10_000);
  assert.deepEqual(tally.counts(t0 + 10_000, false).counts, { replicas: 3, fullyLabeled: 3, ready: 3, available: 1 });
});
