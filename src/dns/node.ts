// Cluster DNS on a node: run by the process that runs the kubelet (or by a server given --dns-address),
// listening on the node's pod-bridge gateway so that only the host and its Pods reach it, answering the
// cluster's zone and forwarding the rest to the host's resolvers. It runs in a thread of its own
// (thread.ts), supervised here as the kubelet supervises CoreDNS's Pod: a thread that dies is logged and
// started again on the same address and port, after a delay that doubles while it keeps dying.

import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { KeyPair } from '../apiserver/auth/certs.js';
import type { DnsThreadData, DnsThreadMessage } from './thread.js';

export const DNS_PORT = 53;
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A thread that lived this long before dying was healthy: its successor starts after the shortest delay. */
const HEALTHY_MS = 60_000;
/** How long a stopping thread has to close its sockets before it is ended regardless. */
const STOP_GRACE_MS = 5_000;

export interface NodeDNSOptions {
  /** The API servers' URLs, the cluster CA and DNS's identity: the thread makes its own client of them. */
  servers: readonly string[];
  ca: string;
  identity: KeyPair;
  userAgent: string;
  /** The address to answer on (the pod bridge's gateway). */
  address: string;
  /** DNS_PORT when not given; 0 picks a free one (kept across restarts). */
  port?: number;
  domain: string;
  /** The host's resolv.conf, whose nameservers get every other name. */
  resolvConfPath?: string;
  log: (message: string) => void;
}

export interface NodeDNS {
  port: number;
  /** The thread answering now (another one after a restart). */
  readonly thread: Worker;
  /** Settles once signal has aborted and the thread has ended. */
  stopped: Promise<void>;
}

interface Thread {
  worker: Worker;
  /** Its port once it answers; rejects when it ends first. */
  listening: Promise<number>;
  /** Once it has closed its sockets, asked to stop. */
  closed: Promise<void>;
  /** Why it ended. */
  exited: Promise<string>;
}

function spawn(data: DnsThreadData, log: (m: string) => void): Thread {
  const worker = new Worker(new URL('./thread.js', import.meta.url), { workerData: data });
  let error: Error | undefined;
  worker.on('error', (e) => (error = e));
  const exited = new Promise<string>((resolve) => worker.once('exit', (code) => resolve(error ? error.stack ?? error.message : `exit code ${code}`)));
  let closed!: () => void;
  const thread: Thread = {
    worker, exited,
    closed: new Promise<void>((resolve) => (closed = resolve)),
    listening: new Promise<number>((resolve, reject) => {
      worker.on('message', (m: DnsThreadMessage) => {
        if ('log' in m) log(m.log);
        else if ('listening' in m) resolve(m.listening);
        else closed();
      });
      void exited.then((why) => reject(new Error(`the DNS thread ended before answering: ${why}`)));
    }),
  };
  thread.listening.catch(() => undefined);
  return thread;
}

/** Starts DNS's thread, resolving once it answers (rejecting when the first cannot); restarts it whenever it dies until signal aborts. */
export async function startNodeDNS(o: NodeDNSOptions, signal: AbortSignal): Promise<NodeDNS> {
  const data = (port: number): DnsThreadData => ({
    servers: o.servers, ca: o.ca, identity: o.identity, userAgent: o.userAgent,
    address: o.address, port, domain: o.domain, resolvConfPath: o.resolvConfPath ?? '/etc/resolv.conf',
  });
  let current = spawn(data(o.port ?? DNS_PORT), o.log);
  let restartTimer: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((resolve) => {
    const stop = async (): Promise<void> => {
      clearTimeout(restartTimer);
      const t = current;
      t.worker.postMessage('stop');
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([t.closed, t.exited, new Promise((r) => (grace = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(grace);
      await t.worker.terminate();
      resolve();
    };
    if (signal.aborted) void stop();
    else signal.addEventListener('abort', () => void stop(), { once: true });
  });
  const port = await current.listening;

  let delay = RESTART_MIN_MS;
  const supervise = (t: Thread, startedAt: number): void => {
    void t.exited.then((why) => {
      if (signal.aborted) return;
      if (performance.now() - startedAt >= HEALTHY_MS) delay = RESTART_MIN_MS;
      o.log(`the DNS thread died (${why}); starting another in ${delay} ms`);
      restartTimer = setTimeout(() => {
        if (signal.aborted) return;
        current = spawn(data(port), o.log);
        supervise(current, performance.now());
        // One that fails to start ends too: supervise sees it, with a longer delay.
        current.listening.then(() => o.log(`answering again on ${o.address}:${port}`), () => undefined);
      }, delay);
      delay = Math.min(delay * 2, RESTART_MAX_MS);
    });
  };
  supervise(current, performance.now());
  return { port, stopped, get thread() { return current.worker; } };
}
