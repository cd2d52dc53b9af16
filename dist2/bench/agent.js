// An agent joining a cluster, to its Node Ready (issue 12's target: ≤ 3 s): `berth agent` started in a
// network namespace acting as a second host, timed from the process start to the Node's Ready
// condition True, with a fresh data dir (token, CA check, six CSRs, pod CIDR, node start) and, as the
// same-run baseline, started again on the kept data dir (identities reused, containers adopted).
import { mkdtemp, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { nodes } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { startAgent } from '../test/support/agent.js';
import { holdHostLock } from '../test/support/host-lock.js';
import { ensureTestImages } from '../test/support/images.js';
import { createLan, LAN_HOST_IP } from '../test/support/netns.js';
import { startServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';
const RUNS = 5;
const TARGET_MS = 3_000;
async function untilReady(client, name) {
    for (;;) {
        const node = await client.get(nodes, undefined, name).catch(() => undefined);
        if (node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
            return;
        await new Promise((r) => setTimeout(r, 10));
    }
}
export async function benchAgent() {
    await holdHostLock();
    const lan = await createLan();
    const server = await startServer({ args: ['--bind-address', LAN_HOST_IP, '--cluster-cidr', '10.201.0.0/16'] });
    const agents = [];
    const load = [loadavg()[0]];
    try {
        const client = new RestClient(new HttpsTransport(await loadKubeconfig(server.kubeconfig)));
        const token = (await readFile(join(server.dataDir, 'token'), 'utf8')).trim();
        const fresh = [];
        const again = [];
        for (let i = 0; i < RUNS; i++) {
            const host = await lan.addHost(`192.168.231.${20 + i}`);
            const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-agent-'));
            await ensureTestImages(dataDir);
            const name = `bench-${i}`;
            const opts = { servers: [server.url], token, dataDir, nodeName: name, args: ['--cluster-cidr', '10.201.0.0/16', '--kubelet-port', '0'] };
            let t0 = performance.now();
            let agent = await startAgent(host, opts);
            await untilReady(client, name);
            fresh.push(performance.now() - t0);
            await agent.stop();
            t0 = performance.now();
            agent = await startAgent(host, opts);
            await untilReady(client, name);
            again.push(performance.now() - t0);
            agents.push(agent);
            load.push(loadavg()[0]);
        }
        const f = summarize(fresh);
        const a = summarize(again);
        const fmt = (ms) => `${Math.round(ms)} ms`;
        return [
            `agent join → Node Ready, ${RUNS} runs (load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)})`,
            table([
                ['start', 'p50', 'max', 'target'],
                ['fresh data dir (token, CA check, 6 CSRs, pod CIDR, node start)', fmt(f.p50), fmt(f.max), `≤ ${TARGET_MS} ms`],
                ['restart on the kept data dir (same run)', fmt(a.p50), fmt(a.max), ''],
            ]),
        ].join('\n');
    }
    finally {
        for (const a of agents)
            await a.dispose().catch(() => undefined);
        await server.dispose();
        await lan.dispose();
    }
}
//# sourceMappingURL=agent.js.map