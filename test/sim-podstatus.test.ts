import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodPhase } from '../src/api/types.js';
import { simNodeNetwork, simPodAction } from '../src/runtime/sim/podstatus.js';

const ips = { hostIP: '10.255.0.1', podIP: '10.128.1.2' };
const pod = (o: { exit?: string; phase?: PodPhase; ready?: boolean; deleting?: boolean } = {}): Pod => ({
  metadata: { name: 'p', namespace: 'd', uid: 'u', ...(o.exit ? { annotations: { 'berth.dev/sim-exit': o.exit } } : {}), ...(o.deleting ? { deletionTimestamp: 'T' } : {}) },
  spec: { nodeName: 'sim-1', containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'nginx' }] },
  ...(o.phase ? { status: { phase: o.phase, podIP: '10.9.9.9', conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }] } } : {}),
});

test('a pending pod goes Running with ready running containers and an IP', () => {
  const a = simPodAction(pod(), ips, 'NOW');
  assert.equal(a?.kind, 'status');
  const s = a.kind === 'status' ? a.status : undefined;
  assert.equal(s?.phase, 'Running');
  assert.equal(s?.podIP, '10.128.1.2');
  assert.equal(s?.hostIP, '10.255.0.1');
  assert.deepEqual(s?.containerStatuses?.map((c) => [c.name, c.ready, !!c.state?.running]), [['a', true, true], ['b', true, true]]);
  assert.equal(s?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
});

test('the exit annotation finishes the pod: 0 Succeeded, 1 Failed', () => {
  const ok = simPodAction(pod({ exit: '0' }), ips, 'NOW');
  const bad = simPodAction(pod({ exit: '1' }), ips, 'NOW');
  assert.ok(ok?.kind === 'status' && ok.status.phase === 'Succeeded' && ok.status.containerStatuses![0]!.state!.terminated!.reason === 'Completed');
  assert.ok(bad?.kind === 'status' && bad.status.phase === 'Failed' && bad.status.containerStatuses![0]!.state!.terminated!.exitCode === 1);
});

test('no write when the pod already says so; a pod marked Unknown is reported Running again', () => {
  assert.equal(simPodAction(pod({ phase: 'Running', ready: true }), ips, 'NOW'), null);
  assert.equal(simPodAction(pod({ phase: 'Succeeded' }), ips, 'NOW'), null);
  const again = simPodAction(pod({ phase: 'Unknown' }), ips, 'NOW');
  assert.ok(again?.kind === 'status' && again.status.phase === 'Running' && again.status.podIP === '10.9.9.9', 'keeps its IP');
});

test('a pod being deleted is deleted', () => {
  assert.deepEqual(simPodAction(pod({ deleting: true, phase: 'Running', ready: true }), ips, 'NOW'), { kind: 'delete' });
});

test('per-node networks do not overlap', () => {
  assert.equal(simNodeNetwork(0).podCIDR, '10.128.0.0/24');
  assert.equal(simNodeNetwork(999).podCIDR, '10.131.231.0/24');
  assert.equal(simNodeNetwork(5).podIP(0), '10.128.5.2');
});
