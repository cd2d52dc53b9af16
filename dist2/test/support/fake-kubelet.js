// A real Kubelet over the fake runtime and the fake cluster, for the tests of its rules without root:
// started on a fresh data dir with busybox present, Pods created as the API server would bind them, and
// a poll for what the kubelet reports of a Pod.
import assert from 'node:assert/strict';
import { Kubelet } from '../../src/kubelet/kubelet.js';
import { FakeImages } from '../../src/runtime/fake/images.js';
import { FakeRuntime } from '../../src/runtime/fake/runtime.js';
import { FakeCluster } from '../kubelet-fake-cluster.js';
/** A started kubelet on node n1 over the given cluster and runtime; busybox is present (with `imageEnv`). */
export async function startFakeKubelet(cluster, runtime, dataDir, extra = {}, imageEnv) {
    const images = new FakeImages();
    images.present('busybox', { cmd: ['sh'], ...(imageEnv ? { env: imageEnv } : {}) });
    const abort = new AbortController();
    const kubelet = new Kubelet({ nodeName: 'n1', cluster, runtime, images, dataDir, runtimeVersion: 'fake', log: () => { }, ...extra });
    await kubelet.start(abort.signal);
    return { kubelet, stop: async () => { abort.abort(); await kubelet.stop(); } };
}
/** A fresh cluster and runtime with a kubelet started on them; programFor says what each container does. */
export async function startFakeNode(dataDir, programFor, imageEnv) {
    const cluster = new FakeCluster();
    const runtime = new FakeRuntime({ programFor });
    return { cluster, runtime, ...(await startFakeKubelet(cluster, runtime, dataDir, {}, imageEnv)) };
}
let podSeq = 0;
/** A Pod bound to n1, created in the fake cluster. */
export function createPod(cluster, spec) {
    const n = ++podSeq;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${n}`, namespace: 'default', uid: `uid-${n}-${Math.random().toString(36).slice(2)}` }, spec: { nodeName: 'n1', ...spec } };
    cluster.create(pod);
    return pod;
}
/** Polls the fake cluster until the Pod satisfies ok; fails with its last status. */
export async function untilPod(cluster, uid, what, ok, ms = 5_000) {
    const deadline = Date.now() + ms;
    for (;;) {
        const p = cluster.get(uid);
        if (p && ok(p))
            return p;
        if (Date.now() > deadline)
            assert.fail(`pod never ${what}: ${JSON.stringify(p?.status)}`);
        await new Promise((r) => setTimeout(r, 20));
    }
}
//# sourceMappingURL=fake-kubelet.js.map