// API server benchmark: durable Pod creates/s at 1, 16 and 64 clients against the raw SQLite ceiling
// (the same bytes, the same durability, measured in the same run), a 10k-Pod list, watch delivery
// latency to 100 watchers, RSS idle and with 10k Pods, cold start to /readyz.

import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'node:https';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { apiFor } from '../test/support/api.js';
import { startServer } from '../test/support/server.js';
import { summarize, table } from './stats.js';

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** The ceiling: better-sqlite3 inserting the same bytes with WAL + synchronous=FULL, one commit per batch as berth does. */
async function rawSqliteCeiling(dir: string, n: number, batch: number, bytes: Buffer): Promise<number> {
  const db = new Database(join(dir, `raw-${batch}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE log (rev INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT, value BLOB)');
  const ins = db.prepare('INSERT INTO log (key, value) VALUES (?, ?)');
  const tx = db.transaction((start: number) => {
    for (let i = start; i < start + batch; i++) ins.run(`/registry/pods/default/p-${i}`, bytes);
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i += batch) tx(i);
  const s = (performance.now() - t0) / 1000;
  db.close();
  return n / s;
}

/** What a load generator process reports: latencies, when Pod <prefix>-<i> was sent (epoch ms), its CPU time. */
export interface LoadgenResult { lat: number[]; ms: number; sentAt: number[]; cpuS: number }

/** Runs one load generator process (bench/loadgen.ts): count creates over clients connections. */
export function loadgen(kubeconfig: string, prefix: string, count: number, clients: number, schedulerName?: string): Promise<LoadgenResult> {
  return new Promise((resolve, reject) => {
    const args = [join(dirname(fileURLToPath(import.meta.url)), 'loadgen.js'), kubeconfig, prefix, String(count), String(clients), ...(schedulerName ? [schedulerName] : [])];
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as LoadgenResult),
    );
  });
}

export async function readyz(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    request(`${url}/readyz`, { rejectUnauthorized: false }, (r) => {
      r.resume();
      resolve(r.statusCode === 200);
    })
      .on('error', () => resolve(false))
      .end();
  });
}

export async function benchApiserver(): Promise<string> {
  const out: string[] = ['## API server (SQLite store)'];
  const scratch = await mkdtemp(join(tmpdir(), 'berth-bench-'));
  const t0 = performance.now();
  const server = await startServer();
  while (!(await readyz(server.url))) await new Promise((r) => setTimeout(r, 5));
  const coldStart = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssMb(server.process.pid!);
  const api = await apiFor(server.kubeconfig);
  const createRows: (string | number)[][] = [['clients', 'creates/s', 'p50 ms', 'p99 ms', 'raw SQLite ceiling/s', 'ratio']];
  const sample = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b-0', labels: { app: 'bench' } }, spec: { schedulerName: 'bench-unscheduled', containers: [{ name: 'c', image: 'busybox' }] } });
  let created = 0;
  for (const clients of [1, 16, 64]) {
    const total = clients === 1 ? 500 : 4000;
    // Clients split over two processes, so one client process's CPU is not the limit.
    const procs = clients === 1 ? 1 : 2;
    const start = performance.now();
    const results = await Promise.all(Array.from({ length: procs }, (_, p) => loadgen(server.kubeconfig, `c${clients}-${p}`, total / procs, clients / procs)));
    const rate = total / ((performance.now() - start) / 1000);
    created += total;
    const ceiling = await rawSqliteCeiling(scratch, total, clients, Buffer.from(sample));
    const st = summarize(results.flatMap((r) => r.lat));
    createRows.push([clients, Math.round(rate), st.p50, st.p99, Math.round(ceiling), rate / ceiling]);
  }
  out.push(table(createRows));
  // Fill to 10k pods for the list and RSS figures.
  await Promise.all([0, 1].map((p) => loadgen(server.kubeconfig, `fill-${p}`, (10_000 - created) / 2, 32)));
  const listTimes: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const r = await api.call('GET', '/api/v1/namespaces/default/pods');
    listTimes.push(performance.now() - s);
    count = r.body.items.length;
  }
  const rss10k = rssMb(server.process.pid!);

  // Watch delivery: 100 watchers, timestamps carried in an annotation.
  const watchers = 100;
  const events = 10_000;
  const ac = new AbortController();
  const rv = (await api.call('GET', '/api/v1/namespaces/default/configmaps')).body.metadata.resourceVersion;
  const delays: number[] = [];
  let received = 0;
  const done = Promise.all(
    Array.from({ length: watchers }, async () => {
      const w = await apiFor(server.kubeconfig);
      const stream = await w.watch(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, ac.signal);
      let n = 0;
      try {
        for await (const ev of stream) {
          delays.push(Date.now() - Number(ev.object.metadata.annotations.sent));
          received++;
          if (++n === events / 10) break;
        }
      } finally {
        w.close();
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const writer = await apiFor(server.kubeconfig);
  let w = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (w < events / 10) {
        const i = w++;
        await writer.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w-${i}`, annotations: { sent: String(Date.now()) } } });
      }
    }),
  );
  await done;
  ac.abort();
  writer.close();
  const ws = summarize(delays);
  const listSt = summarize(listTimes);
  out.push('');
  out.push(
    table([
      ['figure', 'value', 'target'],
      [`list of ${count} pods (p50 of 5)`, `${listSt.p50.toFixed(0)} ms`, '≤ 150 ms'],
      [`watch delivery, ${watchers} watchers × ${events / 10} events (${received} deliveries) p50/p99`, `${ws.p50} / ${ws.p99} ms`, 'p99 ≤ 50 ms'],
      ['RSS idle', `${idleRss.toFixed(0)} MB`, '≤ 80 MB'],
      ['RSS with 10k pods', `${rss10k.toFixed(0)} MB`, ''],
      ['cold start to /readyz (first start, includes PKI)', `${coldStart.toFixed(0)} ms`, ''],
    ]),
  );
  api.close();
  await server.stop();
  // Warm start: the same data dir, certificates present, 10k pods to load.
  const t1 = performance.now();
  const again = await startServer({ dataDir: server.dataDir });
  while (!(await readyz(again.url))) await new Promise((r) => setTimeout(r, 5));
  out.push(`cold start of a stopped server with 10k pods to /readyz: ${(performance.now() - t1).toFixed(0)} ms (target ≤ 500 ms)`);
  await again.dispose();
  await rm(scratch, { recursive: true, force: true });
  return out.join('\n');
}
