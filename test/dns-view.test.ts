// No stale answer, ever: the DNS server remembers each answer until a change touches what it was read
// from, with the zone's view of a real cluster (informers through the client). For each kind of change
// a user makes (a Service added, its ClusterIP and ports changed, deleted; a headless Service's
// EndpointSlice changed; a Pod's address changed, the Pod finished and deleted, under a hostname and
// subdomain)
// every name is asked before the change (so it is remembered) and after it: the answer must be the one
// a server with no memory works out, and what the change says. And an answer nothing touched is given
// from memory: the view is not read for it again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordType } from 'dns-packet';
import type { EndpointSlice, KObject, Pod, Service } from '../src/api/types.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { Informer } from '../src/client/informer.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { endpointSlices, pods, services as serviceResource } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { SERVICE_NAME_LABEL, SharedInformers } from '../src/client/shared.js';
import { Forwarder } from '../src/dns/forward.js';
import { DnsServer } from '../src/dns/server.js';
import { InformerView, podWatch } from '../src/dns/view.js';
import { ClusterZone, type ClusterView } from '../src/dns/zone.js';
import { decode, encodeQuery } from './support/dns.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';

const Z = 'default.svc.cluster.local';

test('after every kind of change each remembered answer is the fresh one; untouched ones stay remembered', async () => {
  const server = await startServer();
  const ac = new AbortController();
  try {
    const client = new RestClient(new HttpsTransport(await loadKubeconfig(server.kubeconfig)));
    const shared = new SharedInformers(client, () => {});
    const services = shared.services();
    const slices = shared.endpointSlices();
    const podInformer = new Informer<Pod>(client, pods, podWatch);
    for (const inf of [services, slices, podInformer]) void inf.run(ac.signal);
    await Promise.all([services, slices, podInformer].map((inf) => inf.waitForSync()));
    // The view, counting its reads: an answer given from memory reads nothing.
    let reads = 0;
    const view = new InformerView(services, slices, podInformer);
    const counted = new Proxy(view, {
      get: (t, prop) => {
        const v = Reflect.get(t, prop, t) as unknown;
        return typeof v === 'function' ? (...args: unknown[]) => (prop !== 'onChange' && reads++, (v as (...a: unknown[]) => unknown).apply(t, args)) : v;
      },
    }) as ClusterView;
    const zone = new ClusterZone('cluster.local', counted);
    const dns = new DnsServer({ zone, forwarder: new Forwarder([]), log: () => {} });

    /** The answer's addresses, SRV targets and CNAMEs (or its rcode when it has none). */
    const said = async (s: DnsServer, name: string, type: RecordType): Promise<string> => {
      const r = decode((await s.handle(encodeQuery(name, type), 'udp'))!);
      const data = (r.answers ?? []).map((a) => ('data' in a ? (typeof a.data === 'object' && a.data && 'target' in a.data ? `${a.data.target}:${a.data.port}` : String(a.data)) : ''));
      return data.length > 0 ? data.sort().join(',') : r.rcode;
    };
    const asked: [string, RecordType][] = [
      [`web.${Z}`, 'A'], [`_http._tcp.web.${Z}`, 'SRV'], [`_web._tcp.web.${Z}`, 'SRV'],
      [`db.${Z}`, 'A'], [`db-0.db.${Z}`, 'A'], [`10-88-5-1.db.${Z}`, 'A'], [`10-88-5-2.db.${Z}`, 'A'],
      ['10-88-5-1.default.pod.cluster.local', 'A'], ['10-88-5-9.default.pod.cluster.local', 'A'],
    ];
    /** Every name as the remembering server says it, checked against a server remembering nothing. */
    const everything = async (): Promise<Record<string, string>> => {
      const fresh = new DnsServer({ zone: new ClusterZone('cluster.local', view), forwarder: new Forwarder([]), log: () => {} });
      const out: Record<string, string> = {};
      for (const [name, type] of asked) {
        const remembered = await said(dns, name, type);
        assert.equal(remembered, await said(fresh, name, type), `${name} ${type}: a stale answer`);
        out[`${name.replace(`.${Z}`, '')} ${type}`] = remembered;
      }
      await fresh.close();
      return out;
    };
    /** Waits until the informer holds the written object (or a later version), or none of that name. */
    const seen = (inf: { get(key: string): KObject | undefined }, written: KObject | string) => until(`the informer sees ${typeof written === 'string' ? `${written} gone` : written.metadata.name}`, () => typeof written === 'string'
      ? !inf.get(written)
      : Number(inf.get(`default/${written.metadata.name}`)?.metadata.resourceVersion ?? 0) >= Number(written.metadata.resourceVersion), 30_000, 10);

    /** web's A (a ClusterIP, no SOA in it) is given from memory after a change it does not read. */
    const untouched = async (what: string): Promise<void> => {
      const r = reads;
      assert.equal(await said(dns, `web.${Z}`, 'A'), '10.43.7.8');
      assert.equal(reads, r, `${what}: web's answer given from memory`);
    };
    let before = await everything();
    assert.equal(before['web A'], 'NXDOMAIN');
    /** Asserts what changed since the last look (and that nothing else did). */
    const changes = async (what: string, want: Record<string, string>): Promise<void> => {
      const now = await everything();
      assert.deepEqual(now, { ...before, ...want }, what);
      before = now;
    };

    const web = await client.create<Service>(serviceResource, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: '10.43.7.7', ports: [{ name: 'http', port: 80 }] } });
    await seen(services, web);
    await changes('Service added', { 'web A': '10.43.7.7', '_http._tcp.web SRV': `web.${Z}:80`, '_web._tcp.web SRV': 'NXDOMAIN' });

    // ClusterIP Service → ExternalName (its ClusterIP goes) → ClusterIP again (a new one), and a port renamed.
    await seen(services, await client.patch<Service>(serviceResource, 'default', 'web', 'merge', { spec: { type: 'ExternalName', externalName: `db.${Z}`, clusterIP: null, clusterIPs: null, ports: null } }));
    await changes('ClusterIP removed', { 'web A': `db.${Z}`, '_http._tcp.web SRV': 'NXDOMAIN' });
    await seen(services, await client.patch<Service>(serviceResource, 'default', 'web', 'merge', { spec: { type: 'ClusterIP', externalName: null, clusterIP: '10.43.7.8', ports: [{ name: 'web', port: 8080 }] } }));
    await changes('ClusterIP changed, port renamed', { 'web A': '10.43.7.8', '_web._tcp.web SRV': `web.${Z}:8080` });

    const db = await client.create<Service>(serviceResource, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] } });
    await seen(services, db);
    await changes('headless Service added, no endpoints', { 'db A': 'NOERROR' });
    const endpoint = (ip: string, ready = true) => ({ addresses: [ip], conditions: { ready }, targetRef: { kind: 'Pod', namespace: 'default', name: `pod-${ip}` } });
    const slice = (eps: ReturnType<typeof endpoint>[]): EndpointSlice => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'db-1', labels: { [SERVICE_NAME_LABEL]: 'db' } }, addressType: 'IPv4', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }], endpoints: eps });
    await seen(slices, await client.create(endpointSlices, 'default', slice([endpoint('10.88.5.1')])));
    await changes('EndpointSlice added', { 'db A': '10.88.5.1', '10-88-5-1.db A': '10.88.5.1' });
    await seen(slices, await client.update(endpointSlices, 'default', { ...slices.get('default/db-1')!, endpoints: [endpoint('10.88.5.1'), endpoint('10.88.5.2')] }));
    await changes('endpoint added', { 'db A': '10.88.5.1,10.88.5.2', '10-88-5-2.db A': '10.88.5.2' });
    await seen(slices, await client.update(endpointSlices, 'default', { ...slices.get('default/db-1')!, endpoints: [endpoint('10.88.5.1'), endpoint('10.88.5.2', false)] }));
    await untouched('another Service\'s EndpointSlice changed');
    await changes('endpoint not ready', { 'db A': '10.88.5.1', '10-88-5-2.db A': 'NXDOMAIN' });

    // The endpoint's Pod, with a hostname under the Service's name: the endpoint is then named for it.
    // (DNS watches only Pods with an address: this one comes into its view with it.)
    await client.create<Pod>(pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod-10.88.5.1' }, spec: { hostname: 'db-0', subdomain: 'db', containers: [{ name: 'c', image: 'busybox' }] } });
    await changes('Pod without an address', {});
    const address = (ip: string) => ({ status: { podIP: ip, podIPs: [{ ip }] } });
    await seen(podInformer, await client.patch<Pod>(pods, 'default', 'pod-10.88.5.1', 'merge', address('10.88.5.1'), { subresource: 'status' }));
    await changes('Pod with a hostname and an address', { 'db-0.db A': '10.88.5.1', '10-88-5-1.db A': 'NXDOMAIN', '10-88-5-1.default.pod.cluster.local A': '10.88.5.1' });

    // A change of nothing the zone reads (conditions) leaves every answer remembered.
    const readsBefore = reads;
    const conditions = { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } };
    await seen(podInformer, await client.patch<Pod>(pods, 'default', 'pod-10.88.5.1', 'merge', conditions, { subresource: 'status' }));
    await changes('Pod conditions', {});
    assert.equal(reads, readsBefore, 'every answer given from memory');

    await seen(podInformer, await client.patch<Pod>(pods, 'default', 'pod-10.88.5.1', 'merge', address('10.88.5.9'), { subresource: 'status' }));
    await untouched('a Pod\'s address changed');
    await changes('Pod address changed', { '10-88-5-1.default.pod.cluster.local A': 'NXDOMAIN', '10-88-5-9.default.pod.cluster.local A': '10.88.5.9' });

    // A finished Pod's address may be another's: DNS leaves it, as it does a deleted Pod.
    await client.patch<Pod>(pods, 'default', 'pod-10.88.5.1', 'merge', { status: { phase: 'Succeeded' } }, { subresource: 'status' });
    await seen(podInformer, 'default/pod-10.88.5.1');
    await changes('Pod finished', { 'db-0.db A': 'NXDOMAIN', '10-88-5-1.db A': '10.88.5.1', '10-88-5-9.default.pod.cluster.local A': 'NXDOMAIN' });
    await seen(podInformer, await client.patch<Pod>(pods, 'default', 'pod-10.88.5.1', 'merge', { status: { phase: 'Running' } }, { subresource: 'status' }));
    await changes('Pod running again', { 'db-0.db A': '10.88.5.1', '10-88-5-1.db A': 'NXDOMAIN', '10-88-5-9.default.pod.cluster.local A': '10.88.5.9' });
    await client.delete(pods, 'default', 'pod-10.88.5.1', { gracePeriodSeconds: 0 });
    await seen(podInformer, 'default/pod-10.88.5.1');
    await changes('Pod deleted', { 'db-0.db A': 'NXDOMAIN', '10-88-5-1.db A': '10.88.5.1', '10-88-5-9.default.pod.cluster.local A': 'NXDOMAIN' });

    await client.delete(endpointSlices, 'default', 'db-1');
    await seen(slices, 'default/db-1');
    await changes('EndpointSlice deleted', { 'db A': 'NOERROR', '10-88-5-1.db A': 'NXDOMAIN' });

    await client.delete(serviceResource, 'default', 'web');
    await seen(services, 'default/web');
    await changes('Service deleted', { 'web A': 'NXDOMAIN', '_web._tcp.web SRV': 'NXDOMAIN' });
    await dns.close();
  } finally {
    ac.abort();
    await server.dispose();
  }
});
