import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evictionTime, lostPodStatus, unknownConditions, withUnreachableTaints } from '../src/controllers/nodehealth.js';
const node = (conditions) => ({ metadata: { name: 'n', creationTimestamp: 'T0' }, status: { conditions } });
test('a silent node: every kubelet condition Unknown, once', () => {
    const c = unknownConditions(node([
        { type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: 'H', lastTransitionTime: 'A' },
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Custom', status: 'True' },
    ]), 'T1');
    assert.deepEqual(c[0], { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: 'H', lastTransitionTime: 'T1' });
    assert.equal(c[1].status, 'Unknown');
    assert.equal(c[2].status, 'True', 'conditions other components own are left alone');
    assert.equal(unknownConditions(node(c), 'T2'), null);
    const never = unknownConditions(node([]), 'T1');
    assert.equal(never[0].reason, 'NodeStatusNeverUpdated');
});
test('unreachable taints added once with timeAdded, removed leaving others', () => {
    const other = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
    const added = withUnreachableTaints([other], true, 'T1');
    assert.deepEqual(added, [other, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: 'T1' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'T1' }]);
    assert.equal(withUnreachableTaints(added, true, 'T2'), null);
    assert.deepEqual(withUnreachableTaints(added, false, 'T2'), [other]);
    assert.equal(withUnreachableTaints([other], false, 'T2'), null);
});
test('pods of a silent node: phase Unknown, Ready False, terminal pods untouched', () => {
    const pod = (phase, ready = 'True') => ({ metadata: { name: 'p' }, spec: { containers: [] }, status: { phase: phase, conditions: [{ type: 'Ready', status: ready }, { type: 'PodScheduled', status: 'True' }] } });
    const s = lostPodStatus(pod('Running'), 'T1');
    assert.equal(s.phase, 'Unknown');
    assert.deepEqual(s.conditions, [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: 'T1' }]);
    assert.equal(lostPodStatus(pod('Unknown', 'False'), 'T2'), null);
    assert.equal(lostPodStatus(pod('Succeeded'), 'T2'), null);
});
const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const cases = [
    { name: 'no toleration: at once', tolerations: [], want: 1000 },
    { name: 'default admission toleration: 300 s', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], want: 301_000 },
    { name: 'tolerated forever', tolerations: [{ operator: 'Exists' }], want: Infinity },
    { name: 'the shortest matching toleration wins', tolerations: [{ operator: 'Exists', tolerationSeconds: 60 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 10 }], want: 11_000 },
    { name: 'a toleration for another taint does not count', tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], want: 1000 },
    { name: 'NoSchedule toleration does not count', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }], want: 1000 },
];
for (const c of cases)
    test(`eviction time: ${c.name}`, () => assert.equal(evictionTime(c.tolerations ?? [], taint, 1000), c.want));
//# sourceMappingURL=controllers-nodehealth.test.js.map