// What a failed liveness or startup probe makes computePodActions do: kill with upstream's Killing
// text and the probe's own grace period, restart in the same sync when the policy allows, or back off
// when an earlier instance ended within the crash back-off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffKey } from '../src/kubelet/backoff.js';
import { computePodActions } from '../src/kubelet/podActions.js';
import { T0, ctr, observed, pod } from './kubelet-fixtures.js';
const failing = (id, f) => ({ failed: (x) => (x === id ? f : undefined) });
test('a failed liveness probe kills the running instance and starts the next at once', () => {
    const a = computePodActions(pod(), observed([ctr('app', 'running')]), T0, new Map(), failing('app-0', { probe: 'liveness', graceSeconds: 3 }));
    assert.deepEqual(a.containersToKill, [{ id: 'app-0', name: 'app', reason: 'ProbeFailure', message: 'Container app failed liveness probe, will be restarted', graceSeconds: 3 }]);
    assert.deepEqual(a.containersToStart, ['app']);
    assert.equal(a.killPod, false);
});
test('restartPolicy Never: the failed startup probe kills without a restart, and the Pod is not killed in the same sync', () => {
    const a = computePodActions(pod({ restartPolicy: 'Never' }), observed([ctr('app', 'running')]), T0, new Map(), failing('app-0', { probe: 'startup' }));
    assert.deepEqual(a.containersToKill.map((k) => k.message), ['Container app failed startup probe']);
    assert.deepEqual(a.containersToStart, []);
    assert.equal(a.killPod, false);
});
test('an earlier instance that ended within the back-off puts the restart in CrashLoopBackOff', () => {
    const obs = observed([ctr('app', 'running', { restart: 2 }), ctr('app', 'exited', { restart: 1, exit: 137, finishedAt: T0 })]);
    const backoff = new Map([[backoffKey('uid-1', 'app'), { delayMs: 10_000, lastUpdateMs: T0 - 5_000 }]]);
    const a = computePodActions(pod(), obs, T0 + 4_000, backoff, failing('app-2', { probe: 'liveness' }));
    assert.deepEqual(a.containersToKill.map((k) => k.id), ['app-2']);
    assert.deepEqual(a.containersToStart, []);
    assert.deepEqual(a.backingOff.map((b) => [b.name, b.delayMs]), [['app', 10_000]]);
    assert.equal(a.nextSyncAtMs, T0 + 10_000);
    const later = computePodActions(pod(), obs, T0 + 11_000, backoff, failing('app-2', { probe: 'liveness' }));
    assert.deepEqual(later.containersToStart, ['app'], 'the back-off over, it restarts at once');
});
test('no verdict, or a verdict for another instance, changes nothing', () => {
    const a = computePodActions(pod(), observed([ctr('app', 'running')]), T0, new Map(), failing('other', { probe: 'liveness' }));
    assert.deepEqual([a.containersToKill, a.containersToStart], [[], []]);
});
//# sourceMappingURL=kubelet-probe-actions.test.js.map