// Which victims and which node preemption chooses (upstream's selectVictimsOnNode and
// pickOneNodeForPreemption), on the scheduler's own NodeInfo: the fewest, least important Pods, budgets
// honoured when another node will do, and the cache left as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Algorithm } from '../src/scheduler/algorithm.js';
import { NodeInfo } from '../src/scheduler/nodeinfo.js';
import { podInfo } from '../src/scheduler/podinfo.js';
import { findPreemption } from '../src/scheduler/preemption.js';
import { noLookups } from '../src/scheduler/clusterview.js';
function nodeInfo(name, cpu, pods) {
    const n = { metadata: { name }, status: { allocatable: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] } };
    const info = new NodeInfo(name);
    info.setNode(n);
    for (const p of pods)
        info.addPod(podInfo(p));
    return info;
}
function pod(name, priority, cpu, labels = {}) {
    return { metadata: { name, namespace: 'default', labels }, spec: { priority, containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu } } }] } };
}
function view(budgets) {
    return {
        budgets: () => budgets,
        labelsOf: (p) => ({ namespace: p.namespace, name: p.key.split('/')[1], labels: { ...p.labels } }),
    };
}
const budget = (app, allowed) => ({
    metadata: { name: app, namespace: 'default' },
    spec: { selector: { matchLabels: { app } } },
    status: { disruptionsAllowed: allowed, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
});
test('evicts the fewest and least important lower-priority Pods, and leaves the cache as it was', () => {
    const n = nodeInfo('n', '2', [pod('a', 1, '500m'), pod('b', 5, '500m'), pod('c', 3, '1'), pod('same', 10, '0')]);
    const before = n.requested.cpu;
    const c = findPreemption(podInfo(pod('p', 10, '1')), [n], new Algorithm(), noLookups, view([]));
    assert.ok(c);
    // 1 CPU must go. Reprieved most important first: b (5) stays, c (3) cannot stay beside it, a (1) can.
    assert.deepEqual(c.victims.map((v) => v.key), ['default/c']);
    assert.equal(n.requested.cpu, before);
    assert.equal(n.pods.size, 4);
});
test('no victims when only equal or higher priorities are there, or nothing frees enough', () => {
    const n = nodeInfo('n', '1', [pod('peer', 10, '1')]);
    assert.equal(findPreemption(podInfo(pod('p', 10, '1')), [n], new Algorithm(), noLookups, view([])), undefined);
    const small = nodeInfo('s', '1', [pod('low', 1, '500m')]);
    assert.equal(findPreemption(podInfo(pod('p', 10, '2')), [small], new Algorithm(), noLookups, view([])), undefined);
});
test('a node whose victim a budget protects is chosen only when no other will do', () => {
    const guarded = nodeInfo('guarded', '1', [pod('g', 1, '1', { app: 'db' })]);
    const open = nodeInfo('open', '1', [pod('o', 5, '1', { app: 'web' })]);
    const preemptor = podInfo(pod('p', 10, '1'));
    // The open node's victim is more important, but breaking the budget counts first.
    assert.equal(findPreemption(preemptor, [guarded, open], new Algorithm(), noLookups, view([budget('db', 0)]))?.node.name, 'open');
    // With the budget allowing a disruption, the least important victim wins.
    assert.equal(findPreemption(preemptor, [guarded, open], new Algorithm(), noLookups, view([budget('db', 1)]))?.node.name, 'guarded');
    // Best effort: with only the guarded node, it is still preempted (and the violation counted).
    const only = findPreemption(preemptor, [guarded], new Algorithm(), noLookups, view([budget('db', 0)]));
    assert.deepEqual([only?.node.name, only?.violations], ['guarded', 1]);
});
//# sourceMappingURL=scheduler-preemption-choice.test.js.map