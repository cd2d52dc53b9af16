// A load generator process for the API benchmark: C keep-alive TLS connections, each writing one
// create request at a time as raw HTTP/1.1 and reading the answer with a minimal parser, so the
// client's own cost per request stays far below the server's (like wrk, which cannot present a
// client certificate). Prints as JSON the latencies, when each create was sent (wall clock, by Pod
// index: what create → bound is measured from) and its own CPU time.

import { performance } from 'node:perf_hooks';
import { connect, type TLSSocket } from 'node:tls';
import { loadKubeconfig } from '../src/client/kubeconfig.js';

// The Pods go to schedulerName (default: one no scheduler serves, so they stay Pending).
const [kubeconfig, prefix, countArg, clientsArg, schedulerName = 'bench-unscheduled'] = process.argv.slice(2);
const total = Number(countArg);
const clients = Number(clientsArg);
const cfg = await loadKubeconfig(kubeconfig);
const url = new URL(cfg.server);
const lat: number[] = [];
const sentAt: number[] = new Array<number>(total);
let next = 0;

function body(i: number): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${prefix}-${i}`, labels: { app: 'bench' } }, spec: { schedulerName, containers: [{ name: 'c', image: 'busybox' }] } });
}

function request(b: string): string {
  return `POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`;
}

/** One connection: send, wait for the whole response, repeat until the work is gone. */
async function client(): Promise<void> {
  const socket: TLSSocket = connect({ host: url.hostname, port: Number(url.port), ca: cfg.ca, cert: cfg.cert, key: cfg.key, servername: url.hostname });
  await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
  let buf = Buffer.alloc(0);
  let waiting: ((status: number) => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    const head = buf.indexOf('\r\n\r\n');
    if (head === -1) return;
    const headers = buf.subarray(0, head).toString('latin1');
    const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
    if (buf.length < head + 4 + length) return;
    buf = buf.subarray(head + 4 + length);
    const status = Number(headers.slice(9, 12));
    const w = waiting;
    waiting = null;
    w?.(status);
  });
  while (next < total) {
    const i = next++;
    const s = performance.now();
    sentAt[i] = Date.now();
    const status = await new Promise<number>((resolve) => {
      waiting = resolve;
      socket.write(request(body(i)));
    });
    if (status !== 201) throw new Error(`create ${i} answered ${status}`);
    lat.push(performance.now() - s);
  }
  socket.end();
}

const t0 = performance.now();
await Promise.all(Array.from({ length: clients }, client));
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ lat, ms: performance.now() - t0, sentAt, cpuS: (cpu.user + cpu.system) / 1e6 }));
