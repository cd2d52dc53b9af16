// What one server holds at Kubernetes' largest size, without the hours it takes to schedule it on a
// small machine: N Nodes and P Running Pods, each a copy of one the API itself defaulted and stored
// (a Pod bound to a Node, its status as a kubelet reports it), written straight into a stopped
// server's SQLite store. Then the server is started on it: time to /readyz (cold start), RSS over
// time as the watch caches and the scheduler's and controllers' informers fill, `kubectl get pods -A`
// with single-Pod gets beside it. The Nodes never report, so the server runs with a node monitor
// grace period longer than the run. RSS over time goes to bench/results/held-<nodes>x<pods>.svg.
//
// Run alone: `npm run bench -- held [nodes] [pods]` (default 5,000 nodes, 150,000 Pods).

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KObject, Pod } from '../src/api/types.js';
import { SqliteLog, type Op } from '../src/store/sqlite-log.js';
import { apiFor } from '../test/support/api.js';
import { startServer, type TestServer } from '../test/support/server.js';
import { readyz } from './apiserver.js';
import { chartsDocument, lineChart } from './plot.js';
import { cpuOf, rssOf } from './simcluster.js';
import { servePodPages } from './kubectl-floor.js';
import { kubectlGetAll, listAllWithGets } from './scale.js';
import { RESULTS_DIR, table } from './stats.js';

const MB = 2 ** 20;
const ARGS = ['--node-monitor-grace-period', '24h'];

/** A Node and a Running Pod bound to it, as the API stored them (resourceVersion left out, as stored). */
async function templates(server: TestServer): Promise<{ node: KObject; pod: KObject }> {
  const api = await apiFor(server.kubeconfig);
  try {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'held-0', labels: { 'kubernetes.io/hostname': 'held-0', 'kubernetes.io/os': 'linux' } }, spec: { podCIDR: '10.128.0.0/24' } };
    const status = {
      capacity: { cpu: '32', memory: '131072Mi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '32', memory: '131072Mi', pods: '110', 'ephemeral-storage': '100Gi' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({ type, status: 'False', reason: `KubeletHas${type === 'PIDPressure' ? 'SufficientPID' : 'No' + type}`, message: 'ok', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }))
        .concat([{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }]),
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'held-0' }],
      nodeInfo: { machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12', containerRuntimeVersion: 'fake://1', kubeletVersion: 'v1.31.0', kubeProxyVersion: 'v1.31.0', operatingSystem: 'linux', architecture: 'amd64' },
    };
    const n = await api.call('POST', '/api/v1/nodes', node);
    await api.call('PUT', '/api/v1/nodes/held-0/status', { ...n.body, status });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'held-0', namespace: 'default', labels: { app: 'held' } }, spec: { nodeName: 'held-0', containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } };
    const p = await api.call('POST', '/api/v1/namespaces/default/pods', pod);
    const now = new Date().toISOString();
    const podStatus = {
      phase: 'Running', hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], podIP: '10.128.0.2', podIPs: [{ ip: '10.128.0.2' }], startTime: now, qosClass: 'Burstable',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })),
      containerStatuses: [{ name: 'c', ready: true, started: true, restartCount: 0, image: 'docker.io/library/busybox:latest', imageID: 'docker.io/library/busybox@sha256:' + 'a'.repeat(64), containerID: 'fake://' + 'b'.repeat(64), state: { running: { startedAt: now } }, lastState: {} }],
    };
    await api.call('PUT', '/api/v1/namespaces/default/pods/held-0/status', { ...p.body, status: podStatus });
    const strip = (o: KObject): KObject => {
      const { resourceVersion: _rv, ...metadata } = o.metadata;
      return { ...o, metadata };
    };
    return { node: strip((await api.call('GET', '/api/v1/nodes/held-0')).body), pod: strip((await api.call('GET', '/api/v1/namespaces/default/pods/held-0')).body) };
  } finally {
    api.close();
  }
}

/** Writes N Nodes and P Pods spread over them into the stopped server's store, in large transactions. */
function fill(dataDir: string, t: { node: KObject; pod: KObject }, nodeCount: number, podCount: number): void {
  const log = new SqliteLog(join(dataDir, 'state.db'));
  const enc = new TextEncoder();
  const batch: Op[] = [];
  const flush = (): void => {
    if (log.applyBatch(batch.splice(0)).some((o) => 'error' in o)) throw new Error('a bench object was refused by the store');
  };
  for (let i = 1; i < nodeCount; i++) {
    const name = `held-${i}`;
    const node = { ...t.node, metadata: { ...t.node.metadata, name, uid: randomUUID(), labels: { ...t.node.metadata.labels, 'kubernetes.io/hostname': name } } };
    batch.push({ kind: 'create', key: `/registry/nodes/${name}`, value: enc.encode(JSON.stringify(node)) });
    if (batch.length === 2000) flush();
  }
  for (let i = 1; i < podCount; i++) {
    const name = `held-${i}`;
    const pod = { ...t.pod, metadata: { ...t.pod.metadata, name, uid: randomUUID() }, spec: { ...(t.pod as Pod).spec, nodeName: `held-${i % nodeCount}` } };
    batch.push({ kind: 'create', key: `/registry/pods/default/${name}`, value: enc.encode(JSON.stringify(pod)) });
    if (batch.length === 2000) flush();
  }
  flush();
  log.close();
}

export async function benchHeld(opts: { nodes?: number; pods?: number } = {}): Promise<string> {
  const nodeCount = opts.nodes ?? 5000;
  const podCount = opts.pods ?? 150_000;
  const label = `${nodeCount}x${podCount}`;
  const first = await startServer({ args: ARGS });
  let server: TestServer | undefined;
  try {
    while (!(await readyz(first.url))) await new Promise((r) => setTimeout(r, 50));
    const t = await templates(first);
    await first.stop();
    const f0 = performance.now();
    fill(first.dataDir, t, nodeCount, podCount);
    const fillS = (performance.now() - f0) / 1000;

    const r0 = performance.now();
    server = await startServer({ dataDir: first.dataDir, args: ARGS, startTimeoutMs: 600_000 });
    const pid = server.process.pid!;
    const samples: [number, number][] = [];
    const sampler = setInterval(() => void rssOf(pid).then((r) => samples.push([(performance.now() - r0) / 1000, r / MB])), 500);
    while (!(await readyz(server.url))) await new Promise((r) => setTimeout(r, 20));
    const coldStartS = (performance.now() - r0) / 1000;
    // On a shared machine the wall clock is mostly waiting for a core: the CPU the start used says more.
    const coldStartCpuS = await cpuOf(pid);
    // The scheduler's and the controllers' informers list everything after /readyz: let them settle.
    await new Promise((r) => setTimeout(r, 30_000));
    const settledRss = (await rssOf(pid)) / MB;

    const cpuBeforeList = await cpuOf(pid);
    const { list, get } = await listAllWithGets(server.kubeconfig, (i) => `held-${(i * 7919) % podCount}`);
    const listCpuS = (await cpuOf(pid)) - cpuBeforeList;
    const afterListRss = (await rssOf(pid)) / MB;
    // The same list in one request: what the server takes when kubectl's paging does not set the pace.
    const whole = await kubectlGetAll(server.kubeconfig, ['--chunk-size=0']);
    // Baseline: the same kubectl against pages answered from memory at once, i.e. its own request limit.
    const floorServer = await servePodPages(t.pod, podCount);
    const floor = await kubectlGetAll(floorServer.kubeconfig).finally(() => floorServer.close());
    clearInterval(sampler);
    const peak = Math.max(...samples.map((s) => s[1]));

    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(join(RESULTS_DIR, `held-${label}.svg`), chartsDocument([(top) => lineChart(`server RSS from start, ${label} stored`, 'MB', [{ name: 'berth server', points: samples }], top)]));
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    return table([
      [`held: ${label}, all Running`, 'value', 'target (issue 10)'],
      ['objects written straight into the store (s)', fillS, ''],
      ['cold start to /readyz (s)', coldStartS, '≤ 10'],
      ['server CPU used to /readyz (s)', coldStartCpuS, ''],
      ['server RSS 30 s after /readyz (MB)', settledRss, '≤ 4096'],
      ['server RSS peak (MB)', peak, ''],
      [`kubectl get pods -A (${list.rows} rows, exit ${list.code}) (s)`, list.ms / 1000, '≤ 8'],
      ['server CPU during that list and the gets (s)', listCpuS, ''],
      [`the same with --chunk-size=0, one request (${whole.rows} rows, exit ${whole.code}) (s)`, whole.ms / 1000, ''],
      [`baseline: the same kubectl from a server answering every page from memory (${floor.rows} rows) (s)`, floor.ms / 1000, 'kubectl\'s floor: 500 a page, 5 requests/s'],
      [`single-Pod get meanwhile p50 / p99 (ms, ${get.n} gets)`, `${get.p50.toFixed(1)} / ${get.p99.toFixed(1)}`, 'p99 ≤ 20'],
      ['server RSS after the list (MB)', afterListRss, ''],
      ['load average at the end', load, ''],
    ]);
  } finally {
    await (server ?? first).dispose();
  }
}
