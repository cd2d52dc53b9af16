// The scheduler against a real berth API server: placement, unschedulable reporting, and a restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { events, nodes, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { Binder } from '../src/scheduler/binder.js';
import { EventRecorder } from '../src/client/events.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let client;
before(async () => {
    // The test's Nodes have no kubelet renewing their Leases: a long grace keeps the node lifecycle controller
    // from tainting them unreachable (and so unschedulable) while a slow run is still using them.
    server = await startServer({ disableAgent: true, args: ['--node-monitor-grace-period', '600s'] });
    client = await RestClient.fromKubeconfig(server.kubeconfig);
});
after(async () => {
    client.transport.close();
    await server.dispose();
});
const quiet = () => { };
const node = (name, cpu) => ({
    metadata: { name },
    status: { capacity: { cpu, memory: '8Gi', pods: '110' }, allocatable: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
});
const pod = (ns, name, cpu = '100m') => ({
    metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu } } }] },
});
async function ensureNamespace(ns) {
    await client.create({ group: '', version: 'v1', plural: 'namespaces', namespaced: false, kind: 'Namespace' }, undefined, { metadata: { name: ns } }).catch(() => undefined);
}
test('an unschedulable pod is reported, then placed once a fitting node appears', async () => {
    await ensureNamespace('sched-a');
    const ac = new AbortController();
    const sched = new Scheduler({ client, log: quiet });
    const running = sched.start(ac.signal);
    try {
        await client.create(nodes, undefined, node('small', '1'));
        const pendingCreated = (await client.create(pods, 'sched-a', pod('sched-a', 'big', '2'))).metadata.creationTimestamp;
        const msg = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
        const unsched = await until('PodScheduled False', async () => {
            const p = await client.get(pods, 'sched-a', 'big');
            // A scheduler that has not yet seen the node says 'no nodes available to schedule pods' first, as upstream's would.
            return p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.message === msg) ?? null;
        });
        assert.equal(unsched.reason, 'Unschedulable');
        assert.equal(unsched.message, msg);
        const failed = await until('FailedScheduling event', async () => {
            const list = await client.list(events, 'sched-a');
            return list.items.find((e) => e.reason === 'FailedScheduling' && e.message === msg);
        });
        assert.equal(failed.type, 'Warning');
        assert.equal(failed.message, msg);
        assert.equal(failed.source?.component, 'default-scheduler');
        await client.create(nodes, undefined, node('large', '4'));
        const bound = await until('binding', async () => (await client.get(pods, 'sched-a', 'big')).spec.nodeName);
        assert.equal(bound, 'large');
        const ok = await until('Scheduled event', async () => (await client.list(events, 'sched-a')).items.find((e) => e.reason === 'Scheduled'));
        assert.equal(ok.message, 'Successfully assigned sched-a/big to large');
        // When the scheduler first saw the Pod rides on its Binding onto the Pod: after the Pod was stored and
        // before the Scheduled report. (The server runs a scheduler of its own too, so which one reported
        // FailedScheduling first is a race: the first report is no bound.)
        const seen = (await client.get(pods, 'sched-a', 'big')).metadata.annotations?.['scheduling.berth/seen-at'];
        assert.match(seen ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        assert.ok(Date.parse(seen) <= Date.parse(ok.eventTime), `${seen} is not before ${ok.eventTime}`);
        assert.ok(Date.parse(seen) >= Date.parse(pendingCreated) - 1, `${seen} is before the Pod was stored (${pendingCreated})`);
    }
    finally {
        ac.abort();
        await running;
    }
});
test('reporting a Pod unschedulable keeps a condition written since the scheduler read it', async () => {
    await ensureNamespace('sched-d');
    // Another scheduler's Pod: the server's own scheduler must not bind it meanwhile.
    const raced = pod('sched-d', 'raced');
    raced.spec.schedulerName = 'someone-else';
    const stale = await client.create(pods, 'sched-d', raced);
    // The kubelet writes a condition after the scheduler's copy was taken.
    const other = { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    await client.patch(pods, 'sched-d', 'raced', 'strategic', { status: { conditions: [other] } }, { subresource: 'status' });
    const recorder = new EventRecorder(client, { component: 'default-scheduler' });
    await new Binder(client, recorder).unschedulable(stale, '0/0 nodes are available.');
    await recorder.flush();
    const conditions = (await client.get(pods, 'sched-d', 'raced')).status?.conditions ?? [];
    assert.deepEqual(conditions.map((c) => `${c.type}=${c.status}`).sort(), ['PodScheduled=False', 'Ready=False']);
});
test('pods of another scheduler, or being deleted, are left alone', async () => {
    await ensureNamespace('sched-b');
    const ac = new AbortController();
    const running = new Scheduler({ client, log: quiet }).start(ac.signal);
    try {
        const other = pod('sched-b', 'other');
        other.spec.schedulerName = 'someone-else';
        await client.create(pods, 'sched-b', other);
        await client.create(pods, 'sched-b', pod('sched-b', 'mine'));
        await until('mine bound', async () => (await client.get(pods, 'sched-b', 'mine')).spec.nodeName);
        assert.equal((await client.get(pods, 'sched-b', 'other')).spec.nodeName, undefined);
    }
    finally {
        ac.abort();
        await running;
    }
});
test('a restarted scheduler neither loses pods nor binds one twice', async () => {
    await ensureNamespace('sched-c');
    for (let i = 0; i < 3; i++)
        await client.create(nodes, undefined, node(`r${i}`, '64')).catch(() => undefined);
    // Every binding seen on the watch: a pod must never change node once it has one.
    const watchAc = new AbortController();
    const assigned = new Map();
    let rebinds = 0;
    const start = await client.list(pods, 'sched-c');
    const watching = (async () => {
        try {
            for await (const ev of client.watch(pods, 'sched-c', { resourceVersion: start.metadata.resourceVersion }, watchAc.signal)) {
                const n = ev.object.spec?.nodeName;
                const name = ev.object.metadata.name;
                if (!n)
                    continue;
                if (assigned.has(name) && assigned.get(name) !== n)
                    rebinds++;
                assigned.set(name, n);
            }
        }
        catch {
            // aborted
        }
    })();
    const total = 200;
    await Promise.all(Array.from({ length: total }, (_, i) => client.create(pods, 'sched-c', pod('sched-c', `p${i}`))));
    const first = new AbortController();
    const run1 = new Scheduler({ client, log: quiet }).start(first.signal);
    await until('some bound', async () => assigned.size >= 20 && true);
    first.abort();
    await run1;
    const second = new AbortController();
    const run2 = new Scheduler({ client, log: quiet }).start(second.signal);
    try {
        await until('all bound', async () => assigned.size === total && true, 30_000);
        const list = await client.list(pods, 'sched-c');
        assert.equal(list.items.filter((p) => p.spec.nodeName).length, total);
        assert.equal(rebinds, 0);
    }
    finally {
        second.abort();
        watchAc.abort();
        await Promise.all([run2, watching]);
    }
});
//# sourceMappingURL=scheduler-integration.test.js.map