// The largest cluster one server holds: `berth sim` with N hollow nodes (real kubelets over the fake
// runtime) in its own process, P Pods created by two load generator processes and run to Running,
// then what a user does at that size: `kubectl get pods -A` while single-Pod gets go on beside it,
// and a restart to /readyz with everything stored. Figures: bound and Running Pods per second, the
// servers' and the sim's RSS, list and get latency, cold start; a plot of bound and Running Pods and of
// RSS over time goes to bench/results/scale-<nodes>x<pods>.svg (and .csv).
//
// Run alone: `npm run bench -- scale [nodes] [pods] [timeout s]` (default 1,000 nodes, 20,000 Pods, an hour);
// `npm run bench -- rate [nodes] [pods]` stops once every Pod is Running (no list, no cold start).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Lease, Pod } from '../src/api/types.js';
import { leases, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { KUBECTL } from '../test/support/kubectl.js';
import { startServer } from '../test/support/server.js';
import { loadgen, readyz } from './apiserver.js';
import { chartsDocument, lineChart } from './plot.js';
import { cpuOf, rssOf, startSimCluster, waitFor, watchAll } from './simcluster.js';
import { RESULTS_DIR, summarize, table } from './stats.js';

interface Sample {
  t: number;
  bound: number;
  running: number;
  serverRss: number;
  simRss: number;
}

const MB = 2 ** 20;

/** `kubectl get pods -A` as a user runs it (chunks of 500, a table), timed; the rows it printed. */
export function kubectlGetAll(kubeconfig: string, extra: string[] = []): Promise<{ ms: number; rows: number; code: number | null }> {
  const t0 = performance.now();
  const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, 'get', 'pods', '-A', '--no-headers', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  let rows = 0;
  child.stdout.on('data', (c: Buffer) => {
    for (const b of c) if (b === 10) rows++;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ ms: performance.now() - t0, rows, code })));
}

/** `kubectl get pods -A`, with single-Pod gets (of podName(i), default namespace) beside it the whole time. */
export async function listAllWithGets(kubeconfig: string, podName: (i: number) => string): Promise<{ list: Awaited<ReturnType<typeof kubectlGetAll>>; get: ReturnType<typeof summarize> }> {
  const getter = await RestClient.fromKubeconfig(kubeconfig);
  const lat: number[] = [];
  let listing = true;
  const gets = (async () => {
    for (let i = 0; listing; i++) {
      const s = performance.now();
      await getter.get(pods, 'default', podName(i));
      lat.push(performance.now() - s);
    }
  })();
  const list = await kubectlGetAll(kubeconfig);
  listing = false;
  await gets;
  getter.transport.close();
  return { list, get: summarize(lat) };
}

export async function benchScale(opts: { nodes?: number; pods?: number; timeoutS?: number; rateOnly?: boolean } = {}): Promise<string> {
  const nodeCount = opts.nodes ?? 1000;
  const podCount = opts.pods ?? 20_000;
  const label = `${nodeCount}x${podCount}`;
  const tStart = performance.now();
  const cluster = await startSimCluster(nodeCount);
  const nodesReadyS = (performance.now() - tStart) / 1000;
  const { server, sim, client } = cluster;
  const ac = new AbortController();
  const samples: Sample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let restarted: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const idleServerRss = await rssOf(server.process.pid!);
    const idleSimRss = await rssOf(sim.pid!);
    const bound = new Set<string>();
    const running = new Set<string>();
    const nodeOf = new Map<string, string>();
    // When the bench's watch first saw each Pod bound (epoch ms): create → bound is measured to here.
    const boundAt = new Map<string, number>();
    let rebound = 0;
    const { cuts } = await watchAll<Pod>(client, pods, 'default', (pod) => {
      const name = pod.metadata.name!;
      const node = pod.spec?.nodeName;
      if (node) {
        const was = nodeOf.get(name);
        if (was && was !== node) rebound++;
        nodeOf.set(name, node);
        if (!boundAt.has(name)) boundAt.set(name, Date.now());
        bound.add(name);
      }
      if (pod.status?.phase === 'Running') running.add(name);
    }, ac.signal);

    const cpuAt = async (): Promise<[number, number]> => [await cpuOf(server.process.pid!), await cpuOf(sim.pid!)];
    const cpu0 = await cpuAt();
    const t0 = performance.now();
    const sample = async (): Promise<void> => {
      const [serverRss, simRss] = await Promise.all([rssOf(server.process.pid!), rssOf(sim.pid!)]);
      samples.push({ t: (performance.now() - t0) / 1000, bound: bound.size, running: running.size, serverRss, simRss });
    };
    sampler = setInterval(() => void sample(), 1000);
    // Two load generator processes, so the creating client's CPU is not the limit.
    const prefixes = ['s0', 's1'];
    const created = await Promise.all(prefixes.map((p) => loadgen(server.kubeconfig, p, podCount / 2, 16, 'default-scheduler')));
    const createLat = summarize(created.flatMap((r) => r.lat));
    const createdS = (performance.now() - t0) / 1000;
    const timeoutMs = (opts.timeoutS ?? 3600) * 1000;
    await waitFor(async () => bound.size >= podCount, timeoutMs).catch(() => undefined);
    const boundS = (performance.now() - t0) / 1000;
    const cpuBound = await cpuAt();
    const toBound = summarize(created.flatMap((r, p) => r.sentAt.map((sent, i) => (boundAt.get(`${prefixes[p]}-${i}`) ?? Infinity) - sent)));
    const loadgenCpu = created.reduce((a, r) => a + r.cpuS, 0);
    await waitFor(async () => running.size >= podCount, timeoutMs).catch(() => undefined);
    const runningS = (performance.now() - t0) / 1000;
    const cpuRunning = await cpuAt();
    await sample();
    const loadedServerRss = samples[samples.length - 1]!.serverRss;
    const loadedSimRss = samples[samples.length - 1]!.simRss;
    const peakServerRss = Math.max(...samples.map((s) => s.serverRss));

    clearInterval(sampler);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const rateRows: (string | number)[][] = [
      ['nodes Ready after (s)', nodesReadyS, ''],
      ['pods created', podCount, ''],
      ['create rate (pods/s)', podCount / createdS, ''],
      ['create p50 / p99 (ms)', `${createLat.p50.toFixed(0)} / ${createLat.p99.toFixed(0)}`, ''],
      ['pods bound', bound.size, podCount],
      ['bound rate, end to end (pods/s)', bound.size / boundS, nodeCount >= 5000 ? '≥ 1000' : '≥ 1500'],
      ['create → bound p50 / p99 (ms)', `${toBound.p50.toFixed(0)} / ${toBound.p99.toFixed(0)}`, 'p99 ≤ 1000'],
      ['CPU until all bound: server / sim / load generators (s)', `${(cpuBound[0] - cpu0[0]).toFixed(1)} / ${(cpuBound[1] - cpu0[1]).toFixed(1)} / ${loadgenCpu.toFixed(1)}`, ''],
      ['CPU per Pod bound: server / sim (ms)', `${((cpuBound[0] - cpu0[0]) * 1000 / podCount).toFixed(2)} / ${((cpuBound[1] - cpu0[1]) * 1000 / podCount).toFixed(2)}`, ''],
      ['pods Running', running.size, podCount],
      ['created → all Running (s)', runningS, ''],
      // Every write a Pod costs (token, Events, status) lands by here; until bound only some of them do.
      ['CPU per Pod until all Running: server / sim (ms)', `${((cpuRunning[0] - cpu0[0]) * 1000 / podCount).toFixed(2)} / ${((cpuRunning[1] - cpu0[1]) * 1000 / podCount).toFixed(2)}`, ''],
      ['pods bound to a second node', rebound, 0],
    ];
    if (opts.rateOnly) {
      ac.abort();
      await writeResults(label, samples);
      return table([['rate: ' + label, 'value', 'target (issue 10)'], ...rateRows, ['load average at the end', load, '']]);
    }
    const names = [...bound];
    const { list, get } = await listAllWithGets(server.kubeconfig, (i) => names[(i * 7919) % names.length]!);
    ac.abort();
    const rewatches = await cuts;

    // Cold start: stop everything, start the server again on the same data dir, time it to /readyz.
    sim.kill('SIGTERM');
    await new Promise((r) => sim.once('exit', r));
    await server.stop();
    const r0 = performance.now();
    restarted = await startServer({ dataDir: server.dataDir });
    while (!(await readyz(restarted.url))) await new Promise((r) => setTimeout(r, 20));
    const coldStartS = (performance.now() - r0) / 1000;
    const restartedRss = await rssOf(restarted.process.pid!);

    await writeResults(label, samples);
    return table([
      ['scale: ' + label, 'value', 'target (issue 10)'],
      ...rateRows,
      ['bench watch taken up again', rewatches, ''],
      ['server RSS idle, nodes registered (MB)', idleServerRss / MB, ''],
      ['server RSS, all Pods Running (MB)', loadedServerRss / MB, nodeCount >= 5000 ? '≤ 4096' : '≤ 400'],
      ['server RSS peak (MB)', peakServerRss / MB, ''],
      ['sim RSS idle / loaded per node (KB)', `${(idleSimRss / nodeCount / 1024).toFixed(0)} / ${(loadedSimRss / nodeCount / 1024).toFixed(0)}`, '≤ 200'],
      [`kubectl get pods -A (${list.rows} rows, exit ${list.code}) (s)`, list.ms / 1000, '≤ 8'],
      [`single-Pod get meanwhile p50 / p99 (ms, ${get.n} gets)`, `${get.p50.toFixed(1)} / ${get.p99.toFixed(1)}`, 'p99 ≤ 20'],
      ['cold start to /readyz (s)', coldStartS, '≤ 10'],
      ['server RSS after cold start (MB)', restartedRss / MB, ''],
      ['load average at the end', load, ''],
    ]);
  } finally {
    clearInterval(sampler);
    ac.abort();
    if (restarted) {
      cluster.client.transport.close();
      await restarted.dispose();
    } else await cluster.dispose();
  }
}

/** The samples as CSV, and two charts: bound and Running Pods, and RSS, over time. */
async function writeResults(label: string, samples: Sample[]): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const csv = ['seconds,bound,running,server_rss_mb,sim_rss_mb', ...samples.map((s) => [s.t.toFixed(1), s.bound, s.running, (s.serverRss / MB).toFixed(0), (s.simRss / MB).toFixed(0)].join(','))];
  await writeFile(join(RESULTS_DIR, `scale-${label}.csv`), csv.join('\n') + '\n');
  const svg = chartsDocument([
    (top) => lineChart(`Pods over time (${label})`, 'Pods', [
      { name: 'bound', points: samples.map((s) => [s.t, s.bound]) },
      { name: 'Running', points: samples.map((s) => [s.t, s.running]) },
    ], top),
    (top) => lineChart('RSS over time', 'MB', [
      { name: 'berth server', points: samples.map((s) => [s.t, s.serverRss / MB]) },
      { name: 'berth sim', points: samples.map((s) => [s.t, s.simRss / MB]) },
    ], top),
  ]);
  await writeFile(join(RESULTS_DIR, `scale-${label}.svg`), svg);
}

/**
 * Hollow nodes idle: how long nodeCount of them take to be Ready, then (after podsPerNode Pods each
 * are Running, if asked) over holdS seconds, the sim's RSS per node and CPU, and the longest gap
 * between two renewals of any node's Lease (the kubelet renews every 10 s; the node lifecycle
 * controller gives up after 40 s).
 * Run: `npm run bench -- sim-nodes [nodes] [hold s]` (default 1,000 nodes, 60 s), or with Pods:
 * `npm run bench -- sim-nodes-pods [nodes] [hold s] [pods per node]` (default 10 a node).
 */
export async function benchSimNodes(opts: { nodes?: number; holdS?: number; podsPerNode?: number } = {}): Promise<string> {
  const nodeCount = opts.nodes ?? 1000;
  const podCount = nodeCount * (opts.podsPerNode ?? 0);
  const holdMs = (opts.holdS ?? 60) * 1000;
  const t0 = performance.now();
  const cluster = await startSimCluster(nodeCount);
  const readyS = (performance.now() - t0) / 1000;
  const ac = new AbortController();
  try {
    if (podCount > 0) {
      const running = new Set<string>();
      await watchAll<Pod>(cluster.client, pods, 'default', (p) => void (p.status?.phase === 'Running' && running.add(p.metadata.name!)), ac.signal);
      await Promise.all(['s0', 's1'].map((p) => loadgen(cluster.server.kubeconfig, p, podCount / 2, 16, 'default-scheduler')));
      await waitFor(async () => running.size >= podCount, 3_600_000);
    }
    const last = new Map<string, number>();
    let maxGap = 0;
    const start = Date.now();
    await watchAll<Lease>(cluster.client, leases, 'kube-node-lease', (l) => {
      const t = Date.parse(l.spec?.renewTime ?? '');
      if (!Number.isFinite(t)) return;
      maxGap = Math.max(maxGap, t - (last.get(l.metadata.name!) ?? start));
      last.set(l.metadata.name!, t);
    }, ac.signal);
    const cpu0 = await cpuOf(cluster.sim.pid!);
    await new Promise((r) => setTimeout(r, holdMs));
    const cpuPerS = (await cpuOf(cluster.sim.pid!) - cpu0) / (holdMs / 1000);
    const now = Date.now();
    for (const name of last.keys()) maxGap = Math.max(maxGap, now - last.get(name)!);
    const rss = await rssOf(cluster.sim.pid!);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    return table([
      [`sim: ${nodeCount} hollow nodes, idle, ${podCount} Pods Running`, 'value', 'target'],
      ['all Ready after (s)', readyS, ''],
      ['sim RSS (MB)', rss / MB, ''],
      ['sim RSS per node (KB)', rss / nodeCount / 1024, '≤ 200'],
      ['sim CPU (cores)', cpuPerS, ''],
      ['Leases renewed while held', `${last.size} of ${nodeCount}`, nodeCount],
      ['longest gap between renewals (s)', maxGap / 1000, '≤ 10 (+ latency)'],
      ['load average at the end', load, ''],
    ]);
  } finally {
    ac.abort();
    await cluster.dispose();
  }
}
