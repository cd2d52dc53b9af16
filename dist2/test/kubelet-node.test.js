import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { buildNode, nodeConditions, readHostFacts } from '../src/kubelet/nodeInfo.js';
import { microTime, NodeHeartbeat, stampConditions } from '../src/kubelet/nodeHeartbeat.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
const facts = {
    cpus: 2, memoryBytes: 24 * 2 ** 30, memoryAvailableBytes: 20 * 2 ** 30, diskBytes: 100 * 2 ** 30, diskFreeBytes: 50 * 2 ** 30,
    pids: 200, pidMax: 4_194_304, internalIP: '192.168.1.10', hostname: 'host1', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
    machineID: 'm', bootID: 'b', architecture: 'amd64',
};
test('the Node built from host facts', () => {
    const node = buildNode(facts, { nodeName: 'n1', runtimeVersion: '1.1.5', podCIDR: '10.244.1.0/24' });
    assert.deepEqual(node.spec, { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    assert.deepEqual(node.status?.capacity, { cpu: '2', memory: '25165824Ki', 'ephemeral-storage': '104857600Ki', pods: '110', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' });
    assert.equal(node.status?.allocatable?.memory, '25063424Ki');
    assert.deepEqual(node.status?.addresses, [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'host1' }]);
    assert.equal(node.status?.nodeInfo?.containerRuntimeVersion, 'runc://1.1.5');
    assert.equal(node.status?.nodeInfo?.architecture, 'amd64');
    assert.equal(node.metadata.labels?.['kubernetes.io/hostname'], 'n1');
    assert.deepEqual(node.status?.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
});
test('pressure conditions', () => {
    const by = (h) => Object.fromEntries(nodeConditions(h).map((c) => [c.type, `${c.status}/${c.reason}`]));
    assert.deepEqual(by(facts), { MemoryPressure: 'False/KubeletHasSufficientMemory', DiskPressure: 'False/KubeletHasNoDiskPressure', PIDPressure: 'False/KubeletHasSufficientPID', Ready: 'True/KubeletReady' });
    const bad = by({ ...facts, memoryAvailableBytes: 2 ** 20, diskFreeBytes: 2 ** 30, pids: 4_000_000 });
    assert.deepEqual(bad, { MemoryPressure: 'True/KubeletHasInsufficientMemory', DiskPressure: 'True/KubeletHasDiskPressure', PIDPressure: 'True/KubeletHasInsufficientPID', Ready: 'True/KubeletReady' });
});
test('condition stamps: heartbeat always, transition only on change', () => {
    const prev = [{ type: 'Ready', status: 'True', lastTransitionTime: 't0', lastHeartbeatTime: 't0' }];
    assert.deepEqual(stampConditions([{ type: 'Ready', status: 'True' }], prev, 't1'), [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't1', lastTransitionTime: 't0' }]);
    assert.deepEqual(stampConditions([{ type: 'Ready', status: 'False' }], prev, 't1'), [{ type: 'Ready', status: 'False', lastHeartbeatTime: 't1', lastTransitionTime: 't1' }]);
});
test('heartbeat: register, lease with MicroTime and owner, status only when changed or after 5 minutes', async () => {
    const cluster = new FakeCluster();
    const hb = new NodeHeartbeat(cluster, { nodeName: 'n1', runtimeVersion: '1.1.5' }, tmpdir());
    await hb.register();
    assert.equal(cluster.node?.metadata.name, 'n1');
    await hb.renewLease(new Date(Date.UTC(2024, 4, 1, 10, 0, 0, 123)));
    assert.deepEqual(cluster.lease?.spec, { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2024-05-01T10:00:00.123000Z' });
    assert.equal(cluster.lease?.metadata.namespace, 'kube-node-lease');
    assert.equal(cluster.lease?.metadata.ownerReferences?.[0]?.uid, 'node-uid');
    const now = Date.now();
    assert.equal(await hb.updateStatusIfDue(now + 10_000), false);
    assert.equal(await hb.updateStatusIfDue(now + 5 * 60_000 + 1000), true);
    assert.equal(microTime(new Date(0)), '1970-01-01T00:00:00.000000Z');
});
test('a restarted kubelet posts its status at registration when the stored one is stale (a new port)', async () => {
    const cluster = new FakeCluster();
    await new NodeHeartbeat(cluster, { nodeName: 'n1', runtimeVersion: '1.1.5', kubeletPort: 40001 }, tmpdir()).register();
    assert.deepEqual(cluster.node?.status?.daemonEndpoints, { kubeletEndpoint: { Port: 40001 } });
    const ready = cluster.node?.status?.conditions?.find((c) => c.type === 'Ready');
    const restarted = new NodeHeartbeat(cluster, { nodeName: 'n1', runtimeVersion: '1.1.5', kubeletPort: 40002 }, tmpdir());
    await restarted.register();
    assert.deepEqual(cluster.node?.status?.daemonEndpoints, { kubeletEndpoint: { Port: 40002 } });
    // Ready did not change, so its transition time is kept.
    assert.equal(cluster.node?.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, ready?.lastTransitionTime);
    assert.equal(await restarted.updateStatusIfDue(Date.now() + 10_000), false);
});
test('a status the node lifecycle controller marked Unknown is put right at the next check, not 5 minutes later', async () => {
    const cluster = new FakeCluster();
    const hb = new NodeHeartbeat(cluster, { nodeName: 'n1', runtimeVersion: '1.1.5' }, tmpdir());
    await hb.register();
    const ready = () => cluster.node?.status?.conditions?.find((c) => c.type === 'Ready');
    ready().status = 'Unknown';
    ready().reason = 'NodeStatusUnknown';
    assert.equal(await hb.updateStatusIfDue(Date.now() + 10_000), true);
    assert.deepEqual([ready()?.status, ready()?.reason], ['True', 'KubeletReady']);
    assert.equal(await hb.updateStatusIfDue(Date.now() + 20_000), false);
});
test('host facts are read from this machine', async () => {
    const h = await readHostFacts(tmpdir());
    assert.ok(h.cpus >= 1 && h.memoryBytes > 0 && h.diskBytes > 0 && h.pidMax > 0);
});
//# sourceMappingURL=kubelet-node.test.js.map