// A narrow version of the kubelet bench for iterating on Pod start cost: `berth server` with its
// kubelet, SEQ sequential 2-container Pods (create → both running), then BURST Pods at once until all
// Running, with the CPU the whole machine, the server and the server's reaped children spent meanwhile.
// PERF=<file> records `perf record -a` over the burst (where kernel and per-program CPU goes).
// CPU is counted by cgroup (cpuacct): the server and everything it starts, and the node's Pod cgroups,
// so other processes on the machine do not count. MODES=AB… runs one server per letter, A with the
// environment as is and B with BERTH_BURST_B=1, alternating, for comparisons on a busy machine.
// POD_CIDR sets the node's pod CIDR (default 10.77.0.0/16), away from the default one that another
// node (or a bridge left behind) on a shared machine may hold.
// Usage: node dist/bench/pod-burst.js [SEQ=20] [BURST=100] [MODES=A]

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiFor, type Api } from '../test/support/api.js';
import { ensureTestImages } from '../test/support/images.js';
import { BERTH_BIN, startServer } from '../test/support/server.js';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { summarize } from './stats.js';

const SEQ = Number(process.argv[2] ?? 20);
const BURST = Number(process.argv[3] ?? 100);
const SCRIPT = 'trap "exit 0" TERM; sleep 3600 & wait';
const MODES = process.argv[4] ?? 'A';
const TICK = 100;
const CPUACCT = '/sys/fs/cgroup/cpuacct';

/** user and system CPU-s a cpuacct cgroup (and those below it) used. */
function cgroupCpu(path: string): { user: number; sys: number } {
  const read = (f: string) => { try { return Number(readFileSync(join(CPUACCT, path, f), 'utf8')) / 1e9; } catch { return 0; } };
  return { user: read('cpuacct.usage_user'), sys: read('cpuacct.usage_sys') };
}

interface PodLike { metadata: { name: string }; status?: { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } }
const allRunning = (p: PodLike) => p.status?.phase === 'Running' && p.status.containerStatuses?.length === 2 && p.status.containerStatuses.every((c) => !!c.state?.running);

function pod(name: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: ['a', 'b'].map((c) => ({ name: c, image: 'busybox', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', SCRIPT] })) } };
}

/** user, system, idle (+iowait) CPU-s of the whole machine. */
function machineCpu(): { user: number; sys: number; idle: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { user: (f[0] + f[1]) / TICK, sys: (f[2] + f[5] + f[6]) / TICK, idle: (f[3] + f[4]) / TICK };
}

/** The process's own user/sys and its reaped children's, in CPU-s. */
function procCpu(pid: number): { user: number; sys: number; cuser: number; csys: number } {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  return { user: f[11] / TICK, sys: f[12] / TICK, cuser: f[13] / TICK, csys: f[14] / TICK };
}

class Watch {
  waiters = new Map<string, (t: number) => void>();
  abort = new AbortController();
  static async open(api: Api): Promise<Watch> {
    const w = new Watch();
    const list = await api.call('GET', '/api/v1/namespaces/default/pods');
    const rv = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const events = await api.watch(`/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`, w.abort.signal);
    void (async () => {
      try {
        for await (const ev of events as AsyncIterable<{ type: string; object: PodLike }>) {
          const fn = w.waiters.get(ev.object.metadata.name);
          if (fn && ev.type !== 'DELETED' && allRunning(ev.object)) { w.waiters.delete(ev.object.metadata.name); fn(performance.now()); }
        }
      } catch { /* closed */ }
    })();
    return w;
  }
  running(name: string): Promise<number> {
    return new Promise((r) => this.waiters.set(name, r));
  }
}

async function deleteAll(api: Api): Promise<void> {
  await api.call('DELETE', '/api/v1/namespaces/default/pods');
  for (let i = 0; i < 1200; i++) {
    const r = await api.call('GET', '/api/v1/namespaces/default/pods');
    if (((r.body as { items?: unknown[] }).items ?? []).length === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function run(mode: string, dataDir: string): Promise<void> {
  const server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', '--pod-cidr', process.env.POD_CIDR ?? '10.77.0.0/16'], env: mode === 'B' ? { BERTH_BURST_B: '1' } : {} });
  const api = await apiFor(server.kubeconfig);
  const pid = server.process.pid!;
  const own = `berth-pod-burst-${process.pid}`;
  mkdirSync(join(CPUACCT, own), { recursive: true });
  writeFileSync(join(CPUACCT, own, 'cgroup.procs'), `${pid}\n`);
  const pods = (await hostNamesFor(dataDir)).cgroupRoot;
  const cg = () => { const a = cgroupCpu(own); const b = cgroupCpu(pods); return { user: a.user + b.user, sys: a.sys + b.sys, server: a, pods: b }; };
  console.log(`== mode ${mode}`);
  try {
    for (let i = 0; i < 600; i++) {
      const r = await api.call('GET', '/api/v1/nodes');
      const nodes = (r.body as { items?: { status?: { conditions?: { type: string; status: string }[] } }[] }).items ?? [];
      if (nodes.some((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const w = await Watch.open(api);
    const base = '/api/v1/namespaces/default/pods';
    const seq: number[] = [];
    const s0 = procCpu(pid);
    const c0 = cg();
    for (let i = -1; i < SEQ; i++) {
      const name = `seq-${i + 1}`;
      const up = w.running(name);
      const t0 = performance.now();
      await api.call('POST', base, pod(name));
      const t1 = await up;
      if (i >= 0) seq.push(t1 - t0);
      await api.call('DELETE', `${base}/${name}`);
    }
    const s1 = procCpu(pid);
    const c1 = cg();
    await deleteAll(api);
    const s = summarize(seq);
    console.log(`sequential ${s.n}: p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms; server CPU per Pod (start+delete) user ${((s1.user - s0.user) / (SEQ + 1) * 1000).toFixed(0)} ms sys ${((s1.sys - s0.sys) / (SEQ + 1) * 1000).toFixed(0)} ms, reaped children user ${((s1.cuser - s0.cuser) / (SEQ + 1) * 1000).toFixed(0)} sys ${((s1.csys - s0.csys) / (SEQ + 1) * 1000).toFixed(0)} ms`);
    console.log(`  server+children+Pods cgroups per Pod (start+delete): user ${((c1.user - c0.user) / (SEQ + 1) * 1000).toFixed(0)} ms sys ${((c1.sys - c0.sys) / (SEQ + 1) * 1000).toFixed(0)} ms`);

    if (BURST > 0) {
      await new Promise((r) => setTimeout(r, 1000));
      const perf = process.env.PERF ? spawn('perf', ['record', '-a', '-g', '-e', 'cpu-clock', '-F', '499', '-o', process.env.PERF], { stdio: 'ignore' }) : undefined;
      if (perf) await new Promise((r) => setTimeout(r, 1000));
      const names = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
      const ups = names.map((n) => w.running(n));
      const m0 = machineCpu();
      const p0 = procCpu(pid);
      const g0 = cg();
      const load0 = loadavg()[0];
      const b0 = performance.now();
      await Promise.all(names.map((n) => api.call('POST', base, pod(n))));
      const posted = performance.now() - b0;
      const times = (await Promise.all(ups)).map((t) => t - b0);
      const m1 = machineCpu();
      const p1 = procCpu(pid);
      const g1 = cg();
      perf?.kill('SIGINT');
      if (perf) await new Promise((r) => perf.once('exit', r));
      const bt = summarize(times);
      console.log(`burst ${BURST}: POSTs ${posted.toFixed(0)} ms, all Running ${bt.max.toFixed(0)} ms (p50 ${bt.p50.toFixed(0)}), load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
      console.log(`  machine CPU-s: user ${(m1.user - m0.user).toFixed(1)} sys ${(m1.sys - m0.sys).toFixed(1)} idle ${(m1.idle - m0.idle).toFixed(1)}`);
      console.log(`  server CPU-s: user ${(p1.user - p0.user).toFixed(1)} sys ${(p1.sys - p0.sys).toFixed(1)}; its reaped children user ${(p1.cuser - p0.cuser).toFixed(1)} sys ${(p1.csys - p0.csys).toFixed(1)}`);
      console.log(`  cgroups CPU-s: server and what it started user ${(g1.server.user - g0.server.user).toFixed(2)} sys ${(g1.server.sys - g0.server.sys).toFixed(2)}; Pods user ${(g1.pods.user - g0.pods.user).toFixed(2)} sys ${(g1.pods.sys - g0.pods.sys).toFixed(2)}; total ${(g1.user + g1.sys - g0.user - g0.sys).toFixed(2)}`);
      const d0 = machineCpu();
      const t0 = performance.now();
      await deleteAll(api);
      const d1 = machineCpu();
      console.log(`  delete all: ${(performance.now() - t0).toFixed(0)} ms, machine user ${(d1.user - d0.user).toFixed(1)} sys ${(d1.sys - d0.sys).toFixed(1)}`);
    }
    w.abort.abort();
  } finally {
    api.close();
    await server.stop();
    execFileSync(process.execPath, [BERTH_BIN, 'killall', '--data-dir', dataDir], { stdio: 'ignore' });
    try { rmdirSync(join(CPUACCT, own)); } catch { /* a process still inside */ }
  }
}

const scratch = await mkdtemp(join(tmpdir(), 'berth-pod-burst-'));
const dataDir = join(scratch, 'data');
await ensureTestImages(dataDir);
try {
  for (const mode of MODES) await run(mode, dataDir);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
process.exit(0);
