// `kubectl top pod -A` over 100 Pods: a server (control plane only), 10 hollow kubelets in this process
// (the real kubelet over the fake runtime) each serving its stats endpoint, 100 Pods Running on them.
// Timed as a user runs it, the real kubectl end to end (process start, discovery from its cache, the
// metrics request, which scrapes every kubelet), against `kubectl get pods -A` in the same run as the
// baseline: what the metrics cost beyond any kubectl call listing the same Pods.
import { performance } from 'node:perf_hooks';
import { apiFor, pod } from '../test/support/api.js';
import { hollowNodes } from '../test/support/hollow.js';
import { KUBECTL, kubectl } from '../test/support/kubectl.js';
import { startServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';
const NODES = 10;
const PODS = 100;
const RUNS = 20;
async function timed(kubeconfig, args) {
    const t0 = performance.now();
    const r = await kubectl(kubeconfig, args);
    const ms = performance.now() - t0;
    if (r.code !== 0)
        throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
    return { ms, lines: r.stdout.trim().split('\n').length };
}
async function until(what, ok, ms = 120_000) {
    const end = Date.now() + ms;
    while (!(await ok())) {
        if (Date.now() > end)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}
export async function benchMetrics() {
    const out = [`## Resource metrics (\`kubectl top pod -A\`, ${PODS} Pods on ${NODES} hollow nodes)`];
    const server = await startServer({ disableAgent: true });
    const api = await apiFor(server.kubeconfig);
    const sim = await hollowNodes(server, { count: NODES, prefix: 'top-', serveKubelet: true });
    try {
        await Promise.all(Array.from({ length: PODS }, async (_, i) => {
            const r = await api.call('POST', '/api/v1/namespaces/default/pods', pod(`top-${i}`));
            if (r.status !== 201)
                throw new Error(`create top-${i}: ${r.status}`);
        }));
        await until('every Pod Running', async () => {
            const r = await api.call('GET', '/api/v1/namespaces/default/pods');
            const items = r.body.items;
            return items.filter((p) => p.status?.phase === 'Running').length === PODS;
        });
        const first = await timed(server.kubeconfig, ['top', 'pod', '-A', '--no-headers']);
        const top = [];
        const get = [];
        let rows = 0;
        for (let i = 0; i < RUNS; i++) {
            const t = await timed(server.kubeconfig, ['top', 'pod', '-A', '--no-headers']);
            top.push(t.ms);
            rows = t.lines;
            get.push((await timed(server.kubeconfig, ['get', 'pods', '-A', '--no-headers'])).ms);
        }
        if (rows !== PODS)
            throw new Error(`kubectl top pod -A showed ${rows} rows, not ${PODS}`);
        const t = summarize(top);
        const g = summarize(get);
        out.push(table([
            [`kubectl, ${PODS} Pods`, 'n', 'p50 ms', 'p99 ms', 'max ms'],
            ['kubectl top pod -A', t.n, t.p50, t.p99, t.max],
            ['kubectl get pods -A (baseline)', g.n, g.p50, g.p99, g.max],
            ['ratio top/get', '', t.p50 / g.p50, t.p99 / g.p99, ''],
        ]));
        out.push('');
        out.push(`The first \`kubectl top\` of the run took ${first.ms.toFixed(0)} ms: with no earlier scrape to rate CPU against, the API`);
        out.push('server scrapes every kubelet twice, a second apart (metrics-server needs two scrapes too, 15 s apart).');
        out.push(`Target: p50 ≤ 200 ms. kubectl is ${KUBECTL}.`);
        return out.join('\n');
    }
    finally {
        await sim.stop();
        api.close();
        await server.dispose();
    }
}
//# sourceMappingURL=metrics.js.map