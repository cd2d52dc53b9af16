// A real Kubelet over the fake runtime and the fake cluster, for the tests of its rules without root:
// started on a fresh data dir with busybox present, and a poll for what it reports of a Pod.

import assert from 'node:assert/strict';
import type { Pod } from '../../src/api/types.js';
import { Kubelet, type KubeletOptions } from '../../src/kubelet/kubelet.js';
import { FakeImages } from '../../src/runtime/fake/images.js';
import type { FakeRuntime } from '../../src/runtime/fake/runtime.js';
import type { FakeCluster } from '../kubelet-fake-cluster.js';

export interface FakeKubelet { kubelet: Kubelet; stop: () => Promise<void> }

export async function startFakeKubelet(cluster: FakeCluster, runtime: FakeRuntime, dataDir: string, extra: Partial<KubeletOptions> = {}): Promise<FakeKubelet> {
  const images = new FakeImages();
  images.present('busybox', { cmd: ['sh'] });
  const abort = new AbortController();
  const kubelet = new Kubelet({ nodeName: 'n1', cluster, runtime, images, dataDir, runtimeVersion: 'fake', log: () => {}, ...extra });
  await kubelet.start(abort.signal);
  return { kubelet, stop: async () => { abort.abort(); await kubelet.stop(); } };
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
