// Probes in the real Kubelet over the fake runtime and the fake cluster: exec probes whose answers the
// test scripts, so thresholds, the initial delay, startup gating, restarts and Events are seen as a
// user would see them (container status, Pod conditions, events), in real time with periodSeconds 1.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, test } from 'node:test';
import { FakeRuntime } from '../src/runtime/fake/runtime.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
import { startFakeKubelet, untilPod } from './support/fake-kubelet.js';
let dir;
let cluster;
let kubelet;
let runtime;
/** What each exec probe (named by its command's first word) answers now: its exit code. */
let answers;
/** Every probe exec: its first word and when it ran. */
let calls;
let seq = 0;
beforeEach(async () => {
    dir ??= await mkdtemp(join(tmpdir(), 'berth-probes-fake-'));
    cluster = new FakeCluster();
    answers = {};
    calls = [];
    runtime = new FakeRuntime({
        programFor: () => ({
            exec: (cmd) => {
                const what = cmd[0] ?? '';
                calls.push({ what, at: Date.now() });
                const exitCode = answers[what] ?? 0;
                return { exitCode, stdout: exitCode ? `${what} says no` : '' };
            },
        }),
    });
    kubelet = await startFakeKubelet(cluster, runtime, join(dir, String(++seq)));
});
afterEach(() => kubelet.stop());
after(() => rm(dir, { recursive: true, force: true }));
const probe = (what, extra = {}) => ({ exec: { command: [what] }, periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 1, ...extra });
function createPod(c, restartPolicy = 'Always') {
    const uid = `uid-${seq}-${Math.random().toString(36).slice(2)}`;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${seq}`, namespace: 'default', uid }, spec: { nodeName: 'n1', restartPolicy, containers: [{ name: 'app', image: 'busybox', ...c }] } };
    cluster.create(pod);
    return uid;
}
const until = (uid, what, ok, ms = 8_000) => untilPod(cluster, uid, what, ok, ms);
const app = (p) => p.status?.containerStatuses?.[0];
const cond = (p, type) => p.status?.conditions?.find((c) => c.type === type);
const messages = (reason) => cluster.events.filter((e) => e.reason === reason).map((e) => e.message);
test('readiness gates ready and the Ready/ContainersReady conditions, flipping only after the thresholds', async () => {
    answers.ready = 1;
    const uid = createPod({ readinessProbe: probe('ready', { failureThreshold: 2, successThreshold: 2 }) });
    let p = await until(uid, 'Running', (x) => app(x)?.state?.running !== undefined);
    assert.equal(app(p)?.ready, false, 'not ready before any success');
    assert.equal(app(p)?.started, true, 'started: it has no startup probe');
    await until(uid, 'probed', () => messages('Unhealthy').length > 0);
    p = cluster.get(uid);
    assert.equal(app(p)?.ready, false);
    assert.deepEqual([cond(p, 'Ready')?.status, cond(p, 'Ready')?.reason, cond(p, 'ContainersReady')?.status], ['False', 'ContainersNotReady', 'False']);
    assert.equal(messages('Unhealthy')[0], 'Readiness probe failed: ready says no');
    assert.equal(cluster.events.find((e) => e.reason === 'Unhealthy')?.fieldPath, 'spec.containers{app}');
    answers.ready = 0;
    const since = Date.now();
    p = await until(uid, 'Ready', (x) => cond(x, 'Ready')?.status === 'True');
    assert.equal(app(p)?.ready, true);
    assert.equal(cond(p, 'ContainersReady')?.status, 'True');
    assert.ok(Date.now() - since >= 900, 'two successes a period apart were needed');
    answers.ready = 1;
    const failing = calls.length;
    await until(uid, 'unready', (x) => app(x)?.ready === false);
    assert.ok(calls.filter((c) => c.what === 'ready').length - failing >= 2, 'two failures were needed');
    assert.equal(app(cluster.get(uid))?.restartCount, 0, 'readiness never restarts');
});
test('liveness failing past failureThreshold kills and restarts the container, with Unhealthy and Killing events, then backs off', async () => {
    answers.alive = 1;
    const uid = createPod({ livenessProbe: probe('alive', { failureThreshold: 2 }) });
    const p = await until(uid, 'restarted', (x) => (app(x)?.restartCount ?? 0) >= 1 && app(x)?.state?.running !== undefined);
    assert.equal(app(p)?.lastState?.terminated?.exitCode, 143, 'the first instance was stopped');
    assert.equal(app(p)?.ready, true, 'no readiness probe: ready once running');
    const unhealthy = messages('Unhealthy');
    assert.ok(unhealthy.length >= 2 && unhealthy.every((m) => m === 'Liveness probe failed: alive says no'), unhealthy.join('; '));
    assert.ok(messages('Killing').includes('Container app failed liveness probe, will be restarted'), messages('Killing').join('; '));
    assert.ok(cluster.reasons(p.metadata.name).filter((r) => r === 'Started').length >= 2);
    // As upstream: a kill soon after the previous one's end waits out the crash back-off.
    const waiting = await until(uid, 'in CrashLoopBackOff', (x) => app(x)?.state?.waiting?.reason === 'CrashLoopBackOff', 15_000);
    assert.equal(app(waiting)?.restartCount, 2);
    assert.match(app(waiting).state.waiting.message, /^back-off 10s restarting failed container=app /);
    assert.equal(app(waiting)?.lastState?.terminated?.exitCode, 143);
});
test('initialDelaySeconds holds the first liveness probe back', async () => {
    const uid = createPod({ livenessProbe: probe('alive', { initialDelaySeconds: 2 }) });
    const p = await until(uid, 'Running', (x) => app(x)?.state?.running !== undefined);
    const started = Date.parse(app(p).state.running.startedAt);
    await until(uid, 'probed', () => calls.length > 0, 5_000);
    assert.ok(calls[0].at - started >= 1_900, `first probe ${calls[0].at - started} ms after the start`);
});
test('a startup probe holds liveness and readiness back and keeps the container unstarted and unready until it succeeds', async () => {
    answers.startup = 1;
    const uid = createPod({ startupProbe: probe('startup', { failureThreshold: 30 }), livenessProbe: probe('alive'), readinessProbe: probe('ready') });
    let p = await until(uid, 'Running', (x) => app(x)?.state?.running !== undefined);
    await until(uid, 'startup probed twice', () => calls.filter((c) => c.what === 'startup').length >= 2);
    p = cluster.get(uid);
    assert.deepEqual([app(p)?.started, app(p)?.ready], [false, false]);
    assert.deepEqual(calls.filter((c) => c.what !== 'startup'), [], 'liveness and readiness wait for startup');
    answers.startup = 0;
    p = await until(uid, 'started and ready', (x) => app(x)?.started === true && app(x)?.ready === true);
    const startupRuns = calls.filter((c) => c.what === 'startup').length;
    await until(uid, 'liveness probed', () => calls.some((c) => c.what === 'alive'));
    await new Promise((r) => setTimeout(r, 1_200));
    assert.equal(calls.filter((c) => c.what === 'startup').length, startupRuns, 'startup probes stop after success');
    assert.equal(app(cluster.get(uid))?.restartCount, 0);
});
test('a failed startup probe kills the container; with restartPolicy Never it is not restarted and the Pod fails', async () => {
    answers.startup = 1;
    const uid = createPod({ startupProbe: probe('startup', { failureThreshold: 2, terminationGracePeriodSeconds: 1 }) }, 'Never');
    const p = await until(uid, 'Failed', (x) => x.status?.phase === 'Failed');
    assert.equal(app(p)?.state?.terminated?.exitCode, 143);
    assert.equal(app(p)?.restartCount, 0);
    assert.ok(messages('Killing').includes('Container app failed startup probe'), messages('Killing').join('; '));
    assert.ok(messages('Unhealthy').includes('Startup probe failed: startup says no'));
});
test('on a node whose Pod IPs lead nowhere (hollow nodes) network probes pass and exec probes still run', async () => {
    await kubelet.stop();
    kubelet = await startFakeKubelet(cluster, runtime, join(dir, `${++seq}-hollow`), { podNetworkReachable: false });
    const uid = createPod({ readinessProbe: { ...probe('unused'), exec: undefined, httpGet: { path: '/', port: 80 } }, livenessProbe: probe('alive') });
    const p = await until(uid, 'ready', (x) => app(x)?.ready === true);
    assert.equal(cond(p, 'Ready')?.status, 'True');
    answers.alive = 1;
    await until(uid, 'restarted by its exec liveness probe', (x) => (app(x)?.restartCount ?? 0) >= 1);
});
//# sourceMappingURL=kubelet-probes-fake.test.js.map