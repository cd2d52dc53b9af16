import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api/errors.js';
import type { PodStatus } from '../src/api/types.js';
import { PodWorkers } from '../src/kubelet/podWorkers.js';
import { StatusManager } from '../src/kubelet/statusManager.js';
import { pod } from './kubelet-fixtures.js';

test('pod workers: one sync at a time per pod; kicks during a sync coalesce into one rerun', async () => {
  let running = 0;
  let maxRunning = 0;
  const runs: string[] = [];
  let release: () => void = () => {};
  const workers = new PodWorkers(async (uid) => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    runs.push(uid);
    if (runs.length === 1) await new Promise<void>((r) => { release = r; });
    running--;
    return undefined;
  }, () => {});
  workers.kick('a');
  workers.kick('a');
  workers.kick('a');
  workers.kick('b');
  await new Promise((r) => setTimeout(r, 10));
  release();
  await workers.idle();
  assert.deepEqual(runs, ['a', 'b', 'a']);
  assert.equal(maxRunning, 2); // a and b in parallel, never a twice
});

test('pod workers: kickAt wakes the pod later; errors are reported and do not stop the worker', async () => {
  const seen: string[] = [];
  const errors: string[] = [];
  let first = true;
  const workers = new PodWorkers(async (uid) => {
    seen.push(uid);
    if (first) {
      first = false;
      return Date.now() + 30;
    }
    throw new Error('boom');
  }, (uid, e) => errors.push(`${uid}: ${(e as Error).message}`));
  workers.kick('p');
  await new Promise((r) => setTimeout(r, 80));
  await workers.idle();
  assert.deepEqual(seen, ['p', 'p']);
  assert.deepEqual(errors, ['p: boom']);
  await workers.stop();
  workers.kick('p');
  assert.equal(workers.busy, 0);
});

test('pod workers own the state: syncing until terminate(), terminating until a terminating sync succeeds, then terminated for good', async () => {
  const runs: string[] = [];
  let failTerminating = true;
  const workers = new PodWorkers(async (_uid, state) => {
    runs.push(state);
    if (state === 'terminating' && failTerminating) {
      failTerminating = false;
      throw new Error('stop failed');
    }
    return undefined;
  }, (id) => workers.kick(id));
  workers.kick('p');
  await workers.idle();
  assert.equal(workers.stateOf('p'), 'syncing');
  workers.terminate('p');
  await workers.idle();
  await new Promise((r) => setTimeout(r, 10));
  await workers.idle();
  // The failed terminating sync is retried as terminating; its success leads straight to a terminated sync.
  assert.deepEqual(runs, ['syncing', 'terminating', 'terminating', 'terminated']);
  workers.kick('p');
  await workers.idle();
  workers.terminate('p');
  await workers.idle();
  assert.deepEqual(runs.slice(4), ['terminated', 'terminated'], 'never syncs or terminates again');
  assert.deepEqual(workers.syncs, { syncing: 1, terminating: 2, terminated: 3 });
  workers.forget('p');
  assert.equal(workers.stateOf('p'), undefined);
});

test('status manager: PATCH only on change, terminal phase sticks, NotFound is quiet', async () => {
  const patches: PodStatus[] = [];
  let gone = false;
  const sm = new StatusManager({
    patchPodStatus: async (_ns, name, _uid, s) => {
      if (gone) throw new ApiError('NotFound', `pods "${name}" not found`);
      patches.push(s);
    },
  });
  const p = pod();
  assert.equal(await sm.set(p, { phase: 'Running' }), true);
  assert.equal(await sm.set(p, { phase: 'Running' }), false);
  assert.equal(await sm.set(p, { phase: 'Failed' }), true);
  assert.equal(await sm.set(p, { phase: 'Running', message: 'x' }), true);
  assert.deepEqual(patches.map((s) => s.phase), ['Running', 'Failed', 'Failed']);
  assert.equal(sm.withLatestStatus(p).status?.phase, 'Failed');
  gone = true;
  assert.equal(await sm.set(p, { phase: 'Succeeded' }), false);
  sm.forget('uid-1');
  assert.equal(sm.withLatestStatus(p).status, undefined);
});

test('status manager: its own status coming back, even before the write is answered, is no other writer\'s; a phase it never sent is', async () => {
  const echoes: boolean[] = [];
  const sm = new StatusManager({
    // The watch event of the write arrives before its answer, as it may over the network.
    patchPodStatus: async (_ns, _name, _uid, s) => void echoes.push(sm.observe({ ...pod(), status: s })),
  });
  const p = pod();
  assert.equal(await sm.set(p, { phase: 'Pending' }), true);
  assert.equal(await sm.set(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), true);
  assert.deepEqual(echoes, [false, false]);
  assert.equal(sm.observe({ ...p, status: { phase: 'Pending' } }), false, 'an older write of its own');
  assert.equal(sm.observe({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } }), true, 'another writer\'s');
  assert.equal(await sm.set(p, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), true, 'written again to put it right');
});

test('status manager: one write at a time; a Pod\'s updates made while its write waits for a turn go out as one, the newest', async () => {
  const patches: [string, PodStatus][] = [];
  let release: () => void = () => {};
  const sm = new StatusManager({
    patchPodStatus: async (_ns, name, _uid, s) => {
      patches.push([name, s]);
      if (patches.length === 1) await new Promise<void>((r) => { release = r; });
    },
  });
  const a = pod();
  const b = { ...pod(), metadata: { ...pod().metadata, name: 'b', uid: 'uid-b' } };
  const first = sm.set(a, { phase: 'Pending' });
  await new Promise((r) => setImmediate(r)); // on the wire
  const acked = sm.set(b, { phase: 'Pending', startTime: '2026-12-06T00:00:00Z' });
  const running = sm.set(b, { phase: 'Running', startTime: '2026-12-06T00:00:00Z' });
  const later = sm.set(a, { phase: 'Running' });
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(patches.map(([n]) => n), ['web'], 'the others wait for the write on the wire');
  release();
  assert.deepEqual(await Promise.all([first, acked, running, later]), [true, true, true, true]);
  assert.deepEqual(patches.map(([n, s]) => `${n} ${s.phase}`), ['web Pending', 'b Running', 'web Running']);
  assert.equal(sm.withLatestStatus(b).status?.phase, 'Running');
  assert.equal(await sm.set(b, { phase: 'Running', startTime: '2026-12-06T00:00:00Z' }), false, 'written already');
});

test('status manager: the watch\'s echo as the API stores it (null fields dropped) is its own status, and the same status is not written again', async () => {
  const patches: PodStatus[] = [];
  const sm = new StatusManager({ patchPodStatus: async (_ns, _name, _uid, s) => void patches.push(s) });
  const p = pod();
  const status = (): PodStatus => ({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-12-07T00:00:00Z' }] });
  assert.equal(await sm.set(p, status()), true);
  const stored = JSON.parse(JSON.stringify(status(), (_k, v) => (v === null ? undefined : v))) as PodStatus;
  assert.equal(sm.observe({ ...p, status: stored }), false, 'its own status, not another writer\'s');
  assert.equal(await sm.set({ ...p, status: stored }, status()), false, 'nothing new to write');
  assert.equal(sm.withLatestStatus({ ...p, status: stored }).status?.conditions?.[0]?.lastTransitionTime, '2026-12-07T00:00:00Z');
  assert.equal(await sm.set(p, { ...status(), phase: 'Failed' }), true);
  assert.deepEqual(patches.map((s) => s.phase), ['Running', 'Failed']);
});
