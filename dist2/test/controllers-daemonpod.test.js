// Where a DaemonSet's Pods belong and how each is pinned to its node: nodeSelector, required node
// affinity, taints against the template's tolerations plus the daemon ones upstream adds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daemonPodSpec, placement, targetNode } from '../src/controllers/daemonpod.js';
const node = (name, labels = {}, taints = []) => ({ metadata: { name, labels }, spec: { taints } });
const spec = (extra = {}) => ({ containers: [{ name: 'c', image: 'busybox' }], ...extra });
test('nodeSelector and required node affinity choose the nodes', () => {
    assert.deepEqual(placement(spec({ nodeSelector: { disk: 'ssd' } }), node('a', { disk: 'ssd' })), { shouldRun: true, shouldContinueRunning: true });
    assert.deepEqual(placement(spec({ nodeSelector: { disk: 'ssd' } }), node('b', { disk: 'hdd' })), { shouldRun: false, shouldContinueRunning: false });
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }] } } };
    assert.equal(placement(spec({ affinity }), node('a', { zone: 'z1' })).shouldRun, true);
    assert.equal(placement(spec({ affinity }), node('a', { zone: 'z2' })).shouldRun, false);
});
test('taints: NoSchedule keeps new Pods off but lets a running one stay; NoExecute removes it; the daemon tolerations apply', () => {
    const infra = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' };
    assert.deepEqual(placement(spec(), node('a', {}, [infra])), { shouldRun: false, shouldContinueRunning: true });
    assert.deepEqual(placement(spec(), node('a', {}, [{ key: 'dedicated', effect: 'NoExecute' }])), { shouldRun: false, shouldContinueRunning: false });
    assert.equal(placement(spec({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] }), node('a', {}, [infra])).shouldRun, true);
    assert.equal(placement(spec(), node('a', {}, [{ key: 'x', effect: 'PreferNoSchedule' }])).shouldRun, true);
    for (const key of ['unschedulable', 'disk-pressure', 'memory-pressure', 'pid-pressure']) {
        assert.equal(placement(spec(), node('a', {}, [{ key: `node.kubernetes.io/${key}`, effect: 'NoSchedule' }])).shouldRun, true, key);
    }
    for (const key of ['not-ready', 'unreachable']) {
        assert.equal(placement(spec(), node('a', {}, [{ key: `node.kubernetes.io/${key}`, effect: 'NoExecute' }])).shouldContinueRunning, true, key);
    }
    const unavailable = { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' };
    assert.equal(placement(spec(), node('a', {}, [unavailable])).shouldRun, false);
    assert.equal(placement(spec({ hostNetwork: true }), node('a', {}, [unavailable])).shouldRun, true);
});
test('the daemon Pod is pinned by metadata.name affinity, keeps preferred terms, and gets the tolerations once', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }];
    const template = spec({
        hostNetwork: true,
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, { key: 'dedicated', operator: 'Exists' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } },
    });
    const out = daemonPodSpec(template, 'node-7');
    assert.deepEqual(out.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-7'] }] }] });
    assert.deepEqual(out.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution, preferred);
    assert.deepEqual(out.tolerations?.map((t) => `${t.key}:${t.effect ?? ''}`), [
        'dedicated:', 'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
        'node.kubernetes.io/network-unavailable:NoSchedule',
    ]);
    assert.equal(template.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields, undefined, 'the template is not changed');
    const pod = { metadata: {}, spec: out };
    assert.equal(targetNode(pod), 'node-7');
    assert.equal(targetNode({ ...pod, spec: { ...out, nodeName: 'node-8' } }), 'node-8');
});
//# sourceMappingURL=controllers-daemonpod.test.js.map