// The in-process transport (how the components inside `berth server` reach its API) keeps the API's
// rules: the caller is the user its certificate names and is authorized as such, writes are recorded
// under the component's manager name, errors and watches read as over HTTPS. The API here is the real
// handler over a real Registry and SQLite store, started in the test's process by the function `berth server` starts it with.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import type { ConfigMap, Deployment, KObject, Pod } from '../src/api/types.js';
import { ensurePki, issueCertificate, type KeyPair } from '../src/apiserver/auth/certs.js';
import { DEFAULT_SERVICE_CIDR } from '../src/apiserver/registry/service-allocator.js';
import { createApiHandler } from '../src/apiserver/server.js';
import { startApiServer, type ApiServerHandle } from '../src/cli/apiserver.js';
import { inProcessConnect, type Connect } from '../src/cli/controlplane.js';
import { configMaps, deployments, pods, secrets } from '../src/client/resources.js';
import { Informer } from '../src/client/informer.js';
import { RestClient } from '../src/client/rest.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';

/** The first n items of an iterable (the iteration is then left). */
async function take<T>(it: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n > 0) for await (const x of it) if (out.push(x) >= n) break;
  return out;
}

const managers = (o: KObject) => (o.metadata.managedFields ?? []).map((f) => `${f.manager}/${f.operation}${f.subresource ? `/${f.subresource}` : ''}`);

describe('in-process transport', () => {
  let dir: string;
  let api: ApiServerHandle;
  let connect: Connect;
  let admin: KeyPair;
  let stranger: KeyPair;
  let node: KeyPair;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-inproc-'));
    const pki = await ensurePki(join(dir, 'pki'), ['localhost'], ['127.0.0.1']);
    admin = await issueCertificate(join(dir, 'pki'), 'admin', { cn: 'berth-admin', orgs: ['system:masters'] }, 'client');
    stranger = await issueCertificate(join(dir, 'pki'), 'jane', { cn: 'jane', orgs: ['dev'] }, 'client');
    node = await issueCertificate(join(dir, 'pki'), 'node-n1', { cn: 'system:node:n1', orgs: ['system:nodes'] }, 'client');
    api = await startApiServer({ dataDir: dir, port: 0, bindAddress: '127.0.0.1', datastore: {}, pki: async () => pki, serviceCIDR: DEFAULT_SERVICE_CIDR });
    connect = api.connect;
  });

  after(async () => {
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses what the certificate\'s user may not do, as RBAC and the node authorizer would over HTTPS', async () => {
    const jane = connect(stranger, 'kube-controller-manager/berth');
    await assert.rejects(jane.list(pods, 'default'), (e: unknown) => {
      assert.ok(isApiError(e, 'Forbidden'), String(e));
      assert.match((e as Error).message, /User "jane" cannot list resource "pods" in API group "" in the namespace "default"/);
      return true;
    });
    const kubelet = connect(node, 'kubelet/berth (n1)');
    await connect(admin, 'test').create(secrets, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'not-for-n1' }, stringData: { k: 'v' } } as KObject);
    // A node reads only the Secrets its Pods use.
    await assert.rejects(kubelet.get(secrets, 'default', 'not-for-n1'), (e: unknown) => isApiError(e, 'Forbidden'));
    // An unscheduled Pod is no node's to write.
    await assert.rejects(
      kubelet.create(pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'mirror' }, spec: { nodeName: 'n2', containers: [{ name: 'c', image: 'busybox' }] } } as Pod),
      (e: unknown) => isApiError(e, 'Forbidden'),
    );
  });

  it('records writes under the component\'s manager name, and validates them as any client\'s', async () => {
    const scheduler = connect(admin, 'kube-scheduler/berth');
    const cm = await scheduler.create<ConfigMap>(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned' }, data: { a: '1' } } as ConfigMap);
    assert.deepEqual(managers(cm), ['kube-scheduler/Update']);
    const patched = await connect(admin, 'kube-controller-manager/berth').patch<ConfigMap>(configMaps, 'default', 'owned', 'merge', { data: { b: '2' } });
    assert.deepEqual(managers(patched).sort(), ['kube-controller-manager/Update', 'kube-scheduler/Update']);
    assert.equal((await scheduler.get<ConfigMap>(configMaps, 'default', 'owned')).data?.b, '2', 'a read sees the write');
    await assert.rejects(scheduler.create(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } } as KObject), (e: unknown) => {
      assert.ok(isApiError(e, 'Invalid'), String(e));
      assert.match((e as Error).message, /ConfigMap "Bad_Name" is invalid: metadata.name/);
      return true;
    });
    await assert.rejects(scheduler.get(configMaps, 'default', 'missing'), (e: unknown) => isApiError(e, 'NotFound'));
  });

  it('streams a watch until its signal aborts', async () => {
    const client = connect(admin, 'test');
    const start = (await client.list(configMaps, 'default')).metadata.resourceVersion;
    const ac = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of client.watch<ConfigMap>(configMaps, 'default', { resourceVersion: start }, ac.signal)) seen.push(`${ev.type} ${ev.object.metadata.name}`);
    })();
    await client.create(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } } as KObject);
    await client.delete(configMaps, 'default', 'watched');
    await until('both events', () => seen.length >= 2, 10_000);
    assert.deepEqual(seen, ['ADDED watched', 'DELETED watched']);
    ac.abort();
    await done;
  });

  it('hands a watch\'s events over as the objects of each revision, which read as an HTTPS watcher\'s JSON', async () => {
    const client = connect(admin, 'kube-controller-manager/berth');
    const storage = api.registry.core('configmaps');
    const cm = await client.create<ConfigMap>(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'handed' }, data: { v: '1' } } as KObject);
    // Written again before the watch reads a thing: each event must still carry its own revision.
    await client.patch(configMaps, 'default', 'handed', 'merge', { data: { v: '2' } });
    const latest = storage.getEntry('default', 'handed')!;
    const [latestObj, latestJson] = [latest.obj, latest.json];
    const ac = new AbortController();
    const seen: ConfigMap[] = [];
    const done = (async () => {
      for await (const ev of client.watch<ConfigMap>(configMaps, 'default', { resourceVersion: String(Number(cm.metadata.resourceVersion) - 1) }, ac.signal)) seen.push(ev.object);
    })();
    await until('two events', () => seen.length >= 2, 10_000);
    await client.delete(configMaps, 'default', 'handed');
    await until('three events', () => seen.length >= 3, 10_000);
    ac.abort();
    await done;
    assert.deepEqual(seen.map((o) => o.data?.v), ['1', '2', '2']);
    assert.deepEqual(seen.map((o) => o.metadata.resourceVersion), [cm.metadata.resourceVersion, String(latest.rev), seen[2]!.metadata.resourceVersion]);
    assert.ok(Number(seen[2]!.metadata.resourceVersion) > latest.rev, 'the deletion has its own resourceVersion');
    // The current revision's event is the cache's object itself, not a copy, and reads as the cache's JSON.
    assert.equal(seen[1], latestObj);
    assert.deepEqual(JSON.parse(latestJson), seen[1]);
    // Lines still come between the objects, in order: the initial events end with their BOOKMARK.
    const ac2 = new AbortController();
    const types: string[] = [];
    for await (const ev of client.watch(configMaps, 'default', { sendInitialEvents: true, allowWatchBookmarks: true }, ac2.signal)) {
      types.push(ev.type);
      if (ev.type === 'BOOKMARK') {
        assert.equal(ev.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
        ac2.abort();
      }
    }
    assert.equal(types.at(-1), 'BOOKMARK');
    assert.ok(types.slice(0, -1).every((t) => t === 'ADDED'), types.join());
    // Nothing was parsed: the transport handed the object over, where a reader of lines gets its JSON.
    const ac3 = new AbortController();
    const path = `/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dkept`;
    const { events } = await client.transport.stream({ method: 'GET', path, signal: ac3.signal, takesItems: true });
    const { lines } = await client.transport.stream({ method: 'GET', path, signal: ac3.signal });
    await client.create(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' } } as KObject);
    const kept = storage.getEntry('default', 'kept')!;
    const [handed] = await take(events!, 1);
    const [line] = await take(lines, 1);
    assert.deepEqual(handed, { type: 'ADDED', object: kept.obj });
    assert.equal((handed as { object: KObject }).object, kept.obj);
    assert.equal(line, `{"type":"ADDED","object":${kept.json}}`);
    ac3.abort();
  });

  it('lets an informer keep the watch cache\'s own objects, frozen, and the API still writes over them', async () => {
    // berth server's own connection: its informers share the registry's objects.
    const client = connect(admin, 'kube-controller-manager/berth');
    const cached = (name: string) => api.registry.core('configmaps').getEntry('default', name)?.obj;
    await client.create(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'listed' }, data: { a: '1' } } as KObject);
    const ac = new AbortController();
    const informer = new Informer<ConfigMap>(client, configMaps);
    const running = informer.run(ac.signal);
    try {
      await until('the informer listed', () => informer.get('default/listed'));
      // From the list: the cache's object itself, frozen.
      assert.equal(informer.get('default/listed'), cached('listed'));
      assert.ok(Object.isFrozen(cached('listed')!.data), 'the informer froze what it shares');
      // A list read raw over the same connection (as the dashboard proxies one) still carries its items as text.
      const raw = await client.transport.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps' });
      assert.deepEqual((JSON.parse(raw.body) as { items: KObject[] }).items.find((c) => c.metadata.name === 'listed'), JSON.parse(JSON.stringify(cached('listed'))));
      // From the watch: the cache's object itself. Writing it anew (create, update, patch) works although frozen.
      await client.create(configMaps, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' }, data: { a: '1' } } as KObject);
      await until('the informer saw the create', () => informer.get('default/watched'));
      assert.equal(informer.get('default/watched'), cached('watched'));
      const updated = await client.update<ConfigMap>(configMaps, 'default', { ...informer.get('default/watched')!, data: { a: '2' } });
      await until('the informer saw the update', () => informer.get('default/watched')?.metadata.resourceVersion === updated.metadata.resourceVersion);
      assert.equal(informer.get('default/watched'), cached('watched'));
      assert.ok(Object.isFrozen(cached('watched')));
      const patched = await client.patch<ConfigMap>(configMaps, 'default', 'watched', 'merge', { data: { b: '3' } });
      assert.deepEqual(patched.data, { a: '2', b: '3' });
      await until('the informer saw the patch', () => informer.get('default/watched')?.data?.b === '3');
      assert.equal(informer.get('default/watched'), cached('watched'));
      // Over the transport without the registry's objects, an informer holds copies.
      const copyingConnect = inProcessConnect(createApiHandler({ pki: api.pki, registry: api.registry, ready: () => true }));
      const copying = new Informer<ConfigMap>(copyingConnect(admin, 'test'), configMaps);
      const ac2 = new AbortController();
      const running2 = copying.run(ac2.signal);
      await until('the copying informer listed', () => copying.get('default/watched'));
      assert.notEqual(copying.get('default/watched')!.data, cached('watched')!.data);
      assert.deepEqual(copying.get('default/watched')!.data, cached('watched')!.data);
      ac2.abort();
      await running2;
    } finally {
      ac.abort();
      await running;
    }
  });
});

describe('berth server\'s own components, in process', () => {
  const srv = withServer({ disableAgent: true });

  it('write as their managers: the ReplicaSet controller\'s Pod names kube-controller-manager, its Unschedulable status kube-scheduler', async () => {
    const client = await RestClient.fromKubeconfig(srv.server.kubeconfig);
    try {
      const labels = { app: 'inproc' };
      await client.create(deployments, 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'inproc' }, spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } as Deployment);
      // No node: the scheduler records the Pod as Unschedulable in its status.
      const pod = await until('the ReplicaSet controller\'s Pod, found unschedulable', async () => {
        const p = (await client.list<Pod>(pods, 'default', { labelSelector: 'app=inproc' })).items[0];
        return p?.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') && p;
      });
      assert.deepEqual(managers(pod), ['kube-controller-manager/Update', 'kube-scheduler/Update/status']);
      assert.equal(pod.metadata.ownerReferences?.[0]?.kind, 'ReplicaSet');
    } finally {
      client.transport.close();
    }
  });
});
