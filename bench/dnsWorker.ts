// One side of the DNS benchmark, in its own thread so its event loop is not the load generator's:
// 'dns' is berth's DNS server over a cluster of the Services asked for (every tenth headless, each with
// 10 ready endpoints), forwarding other names to 'upstream'; 'echo' is the baseline, a UDP socket sending
// back what it receives; 'upstream' a resolver answering every name with one A record. Each answers a
// message with its event loop's utilization and GC pauses so far, so the bench can tell its own work
// from waiting, and see whether its pauses make the tail.

import dgram from 'node:dgram';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as dnsPacket from 'dns-packet';
import type { EndpointSlice, Service } from '../src/api/types.js';
import { Forwarder } from '../src/dns/forward.js';
import { DnsServer } from '../src/dns/server.js';
import { ClusterZone, type ClusterView } from '../src/dns/zone.js';

const HEADLESS_EVERY = 10;
const ENDPOINTS = 10;

function cluster(services: number): ClusterView {
  const byName = new Map<string, Service>();
  const slices = new Map<string, EndpointSlice[]>();
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    const headless = i % HEADLESS_EVERY === 0;
    byName.set(`default/${name}`, { metadata: { name, namespace: 'default' }, spec: { clusterIP: headless ? 'None' : `10.43.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
    slices.set(`default/${name}`, [{
      metadata: { name: `${name}-1`, namespace: 'default' }, addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: ENDPOINTS }, (_, j) => ({ addresses: [`10.88.${i >> 4}.${(i & 15) * 16 + j}`], conditions: { ready: true } })),
    }]);
  }
  return {
    service: (ns, n) => byName.get(`${ns}/${n}`),
    namespaceHasServices: (ns) => ns === 'default',
    endpointSlices: (ns, n) => slices.get(`${ns}/${n}`) ?? [],
    pod: () => undefined,
    podsWithIP: () => [],
    serial: () => 1,
  };
}

async function start(): Promise<number> {
  const { role, upstreamPort, services } = workerData as { role: 'dns' | 'echo' | 'upstream'; upstreamPort?: number; services: number };
  if (role === 'dns') {
    const server = new DnsServer({ zone: new ClusterZone('cluster.local', cluster(services)), forwarder: new Forwarder([{ host: '127.0.0.1', port: upstreamPort! }]), log: () => {} });
    return server.listen('127.0.0.1', 0);
  }
  const sock = dgram.createSocket('udp4');
  sock.on('message', (msg, from) => {
    if (role === 'echo') return sock.send(msg, from.port, from.address);
    const q = dnsPacket.decode(msg);
    const question = q.questions![0]!;
    sock.send(dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: [question], answers: [{ type: 'A', name: question.name, ttl: 60, data: '192.0.2.1' }] }), from.port, from.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return sock.address().port;
}

/** The thread's GC pauses so far: a pause holds every query that arrives during it. */
const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

parentPort!.postMessage(await start());
// Asked for, the thread's event-loop time so far: busy (running JS, callbacks) and idle (waiting for I/O),
// and its GC pauses (the longest since the last asking).
parentPort!.on('message', () => {
  parentPort!.postMessage({ elu: performance.eventLoopUtilization(), gc: { ...gc } });
  gc.maxMs = 0;
});
