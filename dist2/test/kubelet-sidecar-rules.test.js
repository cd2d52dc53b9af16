// Native sidecars (KEP-753, initContainers[].restartPolicy: Always) in the kubelet's pure rules: what
// computePodActions starts, restarts and stops, and how computePodStatus counts them for the phase and
// the Initialized and Ready conditions. Table rows as upstream's kuberuntime and status tests state them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffKey } from '../src/kubelet/backoff.js';
import { computePodActions } from '../src/kubelet/podActions.js';
import { computePodStatus } from '../src/kubelet/podStatus.js';
import { T0, ctr, observed, pod } from './kubelet-fixtures.js';
const side = (name, extra = {}) => ({ name, image: 'busybox', restartPolicy: 'Always', ...extra });
const init = (name) => ({ name, image: 'busybox' });
/** A logging sidecar, then a regular init container, then the app. */
const spec = { initContainers: [side('log'), init('setup')] };
const notStarted = (id) => ({ failed: () => undefined, isStarted: (_c, cid) => cid !== id });
const rows = [
    { name: 'new pod: the sidecar starts first, alone', pod: pod(spec), obs: observed([], []), want: { createSandbox: true, initContainersToStart: ['log'], containersToStart: [] } },
    { name: 'sidecar running and started: the next init container starts', pod: pod(spec), obs: observed([ctr('log', 'running')]), want: { initContainersToStart: ['setup'], containersToStart: [] } },
    { name: 'sidecar running, startup probe not passed yet: wait', pod: pod(spec), obs: observed([ctr('log', 'running')]), probes: notStarted('log-0'), want: { initContainersToStart: [], containersToStart: [], killPod: false } },
    { name: 'sidecar running, init done: the app starts, the sidecar is left running', pod: pod(spec), obs: observed([ctr('log', 'running'), ctr('setup', 'exited')]), want: { initContainersToStart: [], containersToStart: ['app'] } },
    {
        name: 'sidecar exited while the app runs, restartPolicy Never: restarted anyway',
        pod: pod({ ...spec, restartPolicy: 'Never' }), obs: observed([ctr('log', 'exited', { exit: 0 }), ctr('setup', 'exited'), ctr('app', 'running')]), now: T0 + 2000,
        want: { initContainersToStart: ['log'], containersToStart: [], killPod: false },
    },
    {
        name: 'sidecar exited before init finished: restarted, the next init container keeps waiting for it',
        pod: pod(spec), obs: observed([ctr('log', 'exited', { exit: 1 })]),
        want: { initContainersToStart: ['log'], containersToStart: [] },
    },
    {
        name: 'app done with restartPolicy Never: the Pod is stopped, sidecar included, and the sidecar is not restarted',
        pod: pod({ ...spec, restartPolicy: 'Never' }), obs: observed([ctr('log', 'exited', { exit: 1 }), ctr('setup', 'exited'), ctr('app', 'exited', { exit: 0 })]),
        want: { killPod: true, initContainersToStart: [], containersToStart: [], backingOff: [] },
    },
    {
        name: 'sidecar that failed its liveness probe: killed with the init container message and restarted',
        pod: pod(spec), obs: observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'running')]),
        probes: { failed: (id) => (id === 'log-0' ? { probe: 'liveness' } : undefined) },
        want: { initContainersToStart: ['log'], containersToKill: [{ id: 'log-0', name: 'log', reason: 'ProbeFailure', message: 'Init container log failed liveness probe' }] },
    },
];
for (const r of rows) {
    test(`sidecar actions: ${r.name}`, () => {
        const got = computePodActions(r.pod, r.obs, r.now ?? T0 + 1500, new Map(), r.probes);
        assert.deepEqual(Object.fromEntries(Object.keys(r.want).map((k) => [k, got[k]])), r.want);
    });
}
test('sidecar actions: a sidecar that keeps crashing backs off as any container does', () => {
    const backoff = new Map([[backoffKey('uid-1', 'log'), { delayMs: 20_000, lastUpdateMs: T0 }]]);
    const a = computePodActions(pod(spec), observed([ctr('log', 'exited', { exit: 1, restart: 2, finishedAt: T0 + 1000 }), ctr('setup', 'exited'), ctr('app', 'running')]), T0 + 5000, backoff);
    assert.deepEqual(a.initContainersToStart, []);
    assert.deepEqual(a.backingOff.map((b) => [b.name, b.delayMs]), [['log', 20_000]]);
    assert.equal(a.nextSyncAtMs, T0 + 21_000);
});
test('sidecar kill plan: the app containers first, then the sidecars one at a time in reverse order', () => {
    const p = pod({ initContainers: [side('first'), init('setup'), side('second')], containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }], terminationGracePeriodSeconds: 9 });
    const obs = observed([ctr('first', 'running'), ctr('setup', 'exited'), ctr('second', 'running'), ctr('a', 'running'), ctr('b', 'running')]);
    const a = computePodActions(p, obs, T0, new Map(), undefined, 'terminating');
    assert.deepEqual(a.kill?.steps.map((step) => step.map((k) => k.name)), [['a', 'b'], ['second'], ['first']]);
    assert.equal(a.kill?.graceSeconds, 9);
});
const statusOf = (p, obs, probes) => computePodStatus(p, {
    observed: obs, waiting: new Map(), hostIP: '192.0.2.1', now: new Date(T0 + 60_000),
    ...(probes ? { probes: { isReady: (_c, id) => probes.ready?.includes(id) ?? false, isStarted: (_c, id) => probes.started?.includes(id) ?? true } } : {}),
});
const cond = (p, type) => p.conditions?.find((c) => c.type === type);
test('sidecar status: in initContainerStatuses with started and ready; not counted for the phase once stopped', () => {
    const never = pod({ ...spec, restartPolicy: 'Never' });
    const phases = [
        ['sidecar started, init running', observed([ctr('log', 'running'), ctr('setup', 'running')]), 'Pending'],
        ['app running beside the sidecar', observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'running')]), 'Running'],
        ['app succeeded, sidecar still stopping', observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'exited', { exit: 0 })]), 'Running'],
        ['app succeeded, sidecar stopped by the kubelet (143)', observed([ctr('log', 'exited', { exit: 143 }), ctr('setup', 'exited'), ctr('app', 'exited', { exit: 0 })]), 'Succeeded'],
        ['app failed, sidecar stopped', observed([ctr('log', 'exited', { exit: 143 }), ctr('setup', 'exited'), ctr('app', 'exited', { exit: 2 })]), 'Failed'],
    ];
    for (const [name, obs, phase] of phases)
        assert.equal(statusOf(never, obs).phase, phase, name);
    const s = statusOf(never, observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'running')]));
    assert.deepEqual(s.initContainerStatuses?.map((c) => [c.name, Object.keys(c.state ?? {})[0], c.started, c.ready]), [['log', 'running', true, true], ['setup', 'terminated', false, true]]);
});
test('sidecar status: Initialized waits for the sidecar to have started; Ready counts its readiness', () => {
    const p = pod(spec);
    const starting = statusOf(p, observed([ctr('log', 'running')]), { started: [] });
    assert.equal(starting.phase, 'Pending');
    assert.deepEqual([cond(starting, 'Initialized')?.status, cond(starting, 'Initialized')?.message], ['False', 'containers with incomplete status: [log setup]']);
    const unready = statusOf(p, observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'running')]), { ready: ['app-0'] });
    assert.equal(cond(unready, 'Initialized')?.status, 'True');
    assert.deepEqual([cond(unready, 'Ready')?.status, cond(unready, 'Ready')?.message], ['False', 'containers with unready status: [log]']);
    const ready = statusOf(p, observed([ctr('log', 'running'), ctr('setup', 'exited'), ctr('app', 'running')]), { ready: ['app-0', 'log-0'] });
    assert.equal(cond(ready, 'Ready')?.status, 'True');
});
//# sourceMappingURL=kubelet-sidecar-rules.test.js.map