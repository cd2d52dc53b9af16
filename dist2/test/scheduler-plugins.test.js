import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFilters } from '../src/scheduler/profile.js';
import { fitErrorMessage } from '../src/scheduler/fiterror.js';
import { Algorithm, numFeasibleNodesToFind } from '../src/scheduler/algorithm.js';
import { balancedAllocation, leastAllocated, nodeAffinityPreferred } from '../src/scheduler/scores.js';
import { NodeInfo } from '../src/scheduler/nodeinfo.js';
import { podInfo } from '../src/scheduler/podinfo.js';
import { affinityTotalsOf, noLookups } from '../src/scheduler/clusterview.js';
function mkNode(name, o = {}) {
    return {
        metadata: { name, labels: o.labels ?? {} },
        spec: { taints: o.taints, unschedulable: o.unschedulable },
        status: {
            allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' },
            conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
        },
    };
}
let seq = 0;
function mkPod(o = {}) {
    const { cpu, memory, hostPort, labels, name, ...spec } = o;
    const requests = {};
    if (cpu)
        requests.cpu = cpu;
    if (memory)
        requests.memory = memory;
    return {
        metadata: { name: name ?? `p${seq++}`, namespace: 'default', labels },
        spec: { containers: [{ name: 'c', resources: { requests }, ports: hostPort ? [{ containerPort: 80, hostPort }] : [] }], ...spec },
    };
}
function nodeInfo(n, ...podsOnIt) {
    const info = new NodeInfo(n.metadata.name);
    info.setNode(n);
    for (const p of podsOnIt)
        info.addPod(podInfo(p));
    return info;
}
function firstFailure(filters, pod, node) {
    for (const f of filters) {
        const state = f.preFilter ? f.preFilter(podInfo(pod), { ...noLookups, nodes: [node], affinityTotals: affinityTotalsOf([node]) }) : undefined;
        if (state === null)
            continue;
        const r = f.filter(podInfo(pod), node, state);
        if (r)
            return `${f.name}: ${r.reasons.join(', ')}${r.unresolvable ? ' (unresolvable)' : ''}`;
    }
    return null;
}
const table = [
    { name: 'fits an empty node', pod: mkPod({ cpu: '1', memory: '1Gi' }), node: nodeInfo(mkNode('n')), want: null },
    { name: 'not ready', pod: mkPod(), node: nodeInfo(mkNode('n', { ready: false })), want: 'NodeReady: node(s) were not ready (unresolvable)' },
    { name: 'cordoned', pod: mkPod(), node: nodeInfo(mkNode('n', { unschedulable: true })), want: 'NodeUnschedulable: node(s) were unschedulable (unresolvable)' },
    { name: 'cordoned, tolerated', pod: mkPod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), node: nodeInfo(mkNode('n', { unschedulable: true })), want: null },
    { name: 'other node name', pod: mkPod({ nodeName: 'm' }), node: nodeInfo(mkNode('n')), want: "NodeName: node(s) didn't match the requested node name (unresolvable)" },
    { name: 'untolerated taint', pod: mkPod(), node: nodeInfo(mkNode('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })), want: 'TaintToleration: node(s) had untolerated taint {dedicated: gpu} (unresolvable)' },
    { name: 'taint without value', pod: mkPod(), node: nodeInfo(mkNode('n', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] })), want: 'TaintToleration: node(s) had untolerated taint {node.kubernetes.io/unreachable: } (unresolvable)' },
    { name: 'PreferNoSchedule does not filter', pod: mkPod(), node: nodeInfo(mkNode('n', { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] })), want: null },
    { name: 'tolerated by Equal', pod: mkPod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), node: nodeInfo(mkNode('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })), want: null },
    { name: 'Equal with another value', pod: mkPod({ tolerations: [{ key: 'dedicated', value: 'cpu' }] }), node: nodeInfo(mkNode('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })), want: 'TaintToleration: node(s) had untolerated taint {dedicated: gpu} (unresolvable)' },
    { name: 'tolerate everything', pod: mkPod({ tolerations: [{ operator: 'Exists' }] }), node: nodeInfo(mkNode('n', { taints: [{ key: 'x', value: 'y', effect: 'NoExecute' }] })), want: null },
    { name: 'nodeSelector mismatch', pod: mkPod({ nodeSelector: { disk: 'ssd' } }), node: nodeInfo(mkNode('n', { labels: { disk: 'hdd' } })), want: "NodeAffinity: node(s) didn't match Pod's node affinity/selector (unresolvable)" },
    { name: 'nodeSelector match', pod: mkPod({ nodeSelector: { disk: 'ssd' } }), node: nodeInfo(mkNode('n', { labels: { disk: 'ssd' } })), want: null },
    {
        name: 'required affinity: terms ORed, expressions ANDed',
        pod: mkPod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
                            { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'Exists' }] },
                            { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] },
                        ] } } } }),
        node: nodeInfo(mkNode('n', { labels: { zone: 'b', cores: '16' } })), want: null,
    },
    {
        name: 'required affinity by metadata.name field, not matching',
        pod: mkPod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['m'] }] }] } } } }),
        node: nodeInfo(mkNode('n')), want: "NodeAffinity: node(s) didn't match Pod's node affinity/selector (unresolvable)",
    },
    { name: 'host port taken', pod: mkPod({ hostPort: 8080 }), node: nodeInfo(mkNode('n'), mkPod({ hostPort: 8080 })), want: "NodePorts: node(s) didn't have free ports for the requested pod ports" },
    { name: 'other host port free', pod: mkPod({ hostPort: 8081 }), node: nodeInfo(mkNode('n'), mkPod({ hostPort: 8080 })), want: null },
    { name: 'insufficient cpu counting bound pods', pod: mkPod({ cpu: '1500m' }), node: nodeInfo(mkNode('n', { cpu: '4' }), mkPod({ cpu: '3' })), want: 'NodeResourcesFit: Insufficient cpu' },
    { name: 'insufficient cpu and memory', pod: mkPod({ cpu: '5', memory: '9Gi' }), node: nodeInfo(mkNode('n')), want: 'NodeResourcesFit: Insufficient cpu, Insufficient memory' },
    { name: 'pod-level requests stand for the containers\' (too much)', pod: mkPod({ cpu: '100m', resources: { requests: { cpu: '5' } } }), node: nodeInfo(mkNode('n')), want: 'NodeResourcesFit: Insufficient cpu' },
    { name: 'pod-level requests stand for the containers\' (fits)', pod: mkPod({ cpu: '5', resources: { limits: { cpu: '1' } } }), node: nodeInfo(mkNode('n')), want: null },
    { name: 'too many pods', pod: mkPod(), node: nodeInfo(mkNode('n', { pods: '1' }), mkPod()), want: 'NodeResourcesFit: Too many pods' },
    { name: 'exact fit', pod: mkPod({ cpu: '1' }), node: nodeInfo(mkNode('n', { cpu: '4' }), mkPod({ cpu: '3' })), want: null },
];
for (const c of table) {
    test(`filter: ${c.name}`, () => assert.equal(firstFailure(defaultFilters, c.pod, c.node), c.want));
}
test('a removed pod frees its resources and ports', () => {
    const bound = mkPod({ cpu: '3', hostPort: 80 });
    const n = nodeInfo(mkNode('n'), bound);
    n.removePod(podInfo(bound).key);
    assert.equal(firstFailure(defaultFilters, mkPod({ cpu: '4', hostPort: 80 }), n), null);
});
test('init containers count at their peak, not summed', () => {
    const p = mkPod({ cpu: '1', initContainers: [{ name: 'i', resources: { requests: { cpu: '2' } } }, { name: 'j', resources: { requests: { cpu: '500m' } } }] });
    assert.equal(podInfo(p).requests.cpu, 2000);
});
test('FailedScheduling message in kube-scheduler wording', () => {
    const msg = fitErrorMessage(3, [
        { plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'], unresolvable: false },
        { plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {key: value}'], unresolvable: true },
        { plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {key: value}'], unresolvable: true },
    ]);
    assert.equal(msg, '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {key: value}. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
    assert.equal(fitErrorMessage(2, [{ plugin: 'NodeAffinity', reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true }, { plugin: 'NodeAffinity', reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true }]), "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    assert.equal(fitErrorMessage(0, []), 'no nodes available to schedule pods');
});
test('scores: least allocated prefers the emptier node', () => {
    const busy = nodeInfo(mkNode('busy'), mkPod({ cpu: '3' }));
    const idle = nodeInfo(mkNode('idle'));
    const pod = mkPod({ cpu: '100m' });
    assert.ok(leastAllocated.score(podInfo(pod), idle, true) > leastAllocated.score(podInfo(pod), busy, true));
});
test('scores: preferred node affinity normalizes summed weights', () => {
    const pod = mkPod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
                    { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
                    { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
                ] } } });
    const nodes = [mkNode('x', { labels: { disk: 'ssd', zone: 'a' } }), mkNode('y', { labels: { disk: 'ssd' } }), mkNode('z')].map((n) => nodeInfo(n));
    const s = new Float64Array(nodes.map((n) => nodeAffinityPreferred.score(podInfo(pod), n, true)));
    nodeAffinityPreferred.normalize(s, 3, true);
    assert.deepEqual([...s], [100, 80, 0]);
});
test('scores: balanced allocation prefers matching cpu and memory fractions', () => {
    const pod = mkPod({ cpu: '1', memory: '2Gi' });
    const balanced = nodeInfo(mkNode('b', { cpu: '4', memory: '8Gi' }));
    const skewed = nodeInfo(mkNode('s', { cpu: '4', memory: '64Gi' }));
    assert.ok(balancedAllocation.score(podInfo(pod), balanced, true) > balancedAllocation.score(podInfo(pod), skewed, true));
});
test('algorithm: picks a fitting node, reports every failing node otherwise', () => {
    const algo = new Algorithm();
    const nodes = [nodeInfo(mkNode('small', { cpu: '1' })), nodeInfo(mkNode('tainted', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] })), nodeInfo(mkNode('big', { cpu: '8' }))];
    const d = algo.schedule(podInfo(mkPod({ cpu: '2' })), nodes);
    assert.ok(d.ok && d.node.name === 'big');
    const f = algo.schedule(podInfo(mkPod({ cpu: '16' })), nodes);
    assert.ok(!f.ok);
    assert.equal(f.message, '0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
});
test('algorithm: equal nodes are chosen at random, and sampling bounds the work on big clusters', () => {
    const algo = new Algorithm();
    const nodes = ['a', 'b', 'c'].map((n) => nodeInfo(mkNode(n)));
    const picked = new Set();
    for (let i = 0; i < 30; i++) {
        const d = algo.schedule(podInfo(mkPod()), nodes);
        if (d.ok)
            picked.add(d.node.name);
    }
    assert.ok(picked.size > 1, 'ties broken at random');
    assert.equal(numFeasibleNodesToFind(50), 50);
    assert.equal(numFeasibleNodesToFind(1000), 420);
    assert.equal(numFeasibleNodesToFind(5000), 500);
    assert.equal(numFeasibleNodesToFind(10000), 500);
    assert.equal(numFeasibleNodesToFind(200, 10), 100);
    const many = Array.from({ length: 1000 }, (_, i) => nodeInfo(mkNode(`n${i}`)));
    const d = new Algorithm().schedule(podInfo(mkPod()), many);
    assert.ok(d.ok && d.evaluated === 420 && d.feasible === 420);
});
//# sourceMappingURL=scheduler-plugins.test.js.map