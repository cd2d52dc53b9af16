// The kubelet's pod-sync rules end to end over the fake runtime and the fake cluster: the real Kubelet
// (workers, relist, status, deletion) with containers whose exits the test scripts. No root, no runc.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, test } from 'node:test';
import type { Container, Pod, PodSpec } from '../src/api/types.js';
import type { FakeProgram, FakeRuntime } from '../src/runtime/fake/runtime.js';
import type { FakeCluster } from './kubelet-fake-cluster.js';
import { createPod as createFakePod, startFakeNode, untilPod, type FakeNode } from './support/fake-kubelet.js';

let dir: string;
let node: FakeNode;
let cluster: FakeCluster;
let runtime: FakeRuntime;
/** Programs by container name; containers not named here run until stopped. */
let programs: Record<string, FakeProgram>;
/** Container names in the order the kubelet created them. */
let created: string[];
let seq = 0;

beforeEach(async () => {
  dir ??= await mkdtemp(join(tmpdir(), 'berth-kubelet-fake-'));
  programs = {};
  created = [];
  node = await startFakeNode(join(dir, String(++seq)), (cfg) => { created.push(cfg.name); return programs[cfg.name] ?? {}; });
  ({ cluster, runtime } = node);
});
afterEach(() => node.stop());
after(() => rm(dir, { recursive: true, force: true }));

const createPod = (spec: Partial<PodSpec> & { containers: Container[] }): Pod => createFakePod(cluster, spec);
const until = (uid: string, what: string, ok: (p: Pod) => boolean, ms?: number): Promise<Pod> => untilPod(cluster, uid, what, ok, ms);
const ctr = (name: string): Container => ({ name, image: 'busybox' });

test('restartPolicy Never: a container that exits 0 makes the Pod Succeeded, one that exits 1 Failed, with the exit in status', async () => {
  programs = { ok: { exitAfterMs: 0, exitCode: 0 }, bad: { exitAfterMs: 0, exitCode: 1 } };
  const good = createPod({ restartPolicy: 'Never', containers: [ctr('ok')] });
  const bad = createPod({ restartPolicy: 'Never', containers: [ctr('bad')] });
  const g = await until(good.metadata.uid!, 'Succeeded', (p) => p.status?.phase === 'Succeeded');
  assert.deepEqual(g.status?.containerStatuses?.map((c) => [c.name, c.state?.terminated?.exitCode, c.state?.terminated?.reason, c.restartCount]), [['ok', 0, 'Completed', 0]]);
  const b = await until(bad.metadata.uid!, 'Failed', (p) => p.status?.phase === 'Failed');
  assert.deepEqual(b.status?.containerStatuses?.map((c) => [c.name, c.state?.terminated?.exitCode, c.state?.terminated?.reason]), [['bad', 1, 'Error']]);
  assert.equal(created.filter((n) => n === 'bad').length, 1, 'never restarted');
});

test('restartPolicy Always: a crashed container waits in CrashLoopBackOff for 10s, its last exit kept', async () => {
  programs = { crash: { exitAfterMs: 0, exitCode: 2 } };
  const pod = createPod({ restartPolicy: 'Always', containers: [ctr('crash')] });
  const p = await until(pod.metadata.uid!, 'in CrashLoopBackOff', (x) => x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff');
  const s = p.status!.containerStatuses![0]!;
  assert.match(s.state!.waiting!.message!, /^back-off 10s restarting failed container=crash pod=/);
  assert.equal(s.lastState?.terminated?.exitCode, 2);
  assert.equal(p.status?.phase, 'Running');
  assert.ok(cluster.reasons(pod.metadata.name!).includes('BackOff'));
});

test('restartPolicy OnFailure: exit 0 completes the Pod; a non-zero exit is restarted', async () => {
  programs = { done: { exitAfterMs: 0, exitCode: 0 } };
  const done = createPod({ restartPolicy: 'OnFailure', containers: [ctr('done')] });
  await until(done.metadata.uid!, 'Succeeded', (p) => p.status?.phase === 'Succeeded');
  const flaky = createPod({ restartPolicy: 'OnFailure', containers: [ctr('flaky')] });
  const running = await until(flaky.metadata.uid!, 'Running', (p) => p.status?.containerStatuses?.[0]?.state?.running !== undefined);
  const id = running.status!.containerStatuses![0]!.containerID!.replace(/^\w+:\/\//, '');
  runtime.exit(id, 9);
  const p = await until(flaky.metadata.uid!, 'backing off', (x) => x.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode === 9);
  assert.equal(p.status?.phase, 'Running');
});

test('init containers run one at a time in order before the app containers; a failed one with Never fails the Pod', async () => {
  programs = { init1: { exitAfterMs: 10, exitCode: 0 }, init2: { exitAfterMs: 10, exitCode: 0 }, broken: { exitAfterMs: 0, exitCode: 3 } };
  const pod = createPod({ initContainers: [ctr('init1'), ctr('init2')], containers: [ctr('app')] });
  const p = await until(pod.metadata.uid!, 'Running with app ready', (x) => x.status?.phase === 'Running' && x.status.containerStatuses?.[0]?.ready === true);
  assert.deepEqual(created, ['init1', 'init2', 'app']);
  assert.deepEqual(p.status?.initContainerStatuses?.map((c) => [c.name, c.state?.terminated?.reason]), [['init1', 'Completed'], ['init2', 'Completed']]);
  assert.equal(p.status?.conditions?.find((c) => c.type === 'Initialized')?.status, 'True');

  created = [];
  const failing = createPod({ restartPolicy: 'Never', initContainers: [ctr('broken')], containers: [ctr('never')] });
  const f = await until(failing.metadata.uid!, 'Failed', (x) => x.status?.phase === 'Failed');
  assert.equal(f.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 3);
  assert.deepEqual(created, ['broken'], 'the app container is never created');
});

test('a long-running Pod goes Running with its sandbox IP; deletion stops its containers and removes the Pod', async () => {
  const pod = createPod({ containers: [ctr('web')], terminationGracePeriodSeconds: 5 });
  const uid = pod.metadata.uid!;
  const p = await until(uid, 'Running', (x) => x.status?.phase === 'Running');
  assert.match(p.status?.podIP ?? '', /^10\.88\./);
  cluster.markDeleted(uid, 5);
  const deadline = Date.now() + 5_000;
  while (cluster.get(uid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(cluster.get(uid), undefined, 'the kubelet deleted the Pod for good');
  const left = await runtime.listContainers({ labels: {} });
  assert.ok(left.every((c) => c.state === 'exited'), 'no container of it still runs');
});

test('configMap and secret volumes follow their objects while the Pod runs; the watches end with the Pod', async () => {
  cluster.setObject('ConfigMap', 'default', 'cfg', { data: { k: Buffer.from('v1') } });
  const pod = createPod({ containers: [ctr('app')], volumes: [
    { name: 'cm', configMap: { name: 'cfg' } },
    { name: 'both', projected: { sources: [{ secret: { name: 'sec', optional: true } }, { configMap: { name: 'cfg' } }] } },
  ] });
  await until(pod.metadata.uid!, 'Running', (p) => p.status?.phase === 'Running');
  assert.equal(cluster.objectWatchCount, 2, 'one watch per object, shared by the volumes');
  const vol = (name: string, file: string) => readFile(join(dir, String(seq), 'pods', pod.metadata.uid!, 'volumes', name, file), 'utf8').catch(() => undefined);
  assert.equal(await vol('kubernetes.io~configmap/cm', 'k'), 'v1');
  cluster.setObject('ConfigMap', 'default', 'cfg', { data: { k: Buffer.from('v2') } });
  cluster.setObject('Secret', 'default', 'sec', { data: { pw: Buffer.from('s3cret') } });
  await node.kubelet.idle();
  assert.equal(await vol('kubernetes.io~configmap/cm', 'k'), 'v2');
  assert.equal(await vol('kubernetes.io~projected/both', 'k'), 'v2');
  assert.equal(await vol('kubernetes.io~projected/both', 'pw'), 's3cret');
  cluster.markDeleted(pod.metadata.uid!, 0);
  const deadline = Date.now() + 5_000;
  while (cluster.objectWatchCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(cluster.objectWatchCount, 0);
});
