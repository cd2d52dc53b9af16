// The kubelet over a real RuncRuntime and ImageStore, with an in-memory cluster above it: Pods go
// from Pending to Running to Succeeded, crash, restart, get hooks, and are deleted gracefully.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubelet } from '../src/kubelet/kubelet.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { CniNetwork } from '../src/runtime/cni/network.js';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { cleanupAll } from '../src/runtime/runc/cleanup.js';
import { makePauseRootfs } from '../src/runtime/runc/pause.js';
import { RuncRuntime } from '../src/runtime/runc/runtime.js';
import { ensureTestImages } from './support/images.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
import { until } from './support/wait.js';
let dir;
let cluster;
let kubelet;
let runtime;
let images;
let startKubelet;
let stopKubelet;
let cleanupRuntime;
let n = 0;
before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-kubelet-'));
    await ensureTestImages(dir);
    images = new ImageStore({ root: join(dir, 'images') });
    const tag = Math.floor(Math.random() * 0xffff);
    const { bridge, cgroupRoot } = await hostNamesFor(dir);
    const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR: `10.${200 + (tag % 50)}.${tag >> 8}.0/24`, bridge, stateDir: join(dir, 'cni') });
    const opts = { root: join(dir, 'runtime'), rootfs: images, pauseRootfs: await makePauseRootfs(join(dir, 'pause')), cni, cgroupRoot };
    cluster = new FakeCluster();
    let abort = new AbortController();
    // Each start is a fresh kubelet over a fresh runtime object on the same state, as after a restart.
    startKubelet = async () => {
        abort = new AbortController();
        runtime = new RuncRuntime(opts);
        kubelet = new Kubelet({ nodeName: 'n1', cluster, runtime, images, dataDir: join(dir, 'kubelet'), log: () => { } });
        await kubelet.start(abort.signal);
    };
    stopKubelet = async () => {
        abort.abort();
        await kubelet.stop();
    };
    cleanupRuntime = () => cleanupAll(opts.root, { cni, rootfs: images, cgroupRoot });
    await startKubelet();
});
after(async () => {
    await stopKubelet?.();
    await cleanupRuntime?.();
    await rm(dir, { recursive: true, force: true });
});
function makePod(name, containers, spec = {}) {
    const pod = {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name, namespace: 'default', uid: `uid-${name}-${++n}` },
        spec: { nodeName: 'n1', terminationGracePeriodSeconds: 5, containers: containers.map((c) => ({ image: 'busybox', imagePullPolicy: 'IfNotPresent', ...c })), ...spec },
        status: { phase: 'Pending' },
    };
    cluster.create(pod);
    return pod;
}
const statusOf = (p) => cluster.get(p.metadata.uid)?.status;
test('node registered with capacity, conditions and a lease', async () => {
    const node = cluster.node;
    assert.equal(node.metadata.name, 'n1');
    assert.equal(node.status?.capacity?.pods, '110');
    assert.match(node.status?.nodeInfo?.containerRuntimeVersion ?? '', /^runc:\/\//);
    assert.deepEqual(node.status?.conditions?.map((c) => `${c.type}=${c.status}`), ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    await until('lease', () => cluster.lease);
    assert.equal(cluster.lease?.spec?.holderIdentity, 'n1');
});
test('a pod runs, becomes Ready, sees its hosts file and env; deletion is graceful', async () => {
    const p = makePod('web', [{
            name: 'app', command: ['sh', '-c', 'echo hello $(GREETING); cat /etc/hosts; trap "exit 0" TERM; sleep 1000 & wait'],
            env: [{ name: 'GREETING', value: 'world' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        }]);
    const s = await until('Running', () => statusOf(p)?.phase === 'Running' && statusOf(p));
    const cs = s.containerStatuses[0];
    assert.ok(cs.state?.running);
    assert.equal(cs.ready, true);
    assert.match(cs.containerID ?? '', /^runc:\/\//);
    assert.match(s.podIP ?? '', /^10\./);
    assert.equal(s.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    const log = join(dir, 'kubelet', 'logs', `default_web_${p.metadata.uid}`, 'app', '0.log');
    const content = await until('log lines', () => readFile(log, 'utf8').then((t) => t.includes('\tweb') && t, () => undefined));
    assert.match(content, /stdout F hello world/);
    assert.match(content, new RegExp(`${s.podIP}\tweb`));
    assert.deepEqual(cluster.reasons('web').filter((r) => r !== 'Pulled'), ['Created', 'Started']);
    cluster.markDeleted(p.metadata.uid, 5);
    await until('deleted', () => !cluster.get(p.metadata.uid));
    assert.ok(cluster.reasons('web').includes('Killing'));
});
test('restartPolicy Never: Succeeded with Completed, Failed with Error; init containers run first', async () => {
    const ok = makePod('ok', [{ name: 'main', command: ['sh', '-c', 'test -f /work/ready'], volumeMounts: [{ name: 'w', mountPath: '/work' }] }], {
        restartPolicy: 'Never',
        initContainers: [{ name: 'prep', image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['touch', '/work/ready'], volumeMounts: [{ name: 'w', mountPath: '/work' }] }],
        volumes: [{ name: 'w', emptyDir: {} }],
    });
    const bad = makePod('bad', [{ name: 'main', command: ['sh', '-c', 'exit 3'] }], { restartPolicy: 'Never' });
    const s = await until('ok Succeeded', () => statusOf(ok)?.phase === 'Succeeded' && statusOf(ok));
    assert.equal(s.initContainerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
    assert.equal(s.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
    assert.equal(s.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
    const b = await until('bad Failed', () => statusOf(bad)?.phase === 'Failed' && statusOf(bad));
    assert.deepEqual({ ...b.containerStatuses?.[0]?.state?.terminated, startedAt: undefined, finishedAt: undefined, containerID: undefined }, { exitCode: 3, reason: 'Error', startedAt: undefined, finishedAt: undefined, containerID: undefined });
});
test('a crashing container restarts, then waits in CrashLoopBackOff with a BackOff event', async () => {
    const p = makePod('crash', [{ name: 'c', command: ['sh', '-c', 'exit 1'] }]);
    const s = await until('CrashLoopBackOff', () => statusOf(p)?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' && statusOf(p));
    const cs = s.containerStatuses[0];
    assert.equal(cs.restartCount, 1);
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
    assert.equal(cs.state?.waiting?.message, `back-off 10s restarting failed container=c pod=crash_default(${p.metadata.uid})`);
    assert.equal(s.phase, 'Running');
    assert.ok(cluster.reasons('crash').includes('BackOff'));
    cluster.markDeleted(p.metadata.uid, 0);
    await until('deleted', () => !cluster.get(p.metadata.uid));
});
test('missing configMap → CreateContainerConfigError; image Never absent → ErrImageNeverPull', async () => {
    const p = makePod('cfg', [{ name: 'c', command: ['true'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }]);
    const w = await until('config error', () => statusOf(p)?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError' && statusOf(p).containerStatuses[0].state.waiting);
    assert.equal(w.message, 'configmap "nope" not found');
    assert.ok(cluster.events.some((e) => e.pod === 'cfg' && e.reason === 'Failed' && e.message === 'Error: configmap "nope" not found'));
    const q = makePod('never', [{ name: 'c', image: 'example.com/absent:1', imagePullPolicy: 'Never' }]);
    const w2 = await until('never pull', () => statusOf(q)?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImageNeverPull' && statusOf(q).containerStatuses[0].state.waiting);
    assert.equal(w2.message, 'Container image "example.com/absent:1" is not present with pull policy of Never');
    for (const x of [p, q])
        cluster.markDeleted(x.metadata.uid, 0);
    await until('deleted', () => !cluster.get(p.metadata.uid) && !cluster.get(q.metadata.uid));
});
test('postStart failure kills the container with PostStartHookError; preStop runs before stop', async () => {
    const p = makePod('hooks', [{
            name: 'c', command: ['sh', '-c', 'sleep 1000'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 7'] } } },
        }], { restartPolicy: 'Never' });
    await until('FailedPostStartHook', () => cluster.reasons('hooks').includes('FailedPostStartHook'));
    const ev = cluster.events.find((e) => e.pod === 'hooks' && e.reason === 'FailedPostStartHook');
    assert.match(ev.message, /^Exec lifecycle hook \(\[sh -c exit 7\]\) for Container "c" in Pod "hooks_default\(.*\)" failed - error: command 'sh -c exit 7' exited with 7/);
    await until('PostStartHookError', () => statusOf(p)?.containerStatuses?.[0]?.state?.waiting?.reason === 'PostStartHookError');
    const q = makePod('prestop', [{
            name: 'c', command: ['sh', '-c', 'sleep 1000'], volumeMounts: [{ name: 'h', mountPath: '/h' }],
            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo bye > /h/prestop'] } } },
        }], { volumes: [{ name: 'h', hostPath: { path: join(dir, 'prestop-host'), type: 'DirectoryOrCreate' } }] });
    await until('running', () => statusOf(q)?.phase === 'Running');
    cluster.markDeleted(q.metadata.uid, 3);
    await until('deleted', () => !cluster.get(q.metadata.uid));
    assert.equal(await readFile(join(dir, 'prestop-host', 'prestop'), 'utf8'), 'bye\n');
    cluster.markDeleted(p.metadata.uid, 0);
});
test('a restarted kubelet adopts running containers and removes sandboxes of vanished pods', async () => {
    const keep = makePod('keep', [{ name: 'c', command: ['sleep', '1000'] }]);
    const gone = makePod('gone', [{ name: 'c', command: ['sleep', '1000'] }]);
    const before = await until('both running', () => statusOf(keep)?.phase === 'Running' && statusOf(gone)?.phase === 'Running' && statusOf(keep));
    await stopKubelet();
    cluster.pods.delete(gone.metadata.uid); // deleted while no kubelet was watching
    await startKubelet();
    await until('orphan sandbox removed', async () => !(await runtime.listPodSandboxes()).some((s) => s.podUid === gone.metadata.uid));
    await kubelet.idle();
    const after = statusOf(keep);
    assert.equal(after.phase, 'Running');
    assert.equal(after.containerStatuses?.[0]?.containerID, before.containerStatuses?.[0]?.containerID);
    assert.equal(after.containerStatuses?.[0]?.restartCount, 0);
    assert.ok(!cluster.reasons('keep').includes('Killing'));
    cluster.markDeleted(keep.metadata.uid, 0);
    await until('deleted', () => !cluster.get(keep.metadata.uid));
});
//# sourceMappingURL=kubelet-e2e.test.js.map