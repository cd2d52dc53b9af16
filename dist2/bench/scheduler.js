// Scheduler throughput: a server (control plane only, which runs the scheduler), `berth sim` with
// 1,000 hollow nodes (real kubelets over the fake runtime) in its own process, then 30,000 Pods
// created as fast as the API takes them. A watch records when each Pod is first seen bound and first
// seen Running: figures are Pods bound and Running per second, the create→bound latency and the sim
// process's memory per hollow kubelet; the bound count over time goes to bench/results/ as CSV and SVG.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { pods } from '../src/client/resources.js';
import { Algorithm } from '../src/scheduler/algorithm.js';
import { SchedulerCache } from '../src/scheduler/cache.js';
import { noLookups } from '../src/scheduler/clusterview.js';
import { podInfo } from '../src/scheduler/podinfo.js';
import { rssOf, startSimCluster, waitFor, watchAll } from './simcluster.js';
import { lineChart } from './figures.js';
import { plot, RESULTS_DIR, summarize, table } from './stats.js';
export async function benchScheduler(opts = {}) {
    const nodeCount = opts.nodes ?? 1000;
    const podCount = opts.pods ?? 30_000;
    const cluster = await startSimCluster(nodeCount);
    const { sim, client } = cluster;
    const ac = new AbortController();
    try {
        const idleRss = await rssOf(sim.pid);
        const created = new Map();
        const boundAt = [];
        const latencies = [];
        const seen = new Set();
        const running = new Set();
        let allRunningAt = 0;
        let allBound;
        const done = new Promise((r) => (allBound = r));
        const handle = (pod) => {
            const name = pod.metadata.name;
            if (pod.status?.phase === 'Running' && !running.has(name)) {
                running.add(name);
                if (running.size === podCount)
                    allRunningAt = performance.now();
            }
            if (!pod.spec?.nodeName || seen.has(name))
                return;
            seen.add(name);
            const now = performance.now();
            boundAt.push(now);
            latencies.push(now - (created.get(name) ?? now));
            if (seen.size === podCount)
                allBound();
        };
        const { cuts } = await watchAll(client, pods, 'default', handle, ac.signal);
        const t0 = performance.now();
        let next = 0;
        const creator = async () => {
            while (next < podCount) {
                const name = `bench-${next++}`;
                created.set(name, performance.now());
                await client.create(pods, 'default', {
                    metadata: { name, labels: { app: 'bench' } },
                    spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
                });
            }
        };
        await Promise.all(Array.from({ length: 32 }, creator));
        const createdIn = (performance.now() - t0) / 1000;
        let timer;
        await Promise.race([done, new Promise((r) => (timer = setTimeout(r, 600_000)))]);
        clearTimeout(timer);
        const total = (performance.now() - t0) / 1000;
        await waitFor(async () => allRunningAt > 0, 600_000).catch(() => undefined);
        const loadedRss = await rssOf(sim.pid);
        ac.abort();
        const rewatches = await cuts;
        const lat = summarize(latencies);
        const rate = seen.size / total;
        await writeResults(boundAt.map((t) => (t - t0) / 1000));
        const decisions = decisionsPerSecond(nodeCount, podCount);
        return table([
            ['scheduler', 'value'],
            ['decisions alone, no API (pods/s)', decisions],
            ['nodes', nodeCount],
            ['pods created', podCount],
            ['create rate (pods/s)', podCount / createdIn],
            ['pods bound', seen.size],
            ['bound rate (pods/s)', rate],
            ['create→bound p50 (ms)', lat.p50],
            ['create→bound p99 (ms)', lat.p99],
            ['pods Running', running.size],
            ['bench watch taken up again (cut or closed by the server)', rewatches],
            ['created→all Running rate (pods/s)', allRunningAt ? running.size / ((allRunningAt - t0) / 1000) : 0],
            ['sim RSS, nodes idle (MB)', idleRss / 2 ** 20],
            ['sim RSS per hollow kubelet, idle (KB)', idleRss / nodeCount / 1024],
            ['sim RSS per hollow kubelet, all Pods Running (KB)', loadedRss / nodeCount / 1024],
            ['target ≥1000 pods/s end to end', rate >= 1000 ? 'met' : 'missed'],
        ]);
    }
    finally {
        ac.abort();
        await cluster.dispose();
    }
}
/** The scheduling algorithm and cache by themselves: the ceiling the API server's speed hides. */
function decisionsPerSecond(nodeCount, podCount) {
    const cache = new SchedulerCache();
    for (let i = 0; i < nodeCount; i++) {
        cache.setNode({ metadata: { name: `n${i}` }, status: { allocatable: { cpu: '32', memory: '256Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] } });
    }
    const algorithm = new Algorithm();
    const t0 = performance.now();
    for (let i = 0; i < podCount; i++) {
        const info = podInfo({ metadata: { name: `p${i}`, namespace: 'default', labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } });
        const d = algorithm.schedule(info, cache.nodes(), { ...noLookups, affinityTotals: cache.affinityTotals });
        if (d.ok)
            cache.assume(info, d.node.name);
    }
    return podCount / ((performance.now() - t0) / 1000);
}
/** Bound Pods per tenth of a second: as CSV and an SVG line chart, and as a series for the figures page. */
async function writeResults(secondsBound) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const end = secondsBound.length ? secondsBound[secondsBound.length - 1] : 0;
    const points = [];
    let i = 0;
    for (let t = 0; t <= end + 0.1; t += 0.1) {
        while (i < secondsBound.length && secondsBound[i] <= t)
            i++;
        points.push([Number(t.toFixed(1)), i]);
    }
    await writeFile(join(RESULTS_DIR, 'scheduler.csv'), 'seconds,bound\n' + points.map(([t, n]) => `${t.toFixed(1)},${n}`).join('\n') + '\n');
    const series = { title: 'Pods bound over time', x: 'seconds since the first create', y: 'Pods bound', points };
    plot(series);
    await writeFile(join(RESULTS_DIR, 'scheduler.svg'), lineChart(series));
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const n = process.argv[2] ? Number(process.argv[2]) : undefined;
    const p = process.argv[3] ? Number(process.argv[3]) : undefined;
    benchScheduler({ nodes: n, pods: p }).then((out) => console.log(out), (e) => {
        console.error(e);
        process.exit(1);
    });
}
//# sourceMappingURL=scheduler.js.map