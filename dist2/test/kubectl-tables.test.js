import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTable } from '../src/api/tables/table.js';
import { humanDuration } from '../src/api/tables/duration.js';
const NOW = new Date('2024-05-01T12:00:00Z');
const ago = (s) => new Date(NOW.getTime() - s * 1000).toISOString();
function pod(status, spec = {}, meta = {}) {
    return {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: 'p', creationTimestamp: ago(300), ...meta },
        spec: { containers: [{ name: 'a' }], ...spec },
        status,
    };
}
const running = { running: { startedAt: ago(100) } };
const cs = (state, extra = {}) => ({ name: 'a', ready: false, restartCount: 0, state, ...extra });
const row = (p) => toTable('Pod', [p], { now: NOW }).rows[0].cells;
const status = (p) => row(p)[2];
test('humanDuration matches kubectl', () => {
    const cases = [[0, '0s'], [119, '119s'], [120, '2m'], [150, '2m30s'], [600, '10m'], [3 * 3600, '3h'], [3 * 3600 + 120, '3h2m'], [9 * 3600, '9h'], [50 * 3600, '2d2h'], [10 * 86400, '10d'], [3 * 365 * 86400, '3y'], [3 * 365 * 86400 + 5 * 86400, '3y5d'], [9 * 365 * 86400, '9y']];
    for (const [s, want] of cases)
        assert.equal(humanDuration(s * 1000), want, `${s}s`);
    assert.equal(humanDuration(-5000), '<invalid>');
});
test('pod STATUS follows printPod', () => {
    const cases = [
        ['Pending', pod({ phase: 'Pending' })],
        ['Running', pod({ phase: 'Running', containerStatuses: [cs(running, { ready: true })] })],
        ['ContainerCreating', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] })],
        ['CrashLoopBackOff', pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } })] })],
        ['Completed', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { reason: 'Completed', exitCode: 0 } })] })],
        ['ExitCode:3', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 3 } })] })],
        ['Signal:9', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137, signal: 9 } })] })],
        ['Evicted', pod({ phase: 'Failed', reason: 'Evicted' })],
        ['SchedulingGated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] })],
        ['Init:0/2', pod({ phase: 'Pending', initContainerStatuses: [cs({ running: {} }, { name: 'i1' })] }, { initContainers: [{ name: 'i1' }, { name: 'i2' }] })],
        ['Init:1/2', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 0 } }, { name: 'i1' }), cs({ waiting: { reason: 'PodInitializing' } }, { name: 'i2' })] }, { initContainers: [{ name: 'i1' }, { name: 'i2' }] })],
        ['Init:Error', pod({ phase: 'Failed', initContainerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } }, { name: 'i1' })] }, { initContainers: [{ name: 'i1' }] })],
        ['Init:ExitCode:2', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 2 } }, { name: 'i1' })] }, { initContainers: [{ name: 'i1' }] })],
        ['Init:Signal:15', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 143, signal: 15 } }, { name: 'i1' })] }, { initContainers: [{ name: 'i1' }] })],
        ['Init:ImagePullBackOff', pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } }, { name: 'i1' })] }, { initContainers: [{ name: 'i1' }] })],
        ['Running', pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs(running, { name: 'a', ready: true }), cs({ terminated: { reason: 'Completed', exitCode: 0 } }, { name: 'b' })] }, { containers: [{ name: 'a' }, { name: 'b' }] })],
        ['NotReady', pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [cs(running, { name: 'a', ready: true }), cs({ terminated: { reason: 'Completed', exitCode: 0 } }, { name: 'b' })] }, { containers: [{ name: 'a' }, { name: 'b' }] })],
        ['Terminating', pod({ phase: 'Running', containerStatuses: [cs(running, { ready: true })] }, {}, { deletionTimestamp: ago(1) })],
        ['Unknown', pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(1) })],
        ['Completed', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { reason: 'Completed', exitCode: 0 } })] }, {}, { deletionTimestamp: ago(1) })],
    ];
    for (const [want, p] of cases)
        assert.equal(status(p), want, JSON.stringify(p.status));
});
test('pod READY, RESTARTS and the wide columns', () => {
    const p = pod({
        phase: 'Running',
        podIPs: [{ ip: '10.0.0.5' }],
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'gate', status: 'True' }],
        initContainerStatuses: [cs(running, { name: 'sidecar', ready: true, started: true, restartCount: 1, lastState: { terminated: { finishedAt: ago(900) } } })],
        containerStatuses: [cs(running, { ready: true, restartCount: 2, lastState: { terminated: { finishedAt: ago(120) } } })],
    }, { nodeName: 'n1', initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }], readinessGates: [{ conditionType: 'gate' }, { conditionType: 'other' }] });
    assert.deepEqual(row(p), ['p', '2/2', 'Running', '3 (2m ago)', '5m', '10.0.0.5', 'n1', '<none>', '1/2']);
    assert.deepEqual(row(pod({ phase: 'Pending' })).slice(5), ['<none>', '<none>', '<none>', '<none>']);
});
test('pod columns, row conditions and row objects', () => {
    const t = toTable('Pod', [pod({ phase: 'Succeeded' }, {}, { managedFields: [{ manager: 'x' }], labels: { a: 'b' } })], { now: NOW, listMeta: { resourceVersion: '7' } });
    assert.equal(t.kind, 'Table');
    assert.equal(t.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(t.metadata, { resourceVersion: '7' });
    assert.deepEqual(t.columnDefinitions.map((c) => [c.name, c.priority]), [['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]]);
    assert.equal(t.columnDefinitions[0].format, 'name');
    assert.match(t.columnDefinitions[0].description, /^Name must be unique within a namespace/);
    assert.deepEqual(t.rows[0].conditions, [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    assert.deepEqual(t.rows[0].object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'p', creationTimestamp: ago(300), labels: { a: 'b' } } });
    assert.equal(toTable('Pod', [pod({})], { includeObject: 'None', now: NOW }).rows[0].object, null);
    assert.equal(toTable('Pod', [pod({})], { includeObject: 'Object', now: NOW }).rows[0].object.kind, 'Pod');
});
test('node, namespace, event, lease, configmap, secret, serviceaccount and default rows', () => {
    const meta = { name: 'x', creationTimestamp: ago(60) };
    const node = {
        metadata: { ...meta, labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'worker' } },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '10.1.1.1' }], nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian' } },
    };
    assert.deepEqual(toTable('Node', [node], { now: NOW }).rows[0].cells, ['x', 'Ready,SchedulingDisabled', 'control-plane,worker', '60s', 'v1.32.0', '10.1.1.1', '<none>', 'Debian', '<unknown>', '<unknown>']);
    assert.equal(toTable('Node', [{ metadata: meta, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }], { now: NOW }).rows[0].cells[1], 'NotReady');
    assert.deepEqual(toTable('Namespace', [{ metadata: meta, status: { phase: 'Active' } }], { now: NOW }).rows[0].cells, ['x', 'Active', '60s']);
    const ev = { apiVersion: 'v1', metadata: meta, type: 'Normal', reason: 'Pulled', message: ' done ', involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{a}' }, source: { component: 'kubelet', host: 'n1' }, firstTimestamp: ago(600), lastTimestamp: ago(30), count: 4 };
    const evTable = toTable('Event', [ev], { now: NOW });
    assert.deepEqual(evTable.columnDefinitions.map((c) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
    assert.deepEqual(evTable.rows[0].cells, ['30s', 'Normal', 'Pulled', 'pod/p', 'spec.containers{a}', 'kubelet, n1', 'done', '10m', 4, 'x']);
    const newEv = { apiVersion: 'events.k8s.io/v1', metadata: meta, type: 'Warning', reason: 'BackOff', note: 'n', regarding: { kind: 'Pod', name: 'p' }, reportingController: 'kubelet', eventTime: ago(90), series: { count: 3, lastObservedTime: ago(5) } };
    assert.deepEqual(toTable('Event', [newEv], { now: NOW }).rows[0].cells, ['5s', 'Warning', 'BackOff', 'pod/p', '', 'kubelet', 'n', '90s', 3, 'x']);
    assert.deepEqual(toTable('Lease', [{ metadata: meta, spec: { holderIdentity: 'n1' } }], { now: NOW }).rows[0].cells, ['x', 'n1', '60s']);
    assert.deepEqual(toTable('ConfigMap', [{ metadata: meta, data: { a: '1' }, binaryData: { b: '' } }], { now: NOW }).rows[0].cells, ['x', 2, '60s']);
    assert.deepEqual(toTable('Secret', [{ metadata: meta, type: 'Opaque', data: { a: '' } }], { now: NOW }).rows[0].cells, ['x', 'Opaque', 1, '60s']);
    assert.deepEqual(toTable('ServiceAccount', [{ metadata: meta }], { now: NOW }).rows[0].cells, ['x', 0, '60s']);
    const def = toTable('Binding', [{ metadata: meta }], { now: NOW });
    assert.deepEqual(def.columnDefinitions.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
    assert.deepEqual(def.rows[0].cells, ['x', ago(60)]);
});
//# sourceMappingURL=kubectl-tables.test.js.map