// The kubelet's projected service-account tokens over the fake cluster, on a clock the test moves:
// requested bound to the Pod, written into the volume with the kubelet's atomic layout, kept while
// fresh, renewed (and the file rewritten) once 80% of the lifetime has passed, and kept through a
// failed renewal until it expires. No root, no runc.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ServiceAccountTokenManager } from '../src/kubelet/tokenManager.js';
import { refreshLiveVolumes, setUpVolumes } from '../src/kubelet/volumes.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
import { pod as podOf, T0 } from './kubelet-fixtures.js';
let dir;
after(() => rm(dir, { recursive: true, force: true }));
test('a projected token is renewed at 80% of its lifetime and the file rewritten; a failed renewal keeps it until it expires', async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-token-refresh-'));
    let now = T0;
    const cluster = new FakeCluster();
    cluster.now = () => now;
    const tokens = new ServiceAccountTokenManager(cluster, () => now);
    const pod = podOf({
        serviceAccountName: 'robot',
        volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } }],
    });
    const src = {
        getConfigMap: async () => null, getSecret: async () => null, nodeAllocatable: {},
        serviceAccountToken: (s) => tokens.token(pod, s), getPersistentVolumeClaim: async () => null, getPersistentVolume: async () => null,
    };
    const uid = pod.metadata.uid;
    const file = join(dir, 'volumes', 'kubernetes.io~projected', 'api', 'token');
    await setUpVolumes(pod, dir, src);
    assert.equal(await readFile(file, 'utf8'), 'token-1');
    assert.deepEqual(cluster.tokenRequests, [{
            namespace: pod.metadata.namespace, name: 'robot',
            spec: { audiences: ['vault'], expirationSeconds: 600, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name, uid } },
        }]);
    assert.equal(tokens.refreshAt(uid), T0 + 480_000, '80% of 600 s');
    now = T0 + 479_000;
    assert.equal(tokens.refreshDue(uid), false);
    assert.deepEqual(await refreshLiveVolumes(pod, dir, src), []);
    assert.equal(await readFile(file, 'utf8'), 'token-1', 'still fresh: not requested again');
    assert.equal(cluster.tokenRequests.length, 1);
    now = T0 + 480_000;
    assert.equal(tokens.refreshDue(uid), true);
    assert.deepEqual(await refreshLiveVolumes(pod, dir, src), []);
    assert.equal(await readFile(file, 'utf8'), 'token-2');
    assert.equal(tokens.refreshAt(uid), now + 480_000);
    // The API is unreachable at the next renewal: the held token stays while it is valid, retried after 10 s.
    cluster.requestServiceAccountToken = async () => { throw new Error('connection refused'); };
    now += 480_000;
    assert.deepEqual(await refreshLiveVolumes(pod, dir, src), []);
    assert.equal(await readFile(file, 'utf8'), 'token-2');
    assert.equal(tokens.refreshAt(uid), now + 10_000);
    now += 120_000;
    const failed = await refreshLiveVolumes(pod, dir, src);
    assert.deepEqual(failed.map((e) => e.message), ['MountVolume.SetUp failed for volume "api" : failed to fetch token: connection refused']);
    assert.equal(await readFile(file, 'utf8'), 'token-2', 'a failed volume keeps its last content');
    tokens.forget(uid);
    assert.equal(tokens.refreshAt(uid), undefined);
});
//# sourceMappingURL=kubelet-token-refresh.test.js.map