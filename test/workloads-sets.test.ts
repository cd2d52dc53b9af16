// DaemonSets and StatefulSets driven by the real kubectl against a real server, whose Pods run on
// `berth sim` hollow nodes (real kubelets over the in-memory runtime): a daemon Pod per eligible node,
// rolling updates and history, ordered and parallel StatefulSets, partitions; and the API's answers
// to bad input and its Tables.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiFor, type Api } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let api: Api;
const sims: ChildProcess[] = [];
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const P = '/api/v1/namespaces/default/pods';

function startSim(prefix: string, n: number): void {
  sims.push(spawn(process.execPath, [BERTH_BIN, 'sim', '--data-dir', server.dataDir, '--nodes', String(n), '--prefix', prefix, '--state-dir', join(server.dataDir, `sim-${prefix}`)], { stdio: ['ignore', 'ignore', 'pipe'] }));
}

async function readyNodes(prefix: string, n: number): Promise<void> {
  await until(`${n} Ready ${prefix} nodes`, async () => (await k(['get', 'nodes', '--no-headers'])).stdout.match(new RegExp(`^${prefix}\\d+\\s+Ready\\s`, 'gm'))?.length === n, 30_000);
}

before(async () => {
  server = await startServer();
  api = await apiFor(server.kubeconfig);
  startSim('hn-', 3);
  await readyNodes('hn-', 3);
});
after(async () => {
  for (const s of sims) s.kill('SIGTERM');
  api?.close();
  await server?.dispose();
});

async function podsOf(app: string): Promise<any[]> {
  return ((await api.call('GET', `${P}?labelSelector=app%3D${app}`)).body.items as any[]).filter((p) => !p.metadata.deletionTimestamp);
}
const isReady = (p: any) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
const imageOf = (p: any) => p.spec.containers[0].image;

function daemonSet(name: string, extra: { tolerations?: object[]; maxSurge?: number } = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      ...(extra.maxSurge ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: extra.maxSurge, maxUnavailable: 0 } } } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], ...(extra.tolerations ? { tolerations: extra.tolerations } : {}) } },
    },
  });
}

function statefulSet(name: string, spec: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: 'db',
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } },
      ...spec,
    },
  });
}

describe('DaemonSets', () => {
  it('runs one Pod on every node but the one tainted NoSchedule, pinned by node affinity and bound there', async () => {
    assert.equal((await k(['taint', 'node', 'hn-2', 'dedicated=infra:NoSchedule'])).code, 0);
    const r = await k(['apply', '-f', '-'], daemonSet('agent'));
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'ds/agent', '--timeout=30s']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /daemon set "agent" successfully rolled out/);
    const pods = await podsOf('agent');
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ['hn-0', 'hn-1']);
    for (const p of pods) {
      assert.deepEqual(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }]);
      const tolerated = p.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`);
      for (const key of ['not-ready:NoExecute', 'unreachable:NoExecute', 'disk-pressure:NoSchedule', 'memory-pressure:NoSchedule', 'pid-pressure:NoSchedule', 'unschedulable:NoSchedule']) assert.ok(tolerated.includes(`node.kubernetes.io/${key}`), key);
      assert.ok(!tolerated.includes('node.kubernetes.io/network-unavailable:NoSchedule'));
      assert.match(p.metadata.labels['controller-revision-hash'], /^[a-z0-9]+$/);
      assert.deepEqual(p.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.controller]), [['DaemonSet', 'agent', true]]);
    }
    const ds = (await api.call('GET', '/apis/apps/v1/namespaces/default/daemonsets/agent')).body;
    assert.deepEqual([ds.spec.updateStrategy, ds.spec.revisionHistoryLimit], [{ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, 10]);
    const get = await k(['get', 'ds', 'agent']);
    assert.match(get.stdout, /^agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s$/m);
  });

  it('a DaemonSet that tolerates the taint has a Pod there too', async () => {
    const r = await k(['apply', '-f', '-'], daemonSet('infra', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }] }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await k(['rollout', 'status', 'ds/infra', '--timeout=30s'])).code, 0);
    assert.deepEqual((await podsOf('infra')).map((p) => p.spec.nodeName).sort(), ['hn-0', 'hn-1', 'hn-2']);
    assert.equal((await k(['delete', 'ds', 'infra'])).code, 0);
    await until('infra Pods gone', async () => (await podsOf('infra')).length === 0, 30_000);
  });

  it('a node that joins later gets its Pod', async () => {
    startSim('late-', 1);
    await readyNodes('late-', 1);
    await until('a Pod on late-0', async () => (await podsOf('agent')).some((p) => p.spec.nodeName === 'late-0' && isReady(p)), 30_000);
    await until('3 desired in status', async () => (await k(['get', 'ds', 'agent'])).stdout.match(/^agent\s+3\s+3\s+3\s+3\s+3\s/m));
  });

  it('rolls a new image out node by node, never more than maxUnavailable (1) down, and keeps history for undo', async () => {
    const ac = new AbortController();
    const events = await api.watch(`${P}?watch=true&labelSelector=app%3Dagent`, ac.signal);
    const state = new Map<string, any>();
    let minReady = Infinity;
    let counting = false;
    const watching = (async () => {
      for await (const ev of events) {
        if (ev.type === 'DELETED') state.delete(ev.object.metadata.name);
        else state.set(ev.object.metadata.name, ev.object);
        if (counting) minReady = Math.min(minReady, [...state.values()].filter((p) => !p.metadata.deletionTimestamp && isReady(p)).length);
      }
    })().catch(() => {});
    await until('the initial ADDED events', () => state.size === 3);
    counting = true;
    assert.equal((await k(['annotate', 'ds/agent', 'kubernetes.io/change-cause=to 1.37'])).code, 0);
    assert.equal((await k(['set', 'image', 'ds/agent', 'c=busybox:1.37'])).code, 0);
    const status = await k(['rollout', 'status', 'ds/agent', '--timeout=60s']);
    assert.equal(status.code, 0, status.stderr);
    ac.abort();
    await watching;
    const pods = await podsOf('agent');
    assert.deepEqual(pods.map(imageOf), ['busybox:1.37', 'busybox:1.37', 'busybox:1.37']);
    assert.ok(minReady >= 2, `at one moment only ${minReady} of 3 Pods were Ready`);

    const history = await k(['rollout', 'history', 'ds/agent']);
    assert.equal(history.code, 0, history.stderr);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+to 1\.37\n/);
    const rev1 = await k(['rollout', 'history', 'ds/agent', '--revision=1']);
    assert.match(rev1.stdout, /Image:\s+busybox:1\.36/);
    const undo = await k(['rollout', 'undo', 'ds/agent']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.match(undo.stdout, /daemonset.apps\/agent rolled back/);
    assert.equal((await k(['rollout', 'status', 'ds/agent', '--timeout=60s'])).code, 0);
    assert.deepEqual((await podsOf('agent')).map(imageOf), ['busybox:1.36', 'busybox:1.36', 'busybox:1.36']);
    // Revision 1 came back as revision 3: two ControllerRevisions, not three.
    const revs = await k(['get', 'controllerrevisions', '-l', 'app=agent', '--sort-by=.revision', '--no-headers']);
    assert.deepEqual(revs.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(1, 3)), [['daemonset.apps/agent', '2'], ['daemonset.apps/agent', '3']]);
  });

  it('a DaemonSet deleted with --cascade=orphan and applied again adopts its Pods and history, creating nothing', async () => {
    const before = (await podsOf('agent')).map((p) => p.metadata.name).sort();
    assert.equal((await k(['delete', 'ds', 'agent', '--cascade=orphan'])).code, 0);
    await until('the orphans released', async () => (await podsOf('agent')).every((p) => !p.metadata.ownerReferences?.length));
    assert.equal((await k(['apply', '-f', '-'], daemonSet('agent'))).code, 0);
    await until('the Pods adopted', async () => (await podsOf('agent')).every((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet'));
    await until('the history adopted', async () => (await k(['rollout', 'history', 'ds/agent'])).stdout.match(/REVISION\s+CHANGE-CAUSE\n2\s+to 1\.37\n3\s+<none>\n/));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual((await podsOf('agent')).map((p) => p.metadata.name).sort(), before);
  });

  it('with maxSurge the new Pod starts beside the old one, which goes once the new one is Ready', async () => {
    const r = await k(['apply', '-f', '-'], daemonSet('surge', { maxSurge: 1 }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await k(['rollout', 'status', 'ds/surge', '--timeout=30s'])).code, 0);
    const ac = new AbortController();
    const events = await api.watch(`${P}?watch=true&labelSelector=app%3Dsurge`, ac.signal);
    const state = new Map<string, any>();
    let minReady = Infinity;
    let maxLive = 0;
    let counting = false;
    const watching = (async () => {
      for await (const ev of events) {
        if (ev.type === 'DELETED') state.delete(ev.object.metadata.name);
        else state.set(ev.object.metadata.name, ev.object);
        const live = [...state.values()].filter((p) => !p.metadata.deletionTimestamp);
        if (!counting) continue;
        minReady = Math.min(minReady, live.filter(isReady).length);
        maxLive = Math.max(maxLive, live.length);
      }
    })().catch(() => {});
    await until('the initial ADDED events', () => state.size === 3);
    counting = true;
    assert.equal((await k(['set', 'image', 'ds/surge', 'c=busybox:1.37'])).code, 0);
    assert.equal((await k(['rollout', 'status', 'ds/surge', '--timeout=60s'])).code, 0);
    ac.abort();
    await watching;
    assert.equal(minReady, 3, 'a node was left without a Ready daemon Pod');
    assert.equal(maxLive, 4, 'more than one node surged at once');
    // The last old Pod goes in the pass after its replacement is counted available.
    await until('only new Pods', async () => (await podsOf('surge')).map(imageOf).join() === 'busybox:1.37,busybox:1.37,busybox:1.37', 60_000);
  });
});

/** Pods of app as a watch reports them, in order: [type, name, ready, deleting]. */
async function recordPods(app: string): Promise<{ log: [string, string, boolean, boolean][]; stop: () => Promise<void> }> {
  const ac = new AbortController();
  const events = await api.watch(`${P}?watch=true&labelSelector=app%3D${app}`, ac.signal);
  const log: [string, string, boolean, boolean][] = [];
  const done = (async () => {
    for await (const ev of events) log.push([ev.type, ev.object.metadata.name, !!isReady(ev.object), !!ev.object.metadata.deletionTimestamp]);
  })().catch(() => {});
  return { log, stop: async () => { ac.abort(); await done; } };
}

describe('StatefulSets', () => {
  it('creates web-0, web-1, web-2 in order, each once the one before is Ready, with stable names and labels', async () => {
    const rec = await recordPods('web');
    const r = await k(['apply', '-f', '-'], statefulSet('web'));
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'sts/web', '--timeout=60s']);
    assert.equal(status.code, 0, status.stderr);
    // kubectl reports any StatefulSet with a rollingUpdate (defaulted, partition 0) as partitioned, as upstream.
    assert.match(status.stdout, /partitioned roll out complete: 3 new pods have been updated\.\.\./);
    await rec.stop();
    const firstSeen = (name: string) => rec.log.findIndex(([t, n]) => t === 'ADDED' && n === name);
    const firstReady = (name: string) => rec.log.findIndex(([, n, ready]) => n === name && ready);
    assert.ok(firstReady('web-0') >= 0 && firstReady('web-0') < firstSeen('web-1'), 'web-1 was created before web-0 was Ready');
    assert.ok(firstReady('web-1') >= 0 && firstReady('web-1') < firstSeen('web-2'), 'web-2 was created before web-1 was Ready');
    for (const p of await podsOf('web')) {
      const ord = p.metadata.name.slice('web-'.length);
      assert.equal(p.spec.hostname, p.metadata.name);
      assert.equal(p.spec.subdomain, 'db');
      assert.equal(p.metadata.labels['statefulset.kubernetes.io/pod-name'], p.metadata.name);
      assert.equal(p.metadata.labels['apps.kubernetes.io/pod-index'], ord);
      assert.match(p.metadata.labels['controller-revision-hash'], /^web-[a-z0-9]+$/);
    }
    const sts = (await api.call('GET', '/apis/apps/v1/namespaces/default/statefulsets/web')).body;
    assert.equal(sts.status.currentRevision, sts.status.updateRevision);
    assert.deepEqual([sts.spec.podManagementPolicy, sts.spec.updateStrategy, sts.spec.revisionHistoryLimit, sts.spec.persistentVolumeClaimRetentionPolicy],
      ['OrderedReady', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, 10, { whenDeleted: 'Retain', whenScaled: 'Retain' }]);
    assert.deepEqual([sts.status.replicas, sts.status.readyReplicas, sts.status.currentReplicas, sts.status.updatedReplicas], [3, 3, 3, 3]);
    assert.match((await k(['get', 'sts', 'web'])).stdout, /^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
  });

  it('kubectl scale sts down removes the highest ordinals first, one at a time', async () => {
    const rec = await recordPods('web');
    const r = await k(['scale', 'sts', 'web', '--replicas=1']);
    assert.equal(r.code, 0, r.stderr);
    await until('only web-0 left', async () => (await podsOf('web')).map((p) => p.metadata.name).join() === 'web-0', 30_000);
    await until('web-1 deleted', () => rec.log.some(([t, n]) => t === 'DELETED' && n === 'web-1'), 30_000);
    await rec.stop();
    const deleting = (name: string) => rec.log.findIndex(([, n, , d]) => n === name && d);
    const gone = (name: string) => rec.log.findIndex(([t, n]) => t === 'DELETED' && n === name);
    assert.ok(deleting('web-2') >= 0 && gone('web-2') < deleting('web-1'), 'web-1 was deleted before web-2 was gone');
    assert.match((await k(['get', 'sts', 'web'])).stdout, /^web\s+1\/1\s/m);
  });

  it('Parallel creates every Pod at once, without waiting for any to be Ready', async () => {
    // A nodeSelector no node has keeps the Pods Pending: OrderedReady would stop at par-0.
    const spec = { podManagementPolicy: 'Parallel', template: { metadata: { labels: { app: 'par' } }, spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'c', image: 'busybox:1.36' }] } } };
    assert.equal((await k(['apply', '-f', '-'], statefulSet('par', spec))).code, 0);
    await until('three Pending Pods', async () => (await podsOf('par')).map((p) => p.metadata.name).sort().join() === 'par-0,par-1,par-2', 60_000);
    const ordered = { template: { metadata: { labels: { app: 'ord' } }, spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'c', image: 'busybox:1.36' }] } } };
    assert.equal((await k(['apply', '-f', '-'], statefulSet('ord', ordered))).code, 0);
    await until('ord-0', async () => (await podsOf('ord')).length === 1);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual((await podsOf('ord')).map((p) => p.metadata.name), ['ord-0']);
    assert.equal((await k(['delete', 'sts', 'par', 'ord'])).code, 0);
  });

  it('a partitioned rolling update replaces the Pods from the top down to the partition, then the rest', async () => {
    const spec = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    assert.equal((await k(['apply', '-f', '-'], statefulSet('db', spec))).code, 0);
    assert.equal((await k(['rollout', 'status', 'sts/db', '--timeout=60s'])).code, 0);
    const rec = await recordPods('db');
    assert.equal((await k(['set', 'image', 'sts/db', 'c=busybox:1.37'])).code, 0);
    const status = await k(['rollout', 'status', 'sts/db', '--timeout=60s']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /partitioned roll out complete: 2 new pods have been updated/);
    await rec.stop();
    const images = async () => Object.fromEntries((await podsOf('db')).map((p) => [p.metadata.name, imageOf(p)]));
    assert.deepEqual(await images(), { 'db-0': 'busybox:1.36', 'db-1': 'busybox:1.37', 'db-2': 'busybox:1.37' });
    const deleting = (name: string) => rec.log.findIndex(([, n, , d]) => n === name && d);
    assert.ok(deleting('db-2') >= 0 && deleting('db-2') < deleting('db-1'), 'db-1 was replaced before db-2');
    const sts = (await api.call('GET', '/apis/apps/v1/namespaces/default/statefulsets/db')).body;
    assert.notEqual(sts.status.currentRevision, sts.status.updateRevision);
    assert.deepEqual([sts.status.currentReplicas, sts.status.updatedReplicas], [1, 2]);

    assert.equal((await k(['patch', 'sts', 'db', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'])).code, 0);
    const done = await k(['rollout', 'status', 'sts/db', '--timeout=60s']);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /partitioned roll out complete: 3 new pods have been updated/);
    await until('db-0 updated too', async () => JSON.stringify(await images()) === JSON.stringify({ 'db-0': 'busybox:1.37', 'db-1': 'busybox:1.37', 'db-2': 'busybox:1.37' }), 30_000);
    await until('the update revision current', async () => {
      const s = (await api.call('GET', '/apis/apps/v1/namespaces/default/statefulsets/db')).body.status;
      return s.currentRevision === s.updateRevision && s.currentReplicas === 3;
    });

    const history = await k(['rollout', 'history', 'sts/db']);
    assert.match(history.stdout, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    assert.equal((await k(['rollout', 'undo', 'sts/db'])).code, 0);
    await until('all back at 1.36', async () => JSON.stringify(await images()) === JSON.stringify({ 'db-0': 'busybox:1.36', 'db-1': 'busybox:1.36', 'db-2': 'busybox:1.36' }), 30_000);
  });

  it('kubectl scale sts through the scale subresource', async () => {
    const scale = (await api.call('GET', '/apis/apps/v1/namespaces/default/statefulsets/db/scale')).body;
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 3, 'app=db']);
    assert.equal((await k(['scale', 'sts/db', '--replicas=4'])).code, 0);
    await until('db-3 Ready', async () => (await podsOf('db')).some((p) => p.metadata.name === 'db-3' && isReady(p)), 30_000);
  });
});

describe('apps/v1 bad input and Tables', () => {
  const refused = async (manifest: object, message: RegExp) => {
    const r = await k(['create', '-f', '-'], JSON.stringify(manifest));
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, message);
  };
  const tpl = (labels: Record<string, string>) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

  it('refuses bad DaemonSets, StatefulSets and ControllerRevisions with upstream messages', async () => {
    await refused({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'bad' }, spec: { selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'c' }) } },
      /The DaemonSet "bad" is invalid: spec.template.metadata.labels: Invalid value: .*`selector` does not match template `labels`/);
    await refused({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'bad' }, spec: { selector: {}, template: tpl({ a: 'c' }) } }, /spec.selector: Invalid value: .*empty selector is invalid for daemonset/);
    await refused({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'bad' }, spec: { selector: { matchLabels: { a: 'b' } }, updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }, template: tpl({ a: 'b' }) } },
      /spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero/);
    await refused({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'bad' }, spec: { selector: { matchLabels: { a: 'b' } }, updateStrategy: { type: 'Sometimes' }, template: tpl({ a: 'b' }) } },
      /spec.updateStrategy: Unsupported value: .*supported values: "RollingUpdate", "OnDelete"/);
    const sts = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'bad' }, spec: { selector: { matchLabels: { a: 'b' } }, template: tpl({ a: 'b' }), ...spec } });
    await refused(sts({ podManagementPolicy: 'Whenever' }), /spec.podManagementPolicy: Invalid value: "Whenever": must be 'OrderedReady' or 'Parallel'/);
    await refused(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }), /spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0/);
    await refused(sts({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] }),
      /spec\.volumeClaimTemplates\[0\]\.spec\.resources\[storage\]: Required value/);
    await refused(sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }),
      /spec\.persistentVolumeClaimRetentionPolicy\.whenScaled: Forbidden: berth keeps the claims of scaled-down Pods: only Retain is supported/);
    await refused({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'bad' }, revision: -1 }, /data: Required value: data is mandatory.*revision: Invalid value: -1/s);
  });

  it('refuses changes to a StatefulSet spec beyond the mutable fields, and to a DaemonSet selector', async () => {
    const r = await k(['patch', 'sts', 'db', '-p', '{"spec":{"serviceName":"other"}}']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /The StatefulSet "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden/);
    const d = await k(['patch', 'ds', 'agent', '-p', '{"spec":{"selector":{"matchLabels":{"app":"agent","x":"y"}},"template":{"metadata":{"labels":{"x":"y"}}}}}']);
    assert.notEqual(d.code, 0);
    assert.match(d.stderr, /spec.selector: Invalid value: .*field is immutable/);
  });

  it('kubectl get ds,sts,controllerrevisions prints upstream columns; short names and category all', async () => {
    const r = await k(['get', 'ds,sts,controllerrevisions']);
    assert.equal(r.code, 0, r.stderr);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('NAME')).map((l) => l.split(/\s{2,}/));
    assert.deepEqual(headers, [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
      ['NAME', 'READY', 'AGE'],
      ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
    ]);
    assert.match(r.stdout, /^daemonset.apps\/agent\s+3\s+3\s+3\s+3\s+3\s+<none>\s/m);
    assert.match(r.stdout, /^statefulset.apps\/db\s+4\/4\s/m);
    assert.match(r.stdout, /^controllerrevision.apps\/db-[a-z0-9]+\s+statefulset.apps\/db\s+\d+\s/m);
    const wide = await k(['get', 'ds', 'agent', '-o', 'wide']);
    assert.match(wide.stdout, /CONTAINERS\s+IMAGES\s+SELECTOR\n.*\sc\s+busybox:1\.36\s+app=agent\n/);
    const all = await k(['get', 'all', '-o', 'name']);
    assert.match(all.stdout, /^daemonset.apps\/agent$/m);
    assert.match(all.stdout, /^statefulset.apps\/db$/m);
  });
});
