import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unschedulableCondition } from '../src/scheduler/binder.js';
import { SchedulerCache } from '../src/scheduler/cache.js';
import { podInfo } from '../src/scheduler/podinfo.js';
import { SchedulingQueue } from '../src/scheduler/queue.js';
const pod = (name, priority = 0, extra = {}) => ({
    metadata: { name, namespace: 'ns' },
    spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }], priority, ...extra },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
test('active pods come out by priority, then oldest first; duplicates collapse', async () => {
    const q = new SchedulingQueue();
    q.add(pod('a'));
    await sleep(2);
    q.add(pod('b'));
    q.add(pod('hi', 10));
    q.add(pod('a'));
    const order = [];
    for (let i = 0; i < 3; i++)
        order.push((await q.pop()).queued.key);
    assert.deepEqual(order, ['ns/hi', 'ns/a', 'ns/b']);
    assert.equal(q.counts.inFlight, 3);
    q.close();
});
test('unschedulable pods wait for a cluster change, then respect their backoff', async () => {
    const q = new SchedulingQueue({ initialBackoffMs: 30, flushIntervalMs: 5 });
    q.add(pod('a'));
    const p = (await q.pop());
    q.unschedulable(p);
    assert.equal(q.counts.unschedulable, 1);
    await sleep(50);
    assert.equal(q.counts.unschedulable, 1, 'stays parked without an event');
    q.moveAllToActiveOrBackoff();
    assert.equal(q.counts.active, 1, 'backoff already over');
    const again = (await q.pop());
    assert.equal(again.queued.attempts, 1);
    q.unschedulable(again);
    q.moveAllToActiveOrBackoff();
    assert.equal(q.counts.backoff, 1, 'second failure: 60 ms backoff');
    const t0 = Date.now();
    const third = (await q.pop());
    assert.ok(Date.now() - t0 >= 30);
    assert.equal(third.queued.attempts, 2);
    q.close();
});
test('a cluster change during an attempt sends the pod to backoff, not unschedulable', async () => {
    const q = new SchedulingQueue({ initialBackoffMs: 10, flushIntervalMs: 5 });
    q.add(pod('a'));
    const p = (await q.pop());
    q.moveAllToActiveOrBackoff();
    q.unschedulable(p);
    assert.equal(q.counts.unschedulable, 0);
    assert.equal(q.counts.backoff, 1);
    assert.equal((await q.pop()).queued.key, 'ns/a');
    q.close();
});
test('an update of an in-flight pod is kept for its requeue; a delete drops it', async () => {
    const q = new SchedulingQueue({ initialBackoffMs: 1, flushIntervalMs: 2 });
    q.add(pod('a'));
    const p = (await q.pop());
    q.add(pod('a', 5));
    q.retry(p);
    const again = (await q.pop());
    assert.equal(again.queued.pod.spec.priority, 5);
    q.delete('ns/a');
    q.retry(again);
    assert.deepEqual(q.counts, { active: 0, backoff: 0, unschedulable: 0, inFlight: 0 });
    q.close();
    assert.equal(await q.pop(), undefined);
});
test('an updated unschedulable pod gets another try at once', async () => {
    const q = new SchedulingQueue();
    q.add(pod('a'));
    const p = (await q.pop());
    q.unschedulable(p);
    q.add(pod('a', 0, { nodeSelector: { x: 'y' } }));
    assert.equal(q.counts.unschedulable, 0);
    q.close();
});
test('the cache counts assumed pods until the watch confirms or the binding fails', () => {
    const c = new SchedulerCache();
    const node = { metadata: { name: 'n' }, status: { allocatable: { cpu: '4', memory: '1Gi', pods: '10' } } };
    c.setNode(node);
    const p = pod('a');
    c.assume(podInfo(p), 'n');
    assert.equal(c.node('n').requested.cpu, 1000);
    c.updatePod(p); // the watch still shows it unbound: stays assumed
    assert.equal(c.node('n').requested.cpu, 1000);
    c.forget('ns/a');
    assert.equal(c.node('n').requested.cpu, 0);
    c.assume(podInfo(p), 'n');
    const bound = { ...p, spec: { ...p.spec, nodeName: 'n' } };
    c.updatePod(bound);
    assert.equal(c.isAssumed('ns/a'), false);
    c.forget('ns/a'); // no effect once confirmed
    assert.equal(c.node('n').requested.cpu, 1000);
    c.updatePod({ ...bound, status: { phase: 'Succeeded' } });
    assert.equal(c.node('n').requested.cpu, 0, 'terminal pods free their node');
    // a pod bound to a node not seen yet is counted once the node appears
    c.updatePod({ ...p, metadata: { name: 'b', namespace: 'ns' }, spec: { ...p.spec, nodeName: 'later' } });
    assert.equal(c.node('later'), undefined);
    c.setNode({ ...node, metadata: { name: 'later' } });
    assert.equal(c.node('later').requested.cpu, 1000);
    assert.deepEqual(c.nodes().map((n) => n.name), ['n', 'later']);
});
test('PodScheduled False/Unschedulable: written once per message, transition time kept', () => {
    const first = unschedulableCondition([{ type: 'Initialized', status: 'True' }], 'm1', 'T1');
    assert.deepEqual(first, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: 'T1', reason: 'Unschedulable', message: 'm1' });
    assert.equal(unschedulableCondition([first], 'm1', 'T2'), null);
    const second = unschedulableCondition([{ type: 'Initialized', status: 'True' }, first], 'm2', 'T2');
    assert.equal(second.lastTransitionTime, 'T1');
    assert.equal(second.message, 'm2');
});
test('a selective move retries only the parked pods it picks', async () => {
    const q = new SchedulingQueue({ initialBackoffMs: 1, flushIntervalMs: 5 });
    q.add(pod('follower'));
    q.add(pod('other'));
    for (let i = 0; i < 2; i++)
        q.unschedulable((await q.pop()));
    await sleep(5);
    q.moveToActiveOrBackoff((p) => p.metadata.name === 'follower');
    assert.equal((await q.pop()).queued.key, 'ns/follower');
    assert.equal(q.counts.unschedulable, 1, 'the other stays parked');
    q.close();
});
//# sourceMappingURL=scheduler-queue.test.js.map