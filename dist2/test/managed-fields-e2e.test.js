// The components' status writes as `kubectl get -o json --show-managed-fields` shows them, on a real
// kubelet: each writer's entry under `subresource: status` names the fields it set (conditions by
// k:{"type":…}, podIPs by k:{"ip":…}, lists it created marked `.`), as kube-apiserver records them.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
const k = (args) => kubectl(server.kubeconfig, args);
const entries = async (what) => {
    const r = await k(['get', what, '-o', 'json', '--show-managed-fields']);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    return (o.items ? o.items[0] : o).metadata.managedFields;
};
const statusEntry = (es, manager) => {
    const e = es.find((x) => x.manager === manager && x.subresource === 'status');
    assert.ok(e, `no status entry of ${manager}: ${JSON.stringify(es.map((x) => [x.manager, x.subresource]))}`);
    assert.equal(e.operation, 'Update');
    return e.fieldsV1['f:status'];
};
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-managed-fields-e2e-'));
    await ensureTestImages(dataDir);
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
    await until('node Ready', async () => (await k(['get', 'nodes', '--no-headers'])).stdout.includes(' Ready'));
});
after(async () => {
    await server?.dispose();
});
it('the kubelet, the controllers and the scheduler record their status fields as upstream', async () => {
    assert.equal((await k(['create', 'deployment', 'mf', '--image=busybox', '--', 'sleep', '3600'])).code, 0);
    await until('pod Running', async () => (await k(['get', 'pods', '-l', 'app=mf', '--no-headers'])).stdout.includes('Running'));
    await until('deployment available', async () => (await k(['get', 'deploy', 'mf', '-o', 'jsonpath={.status.availableReplicas}'])).stdout === '1');
    const pod = await entries('pods');
    const kubelet = statusEntry(pod, 'kubelet');
    for (const type of ['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'Ready']) {
        assert.deepEqual(Object.keys(kubelet['f:conditions'][`k:{"type":"${type}"}`]).slice(0, 1), ['.'], type);
        assert.ok('f:status' in kubelet['f:conditions'][`k:{"type":"${type}"}`]);
    }
    // PodScheduled was set at binding, not by the kubelet; the conditions list was not the kubelet's to create.
    assert.equal(kubelet['f:conditions']['k:{"type":"PodScheduled"}'], undefined);
    assert.equal(kubelet['f:conditions']['.'], undefined);
    for (const f of ['f:containerStatuses', 'f:hostIP', 'f:phase', 'f:podIP', 'f:startTime'])
        assert.ok(f in kubelet, f);
    const podIPs = Object.keys(kubelet['f:podIPs']);
    assert.equal(podIPs[0], '.', 'the kubelet created podIPs');
    assert.match(podIPs[1], /^k:\{"ip":"[\d.]+"\}$/);
    assert.ok(pod.some((e) => e.manager === 'kube-controller-manager' && !e.subresource), 'the ReplicaSet controller created the Pod');
    const deploy = statusEntry(await entries('deployment/mf'), 'kube-controller-manager');
    assert.deepEqual(Object.keys(deploy['f:conditions']), ['.', 'k:{"type":"Available"}', 'k:{"type":"Progressing"}']);
    for (const f of ['f:availableReplicas', 'f:observedGeneration', 'f:readyReplicas', 'f:replicas', 'f:updatedReplicas'])
        assert.ok(f in deploy, f);
    const rs = statusEntry(await entries('replicasets'), 'kube-controller-manager');
    for (const f of ['f:availableReplicas', 'f:fullyLabeledReplicas', 'f:observedGeneration', 'f:readyReplicas', 'f:replicas'])
        assert.ok(f in rs, f);
    // A Pod no node fits: the scheduler's PodScheduled=False is its own, conditions list and all.
    assert.equal((await k(['run', 'nowhere', '--image=busybox', '--overrides={"spec":{"nodeSelector":{"none":"x"}}}', '--', 'true'])).code, 0);
    await until('unschedulable', async () => (await k(['get', 'pod', 'nowhere', '-o', 'jsonpath={.status.conditions[0].reason}'])).stdout === 'Unschedulable');
    const sched = statusEntry(await entries('pod/nowhere'), 'kube-scheduler');
    assert.deepEqual(Object.keys(sched['f:conditions']), ['.', 'k:{"type":"PodScheduled"}']);
    assert.deepEqual(Object.keys(sched['f:conditions']['k:{"type":"PodScheduled"}']).filter((f) => f !== 'f:lastProbeTime'), ['.', 'f:lastTransitionTime', 'f:message', 'f:reason', 'f:status', 'f:type']);
});
//# sourceMappingURL=managed-fields-e2e.test.js.map