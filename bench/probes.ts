// Probe cost: 100 real Pods (runc, busybox httpd), each with an httpGet readiness and an httpGet
// liveness probe every second, against the same 100 Pods without probes in the same run. The kubelet
// runs as its own process, as the target is worded: `berth server --disable-agent` (API server,
// scheduler, controllers) and a `berth agent` joined to it on this host (kubelet, its runtime, proxy,
// DNS). The figure is the CPU the agent spends per second of wall time, user and kernel apart (a
// probe's TCP handshake through the pod bridge is kernel time), read from /proc over a quiet window
// once every Pod is Ready; the server's is shown beside it. BENCH_CPU_PROF=DIR runs the agent under
// `node --cpu-prof` into DIR and prints each window's bounds on the profile's clock (microseconds of
// the monotonic clock), so the samples of the window can be told from the rest.

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { execFile, spawn } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAgent, type TestAgent } from '../test/support/agent.js';
import { apiFor, type Api } from '../test/support/api.js';
import { holdHostLock } from '../test/support/host-lock.js';
import { ensureTestImages } from '../test/support/images.js';
import type { NetnsHost } from '../test/support/netns.js';
import { startServer, type TestServer } from '../test/support/server.js';
import { table } from './stats.js';

const PODS = Number(process.env.BENCH_PROBE_PODS ?? 100);
const WINDOW_MS = 20_000;
const BASE = '/api/v1/namespaces/default/pods';
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const monotonicMicros = () => process.hrtime.bigint() / 1000n;

function probePod(name: string, probes: boolean): Record<string, unknown> {
  const probe = { httpGet: { path: '/', port: 8080 }, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 3 };
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { bench: 'probes' } },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [{
        name: 'web', image: 'busybox', imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www'],
        ...(probes ? { readinessProbe: probe, livenessProbe: probe } : {}),
      }],
    },
  };
}

/** CPU seconds the process has used in user space and in the kernel, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // utime, stime in clock ticks (USER_HZ 100)
}

interface Share { total: number; user: number; system: number }
interface Shares { agent: Share; server: Share }

/** This host itself, for startAgent: the agent runs beside the server, not in a namespace of its own. */
const thisHost: NetnsHost = {
  name: 'localhost', ip: '127.0.0.1',
  exec: (args) => new Promise((resolve, reject) => execFile(args[0]!, args.slice(1), (e, stdout, stderr) => (e ? reject(e) : resolve({ stdout, stderr })))),
  spawn: ([node, ...rest]) => spawn(node!, [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), ...rest], { stdio: ['ignore', 'ignore', 'pipe'] }),
};

async function untilAllReady(api: Api, timeoutMs = 900_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  type P = { metadata: { name: string }; status?: { phase?: string; conditions?: { type: string; status: string }[] } };
  let waiting: P[] = [];
  while (Date.now() < end) {
    const r = await api.call('GET', `${BASE}?labelSelector=bench%3Dprobes`);
    waiting = (r.body as { items: P[] }).items.filter((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (waiting.length === 0) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`${waiting.length} Pods never became Ready, e.g. ${JSON.stringify(waiting[0])}`);
}

async function untilGone(api: Api): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await api.call('GET', `${BASE}?labelSelector=bench%3Dprobes`);
    if ((r.body as { items: unknown[] }).items.length === 0) return;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error('the Pods were never all deleted');
}

/** The agent's and the server's CPU shares of one core over a quiet window with `probes` Pods running. */
async function measure(api: Api, pids: { agent: number; server: number }, probes: boolean): Promise<Shares> {
  await Promise.all(Array.from({ length: PODS }, async (_, i) => {
    const r = await api.call('POST', BASE, probePod(`probe-${i}`, probes));
    if (r.status !== 201) throw new Error(`create probe-${i}: ${r.status} ${JSON.stringify(r.body)}`);
  }));
  await untilAllReady(api);
  await new Promise((res) => setTimeout(res, 3000)); // the start's status writes settle
  const a0 = cpuSeconds(pids.agent);
  const s0 = cpuSeconds(pids.server);
  const t0 = performance.now();
  const m0 = monotonicMicros();
  await new Promise((res) => setTimeout(res, WINDOW_MS));
  const seconds = (performance.now() - t0) / 1000;
  const shareOf = (pid: number, c0: { user: number; system: number }): Share => {
    const c1 = cpuSeconds(pid);
    const user = (c1.user - c0.user) / seconds;
    const system = (c1.system - c0.system) / seconds;
    return { total: user + system, user, system };
  };
  const share = { agent: shareOf(pids.agent, a0), server: shareOf(pids.server, s0) };
  if (PROFILE_DIR) process.stderr.write(`probes=${probes} window on the profile's clock: ${m0} ${monotonicMicros()}\n`);
  await api.call('DELETE', `${BASE}?labelSelector=bench%3Dprobes`);
  await untilGone(api);
  return share;
}

export async function benchProbes(): Promise<string> {
  await holdHostLock();
  const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-probes-'));
  const dataDir = join(scratch, 'agent');
  await ensureTestImages(dataDir);
  let server: TestServer | undefined;
  let agent: TestAgent | undefined;
  try {
    server = await startServer({ dataDir: join(scratch, 'server') });
    const token = (await readFile(join(server.dataDir, 'token'), 'utf8')).trim();
    agent = await startAgent(thisHost, { servers: [server.url], token, dataDir, nodeName: 'bench-probes', args: ['--kubelet-port', '0'] });
    const api = await apiFor(server.kubeconfig);
    const pids = { agent: agent.process.pid!, server: server.process.pid! };
    const without = await measure(api, pids, false);
    const withProbes = await measure(api, pids, true);
    api.close();
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const row = (label: string, s: Share) => [label, pct(s.total), pct(s.user), pct(s.system)];
    const diff = (a: Share, b: Share): Share => ({ total: a.total - b.total, user: a.user - b.user, system: a.system - b.system });
    const cost = diff(withProbes.agent, without.agent);
    return [
      `## Probes (${PODS} real Pods, httpGet readiness + liveness every second = ${2 * PODS} probes/s)`,
      table([
        ['CPU, share of one core', 'total', 'user', 'kernel'],
        row(`kubelet (berth agent), ${PODS} Pods without probes (same-run baseline)`, without.agent),
        row(`kubelet (berth agent), ${PODS} Pods with probes`, withProbes.agent),
        row('cost of the probes in the kubelet (difference)', cost),
        [`target ≤ 10% of one core: ${cost.total <= 0.1 ? 'met' : 'missed'}`, `${Math.round((cost.total * 1e6) / (2 * PODS))} µs/probe`, '', ''],
        row('berth server (--disable-agent), without probes', without.server),
        row('berth server (--disable-agent), with probes', withProbes.server),
        ['load average (1, 5, 15 min) at the end', loadavg().map((l) => l.toFixed(2)).join(' '), '', ''],
      ]),
      '',
      `Measured over ${WINDOW_MS / 1000} s once every Pod was Ready; httpGet probes connect from the node to the Pod IP (no process spawned).`,
    ].join('\n');
  } finally {
    // The agent's containers stop with it (berth killall), then the server goes.
    await agent?.dispose();
    await server?.dispose();
    await rm(scratch, { recursive: true, force: true });
  }
}
