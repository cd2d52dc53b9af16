// A real Kubelet over the fake runtime and the fake cluster, for the tests of its rules without root:
// started on a fresh data dir with busybox present, Pods created as the API server would bind them, and
// a poll for what the kubelet reports of a Pod.

import assert from 'node:assert/strict';
import type { Container, Pod, PodSpec } from '../../src/api/types.js';
import { Kubelet, type KubeletOptions } from '../../src/kubelet/kubelet.js';
import type { ContainerConfig } from '../../src/runtime/types.js';
import { FakeImages } from '../../src/runtime/fake/images.js';
import { FakeRuntime, type FakeProgram } from '../../src/runtime/fake/runtime.js';
import { FakeCluster } from '../kubelet-fake-cluster.js';

export interface FakeKubelet { kubelet: Kubelet; stop: () => Promise<void> }

/** A started kubelet on node n1 over the given cluster and runtime; busybox is present (with `imageEnv`). */
export async function startFakeKubelet(cluster: FakeCluster, runtime: FakeRuntime, dataDir: string, extra: Partial<KubeletOptions> = {}, imageEnv?: string[]): Promise<FakeKubelet> {
  const images = new FakeImages();
  images.present('busybox', { cmd: ['sh'], ...(imageEnv ? { env: imageEnv } : {}) });
  const abort = new AbortController();
  const kubelet = new Kubelet({ nodeName: 'n1', cluster, runtime, images, dataDir, runtimeVersion: 'fake', log: () => {}, ...extra });
  await kubelet.start(abort.signal);
  return { kubelet, stop: async () => { abort.abort(); await kubelet.stop(); } };
}

export interface FakeNode extends FakeKubelet { cluster: FakeCluster; runtime: FakeRuntime }

/** A fresh cluster and runtime with a kubelet started on them; programFor says what each container does. */
export async function startFakeNode(dataDir: string, programFor: (cfg: ContainerConfig) => FakeProgram, imageEnv?: string[]): Promise<FakeNode> {
  const cluster = new FakeCluster();
  const runtime = new FakeRuntime({ programFor });
  return { cluster, runtime, ...(await startFakeKubelet(cluster, runtime, dataDir, {}, imageEnv)) };
}

let podSeq = 0;

/** A Pod bound to n1, created in the fake cluster. */
export function createPod(cluster: FakeCluster, spec: Partial<PodSpec> & { containers: Container[] }): Pod {
  const n = ++podSeq;
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${n}`, namespace: 'default', uid: `uid-${n}-${Math.random().toString(36).slice(2)}` }, spec: { nodeName: 'n1', ...spec } };
  cluster.create(pod);
  return pod;
}

/** Polls the fake cluster until the Pod satisfies ok; fails with its last status. */
export async function untilPod(cluster: FakeCluster, uid: string, what: string, ok: (p: Pod) => boolean, ms = 5_000): Promise<Pod> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = cluster.get(uid);
    if (p && ok(p)) return p;
    if (Date.now() > deadline) assert.fail(`pod never ${what}: ${JSON.stringify(p?.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
