// The cluster zone's answers, as a pure function of the cluster: Services, EndpointSlices and Pods
// written by hand, the answers compared with what CoreDNS's kubernetes plugin gives for them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Answer } from 'dns-packet';
import type { EndpointSlice, Pod, Service } from '../src/api/types.js';
import { ClusterZone, type ClusterView } from '../src/dns/zone.js';

function view(services: Service[], slices: EndpointSlice[], pods: Pod[]): ClusterView {
  return {
    service: (ns, name) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === name),
    namespaceHasServices: (ns) => services.some((s) => s.metadata.namespace === ns),
    endpointSlices: (ns, svc) => slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc),
    pod: (ns, name) => pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name),
    podsWithIP: (ip) => pods.filter((p) => p.status?.podIP === ip),
    serial: () => 42,
    onChange: () => () => {},
  };
}

const svc = (name: string, spec: Service['spec'], ns = 'default'): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec });
const slice = (svcName: string, endpoints: EndpointSlice['endpoints'], ports: EndpointSlice['ports'] = []): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${svcName}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': svcName } },
  addressType: 'IPv4', endpoints, ports,
});
const pod = (name: string, ip: string, spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [], ...spec }, status: { podIP: ip },
});

const zone = new ClusterZone('cluster.local', view(
  [
    svc('web', { clusterIP: '10.43.0.20', clusterIPs: ['10.43.0.20'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    svc('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }),
    svc('empty', { clusterIP: 'None' }),
    svc('ext', { type: 'ExternalName', externalName: 'example.org.' }),
    svc('alias', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }),
    svc('other', { clusterIP: '10.43.0.30' }, 'prod'),
  ],
  [
    slice('db', [
      { addresses: ['10.88.0.5'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'db-0', namespace: 'default' } },
      { addresses: ['10.88.0.6'], conditions: {}, hostname: 'replica' },
      { addresses: ['10.88.0.7'], conditions: { ready: false } },
    ], [{ name: 'pg', port: 5433, protocol: 'TCP' }]),
  ],
  [pod('db-0', '10.88.0.5', { hostname: 'primary', subdomain: 'db' }), pod('web-1', '10.88.0.9')],
), '10.88.0.1');

const data = (as: Answer[]): unknown[] => as.map((a) => `${a.type} ${'data' in a ? JSON.stringify(a.data) : ''}`);

test('a ClusterIP Service: A is its ClusterIP, authoritative TTL 5; AAAA is NODATA with the SOA', () => {
  const a = zone.answer('web.default.svc.cluster.local', 'A');
  assert.equal(a.rcode, 'NOERROR');
  assert.deepEqual(a.answers, [{ type: 'A', name: 'web.default.svc.cluster.local', ttl: 5, data: '10.43.0.20' }]);
  const aaaa = zone.answer('web.default.svc.cluster.local', 'AAAA');
  assert.equal(aaaa.rcode, 'NOERROR');
  assert.deepEqual(aaaa.answers, []);
  assert.equal(aaaa.authorities[0]?.type, 'SOA');
  assert.equal((aaaa.authorities[0] as { data: { minimum: number } }).data.minimum, 5);
});

test('names are matched without regard to case and answered as asked', () => {
  const a = zone.answer('WEB.Default.SVC.cluster.LOCAL.', 'A');
  assert.deepEqual(data(a.answers), ['A "10.43.0.20"']);
  assert.equal(a.answers[0]?.name, 'WEB.Default.SVC.cluster.LOCAL.');
});

test('NXDOMAIN for what does not exist, NODATA for names that exist without records', () => {
  for (const n of ['nope.default.svc.cluster.local', 'web.nons.svc.cluster.local', 'web.default.svc.cluster.local.default.svc.cluster.local', 'x.y.cluster.local', '_https._tcp.web.default.svc.cluster.local', '_sctp.web.default.svc.cluster.local', '10-88-0-99.default.pod.cluster.local', '10-88-0-9.prod.pod.cluster.local']) {
    const a = zone.answer(n, 'A');
    assert.equal(a.rcode, 'NXDOMAIN', n);
    assert.equal(a.authorities[0]?.type, 'SOA', n);
  }
  for (const n of ['cluster.local', 'svc.cluster.local', 'default.svc.cluster.local', 'prod.svc.cluster.local', '_tcp.web.default.svc.cluster.local', 'empty.default.svc.cluster.local']) {
    const a = zone.answer(n, 'A');
    assert.equal(a.rcode, 'NOERROR', n);
    assert.deepEqual(a.answers, [], n);
  }
});

test('SRV for a named port on a ClusterIP Service, with the address as additional', () => {
  const a = zone.answer('_http._tcp.web.default.svc.cluster.local', 'SRV');
  assert.deepEqual(data(a.answers), ['SRV {"priority":0,"weight":100,"port":80,"target":"web.default.svc.cluster.local"}']);
  assert.deepEqual(data(a.additionals), ['A "10.43.0.20"']);
  assert.deepEqual(data(zone.answer('_dns._udp.web.default.svc.cluster.local', 'SRV').answers), ['SRV {"priority":0,"weight":100,"port":53,"target":"web.default.svc.cluster.local"}']);
  assert.equal(zone.answer('_dns._tcp.web.default.svc.cluster.local', 'SRV').rcode, 'NXDOMAIN');
  // The Service's own name answers SRV for each of its ports.
  assert.equal(zone.answer('web.default.svc.cluster.local', 'SRV').answers.length, 2);
});

test('a headless Service: one A per ready endpoint; SRV per endpoint naming its host', () => {
  const a = zone.answer('db.default.svc.cluster.local', 'A');
  assert.deepEqual(data(a.answers), ['A "10.88.0.5"', 'A "10.88.0.6"']);
  const srv = zone.answer('_pg._tcp.db.default.svc.cluster.local', 'SRV');
  assert.deepEqual(data(srv.answers), [
    'SRV {"priority":0,"weight":50,"port":5433,"target":"primary.db.default.svc.cluster.local"}',
    'SRV {"priority":0,"weight":50,"port":5433,"target":"replica.db.default.svc.cluster.local"}',
  ]);
  assert.deepEqual(srv.additionals.map((r) => `${r.name} ${'data' in r ? String(r.data) : ''}`), ['primary.db.default.svc.cluster.local 10.88.0.5', 'replica.db.default.svc.cluster.local 10.88.0.6']);
});

test('endpoint names: a Pod hostname under its subdomain, an endpoint hostname, a dashed address', () => {
  assert.deepEqual(data(zone.answer('primary.db.default.svc.cluster.local', 'A').answers), ['A "10.88.0.5"']);
  assert.deepEqual(data(zone.answer('replica.db.default.svc.cluster.local', 'A').answers), ['A "10.88.0.6"']);
  // The not-ready endpoint is not published.
  assert.equal(zone.answer('10-88-0-7.db.default.svc.cluster.local', 'A').rcode, 'NXDOMAIN');
});

test('publishNotReadyAddresses publishes endpoints that are not ready', () => {
  const z = new ClusterZone('cluster.local', view([svc('db', { clusterIP: 'None', publishNotReadyAddresses: true })], [slice('db', [{ addresses: ['10.88.0.7'], conditions: { ready: false } }])], []));
  assert.deepEqual(data(z.answer('db.default.svc.cluster.local', 'A').answers), ['A "10.88.0.7"']);
  assert.deepEqual(data(z.answer('10-88-0-7.db.default.svc.cluster.local', 'A').answers), ['A "10.88.0.7"']);
});

test('ExternalName: a CNAME for every type; outside the zone the caller resolves it, inside it is followed', () => {
  const a = zone.answer('ext.default.svc.cluster.local', 'A');
  assert.deepEqual(data(a.answers), ['CNAME "example.org"']);
  assert.equal(a.external, 'example.org');
  assert.deepEqual(data(zone.answer('ext.default.svc.cluster.local', 'TXT').answers), ['CNAME "example.org"']);
  assert.equal(zone.answer('ext.default.svc.cluster.local', 'TXT').external, undefined);
  const alias = zone.answer('alias.default.svc.cluster.local', 'A');
  assert.deepEqual(data(alias.answers), ['CNAME "web.default.svc.cluster.local"', 'A "10.43.0.20"']);
  assert.equal(alias.external, undefined);
});

test('Pod records: A-B-C-D.NS.pod answers only for an address a Pod of NS has', () => {
  assert.deepEqual(data(zone.answer('10-88-0-9.default.pod.cluster.local', 'A').answers), ['A "10.88.0.9"']);
  assert.deepEqual(zone.answer('10-88-0-9.default.pod.cluster.local', 'AAAA').answers, []);
  assert.equal(zone.answer('10-88-0-9.default.pod.cluster.local', 'AAAA').rcode, 'NOERROR');
  assert.equal(zone.answer('999-88-0-9.default.pod.cluster.local', 'A').rcode, 'NXDOMAIN');
});

test('the apex: SOA and NS; the nameserver has an address', () => {
  const soa = zone.answer('cluster.local', 'SOA');
  assert.equal(soa.answers[0]?.type, 'SOA');
  assert.equal((soa.answers[0] as { data: { serial: number } }).data.serial, 42);
  assert.deepEqual(data(zone.answer('cluster.local', 'NS').answers), ['NS "ns.dns.cluster.local"']);
  assert.deepEqual(data(zone.answer('ns.dns.cluster.local', 'A').answers), ['A "10.88.0.1"']);
  assert.ok(zone.contains('cluster.local') && zone.contains('a.b.Cluster.Local.') && !zone.contains('notcluster.local') && !zone.contains('example.org'));
});
