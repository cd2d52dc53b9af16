// HA benchmark: durable Pod creates/s at 64 clients through a berth server on a 3-member etcd cluster,
// beside raw etcd puts of the same bytes to the same cluster through the same client library (the
// ceiling) and beside SQLite; and the failover time when the berth server leading the scheduler is
// killed (-9): from the kill until a Pod created through the other server right after it is bound by
// that server's scheduler, p50 over 5 runs (shortened Leases, as the flags allow; the defaults' 15 s
// lease would dominate).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Node, Pod } from '../src/api/types.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { nodes, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { connectEtcd } from '../src/store/etcd-connect.js';
import { startEtcdCluster } from '../test/support/etcd.js';
import { startServer, type TestServer } from '../test/support/server.js';
import { creates, idleServer, rawEtcdPuts } from './datastore.js';
import { summarize, table } from './stats.js';

const RUNS = 5;
const LEASES = ['--leader-elect-lease-duration', '4s', '--leader-elect-renew-deadline', '3s', '--leader-elect-retry-period', '500ms'];

const leads = (s: TestServer): boolean => {
  const log = s.logs();
  return log.lastIndexOf('became the leader of kube-scheduler') > log.lastIndexOf('lost the lease kube-scheduler');
};

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const v = await Promise.resolve(fn()).catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** ms since `start` at which the survivor's log first holds one more `marker` than it held at the kill. */
function logMark(s: TestServer, marker: string, start: number, signal: AbortSignal): Promise<number> {
  const count = (): number => s.logs().split(marker).length;
  const before = count();
  return waitFor(() => (signal.aborted || count() > before ? performance.now() - start : undefined));
}

interface Failover {
  /** Kill → the survivor holds the scheduler's Lease (the old Lease's expiry, then one attempt). */
  leader: number;
  /** The new leader's scheduler started (its informers synced). */
  synced: number;
  /** Kill → a Pod created through the survivor is bound: the failover time. */
  ms: number;
}

/** One failover: two servers, the scheduler's leader killed; ms from the kill to a new Pod bound. */
async function failover(args: string[], token: string, run: number): Promise<Failover> {
  const first = await startServer({ args: [...args, '--token', token] });
  const second = await startServer({ args: [...args, '--token', token] });
  const servers = [first, second];
  try {
    const doomed = await waitFor(() => servers.find(leads));
    const survivor = servers.find((s) => s !== doomed)!;
    const client = new RestClient(new HttpsTransport({ ...(await loadKubeconfig(survivor.kubeconfig)) }));
    const done = new AbortController();
    try {
      if (run === 0) {
        const node: Node = { metadata: { name: 'bench-node' }, status: { allocatable: { cpu: '64', memory: '256Gi', pods: '1000' }, capacity: { cpu: '64', memory: '256Gi', pods: '1000' }, conditions: [{ type: 'Ready', status: 'True' }] } };
        await client.create(nodes, undefined, node);
      }
      const name = `failover-${run}`;
      await doomed.kill();
      const start = performance.now();
      const leader = logMark(survivor, 'became the leader of kube-scheduler', start, done.signal);
      const synced = logMark(survivor, 'scheduler: synced', start, done.signal);
      await waitFor(() => client.create(pods, 'default', { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
      await waitFor(async () => (await client.get<Pod>(pods, 'default', name)).spec.nodeName);
      const ms = performance.now() - start;
      done.abort();
      return { leader: await leader, synced: await synced, ms };
    } finally {
      done.abort();
      client.transport.close();
    }
  } finally {
    for (const s of servers) await s.dispose();
  }
}

export async function benchHa(): Promise<string> {
  const out: string[] = ['## HA: berth on a 3-member etcd, and failover between two berth servers'];
  const etcd = await startEtcdCluster(23840);
  try {
    const onSqlite = await idleServer([]);
    const sqlite = await creates(onSqlite.server);
    await onSqlite.server.dispose();

    const args = ['--datastore-endpoint', etcd.endpoints, '--node-monitor-grace-period', '600s'];
    const onEtcd = await idleServer(args);
    const berthEtcd = await creates(onEtcd.server);
    const token = (await readFile(join(onEtcd.server.dataDir, 'token'), 'utf8')).trim();
    await onEtcd.server.dispose();

    const client = await connectEtcd({ endpoints: etcd.endpoints.split(',') });
    const stored = (await client.kv.range({ key: Buffer.from('/registry/pods/default/ds-0-0') })).kvs[0].value;
    client.close();
    const raw = await rawEtcdPuts(etcd.endpoints.split(','), stored);
    const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
    out.push(
      table([
        [`durable Pod creates, 64 clients, 3-member etcd (${stored.length}-byte Pods)`, 'creates/s', 'p50 ms', 'p99 ms'],
        ['berth on 3-member etcd', Math.round(berthEtcd.rate), berthEtcd.p50, berthEtcd.p99],
        ['berth on SQLite', Math.round(sqlite.rate), sqlite.p50, sqlite.p99],
        ['raw etcd puts, same bytes, same cluster, etcd3 client (ceiling)', Math.round(raw.rate), raw.p50, raw.p99],
        ['ratio berth on etcd / raw etcd', berthEtcd.rate / raw.rate, '', ''],
        ['ratio berth on etcd / berth on SQLite', berthEtcd.rate / sqlite.rate, '', ''],
        [`load average after: ${load}`, '', '', ''],
      ]),
    );

    const runs: Failover[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await failover([...args, ...LEASES], token, run));
    const p50 = (f: (r: Failover) => number): number => Math.round(summarize(runs.map(f)).p50);
    const loadAfter = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
    out.push('');
    out.push(
      table([
        [`failover: leader berth server killed (-9) → a new Pod bound by the other (${RUNS} runs; lease 4s, renew 3s, retry 500ms)`, 'p50 ms'],
        ['kill → the survivor leads kube-scheduler (old Lease runs out, then one attempt)', p50((r) => r.leader)],
        ['kill → its scheduler started (informers warmed while waiting)', p50((r) => r.synced)],
        ['kill → the new Pod bound: failover time', p50((r) => r.ms)],
        ['failover, max', Math.round(summarize(runs.map((r) => r.ms)).max)],
        ['failover, runs', runs.map((r) => Math.round(r.ms)).join(' ')],
        [`load average after: ${loadAfter}`, ''],
      ]),
    );
  } finally {
    await etcd.stop();
  }
  return out.join('\n');
}
