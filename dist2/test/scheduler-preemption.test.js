// PriorityClasses, Pod priority at admission and the scheduler's preemption, driven by the real kubectl
// against a real server without its kubelet (the test plays the kubelet: bound Pods become Running and
// Ready, Pods being deleted are removed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { playKubelet } from './support/play-kubelet.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
let api;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const P = '/api/v1/namespaces/default/pods';
const PC = '/apis/scheduling.k8s.io/v1/priorityclasses';
const kubelet = new AbortController();
let kubeletDone;
before(async () => {
    server = await startServer({ args: ['--node-monitor-grace-period', '10m'] });
    api = await apiFor(server.kubeconfig);
    kubeletDone = playKubelet(api, P, kubelet.signal).catch(() => { });
});
after(async () => {
    kubelet.abort();
    await kubeletDone;
    api.close();
    await server.dispose();
});
const pod = (name, spec = {}) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '600m' } } }], ...spec },
});
const get = async (name) => (await api.call('GET', `${P}/${name}`)).body;
describe('PriorityClasses', () => {
    it('serves the built-in classes, which cannot be deleted', async () => {
        const t = await k(['get', 'pc']);
        assert.match(t.stdout, /^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\n/);
        assert.match(t.stdout, /\nsystem-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority\n/);
        assert.match(t.stdout, /\nsystem-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority\n/);
        const del = await k(['delete', 'pc', 'system-node-critical']);
        assert.notEqual(del.code, 0);
        assert.match(del.stderr, /priorityclasses\.scheduling\.k8s\.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted/);
    });
    it('kubectl create priorityclass, and bad classes refused with upstream words', async () => {
        for (const args of [['low', '--value=10'], ['high', '--value=1000'], ['polite', '--value=2000', '--preemption-policy=Never']]) {
            const r = await k(['create', 'priorityclass', ...args]);
            assert.equal(r.code, 0, r.stderr);
        }
        assert.equal((await api.call('GET', `${PC}/polite`)).body.preemptionPolicy, 'Never');
        const huge = await api.call('POST', PC, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'huge' }, value: 1_000_000_001 });
        assert.equal(huge.status, 422);
        assert.equal(huge.body.message, 'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
        const sys = await api.call('POST', PC, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-mine' }, value: 1 });
        assert.equal(sys.status, 422);
        assert.match(sys.body.message, /metadata\.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only\. error: system-mine is not a known system priority class$/);
        const change = await api.call('PATCH', `${PC}/low`, { value: 11 });
        assert.equal(change.status, 422);
        assert.match(change.body.message, /value: Forbidden: may not be changed in an update\./);
    });
    it('sets a Pod priority from its class; a Pod naming a class and a different priority is refused', async () => {
        const r = await api.call('POST', P, pod('classy', { priorityClassName: 'high', containers: [{ name: 'c', image: 'busybox' }] }));
        assert.equal(r.status, 201);
        assert.deepEqual([r.body.spec.priority, r.body.spec.preemptionPolicy], [1000, 'PreemptLowerPriority']);
        const both = await api.call('POST', P, pod('both', { priorityClassName: 'high', priority: 5 }));
        assert.equal(both.status, 403);
        assert.equal(both.body.message, 'pods "both" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name');
        const policy = await api.call('POST', P, pod('policy', { priorityClassName: 'polite', preemptionPolicy: 'PreemptLowerPriority' }));
        assert.equal(policy.status, 403);
        assert.match(policy.body.message, /the string value of PreemptionPolicy \(PreemptLowerPriority\) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name$/);
        await api.call('DELETE', `${P}/classy`, { gracePeriodSeconds: 0 });
    });
    it('the global default class applies to Pods that name none, and only one may be the default', async () => {
        assert.equal((await k(['create', 'priorityclass', 'usual', '--value=5', '--global-default'])).code, 0);
        const second = await k(['create', 'priorityclass', 'usual2', '--value=6', '--global-default']);
        assert.notEqual(second.code, 0);
        assert.match(second.stderr, /priorityclasses\.scheduling\.k8s\.io "usual2" is forbidden: PriorityClass usual is already marked as default\. Only one default can exist/);
        const r = await api.call('POST', P, pod('plain', { containers: [{ name: 'c', image: 'busybox' }] }));
        assert.deepEqual([r.body.spec.priorityClassName, r.body.spec.priority], ['usual', 5]);
        await api.call('DELETE', `${P}/plain`, { gracePeriodSeconds: 0 });
        assert.equal((await k(['delete', 'pc', 'usual'])).code, 0);
    });
});
describe('preemption', () => {
    it('a Pod that may not preempt waits; a higher-priority one evicts the lower one from the full node', async () => {
        const capacity = { cpu: '1', memory: '4Gi', pods: '110' };
        assert.equal((await api.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'small' }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } })).status, 201);
        assert.equal((await api.call('POST', P, pod('low', { priorityClassName: 'low' }))).status, 201);
        await until('low Running on small', async () => (await get('low')).status?.phase === 'Running');
        assert.equal((await api.call('POST', P, pod('polite', { priorityClassName: 'polite' }))).status, 201);
        const waiting = await until('polite unschedulable', async () => (await get('polite')).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False'));
        assert.equal(waiting.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
        assert.equal((await get('low')).metadata.deletionTimestamp, undefined);
        assert.equal((await api.call('DELETE', `${P}/polite`, { gracePeriodSeconds: 0 })).status, 200);
        const low = await get('low');
        // What the victim went through on its way out (the played kubelet removes it at once).
        const stop = new AbortController();
        const seen = [];
        const watched = (async () => {
            for await (const ev of await api.watch(`${P}?watch=1&fieldSelector=metadata.name%3Dlow&resourceVersion=${low.metadata.resourceVersion}`, stop.signal))
                seen.push(ev.object);
        })().catch(() => { });
        assert.equal((await api.call('POST', P, pod('urgent', { priorityClassName: 'high' }))).status, 201);
        const bound = await until('urgent bound to small', async () => {
            const u = await get('urgent');
            return u.spec.nodeName === 'small' && u;
        });
        assert.equal(bound.status.nominatedNodeName, 'small');
        assert.equal((await api.call('GET', `${P}/low`)).status, 404);
        const target = await until('the DisruptionTarget condition seen', () => seen.map((o) => o.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).find(Boolean), 5000);
        stop.abort();
        await watched;
        assert.deepEqual([target.status, target.reason, target.message], ['True', 'PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod']);
        const events = (await api.call('GET', `/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dlow`)).body.items;
        const preempted = events.find((e) => e.reason === 'Preempted');
        assert.ok(preempted, JSON.stringify(events.map((e) => e.reason)));
        assert.equal(preempted.message, `Preempted by pod ${bound.metadata.uid} on node small`);
        assert.equal(preempted.involvedObject.uid, low.metadata.uid);
        const described = await k(['get', 'events', '--field-selector', 'reason=Preempted', '-o', 'jsonpath={.items[*].source.component}']);
        assert.equal(described.stdout, 'default-scheduler');
    });
});
//# sourceMappingURL=scheduler-preemption.test.js.map