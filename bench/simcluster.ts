// What the scale benchmarks share: a server (control plane only) and `berth sim` with N hollow nodes
// (real kubelets over the fake runtime) in its own process, and a watch that survives being cut.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { KObject, Node } from '../src/api/types.js';
import { nodes } from '../src/client/resources.js';
import type { Resource } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { BERTH_BIN, startServer, type TestServer } from '../test/support/server.js';

export interface SimCluster {
  server: TestServer;
  sim: ChildProcess;
  client: RestClient;
  dispose(): Promise<void>;
}

/** BENCH_CPU_PROF=DIR: the server and the sim run under `node --cpu-prof`, each writing its profile into DIR as it exits. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const nodeArgs = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];

/**
 * Where the hollow kubelets keep their Pods' folders (volume files, termination-message files, log
 * folders): in memory (/dev/shm) when the host has it, as their runtime is. On this VM's disk, the
 * filesystem's journal made those few dozen small writes per Pod the larger part of the sim's CPU
 * (about 3 of 8 to 11 CPU-s per 1,000 Pods, all in the kernel), a cost of packing a hundred nodes onto
 * one host, which a real node pays on its own disk. BENCH_SIM_STATE=disk keeps them under the server's data dir.
 */
async function simStateDir(): Promise<string | undefined> {
  if (process.env.BENCH_SIM_STATE === 'disk') return undefined;
  return mkdtemp('/dev/shm/berth-sim-').catch(() => undefined);
}

/** A server and nodeCount hollow nodes, returned once every Node is registered and Ready. */
export async function startSimCluster(nodeCount: number): Promise<SimCluster> {
  const server = await startServer({ disableAgent: true, nodeArgs });
  const stateDir = await simStateDir();
  const sim = spawn(process.execPath, [...nodeArgs, BERTH_BIN, 'sim', '--data-dir', server.dataDir, '--nodes', String(nodeCount), ...(stateDir ? ['--state-dir', stateDir] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  const client = await RestClient.fromKubeconfig(server.kubeconfig);
  const dispose = async (): Promise<void> => {
    // The sim gone before the data dir goes: its kubelets write under it until they stop.
    const exited = sim.exitCode !== null || sim.signalCode !== null ? Promise.resolve() : new Promise((r) => sim.once('exit', r));
    sim.kill('SIGTERM');
    await exited;
    client.transport.close();
    await server.dispose();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  };
  try {
    const ready = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    await waitFor(async () => (await client.list<Node>(nodes, undefined)).items.filter(ready).length === nodeCount, 600_000);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { server, sim, client, dispose };
}

export async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond().catch(() => false))) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Resident memory of a process, from /proc (bytes). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** CPU time a process has used so far, user and system, from /proc (seconds). */
export async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields 14 and 15 (utime, stime), counted after the command name, which may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/**
 * Every object of res in namespace, as it changes from now on, until signal aborts; resolves once the
 * watch's starting point is fixed, with `cuts`: how often it was cut, once it ends. A watch the server
 * cuts (a slow reader past its budget gets 410) or closes is taken up again: from where it was, or
 * from a fresh list, whose objects are handled as seen when it arrived.
 */
export async function watchAll<T extends KObject>(client: RestClient, res: Resource, namespace: string | undefined, handle: (obj: T) => void, signal: AbortSignal): Promise<{ cuts: Promise<number> }> {
  let rv = (await client.list<T>(res, namespace, { limit: 1 })).metadata.resourceVersion;
  const cuts = (async () => {
    let n = 0;
    while (!signal.aborted) {
      try {
        for await (const ev of client.watch<T>(res, namespace, { resourceVersion: rv }, signal)) {
          rv = ev.object.metadata.resourceVersion ?? rv;
          handle(ev.object);
        }
        if (!signal.aborted) n++;
      } catch {
        if (signal.aborted) break;
        n++;
        const list = await client.list<T>(res, namespace).catch(() => undefined);
        for (const o of list?.items ?? []) handle(o);
        rv = list?.metadata.resourceVersion ?? rv;
      }
    }
    return n;
  })();
  return { cuts };
}

/** Mutating requests the server has answered so far, by `resource` or `resource/subresource`, from its /metrics. */
export async function writeCounts(client: RestClient): Promise<Map<string, number>> {
  const res = await client.transport.request({ method: 'GET', path: '/metrics' });
  const out = new Map<string, number>();
  for (const m of res.body.matchAll(/^apiserver_request_total\{([^}]*)\} (\S+)$/gm)) {
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (!['POST', 'PUT', 'PATCH', 'DELETE', 'APPLY'].includes(labels.verb ?? '')) continue;
    const key = labels.subresource ? `${labels.resource}/${labels.subresource}` : labels.resource ?? '';
    out.set(key, (out.get(key) ?? 0) + Number(m[2]));
  }
  return out;
}
