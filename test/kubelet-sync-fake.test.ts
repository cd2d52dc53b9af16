// The kubelet's pod-sync rules end to end over the fake runtime and the fake cluster: the real Kubelet
// (workers, relist, status, deletion) with containers whose exits the test scripts. No root, no runc.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, test } from 'node:test';
import type { Container, Pod, PodSpec } from '../src/api/types.js';
import { POD_UID } from '../src/kubelet/labels.js';
import { RELIST_PERIOD_MS } from '../src/kubelet/relist.js';
import { FakeImages } from '../src/runtime/fake/images.js';
import { FakeRuntime, type FakeProgram } from '../src/runtime/fake/runtime.js';
import type { ContainerFilter } from '../src/runtime/types.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
import { createPod as createFakePod, startFakeKubelet, startFakeNode, untilPod, type FakeNode } from './support/fake-kubelet.js';

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

test('a new Pod started at once gets one status write, startTime in it; one whose start waits on a pull is acknowledged first (Pending, startTime)', async () => {
  const quick = createPod({ containers: [ctr('web')] });
  const running = await until(quick.metadata.uid!, 'Running', (x) => x.status?.phase === 'Running');
  assert.equal(cluster.statusPatches[0]?.phase, 'Running', 'no Pending write before it');
  assert.equal(cluster.statusPatches[0]?.startTime, running.status?.startTime);

  // nginx is not present: its pull takes longer than a quick start may.
  const slowCluster = new FakeCluster();
  const slow = await startFakeKubelet(slowCluster, new FakeRuntime(), join(dir, `slow-${seq}`), { images: new FakeImages({ pullLatencyMs: 1_500 }) });
  try {
    const pulled = createFakePod(slowCluster, { containers: [{ name: 'web', image: 'nginx' }] });
    const p = await untilPod(slowCluster, pulled.metadata.uid!, 'Running', (x) => x.status?.phase === 'Running');
    const [ack] = slowCluster.statusPatches;
    assert.equal(ack?.phase, 'Pending');
    assert.ok(ack?.startTime, 'the acknowledgment says when the kubelet saw the Pod');
    assert.equal(p.status?.startTime, ack.startTime);
  } finally {
    await slow.stop();
  }
});

test('the kubelet\'s own status coming back through the watch syncs nothing; a label change or another writer\'s status does', async () => {
  const pod = createPod({ containers: [ctr('web')] });
  const uid = pod.metadata.uid!;
  await until(uid, 'Running', (x) => x.status?.phase === 'Running');
  // Past one relist period, so that the runtime's own change has had its sync too.
  await new Promise((r) => setTimeout(r, RELIST_PERIOD_MS + 200));
  await node.kubelet.idle();
  const settled = node.kubelet.podSyncs.syncing;
  const patches = cluster.statusPatches.length;
  for (let i = 0; i < 3; i++) cluster.update(structuredClone(cluster.get(uid)!));
  await node.kubelet.idle();
  assert.equal(node.kubelet.podSyncs.syncing, settled, 'an unchanged Pod (its own status echoed) is not synced');
  const labelled = structuredClone(cluster.get(uid)!);
  labelled.metadata.labels = { tier: 'web' };
  cluster.update(labelled);
  await node.kubelet.idle();
  assert.equal(node.kubelet.podSyncs.syncing, settled + 1, 'a label change is synced');
  const running = cluster.get(uid)!;
  cluster.update({ ...structuredClone(running), status: { ...structuredClone(running.status), phase: 'Unknown' } });
  await until(uid, 'Running again', (x) => x.status?.phase === 'Running');
  assert.equal(cluster.statusPatches.length, patches + 1, 'one write puts the status right');
});

test('a status another writer put in (the node lifecycle controller\'s Unknown for a silent node) is put right at the next sync', async () => {
  const pod = createPod({ containers: [ctr('web')] });
  const uid = pod.metadata.uid!;
  const running = await until(uid, 'Running', (x) => x.status?.phase === 'Running');
  const conditions = running.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c));
  cluster.update({ ...running, status: { ...running.status, phase: 'Unknown', conditions } });
  const back = await until(uid, 'Running again', (x) => x.status?.phase === 'Running');
  assert.equal(back.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('each pod sync lists the runtime once: actions record their results and the status is computed from them', async () => {
  const lists = { sandboxes: 0, pod: 0, relist: 0 };
  /** For each listing of the Pod's containers, which sync (by the workers' running count) made it. */
  const listedBy: number[] = [];
  const inner = new FakeRuntime({ programFor: (cfg) => (cfg.name === 'init' ? { exitAfterMs: 0 } : {}) });
  let syncsSoFar = () => 0;
  const counting = new Proxy(inner, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (key === 'listPodSandboxes') lists.sandboxes++;
        if (key === 'listContainers') {
          if ((args[0] as ContainerFilter | undefined)?.labels?.[POD_UID]) {
            lists.pod++;
            listedBy.push(syncsSoFar());
          } else lists.relist++;
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const own = new FakeCluster();
  const k = await startFakeKubelet(own, counting, join(dir, 'counting'));
  syncsSoFar = () => Object.values(k.kubelet.podSyncs).reduce((a, b) => a + b, 0);
  try {
    const pod = createFakePod(own, { initContainers: [ctr('init')], containers: [ctr('app'), ctr('side')] });
    const uid = pod.metadata.uid!;
    const running = await untilPod(own, uid, 'Running', (p) => p.status?.phase === 'Running' && !!p.status.containerStatuses?.every((c) => c.state?.running));
    inner.exit(running.status!.containerStatuses![0]!.containerID!.replace(/^\w+:\/\//, ''), 1);
    await untilPod(own, uid, 'restarted', (p) => p.status?.containerStatuses?.[0]?.restartCount === 1 && !!p.status.containerStatuses[0].state?.running);
    own.markDeleted(uid, 1);
    const deadline = Date.now() + 5_000;
    while ((own.get(uid) || (await inner.listPodSandboxes()).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await inner.listPodSandboxes(), [], 'deleted and cleaned up');
  } finally {
    await k.stop();
  }
  const syncs = k.kubelet.podSyncs;
  assert.ok(syncs.syncing >= 3 && syncs.terminating >= 1 && syncs.terminated >= 1, JSON.stringify(syncs));
  assert.equal(new Set(listedBy).size, listedBy.length, `a sync listed the Pod twice: ${listedBy.join(',')}`);
  assert.equal(lists.sandboxes, lists.pod + lists.relist, 'every sandbox listing belongs to a snapshot or a relist');
  // Every syncing and terminating sync takes its snapshot, and so does the one terminated sync that removes the Pod.
  assert.equal(lists.pod, syncs.syncing + syncs.terminating + 1, JSON.stringify({ lists, syncs }));
});

const sidecar = (name: string, extra: Partial<Container> = {}): Container => ({ ...ctr(name), restartPolicy: 'Always', ...extra });
const idOf = (p: Pod, name: string): string =>
  [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].find((c) => c.name === name)!.containerID!.replace(/^\w+:\/\//, '');

test('native sidecar, restartPolicy Never: started first and kept running; when the app succeeds it is stopped after it and the Pod is Succeeded', async () => {
  programs = { setup: { exitAfterMs: 0 }, app: { exitAfterMs: 300 } };
  const pod = createPod({ restartPolicy: 'Never', initContainers: [sidecar('log'), ctr('setup')], containers: [ctr('app')], terminationGracePeriodSeconds: 5 });
  const uid = pod.metadata.uid!;
  const running = await until(uid, 'Running', (p) => p.status?.phase === 'Running');
  const log = running.status!.initContainerStatuses![0]!;
  assert.deepEqual([log.name, !!log.state?.running, log.started, log.ready], ['log', true, true, true]);
  const done = await until(uid, 'Succeeded', (p) => p.status?.phase === 'Succeeded');
  assert.deepEqual(created, ['log', 'setup', 'app']);
  assert.deepEqual(done.status?.initContainerStatuses?.map((c) => [c.name, c.state?.terminated?.exitCode, c.started]), [['log', 143, false], ['setup', 0, false]]);
  assert.equal(done.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 0);
  const app = await runtime.containerStatus(idOf(done, 'app'));
  const log2 = await runtime.containerStatus(idOf(done, 'log'));
  assert.ok(app!.finishedAt! <= log2!.finishedAt!, 'the sidecar outlived the app');
  assert.deepEqual(cluster.events.filter((e) => e.reason === 'Killing').map((e) => e.message), ['Stopping container log']);
});

test('native sidecar: restarted when it exits although the Pod\'s restartPolicy is Never; the app keeps running', async () => {
  const pod = createPod({ restartPolicy: 'Never', initContainers: [sidecar('log')], containers: [ctr('app')] });
  const uid = pod.metadata.uid!;
  const running = await until(uid, 'Running', (p) => p.status?.phase === 'Running' && !!p.status.containerStatuses?.[0]?.state?.running);
  runtime.exit(idOf(running, 'log'), 1);
  const p = await until(uid, 'sidecar restarted', (x) => x.status?.initContainerStatuses?.[0]?.restartCount === 1 && !!x.status.initContainerStatuses[0].state?.running);
  assert.equal(p.status?.phase, 'Running');
  assert.equal(p.status?.initContainerStatuses?.[0]?.lastState?.terminated?.exitCode, 1);
  assert.deepEqual(created, ['log', 'app', 'log']);
});

test('native sidecar: the next init container waits for the sidecar\'s startup probe', async () => {
  let up = false;
  programs = { log: { exec: () => ({ exitCode: up ? 0 : 1 }) }, setup: { exitAfterMs: 0 } };
  const probe = { exec: { command: ['ready'] }, periodSeconds: 1, failureThreshold: 30 };
  const pod = createPod({ initContainers: [sidecar('log', { startupProbe: probe }), ctr('setup')], containers: [ctr('app')] });
  const uid = pod.metadata.uid!;
  const p = await until(uid, 'sidecar running', (x) => !!x.status?.initContainerStatuses?.[0]?.state?.running);
  assert.equal(p.status?.initContainerStatuses?.[0]?.started, false);
  await new Promise((r) => setTimeout(r, 1_200));
  assert.deepEqual(created, ['log'], 'setup waits while the startup probe fails');
  assert.equal(cluster.get(uid)?.status?.phase, 'Pending');
  up = true;
  await until(uid, 'Running', (x) => x.status?.phase === 'Running', 5_000);
  assert.deepEqual(created, ['log', 'setup', 'app']);
});

test('native sidecars on deletion: the app first, then the sidecars in reverse order', async () => {
  const pod = createPod({ initContainers: [sidecar('first'), sidecar('second')], containers: [ctr('app')], terminationGracePeriodSeconds: 5 });
  const uid = pod.metadata.uid!;
  await until(uid, 'Running', (p) => p.status?.phase === 'Running' && !!p.status.containerStatuses?.[0]?.state?.running);
  cluster.markDeleted(uid, 5);
  const deadline = Date.now() + 5_000;
  while (cluster.get(uid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(cluster.get(uid), undefined);
  assert.deepEqual(cluster.events.filter((e) => e.reason === 'Killing').map((e) => e.message), ['Stopping container app', 'Stopping container second', 'Stopping container first']);
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

test('app containers start together, but none after a postStart hook before that hook has finished', async () => {
  const order: string[] = [];
  programs = { hooked: { exec: (cmd) => { order.push(`hook ${cmd.join(' ')}`); return { exitCode: 0 }; } } };
  const realCreate = runtime.createContainer.bind(runtime);
  const names = new Map<string, string>();
  runtime.createContainer = async (sb, cfg) => {
    order.push(`create ${cfg.name}`);
    const id = await realCreate(sb, cfg);
    names.set(id, cfg.name);
    return id;
  };
  // first's start waits for hooked's create: one after the other, they would never both happen.
  const realStart = runtime.startContainer.bind(runtime);
  runtime.startContainer = async (id) => {
    for (let i = 0; names.get(id) === 'first' && !order.includes('create hooked') && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    order.push(`start ${names.get(id)}`);
    return realStart(id);
  };
  const hooked: Container = { ...ctr('hooked'), lifecycle: { postStart: { exec: { command: ['warm', 'up'] } } } };
  const pod = createPod({ containers: [ctr('first'), hooked, ctr('after1'), ctr('after2')] });
  const p = await until(pod.metadata.uid!, 'all running', (x) => x.status?.containerStatuses?.length === 4 && x.status.containerStatuses.every((c) => !!c.state?.running));
  assert.equal(p.status?.phase, 'Running');
  assert.ok(order.indexOf('create hooked') < order.indexOf('start first'), `not started together: ${order.join(', ')}`);
  const hook = order.indexOf('hook warm up');
  assert.ok(hook > order.indexOf('create hooked'), order.join(', '));
  assert.ok(order.indexOf('create after1') > hook && order.indexOf('create after2') > hook, `created before the hook finished: ${order.join(', ')}`);
});
