// One side of the DNS benchmark, in its own thread so its event loop is not the load generator's:
// 'dns' is berth's DNS server over a cluster of the Services asked for (every tenth headless, each with
// 10 ready endpoints), forwarding other names to 'upstream'; 'echo' is the baseline, a UDP socket sending
// back what it receives; 'upstream' a resolver answering every name with one A record. Each answers a
// message with its event loop's utilization so far, so the bench can tell its own work from waiting.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as dnsPacket from 'dns-packet';
import { Forwarder } from '../src/dns/forward.js';
import { DnsServer } from '../src/dns/server.js';
import { ClusterZone } from '../src/dns/zone.js';
const HEADLESS_EVERY = 10;
const ENDPOINTS = 10;
function cluster(services) {
    const byName = new Map();
    const slices = new Map();
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
async function start() {
    const { role, upstreamPort, services } = workerData;
    if (role === 'dns') {
        const server = new DnsServer({ zone: new ClusterZone('cluster.local', cluster(services)), forwarder: new Forwarder([{ host: '127.0.0.1', port: upstreamPort }]), log: () => { } });
        return server.listen('127.0.0.1', 0);
    }
    const sock = dgram.createSocket('udp4');
    sock.on('message', (msg, from) => {
        if (role === 'echo')
            return sock.send(msg, from.port, from.address);
        const q = dnsPacket.decode(msg);
        const question = q.questions[0];
        sock.send(dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: [question], answers: [{ type: 'A', name: question.name, ttl: 60, data: '192.0.2.1' }] }), from.port, from.address);
    });
    await new Promise((r) => sock.bind(0, '127.0.0.1', r));
    return sock.address().port;
}
parentPort.postMessage(await start());
// Asked for, the thread's event-loop time so far: busy (running JS, callbacks) and idle (waiting for I/O).
parentPort.on('message', () => parentPort.postMessage(performance.eventLoopUtilization()));
//# sourceMappingURL=dnsWorker.js.map