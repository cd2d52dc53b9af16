// ReplicationControllers, PodTemplates, PodDisruptionBudgets with pods/eviction and `kubectl drain`,
// and namespace deletion by the namespace controller, driven by the real kubectl against a real server
// without its kubelet. The test plays the kubelet's part through the API: Pods bound to a node become
// Running and Ready, and Pods being deleted are removed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFor, type Api } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { playKubelet } from './support/play-kubelet.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let api: Api;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const P = '/api/v1/namespaces/default/pods';
const RC = '/api/v1/namespaces/default/replicationcontrollers';
const PDB = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
const kubelet = new AbortController();

function node(name: string): object {
  const capacity = { cpu: '8', memory: '16Gi', pods: '110' };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } };
}

let kubeletDone: Promise<void>;
before(async () => {
  server = await startServer({ args: ['--node-monitor-grace-period', '10m'] });
  api = await apiFor(server.kubeconfig);
  kubeletDone = playKubelet(api, '/api/v1/pods', kubelet.signal).catch(() => {});
});
after(async () => {
  kubelet.abort();
  await kubeletDone;
  api.close();
  await server.dispose();
});

const rc = (name: string, replicas: number) => ({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name },
  spec: { replicas, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
});
const readyPods = async (app: string) => ((await api.call('GET', `${P}?labelSelector=app%3D${app}`)).body.items as any[])
  .filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));

describe('ReplicationControllers and PodTemplates', () => {
  it('an rc defaults its selector from the template and kubectl scale moves its Pods', async () => {
    const r = await k(['apply', '-f', '-'], JSON.stringify(rc('legacy', 2)));
    assert.equal(r.code, 0, r.stderr);
    const created = (await api.call('GET', `${RC}/legacy`)).body;
    assert.deepEqual(created.spec.selector, { app: 'legacy' });
    assert.deepEqual(created.metadata.labels, { app: 'legacy' });
    await until('2 Pods of rc/legacy', async () => (await api.call('GET', `${P}?labelSelector=app%3Dlegacy`)).body.items.length === 2);
    const pod = (await api.call('GET', `${P}?labelSelector=app%3Dlegacy`)).body.items[0];
    assert.deepEqual(pod.metadata.ownerReferences.map((o: any) => [o.apiVersion, o.kind, o.name, o.controller]), [['v1', 'ReplicationController', 'legacy', true]]);
    const scaled = await k(['scale', 'rc/legacy', '--replicas=4']);
    assert.equal(scaled.code, 0, scaled.stderr);
    assert.match(scaled.stdout, /replicationcontroller\/legacy scaled/);
    await until('rc/legacy at 4 replicas', async () => (await api.call('GET', `${RC}/legacy`)).body.status?.replicas === 4);
    const scale = (await api.call('GET', `${RC}/legacy/scale`)).body;
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 4, 'app=legacy']);
    const table = await k(['get', 'rc', 'legacy']);
    assert.match(table.stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nlegacy\s+4\s+4\s+\d\s+/);
    const del = await k(['delete', 'rc', 'legacy']);
    assert.equal(del.code, 0, del.stderr);
    await until('rc/legacy Pods collected', async () => (await api.call('GET', `${P}?labelSelector=app%3Dlegacy`)).body.items.length === 0);
  });

  it('kubectl get all lists rcs, and apply --prune prunes them', async () => {
    const labelled = rc('pruned', 0) as any;
    labelled.metadata.labels = { set: 'p' };
    assert.equal((await k(['apply', '-f', '-'], JSON.stringify(labelled))).code, 0);
    const all = await k(['get', 'all']);
    assert.match(all.stdout, /\nreplicationcontroller\/pruned\s+0\s+0\s+0\s+/);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', labels: { set: 'p' } } };
    const r = await k(['apply', '--prune', '-l', 'set=p', '--prune-allowlist=core/v1/ReplicationController', '--prune-allowlist=core/v1/ConfigMap', '-f', '-'], JSON.stringify(cm));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /replicationcontroller\/pruned pruned/);
    assert.equal((await api.call('GET', `${RC}/pruned`)).status, 404);
  });

  it('refuses an rc whose selector does not match its template, with upstream words', async () => {
    const bad = rc('mismatch', 1) as any;
    bad.spec.selector = { app: 'other' };
    const r = await api.call('POST', RC, bad);
    assert.equal(r.status, 422);
    assert.match(r.body.message, /^ReplicationController "mismatch" is invalid: spec\.template\.metadata\.labels: Invalid value: .*: `selector` does not match template `labels`$/);
    const always = rc('never', 1) as any;
    always.spec.template.spec.restartPolicy = 'Never';
    const r2 = await api.call('POST', RC, always);
    assert.equal(r2.status, 422);
    assert.match(r2.body.message, /spec\.template\.spec\.restartPolicy: Unsupported value: "Never": supported values: "Always"/);
  });

  it('serves PodTemplates with upstream columns', async () => {
    const pt = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'tpl' }, template: { metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'side', image: 'busybox' }] } } };
    assert.equal((await k(['apply', '-f', '-'], JSON.stringify(pt))).code, 0);
    const t = await k(['get', 'podtemplates']);
    assert.match(t.stdout, /^NAME\s+CONTAINERS\s+IMAGES\s+POD LABELS\ntpl\s+web,side\s+nginx,busybox\s+a=1,b=2\n$/);
  });
});

describe('PodDisruptionBudgets', () => {
  it('refuses bad budgets with upstream words', async () => {
    const both = await k(['create', 'pdb', 'both', '--selector=app=x', '--min-available=1', '--max-unavailable=1']);
    assert.notEqual(both.code, 0); // kubectl itself refuses both
    const body = (spec: object) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'bad' }, spec });
    const r = await api.call('POST', PDB, body({ minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'x' } } }));
    assert.equal(r.status, 422);
    assert.match(r.body.message, /^PodDisruptionBudget\.policy "bad" is invalid: spec: Invalid value: .*minAvailable and maxUnavailable cannot be both set$/);
    const pct = await api.call('POST', PDB, body({ minAvailable: '150%' }));
    assert.equal(pct.status, 422);
    assert.equal(pct.body.message, 'PodDisruptionBudget.policy "bad" is invalid: spec.minAvailable: Invalid value: "150%": must not be greater than 100%');
    const policy = await api.call('POST', PDB, body({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'Sometimes' }));
    assert.equal(policy.status, 422);
    assert.match(policy.body.message, /spec\.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"/);
  });

  it('eviction is refused with 429 while the budget allows no disruption, and allowed once another Pod is Ready', async () => {
    assert.equal((await api.call('POST', '/api/v1/nodes', node('n1'))).status, 201);
    assert.equal((await k(['apply', '-f', '-'], JSON.stringify(rc('db', 2)))).code, 0);
    const made = await k(['create', 'pdb', 'db', '--selector=app=db', '--min-available=2']);
    assert.equal(made.code, 0, made.stderr);
    await until('2 Ready db Pods', async () => (await readyPods('db')).length === 2);
    const status = await until('pdb status', async () => {
      const s = (await api.call('GET', `${PDB}/db`)).body.status;
      return s?.currentHealthy === 2 && s;
    });
    assert.deepEqual([status.desiredHealthy, status.expectedPods, status.disruptionsAllowed, status.observedGeneration], [2, 2, 0, 1]);
    assert.deepEqual(status.conditions.map((c: any) => [c.type, c.status, c.reason]), [['DisruptionAllowed', 'False', 'InsufficientPods']]);
    const table = await k(['get', 'pdb', 'db']);
    assert.match(table.stdout, /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\ndb\s+2\s+N\/A\s+0\s+/);

    const victim = (await readyPods('db'))[0].metadata.name;
    const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: victim, namespace: 'default' } };
    const refused = await api.call('POST', `${P}/${victim}/eviction`, eviction);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.reason, 'TooManyRequests');
    assert.equal(refused.body.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.deepEqual(refused.body.details.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget db needs 2 healthy pods and has 2 currently' }]);
    assert.equal((await api.call('GET', `${P}/${victim}`)).body.metadata.deletionTimestamp, undefined);

    assert.equal((await k(['scale', 'rc/db', '--replicas=3'])).code, 0);
    await until('budget allows one', async () => (await api.call('GET', `${PDB}/db`)).body.status?.disruptionsAllowed === 1);
    const allowed = await api.call('POST', `${P}/${victim}/eviction`, eviction);
    assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
    const after = (await api.call('GET', `${PDB}/db`)).body.status;
    assert.equal(after.disruptionsAllowed, 0);
    // The eviction records the victim in disruptedPods; the controller drops it again once it sees the
    // Pod terminating (as upstream does), so either the record or the terminating Pod is what shows.
    const gone = await api.call('GET', `${P}/${victim}`);
    assert.ok(after.disruptedPods?.[victim] || gone.status === 404 || gone.body.metadata.deletionTimestamp, JSON.stringify(after));
  });

  it('two budgets over one Pod make eviction a 500, as upstream', async () => {
    assert.equal((await k(['create', 'pdb', 'db2', '--selector=app=db', '--max-unavailable=1'])).code, 0);
    const victim = (await until('a Ready db Pod', async () => (await readyPods('db'))[0])).metadata.name;
    const r = await api.call('POST', `${P}/${victim}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: victim } });
    assert.equal(r.status, 500);
    assert.equal(r.body.message, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    assert.equal((await k(['delete', 'pdb', 'db2'])).code, 0);
  });

  it('kubectl drain retries on the budget and finishes once Pods are Ready elsewhere', async () => {
    assert.equal((await k(['scale', 'rc/db', '--replicas=2'])).code, 0);
    await until('2 Ready db Pods', async () => (await readyPods('db')).length === 2 && (await api.call('GET', `${PDB}/db`)).body.status?.disruptionsAllowed === 0);
    const drain = k(['drain', 'n1', '--ignore-daemonsets', '--timeout=90s']);
    await until('a refused eviction', async () => (await api.call('GET', '/api/v1/nodes/n1')).body.spec?.unschedulable === true, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await readyPods('db')).length, 2, 'drain must not go below the budget');
    // A second node lets the RC's replacements become Ready, and the budget lets drain go on.
    assert.equal((await api.call('POST', '/api/v1/nodes', node('n2'))).status, 201);
    assert.equal((await k(['scale', 'rc/db', '--replicas=3'])).code, 0);
    const r = await drain;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /error when evicting pods\/"db-[a-z0-9]+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./);
    assert.match(r.stdout, /node\/n1 drained/);
    const left = (await api.call('GET', `/api/v1/pods?fieldSelector=spec.nodeName%3Dn1`)).body.items.filter((p: any) => !p.metadata.deletionTimestamp);
    assert.equal(left.length, 0);
  });
});

describe('namespace deletion', () => {
  it('removes Deployments, ReplicationControllers, ConfigMaps, Pods and budgets through the API, then the namespace', async () => {
    assert.equal((await k(['create', 'namespace', 'doomed'])).code, 0);
    assert.equal((await k(['-n', 'doomed', 'create', 'deployment', 'web', '--image=nginx', '--replicas=2'])).code, 0);
    assert.equal((await k(['-n', 'doomed', 'create', 'configmap', 'settings', '--from-literal=a=b'])).code, 0);
    assert.equal((await k(['-n', 'doomed', 'create', 'pdb', 'web', '--selector=app=web', '--min-available=1'])).code, 0);
    assert.equal((await k(['-n', 'doomed', 'apply', '-f', '-'], JSON.stringify(rc('old', 1)))).code, 0);
    const held = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'doomed', finalizers: ['example.com/hold'] } };
    assert.equal((await api.call('POST', '/api/v1/namespaces/doomed/configmaps', held)).status, 201);
    await until('the Deployment Pods', async () => (await api.call('GET', '/api/v1/namespaces/doomed/pods')).body.items.length === 3);

    assert.equal((await k(['delete', 'namespace', 'doomed', '--wait=false'])).code, 0);
    const ns = await until('the finalizer condition', async () => {
      const n = (await api.call('GET', '/api/v1/namespaces/doomed')).body;
      return n.status?.conditions?.find((c: any) => c.type === 'NamespaceFinalizersRemaining' && c.status === 'True') && n;
    });
    assert.equal(ns.status.phase, 'Terminating');
    const cond = (t: string) => ns.status.conditions.find((c: any) => c.type === t);
    assert.equal(cond('NamespaceFinalizersRemaining').message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
    assert.equal(cond('NamespaceContentRemaining').reason, 'SomeResourcesRemain');
    assert.deepEqual([cond('NamespaceDeletionDiscoveryFailure').status, cond('NamespaceDeletionDiscoveryFailure').reason], ['False', 'ResourcesDiscovered']);
    for (const path of ['/apis/apps/v1/namespaces/doomed/deployments', '/api/v1/namespaces/doomed/replicationcontrollers', '/apis/policy/v1/namespaces/doomed/poddisruptionbudgets', '/api/v1/namespaces/doomed/pods']) {
      await until(`${path} emptied`, async () => (await api.call('GET', path)).body.items.length === 0);
    }
    const created = await api.call('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    assert.equal(created.status, 403);
    assert.equal(created.body.message, 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');

    assert.equal((await api.call('PATCH', '/api/v1/namespaces/doomed/configmaps/held', { metadata: { finalizers: null } })).status, 200);
    await until('namespace gone', async () => (await api.call('GET', '/api/v1/namespaces/doomed')).status === 404, 60_000);
  });
});
