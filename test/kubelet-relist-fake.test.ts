// Relisting on the fake runtime: a runtime that counts its changes is listed again only after one
// (thousands of hollow kubelets relist every second in one process); one that cannot say is listed
// every period, and either way a container's exit reaches the kubelet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POD_UID } from '../src/kubelet/labels.js';
import { Relister, type Listable } from '../src/kubelet/relist.js';
import { FakeRuntime } from '../src/runtime/fake/runtime.js';
import { until } from './support/wait.js';

const sandbox = { podUid: 'u1', podName: 'p', namespace: 'd', hostname: 'p', hostsFile: '', resolvConf: '' };
const container = { name: 'c', imageRef: 'busybox', argv: ['c'], env: [], mounts: [], logPath: '', labels: { [POD_UID]: 'u1' } };

/** The runtime's listings, counted; with or without its changeCount. */
function counted(rt: FakeRuntime, withCount: boolean): { runtime: Listable; lists: () => number } {
  let lists = 0;
  const runtime: Listable = {
    listPodSandboxes: () => (lists++, rt.listPodSandboxes()),
    listContainers: (f) => rt.listContainers(f),
    ...(withCount ? { changeCount: () => rt.changeCount() } : {}),
  };
  return { runtime, lists: () => lists };
}

test('a runtime that counts its changes is listed once while nothing changes, again after an exit', async () => {
  const rt = new FakeRuntime();
  const id = await rt.createContainer(await rt.runPodSandbox(sandbox), container);
  await rt.startContainer(id);
  const { runtime, lists } = counted(rt, true);
  const changed: string[] = [];
  const ac = new AbortController();
  const runs: number[] = [];
  const done = new Relister(runtime, (uid) => changed.push(uid)).run(ac.signal, () => {}, async (byPod) => void runs.push(byPod.size));
  try {
    await until('the first listing', () => runs.length === 1);
    assert.deepEqual(changed, ['u1']);
    // Three periods with nothing changed: no listing, and nothing after it.
    await new Promise((r) => setTimeout(r, 3_500));
    assert.equal(lists(), 1);
    assert.deepEqual(runs, [1]);
    rt.exit(id, 1);
    await until('the exit to be noticed', () => changed.length === 2);
    assert.deepEqual(changed, ['u1', 'u1']);
    assert.equal(lists(), 2);
  } finally {
    ac.abort();
    await done;
  }
});

test('a runtime that cannot say what changed is listed every period', async () => {
  const rt = new FakeRuntime();
  await rt.runPodSandbox(sandbox);
  const { runtime, lists } = counted(rt, false);
  const ac = new AbortController();
  const done = new Relister(runtime, () => {}).run(ac.signal, () => {});
  try {
    await until('three listings', () => lists() >= 3);
  } finally {
    ac.abort();
    await done;
  }
});

test('changeCount moves with every change a listing shows, and only then', async () => {
  const rt = new FakeRuntime();
  const seen = [rt.changeCount()];
  const step = async (what: Promise<unknown> | unknown) => {
    await what;
    seen.push(rt.changeCount());
  };
  const sb = await rt.runPodSandbox(sandbox);
  seen.push(rt.changeCount());
  const id = await rt.createContainer(sb, container);
  seen.push(rt.changeCount());
  await step(rt.listContainers());
  await step(rt.startContainer(id));
  await step(rt.stopContainer(id, 0));
  await step(rt.removeContainer(id));
  await step(rt.stopPodSandbox(sb));
  await step(rt.removePodSandbox(sb));
  // sandbox, container, (a listing: no change), start, stop, remove, sandbox stop, sandbox removal
  assert.deepEqual(seen.map((n, i) => (i === 0 ? 0 : n - seen[i - 1]!)), [0, 1, 1, 0, 1, 1, 1, 1, 1]);
});
