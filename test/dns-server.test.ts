// The DNS server over real sockets: the cluster zone answered over UDP and TCP, everything else forwarded
// to an upstream started here (the host's resolvers stand-in), large answers truncated over UDP, and
// hostile input answered or dropped without harm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';
import type { EndpointSlice, Service } from '../src/api/types.js';
import { Forwarder, upstreamsOf } from '../src/dns/forward.js';
import { DnsServer } from '../src/dns/server.js';
import { ClusterZone, topic, type ClusterView } from '../src/dns/zone.js';
import { ask, decode, encodeQuery, startUpstream, tcpExchange, udpExchange } from './support/dns.js';
import { prng } from './support/prng.js';

const services: Service[] = [
  { metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.43.0.20', ports: [{ name: 'http', port: 80 }] } },
  { metadata: { name: 'many', namespace: 'default' }, spec: { clusterIP: 'None' } },
  { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'outside.example' } },
];
// 100 ready endpoints: more than fits in 512 bytes.
const slices: EndpointSlice[] = [{
  metadata: { name: 'many-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'many' } },
  addressType: 'IPv4', endpoints: Array.from({ length: 100 }, (_, i) => ({ addresses: [`10.88.1.${i + 1}`] })),
}];
const view: ClusterView = {
  service: (ns, n) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === n),
  namespaceHasServices: (ns) => ns === 'default',
  endpointSlices: (_ns, svc) => slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc),
  pod: () => undefined,
  podsWithIP: () => [],
  serial: () => 1,
  onChange: (l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
const listeners = new Set<(topics: readonly string[]) => void>();
const changed = (...topics: string[]): void => listeners.forEach((l) => l(topics));

async function withServer(fn: (port: number, upstream: Awaited<ReturnType<typeof startUpstream>>) => Promise<void>, upstreams?: { host: string; port: number }[]): Promise<void> {
  const upstream = await startUpstream({ 'outside.example': '192.0.2.7', 'web': '192.0.2.99' });
  const forwarder = new Forwarder(upstreams ?? [{ host: '127.0.0.1', port: upstream.port }], 300);
  const server = new DnsServer({ zone: new ClusterZone('cluster.local', view), forwarder, log: () => {} });
  const port = await server.listen('127.0.0.1', 0);
  try {
    await fn(port, upstream);
  } finally {
    await server.close();
    forwarder.close();
    await upstream.close();
  }
}

test('cluster names over UDP and TCP: authoritative, recursion available, the query id kept', async () => {
  await withServer(async (port) => {
    for (const tcp of [false, true]) {
      const r = await ask(port, 'web.default.svc.cluster.local', 'A', { tcp });
      assert.equal(r.rcode, 'NOERROR');
      assert.ok(r.flag_aa && r.flag_ra && r.flag_rd);
      assert.deepEqual(r.answers?.map((a) => [a.type, 'data' in a ? a.data : '', 'ttl' in a ? a.ttl : 0]), [['A', '10.43.0.20', 5]]);
    }
    const raw = await udpExchange(port, encodeQuery('nope.default.svc.cluster.local', 'A', { id: 4242 }));
    const nx = decode(raw!);
    assert.equal(nx.id, 4242);
    assert.equal(nx.rcode, 'NXDOMAIN');
    assert.equal(nx.authorities?.[0]?.type, 'SOA');
  });
});

test('other names go to the upstream, over the transport they came on; its NXDOMAIN passes through', async () => {
  await withServer(async (port, upstream) => {
    const r = await ask(port, 'outside.example', 'A');
    assert.deepEqual(r.answers?.map((a) => 'data' in a && a.data), ['192.0.2.7']);
    assert.equal(r.flag_aa, false);
    assert.equal((await ask(port, 'outside.example', 'A', { tcp: true })).answers?.length, 1);
    assert.equal((await ask(port, 'missing.example', 'A')).rcode, 'NXDOMAIN');
    assert.deepEqual(upstream.queries, ['outside.example A', 'outside.example A', 'missing.example A']);
  });
});

test('an ExternalName answers its CNAME with the target resolved upstream', async () => {
  await withServer(async (port) => {
    const r = await ask(port, 'ext.default.svc.cluster.local', 'A');
    assert.deepEqual(r.answers?.map((a) => `${a.type} ${'data' in a ? String(a.data) : ''}`), ['CNAME outside.example', 'A 192.0.2.7']);
  });
});

test('an upstream that never answers gives way to the next; none answering is SERVFAIL', async () => {
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  const silentPort = silent.address().port;
  try {
    const upstream = await startUpstream({ 'outside.example': '192.0.2.7' });
    try {
      await withServer(async (port) => {
        assert.deepEqual((await ask(port, 'outside.example', 'A')).answers?.map((a) => 'data' in a && a.data), ['192.0.2.7']);
      }, [{ host: '127.0.0.1', port: silentPort }, { host: '127.0.0.1', port: upstream.port }]);
    } finally {
      await upstream.close();
    }
    await withServer(async (port) => {
      assert.equal((await ask(port, 'outside.example', 'A')).rcode, 'SERVFAIL');
    }, [{ host: '127.0.0.1', port: silentPort }]);
  } finally {
    silent.close();
  }
});

test('a headless answer too big for UDP is truncated; over TCP it comes whole', async () => {
  await withServer(async (port) => {
    const udp = await ask(port, 'many.default.svc.cluster.local', 'A');
    assert.equal(udp.flag_tc, true);
    assert.equal(udp.answers?.length, 0);
    const edns = await ask(port, 'many.default.svc.cluster.local', 'A', { edns: 4096 });
    assert.equal(edns.flag_tc, true, '100 records do not fit 1232 bytes either');
    const tcp = await ask(port, 'many.default.svc.cluster.local', 'A', { tcp: true });
    assert.equal(tcp.flag_tc, false);
    assert.equal(tcp.answers?.length, 100);
  });
});

test('hostile input: garbage, responses, several questions, other opcodes; the server keeps answering', async () => {
  // CI replays a fixed seed; elsewhere each run explores a new one.
  const seed = process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;
  const rnd = prng(seed);
  await withServer(async (port) => {
    const twoQuestions = dnsPacket.encode({ type: 'query', id: 7, questions: [{ type: 'A', name: 'a.cluster.local' }, { type: 'A', name: 'b.cluster.local' }] });
    assert.equal(decode((await udpExchange(port, twoQuestions))!).rcode, 'FORMERR');
    const notify = Buffer.from(encodeQuery('web.default.svc.cluster.local', 'A'));
    notify.writeUInt16BE(notify.readUInt16BE(2) | (4 << 11), 2); // opcode NOTIFY
    assert.equal(decode((await udpExchange(port, notify))!).rcode, 'NOTIMP');
    const response = dnsPacket.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'web.default.svc.cluster.local' }] });
    assert.equal(await udpExchange(port, response, '127.0.0.1', 200), null, 'a response is not answered');
    for (let i = 0; i < 200; i++) {
      const base = encodeQuery(`x${i}.default.svc.cluster.local`, 'A');
      const junk = Buffer.from(base.subarray(0, rnd.int(base.length + 1)));
      for (let j = 0; j < 3; j++) if (junk.length > 0) junk[rnd.int(junk.length)] = rnd.int(256);
      void udpExchange(port, junk, '127.0.0.1', 50);
    }
    assert.equal(await tcpExchange(port, Buffer.from([1, 2, 3]), '127.0.0.1', 200), null, 'a message shorter than a header is dropped');
    const r = await ask(port, 'web.default.svc.cluster.local', 'A');
    assert.equal(r.answers?.length, 1, `seed ${seed}`);
  });
});

test('answers are remembered until what they were read from changes, then answered anew', async () => {
  await withServer(async (port) => {
    const addresses = async () => (await ask(port, 'web.default.svc.cluster.local', 'A')).answers?.map((a) => 'data' in a && a.data);
    assert.deepEqual(await addresses(), ['10.43.0.20']);
    services[0]!.spec.clusterIP = '10.43.0.21';
    try {
      assert.deepEqual(await addresses(), ['10.43.0.20'], 'the same cluster, the same answer');
      changed(topic.service('default', 'many'), topic.endpoints('default', 'web'), topic.pod('default', 'web'), topic.address('10.43.0.20'), topic.serial);
      assert.deepEqual(await addresses(), ['10.43.0.20'], 'another Service\'s change, this one\'s endpoints\' (not in its ClusterIP answer) and the SOA serial (not in an answer with records) leave it remembered');
      changed(topic.service('default', 'web'));
      assert.deepEqual(await addresses(), ['10.43.0.21']);
    } finally {
      services[0]!.spec.clusterIP = '10.43.0.20';
      changed(topic.service('default', 'web'));
    }
  });
});

test('a full cache lets the least recently asked answers go, not one still being asked', async () => {
  const server = new DnsServer({ zone: new ClusterZone('cluster.local', view), forwarder: new Forwarder([]), log: () => {} });
  const webAddress = async () => decode((await server.handle(encodeQuery('web.default.svc.cluster.local', 'A'), 'udp'))!).answers?.map((a) => 'data' in a && a.data);
  assert.deepEqual(await webAddress(), ['10.43.0.20']);
  // Changed without telling the server: a remembered answer still says .20, one worked out anew .21.
  services[0]!.spec.clusterIP = '10.43.0.21';
  try {
    // More names than the cache holds (10,000), web asked again between them.
    for (let i = 0; i < 12_000; i++) {
      await server.handle(encodeQuery(`nope-${i}.default.svc.cluster.local`, 'A'), 'udp');
      if (i % 1000 === 0) assert.deepEqual(await webAddress(), ['10.43.0.20'], `web forgotten after ${i} other names`);
    }
    assert.deepEqual(await webAddress(), ['10.43.0.20']);
  } finally {
    services[0]!.spec.clusterIP = '10.43.0.20';
    changed(topic.service('default', 'web'));
  }
});

test('upstreams come from resolv.conf, leaving out cluster DNS itself', () => {
  assert.deepEqual(upstreamsOf('nameserver 10.88.0.1\nnameserver 192.0.2.53\n', ['10.88.0.1']), [{ host: '192.0.2.53', port: 53 }]);
  assert.deepEqual(upstreamsOf('# none\n'), [{ host: '127.0.0.1', port: 53 }]);
});
