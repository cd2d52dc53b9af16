import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computePodActions } from '../src/kubelet/podActions.js';
import { backoffKey, backoffNext, goDuration } from '../src/kubelet/backoff.js';
import { T0, ctr, iso, observed, pod, sandbox } from './kubelet-fixtures.js';
const two = { containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] };
const withInit = { initContainers: [{ name: 'i1', image: 'busybox' }, { name: 'i2', image: 'busybox' }] };
const backedOff = (delayMs, at = T0) => new Map([[backoffKey('uid-1', 'app'), { delayMs, lastUpdateMs: at }]]);
const rows = [
    { name: 'new pod: create sandbox, start all', pod: pod(two), obs: observed([], []), want: { createSandbox: true, killPod: false, attempt: 0, containersToStart: ['a', 'b'] } },
    { name: 'new pod with init: first init only', pod: pod({ ...withInit }), obs: observed([], []), want: { createSandbox: true, initContainersToStart: ['i1'], containersToStart: [] } },
    { name: 'dead sandbox: kill and recreate with next attempt', pod: pod(), obs: observed([ctr('app', 'running')], [sandbox('notready', 2)]), want: { killPod: true, createSandbox: true, attempt: 3, containersToStart: ['app'] } },
    { name: 'dead sandbox, Never, containers ran: just kill', pod: pod({ restartPolicy: 'Never' }), obs: observed([ctr('app', 'exited', { exit: 0 })], [sandbox('notready')]), want: { killPod: true, createSandbox: false } },
    { name: 'dead sandbox, OnFailure, all succeeded: just kill', pod: pod({ restartPolicy: 'OnFailure' }), obs: observed([ctr('app', 'exited', { exit: 0 })], [sandbox('notready')]), want: { killPod: true, createSandbox: false } },
    { name: 'running: nothing to do', pod: pod(), obs: observed([ctr('app', 'running')]), want: { killPod: false, createSandbox: false, sandboxId: 'sb0', containersToStart: [], containersToKill: [] } },
    { name: 'second container missing: start it', pod: pod(two), obs: observed([ctr('a', 'running')]), want: { containersToStart: ['b'] } },
    { name: 'Always, exited 0, no backoff yet: restart now', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 0 })]), now: T0 + 2000, want: { containersToStart: ['app'], backingOff: [] } },
    { name: 'OnFailure, exited 0: done, kill pod', pod: pod({ restartPolicy: 'OnFailure' }), obs: observed([ctr('app', 'exited', { exit: 0 })]), want: { containersToStart: [], killPod: true } },
    { name: 'OnFailure, exited 1: restart', pod: pod({ restartPolicy: 'OnFailure' }), obs: observed([ctr('app', 'exited', { exit: 1 })]), want: { containersToStart: ['app'], killPod: false } },
    { name: 'Never, exited 1: done', pod: pod({ restartPolicy: 'Never' }), obs: observed([ctr('app', 'exited', { exit: 1 })]), want: { containersToStart: [], killPod: true } },
    { name: 'Never, one of two still running: keep', pod: pod({ ...two, restartPolicy: 'Never' }), obs: observed([ctr('a', 'exited', { exit: 1 }), ctr('b', 'running')]), want: { containersToStart: [], killPod: false } },
    {
        name: 'in backoff: wait, CrashLoopBackOff message, next sync at expiry',
        pod: pod(), obs: observed([ctr('app', 'exited', { exit: 1, restart: 3, finishedAt: T0 + 1000 })]), now: T0 + 5000, backoff: backedOff(40_000),
        want: { containersToStart: [], killPod: false, nextSyncAtMs: T0 + 41_000, backingOff: [{ name: 'app', delayMs: 40_000, message: 'back-off 40s restarting failed container=app pod=web_default(uid-1)' }] },
    },
    { name: 'backoff elapsed: restart', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 1, finishedAt: T0 + 1000 })]), now: T0 + 12_000, backoff: backedOff(10_000), want: { containersToStart: ['app'], backingOff: [] } },
    { name: 'backoff forgotten after 10 min quiet', pod: pod(), obs: observed([ctr('app', 'exited', { exit: 1, finishedAt: T0 + 700_000 })]), now: T0 + 700_500, backoff: backedOff(300_000), want: { containersToStart: ['app'] } },
    { name: 'created but never started: kill and start afresh', pod: pod(), obs: observed([ctr('app', 'created')]), want: { containersToStart: ['app'], containersToKill: [{ id: 'app-0', name: 'app', reason: 'Unknown', message: 'Container app is in state created, will be restarted' }] } },
    { name: 'unknown (exit being recorded): wait, no restart', pod: pod(), obs: observed([ctr('app', 'unknown')]), want: { containersToStart: [], containersToKill: [], killPod: false } },
    { name: 'init 1 running: wait', pod: pod(withInit), obs: observed([ctr('i1', 'running')]), want: { initContainersToStart: [], containersToStart: [], killPod: false } },
    { name: 'init 1 done: start init 2', pod: pod(withInit), obs: observed([ctr('i1', 'exited', { exit: 0 })]), want: { initContainersToStart: ['i2'], containersToStart: [] } },
    { name: 'inits done: start containers', pod: pod(withInit), obs: observed([ctr('i1', 'exited'), ctr('i2', 'exited')]), want: { initContainersToStart: [], containersToStart: ['app'] } },
    { name: 'init failed, Never: kill pod', pod: pod({ ...withInit, restartPolicy: 'Never' }), obs: observed([ctr('i1', 'exited', { exit: 2 })]), want: { killPod: true, initContainersToStart: [], containersToStart: [] } },
    { name: 'init failed, OnFailure: restart it', pod: pod({ ...withInit, restartPolicy: 'OnFailure' }), obs: observed([ctr('i1', 'exited', { exit: 2 })]), want: { killPod: false, initContainersToStart: ['i1'] } },
    { name: 'init of an old sandbox does not count', pod: pod(withInit), obs: observed([ctr('i1', 'exited', { sandboxId: 'old' }), ctr('i2', 'exited', { sandboxId: 'old' })]), want: { initContainersToStart: ['i1'] } },
    { name: 'regular container seen: init considered done', pod: pod(withInit), obs: observed([ctr('app', 'running')]), want: { initContainersToStart: [], containersToStart: [] } },
    { name: 'stale running instance is killed', pod: pod(), obs: observed([ctr('app', 'running', { restart: 0 }), ctr('app', 'running', { restart: 1 })]), want: { containersToKill: [{ id: 'app-0', name: 'app', reason: 'Superseded', message: 'Container app has a newer instance' }] } },
    { name: 'terminal phase never restarts', pod: pod({}, { status: { phase: 'Failed' } }), obs: observed([ctr('app', 'exited', { exit: 1 })]), want: { killPod: true, containersToStart: [], createSandbox: false } },
];
for (const r of rows) {
    test(`computePodActions: ${r.name}`, () => {
        const got = computePodActions(r.pod, r.obs, r.now ?? T0 + 1500, r.backoff ?? new Map());
        const picked = Object.fromEntries(Object.keys(r.want).map((k) => [k, got[k]]));
        assert.deepEqual(picked, r.want);
    });
}
test('computePodActions plans termination: running containers stopped with the deletion grace, then the ready sandboxes', () => {
    const deleting = pod(two, { metadata: { name: 'web', namespace: 'default', uid: 'uid-1', deletionTimestamp: iso(T0), deletionGracePeriodSeconds: 7 } });
    const obs = observed([ctr('a', 'running'), ctr('b', 'exited', { exit: 0 })], [sandbox('ready', 1), sandbox('notready', 0)]);
    const a = computePodActions(deleting, obs, T0, new Map(), undefined, 'terminating');
    assert.equal(a.killPod, true);
    assert.deepEqual(a.kill, { graceSeconds: 7, steps: [[{ id: 'a-0', name: 'a', reason: 'Killing', message: 'Stopping container a' }]], sandboxIds: ['sb1'] });
    assert.deepEqual([a.createSandbox, a.containersToStart, a.initContainersToStart], [false, [], []], 'nothing is started');
    // An orphan (no Pod in the API): every sandbox is stopped, and the runtime stops what is in it.
    assert.deepEqual(computePodActions(undefined, obs, T0, new Map(), undefined, 'terminating').kill, { graceSeconds: 0, steps: [], sandboxIds: ['sb1', 'sb0'] });
    // A Pod that ended while syncing is stopped with the spec's grace period.
    assert.equal(computePodActions(pod({ ...two, terminationGracePeriodSeconds: 4 }, { status: { phase: 'Failed' } }), obs, T0, new Map()).kill?.graceSeconds, 4);
});
test('computePodActions plans cleanup once terminated: every container and sandbox is removed', () => {
    const obs = observed([ctr('a', 'exited'), ctr('a', 'exited', { restart: 1 })], [sandbox('notready', 1), sandbox('notready', 0)]);
    const a = computePodActions(pod(two), obs, T0, new Map(), undefined, 'terminated');
    assert.deepEqual(a.cleanup, { containerIds: ['a-0', 'a-1'], sandboxIds: ['sb1', 'sb0'] });
    assert.equal(a.killPod, false);
});
test('backoff doubles from 10s to a 300s cap and resets after 10 min', () => {
    const key = 'k';
    let state = new Map();
    const delays = [];
    for (let i = 0; i < 7; i++) {
        const e = backoffNext(state, key, T0 + i * 1000);
        state = new Map([[key, e]]);
        delays.push(e.delayMs);
    }
    assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    assert.equal(backoffNext(state, key, T0 + 6000 + 600_001).delayMs, 10_000);
});
test('goDuration prints like Go', () => {
    assert.deepEqual([10_000, 80_000, 300_000, 3_723_000].map(goDuration), ['10s', '1m20s', '5m0s', '1h2m3s']);
});
//# sourceMappingURL=kubelet-pod-actions.test.js.map