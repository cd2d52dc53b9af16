// Hollow nodes the kubemark way: N real Kubelets in one process over the fake runtime, each with its
// own node name, data dir and client identity (system:node:<name>, issued from the cluster's CA, so
// the node authorizer holds each to its own Node, Lease and Pods), and one Pod watch shared by all.
// Stopping leaves the nodes registered but silent, as crashed kubelets would.
import { setMaxListeners } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueCertificate } from '../apiserver/auth/certs.js';
import { HttpsTransport } from '../client/https-transport.js';
import { RestClient } from '../client/rest.js';
import { Informer } from '../client/informer.js';
import { services } from '../client/resources.js';
import { Kubelet } from '../kubelet/kubelet.js';
import { createKubeletServer } from '../kubelet/server/server.js';
import { StatsProvider } from '../kubelet/stats/summary.js';
import { FakeImages } from '../runtime/fake/images.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import { RestKubeletCluster } from './agent/cluster.js';
import { SharedNodePods } from './agent/node-pods.js';
/** What a hollow container uses, when its kubelet serves stats: a little CPU and memory each. */
export const HOLLOW_USAGE = { cpuMillis: 1, memoryBytes: 4 << 20 };
/** Node i's pod network: 10.(128 + i/256).(i%256).0/24, so no two hollow nodes' Pod IPs meet. */
export function hollowNodeNetwork(i) {
    const prefix = `10.${128 + (i >> 8)}.${i & 255}`;
    return { podCIDR: `${prefix}.0/24`, podIP: (n) => `${prefix}.${2 + (n % 252)}` };
}
/** A node's client identity: issued once, then read back from the PKI directory. */
function nodeIdentity(pkiDir, name) {
    return issueCertificate(pkiDir, `node-${name}`, { cn: `system:node:${name}`, orgs: ['system:nodes'] }, 'client');
}
/** Runs fn over 0..count-1, `width` at a time. */
async function forEach(count, width, fn) {
    let next = 0;
    const worker = async () => {
        while (next < count)
            await fn(next++);
    };
    await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}
export async function startHollowNodes(o) {
    const prefix = o.prefix ?? 'sim-';
    const log = o.log ?? ((l) => process.stderr.write(`sim: ${l}\n`));
    const names = Array.from({ length: o.count }, (_, i) => `${prefix}${i}`);
    const abort = new AbortController();
    // Every kubelet's loops listen on this one signal.
    setMaxListeners(0, abort.signal);
    const readerClient = new RestClient(new HttpsTransport(o.reader), { userAgent: 'berth-sim' });
    const shared = new SharedNodePods(readerClient, (e) => log(`pod watch: ${e.message}`));
    // One Services watch for every hollow kubelet's Service environment variables.
    const sharedServices = new Informer(readerClient, services, { onError: (e) => log(`service watch: ${e.message}`) });
    void sharedServices.run(abort.signal);
    const kubelets = [];
    const transports = [readerClient.transport];
    // A few at a time: each identity forks openssl three times, which waits on the CPU far longer than it
    // uses it (one at a time took 8 minutes for 1,000 nodes on a busy machine); hundreds at once would swamp it.
    const identities = [];
    await forEach(o.count, 8, async (i) => void (identities[i] = await nodeIdentity(o.pkiDir, names[i])));
    // One serving certificate for every hollow kubelet: the API server checks the CA, not the name.
    const serving = o.serveKubelet ? await issueCertificate(o.pkiDir, 'kubelet-hollow', { cn: 'hollow-kubelet' }, 'server', ['IP:127.0.0.1']) : undefined;
    const ca = serving ? await readFile(join(o.pkiDir, 'ca.crt'), 'utf8') : '';
    const servers = [];
    await forEach(o.count, 32, async (i) => {
        const name = names[i];
        const net = hollowNodeNetwork(i);
        const { cert, key } = identities[i];
        // A node's requests are few (its lease, its Pods' status): two sockets each bound what N nodes hold open.
        const transport = new HttpsTransport({ ...o.reader, cert: Buffer.from(cert), key: Buffer.from(key) }, { maxSockets: 2 });
        transports.push(transport);
        const client = new RestClient(transport, { userAgent: `kubelet/berth (${name})` });
        const dataDir = join(o.dataDir, name);
        await mkdir(dataDir, { recursive: true });
        const runtime = new FakeRuntime({ podIP: net.podIP, ...(serving ? { programFor: () => ({ usage: HOLLOW_USAGE }) } : {}) });
        let kubeletPort;
        if (serving) {
            const server = createKubeletServer({ runtime, stats: new StatsProvider({ nodeName: name, runtime }), tls: { key: serving.key, cert: serving.cert, ca } });
            servers.push(server);
            kubeletPort = await new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(0, '0.0.0.0', () => resolve(server.address().port));
            });
        }
        const kubelet = new Kubelet({
            nodeName: name,
            cluster: new RestKubeletCluster(client, name, { pods: shared, services: sharedServices }),
            runtime,
            ...(kubeletPort ? { kubeletPort } : {}),
            podNetworkReachable: false,
            images: new FakeImages(),
            dataDir,
            podCIDR: net.podCIDR,
            runtimeVersion: 'fake',
            leaseDurationSeconds: o.leaseDurationSeconds,
            log: (m) => log(`${name}: ${m}`),
        });
        await kubelet.start(abort.signal);
        kubelets.push(kubelet);
    });
    log(`${o.count} hollow kubelets running: ${names[0]}..${names[o.count - 1]}`);
    return {
        names,
        async stop() {
            abort.abort();
            for (const s of servers)
                s.close();
            await Promise.all(kubelets.map((k) => k.stop()));
            for (const t of transports)
                t.close();
        },
    };
}
//# sourceMappingURL=hollow-nodes.js.map