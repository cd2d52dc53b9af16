// The DNS server's remembered answers (arena-backed, src/dns/answerCache.ts): a remembered answer is
// byte for byte the answer worked out afresh, apart from the id, for seeded random questions in odd
// casings, of every type, with and without EDNS, over UDP and TCP; and the cache itself never hands one
// key's response to another, whatever the hash collisions and generation swaps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordType } from 'dns-packet';
import type { EndpointSlice, Service } from '../src/api/types.js';
import { AnswerCache } from '../src/dns/answerCache.js';
import { Forwarder } from '../src/dns/forward.js';
import { DnsServer } from '../src/dns/server.js';
import { ClusterZone, type ClusterView } from '../src/dns/zone.js';
import { decode, encodeQuery } from './support/dns.js';
import { prng } from './support/prng.js';

// CI replays a fixed seed; elsewhere each run explores a new one.
const seed = process.env.CI ? 20261207 : (Math.random() * 2 ** 32) >>> 0;

const services: Service[] = Array.from({ length: 20 }, (_, i) => ({
  metadata: { name: `svc-${i}`, namespace: 'default' },
  spec: i % 5 === 0 ? { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] } : { clusterIP: `10.43.0.${i + 1}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
}));
const slices: EndpointSlice[] = services.map((s, i) => ({
  metadata: { name: `${s.metadata.name}-1`, namespace: 'default', labels: { 'kubernetes.io/service-name': s.metadata.name! } },
  addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  // Up to 60 endpoints: some answers need truncating over UDP.
  endpoints: Array.from({ length: (i * 3) % 61 }, (_, j) => ({ addresses: [`10.88.${i}.${j + 1}`], hostname: `h${j}`, conditions: { ready: true } })),
}));

function view(serial: () => number): ClusterView {
  return {
    service: (ns, n) => services.find((s) => s.metadata.namespace === ns && s.metadata.name === n),
    namespaceHasServices: (ns) => ns === 'default',
    endpointSlices: (_ns, svc) => slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc),
    pod: () => undefined,
    podsWithIP: () => [],
    serial,
    onChange: () => () => {},
  };
}

const oddCase = (rnd: ReturnType<typeof prng>, name: string): string => [...name].map((c) => (rnd.chance(0.3) ? c.toUpperCase() : c)).join('');

test('a remembered answer is the fresh answer byte for byte, apart from the id', async () => {
  const rnd = prng(seed);
  const zone = new ClusterZone('cluster.local', view(() => 1));
  const remembering = new DnsServer({ zone, forwarder: new Forwarder([]), log: () => {} });
  const types = ['A', 'AAAA', 'SRV', 'ANY', 'TXT', 'CNAME', 'PTR', 'SOA', 'NS'] as RecordType[];
  for (let i = 0; i < 600; i++) {
    const svc = `svc-${rnd.int(24)}`;
    const name = oddCase(rnd, rnd.pick([
      `${svc}.default.svc.cluster.local`, `_http._tcp.${svc}.default.svc.cluster.local`, `h${rnd.int(4)}.${svc}.default.svc.cluster.local`,
      `${svc}.other.svc.cluster.local`, 'default.svc.cluster.local', 'cluster.local', `nope-${rnd.int(50)}.default.svc.cluster.local`,
    ]) + (rnd.chance(0.2) ? '.' : ''));
    const type = rnd.pick(types);
    const edns = rnd.chance(0.4) ? rnd.pick([512, 1232, 4096, 600 + rnd.int(3000)]) : undefined;
    const transport = rnd.chance(0.2) ? 'tcp' : 'udp';
    const query = encodeQuery(name, type, { id: rnd.int(0x10000), edns });
    const first = (await remembering.handle(query, transport))!;
    const again = Buffer.from(query);
    again.writeUInt16BE((query.readUInt16BE(0) + 1 + rnd.int(0xfffe)) & 0xffff, 0);
    const second = (await remembering.handle(again, transport))!;
    // A new server has remembered nothing: it works the answer out.
    const worked = (await new DnsServer({ zone, forwarder: new Forwarder([]), log: () => {} }).handle(again, transport))!;
    const what = `seed ${seed}, #${i}: ${name} ${type} edns ${edns} ${transport}`;
    assert.equal(second.readUInt16BE(0), again.readUInt16BE(0), what);
    assert.deepEqual(second, worked, what);
    assert.deepEqual(second.subarray(2), first.subarray(2), what);
    assert.equal(decode(second).questions?.[0]?.name, name.replace(/\.$/, ''), `the question echoed as asked: ${what}`);
  }
});

test('the cache never answers one key with another\'s response, nor one whose topic was forgotten, through generation swaps', () => {
  const rnd = prng(seed ^ 0x5a5a5a5a);
  // Small: 32 entries and 16 KiB, so generations swap often.
  const cache = new AnswerCache(32, 16384);
  /** What was last remembered for each key, and from which topics; gone once one of them is forgotten. */
  const latest = new Map<string, { response: Buffer; topics: string[] }>();
  const keyOf = (q: Buffer): string => q.subarray(2).toString('hex');
  const topics = Array.from({ length: 40 }, (_, i) => `svc default/t${i}`);
  let hits = 0;
  let forgotten = 0;
  for (let i = 0; i < 5000; i++) {
    if (rnd.chance(0.05)) {
      const gone = Array.from({ length: 1 + rnd.int(3) }, () => rnd.pick(topics));
      cache.forget(gone);
      for (const [k, v] of latest) if (v.topics.some((t) => gone.includes(t))) latest.delete(k);
      forgotten++;
      continue;
    }
    // Some names asked far more often than others, each in two casings.
    const query = encodeQuery(`${rnd.pick(['n', 'N'])}${rnd.int(1 + rnd.int(60))}.x`, rnd.pick<RecordType>(['A', 'AAAA']), { id: rnd.int(0x10000) });
    const got = cache.answer(query);
    const known = latest.get(keyOf(query));
    if (got) {
      hits++;
      assert.ok(known, `answered after one of its topics was forgotten: seed ${seed}, #${i}`);
      const want = Buffer.from(known.response);
      want.writeUInt16BE(query.readUInt16BE(0), 0);
      assert.deepEqual(got, want, `seed ${seed}, #${i}`);
      continue;
    }
    const response = Buffer.alloc(12 + rnd.int(300), i & 0xff);
    const read = Array.from({ length: rnd.int(4) }, () => rnd.pick(topics));
    cache.set(query, response, read);
    latest.set(keyOf(query), { response, topics: read });
    assert.ok(cache.answer(query), `just remembered: seed ${seed}, #${i}`);
  }
  assert.ok(hits > 500, `the cache remembered (${hits} hits)`);
  assert.ok(forgotten > 100, `topics were forgotten (${forgotten} times)`);
});
