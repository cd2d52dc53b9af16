// A real Kubelet over the fake runtime and the fake cluster, for tests of pod-sync rules without root:
// start one per test, create Pods as the API server would bind them, wait for what the kubelet reports.

import assert from 'node:assert/strict';
import type { Container, Pod, PodSpec } from '../src/api/types.js';
import { Kubelet } from '../src/kubelet/kubelet.js';
import type { ContainerConfig } from '../src/runtime/types.js';
import { FakeImages } from '../src/runtime/fake/images.js';
import { FakeRuntime, type FakeProgram } from '../src/runtime/fake/runtime.js';
import { FakeCluster } from './kubelet-fake-cluster.js';

export interface FakeNode { cluster: FakeCluster; runtime: FakeRuntime; kubelet: Kubelet; stop(): Promise<void> }

/** A started kubelet on node n1 with the image busybox (given `imageEnv`); programFor says what each container does. */
export async function startFakeNode(dataDir: string, programFor: (cfg: ContainerConfig) => FakeProgram, imageEnv?: string[]): Promise<FakeNode> {
  const cluster = new FakeCluster();
  const runtime = new FakeRuntime({ programFor });
  const images = new FakeImages();
  images.present('busybox', { cmd: ['sh'], ...(imageEnv ? { env: imageEnv } : {}) });
  const abort = new AbortController();
  const kubelet = new Kubelet({ nodeName: 'n1', cluster, runtime, images, dataDir, runtimeVersion: 'fake', log: () => {} });
  await kubelet.start(abort.signal);
  return { cluster, runtime, kubelet, stop: async () => { abort.abort(); await kubelet.stop(); } };
}

let podSeq = 0;

/** A Pod bound to n1, created in the fake cluster. */
export function createPod(cluster: FakeCluster, spec: Partial<PodSpec> & { containers: Container[] }): Pod {
  const n = ++podSeq;
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${n}`, namespace: 'default', uid: `uid-${n}-${Math.random().toString(36).slice(2)}` }, spec: { nodeName: 'n1', ...spec } };
  cluster.create(pod);
  return pod;
}

/** The Pod once `ok` holds for it, failing with its last status after `ms`. */
export async function untilPod(cluster: FakeCluster, uid: string, what: string, ok: (p: Pod) => boolean, ms = 5_000): Promise<Pod> {
  const deadline = Date.now() + ms;
  for (;;) {
    const p = cluster.get(uid);
    if (p && ok(p)) return p;
    if (Date.now() > deadline) assert.fail(`pod never ${what}: ${JSON.stringify(p?.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
