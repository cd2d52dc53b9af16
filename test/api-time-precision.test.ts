// metav1.Time against metav1.MicroTime as a client reads them (the real kubectl, -o json): Time fields
// (conditions, heartbeats, startTime, container states, an Event's first/lastTimestamp) in whole
// seconds, as upstream writes them; MicroTime fields (an Event's eventTime, a Lease's renewTime) with
// six fractional digits. A real server (control plane) and a hollow kubelet (the real kubelet over the
// fake runtime) write them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HollowNodes } from '../src/cli/hollow-nodes.js';
import type { CoreEvent, Lease, Node, Pod } from '../src/api/types.js';
import { pod } from './support/api.js';
import { hollowNodes } from './support/hollow.js';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';

const ctx = withServer();
let sim: HollowNodes;
const json = async <T>(args: string[]): Promise<T> => {
  const r = await kubectl(ctx.server.kubeconfig, [...args, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const assertTime = (v: unknown, what: string) => assert.match(String(v), TIME, what);

describe('Time and MicroTime fields as kubectl reads them', () => {
  before(async () => {
    sim = await hollowNodes(ctx.server, { count: 1, prefix: 't-' });
    const r = await ctx.api.call('POST', '/api/v1/namespaces/default/pods', pod('web', { spec: { containers: [{ name: 'a', image: 'busybox' }] } }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await until('the Pod Running and Ready', async () => (await json<Pod>(['get', 'pod', 'web'])).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false);
  });
  after(() => sim?.stop());

  it("a Pod's conditions, startTime and container state: whole seconds", async () => {
    const p = await json<Pod>(['get', 'pod', 'web']);
    assert.equal(p.spec.nodeName, 't-0');
    const types = p.status!.conditions!.map((c) => c.type).sort();
    assert.deepEqual(types, ['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready']);
    for (const c of p.status!.conditions!) assertTime(c.lastTransitionTime, `${c.type}.lastTransitionTime`);
    assertTime(p.status!.startTime, 'startTime');
    assertTime(p.status!.containerStatuses![0].state!.running!.startedAt, 'startedAt');
    assertTime(p.metadata.creationTimestamp, 'creationTimestamp');
  });

  it("a Node's conditions and heartbeats: whole seconds; its Lease's renewTime: microseconds", async () => {
    const n = await json<Node>(['get', 'node', 't-0']);
    assert.ok(n.status!.conditions!.length >= 4);
    for (const c of n.status!.conditions!) {
      assertTime(c.lastHeartbeatTime, `${c.type}.lastHeartbeatTime`);
      assertTime(c.lastTransitionTime, `${c.type}.lastTransitionTime`);
    }
    const l = await json<Lease>(['get', 'lease', '-n', 'kube-node-lease', 't-0']);
    assert.match(String(l.spec!.renewTime), MICRO_TIME);
  });

  it("an Event's first/lastTimestamp: whole seconds; its eventTime: microseconds", async () => {
    await until('the Pod\'s Events', async () => (await json<{ items: CoreEvent[] }>(['get', 'events', '--field-selector', 'involvedObject.name=web'])).items.some((e) => e.reason === 'Started'));
    const { items } = await json<{ items: CoreEvent[] }>(['get', 'events', '--field-selector', 'involvedObject.name=web']);
    const reasons = new Set(items.map((e) => e.reason));
    for (const r of ['Scheduled', 'Created', 'Started']) assert.ok(reasons.has(r), `${r} in ${[...reasons].join(', ')}`);
    for (const e of items) {
      if (e.firstTimestamp) assertTime(e.firstTimestamp, `${e.reason}.firstTimestamp`);
      if (e.lastTimestamp) assertTime(e.lastTimestamp, `${e.reason}.lastTimestamp`);
      assert.match(String(e.eventTime), MICRO_TIME, `${e.reason}.eventTime`);
    }
  });

  it("a client's Time with a fraction and an offset comes back in whole seconds, UTC; its MicroTime keeps its microseconds", async () => {
    const ev = {
      metadata: { name: 'sent' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason: 'Sent', message: 'by a client', type: 'Normal', count: 1,
      firstTimestamp: '2026-12-06T16:31:02.987654+02:00', lastTimestamp: '2026-12-06T14:31:02.5Z',
      eventTime: '2026-12-06T14:31:02.123456Z', reportingComponent: 'test', reportingInstance: 'test', action: 'Sent',
    };
    const r = await ctx.api.call('POST', '/api/v1/namespaces/default/events', ev);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((r.body as CoreEvent).firstTimestamp, '2026-12-06T14:31:02Z');
    const e = await json<CoreEvent>(['get', 'event', 'sent']);
    assert.equal(e.firstTimestamp, '2026-12-06T14:31:02Z');
    assert.equal(e.lastTimestamp, '2026-12-06T14:31:02Z');
    assert.equal(e.eventTime, '2026-12-06T14:31:02.123456Z');
  });
});
