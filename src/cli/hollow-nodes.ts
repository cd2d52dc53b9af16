// Hollow nodes the kubemark way: N real Kubelets in one process over the fake runtime, each with its
// own node name, data dir and identity (system:node:<name> in system:nodes, so the node authorizer
// holds each to its own Node, Lease and Pods), sharing what the real kubelet's semantics allow: one
// Pod watch, one Node watch and one Services watch for all, one watch of each mounted ConfigMap or
// Secret (kube-root-ca.crt: one, not one per node), one reading of the host, and connections
// (each node acts as its identity by impersonation over the reader's, where a certificate each would
// cost every node a TLS session and the CA an openssl run). Heartbeats have connections of their own.
// Stopping leaves the nodes registered but silent, as crashed kubelets would.

import { setMaxListeners } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { issueCertificate } from '../apiserver/auth/certs.js';
import { HttpsTransport } from '../client/https-transport.js';
import { ImpersonatingTransport } from '../client/impersonating-transport.js';
import type { ConnectionConfig } from '../client/kubeconfig.js';
import { RestClient } from '../client/rest.js';
import { Informer } from '../client/informer.js';
import { nodes, services } from '../client/resources.js';
import type { Node, Service } from '../api/types.js';
import { Kubelet } from '../kubelet/kubelet.js';
import { readHostFacts, type HostFacts } from '../kubelet/nodeInfo.js';
import { createKubeletServer } from '../kubelet/server/server.js';
import { StatsProvider } from '../kubelet/stats/summary.js';
import { FakeImages } from '../runtime/fake/images.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import { RestKubeletCluster } from './agent/cluster.js';
import { SharedNodePods } from './agent/node-pods.js';
import { SharedObjectWatches } from './agent/shared-objects.js';

export interface HollowNodesOptions {
  /** The API server and an identity that may list every Pod (the shared watches) and impersonate nodes. */
  reader: ConnectionConfig;
  /** The cluster's PKI (<server data dir>/pki): its CA signs the kubelets' serving certificate. */
  pkiDir: string;
  /** Each kubelet's data dir is <dataDir>/<node name>. */
  dataDir: string;
  count: number;
  prefix?: string;
  /** Lease duration; the kubelet's 40 s by default (tests shorten it). */
  leaseDurationSeconds?: number;
  log?: (line: string) => void;
  /**
   * Each kubelet also serves its HTTPS endpoint (stats, logs) on a free port, so the API server's
   * metrics.k8s.io and `kubectl top` reach it; its containers then use HOLLOW_USAGE.
   */
  serveKubelet?: boolean;
}

/** What a hollow container uses, when its kubelet serves stats: a little CPU and memory each. */
export const HOLLOW_USAGE = { cpuMillis: 1, memoryBytes: 4 << 20 };

export interface HollowNodes {
  names: string[];
  /** Stops every kubelet (their Pods stay as they are) and closes their connections. */
  stop(): Promise<void>;
}

/** Node i's pod network: 10.(128 + i/256).(i%256).0/24, so no two hollow nodes' Pod IPs meet. */
export function hollowNodeNetwork(i: number): { podCIDR: string; podIP(n: number): string } {
  const prefix = `10.${128 + (i >> 8)}.${i & 255}`;
  return { podCIDR: `${prefix}.0/24`, podIP: (n) => `${prefix}.${2 + (n % 252)}` };
}

/** How often the host is read for all the hollow kubelets: their status checks run every 10 s. */
const HOST_FACTS_TTL_MS = 5_000;

/** One reading of the host for every kubelet in the process (their data dirs share one filesystem). */
function sharedHostFacts(): (dataDir: string) => Promise<HostFacts> {
  let last: { at: number; facts: Promise<HostFacts> } | undefined;
  return (dataDir) => {
    if (!last || Date.now() - last.at > HOST_FACTS_TTL_MS) last = { at: Date.now(), facts: readHostFacts(dataDir) };
    return last.facts;
  };
}

/** Connections for requests (Pod status, events, tokens) and, apart, for heartbeats; watches get their own anyway. */
const REQUEST_SOCKETS = 32;
const HEARTBEAT_SOCKETS = 64;

/** Runs fn over 0..count-1, `width` at a time. */
async function forEach(count: number, width: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

export async function startHollowNodes(o: HollowNodesOptions): Promise<HollowNodes> {
  const prefix = o.prefix ?? 'sim-';
  const log = o.log ?? ((l) => process.stderr.write(`sim: ${l}\n`));
  const names = Array.from({ length: o.count }, (_, i) => `${prefix}${i}`);
  const abort = new AbortController();
  // Every kubelet's loops listen on this one signal.
  setMaxListeners(0, abort.signal);
  const requests = new HttpsTransport(o.reader, { maxSockets: REQUEST_SOCKETS });
  const heartbeats = new HttpsTransport(o.reader, { maxSockets: HEARTBEAT_SOCKETS });
  const transports = [requests, heartbeats];
  const readerClient = new RestClient(requests, { userAgent: 'berth-sim' });
  const shared = new SharedNodePods(readerClient, (e) => log(`pod watch: ${(e as Error).message}`));
  // One Services watch for every hollow kubelet's Service environment variables, one Nodes watch for their status checks.
  const sharedServices = new Informer<Service>(readerClient, services, { onError: (e) => log(`service watch: ${(e as Error).message}`) });
  void sharedServices.run(abort.signal);
  const sharedNodes = new Informer<Node>(readerClient, nodes, { onError: (e) => log(`node watch: ${(e as Error).message}`) });
  void sharedNodes.run(abort.signal);
  const objects = new SharedObjectWatches(readerClient, (e) => log(`mounted object watch: ${(e as Error).message}`));
  const hostFacts = sharedHostFacts();
  const kubelets: Kubelet[] = [];
  // One serving certificate for every hollow kubelet: the API server checks the CA, not the name.
  const serving = o.serveKubelet ? await issueCertificate(o.pkiDir, 'kubelet-hollow', { cn: 'hollow-kubelet' }, 'server', ['IP:127.0.0.1']) : undefined;
  const ca = serving ? await readFile(join(o.pkiDir, 'ca.crt'), 'utf8') : '';
  const servers: Server[] = [];
  await forEach(o.count, 32, async (i) => {
    const name = names[i]!;
    const net = hollowNodeNetwork(i);
    const as = { user: `system:node:${name}`, group: 'system:nodes' };
    const userAgent = `kubelet/berth (${name})`;
    const client = new RestClient(new ImpersonatingTransport(requests, as), { userAgent });
    const heartbeat = new RestClient(new ImpersonatingTransport(heartbeats, as), { userAgent });
    const dataDir = join(o.dataDir, name);
    await mkdir(dataDir, { recursive: true });
    const runtime = new FakeRuntime({ podIP: net.podIP, ...(serving ? { programFor: () => ({ usage: HOLLOW_USAGE }) } : {}) });
    let kubeletPort: number | undefined;
    if (serving) {
      const server = createKubeletServer({ runtime, stats: new StatsProvider({ nodeName: name, runtime }), tls: { key: serving.key, cert: serving.cert, ca } });
      servers.push(server);
      kubeletPort = await new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '0.0.0.0', () => resolve((server.address() as AddressInfo).port));
      });
    }
    const kubelet = new Kubelet({
      nodeName: name,
      cluster: new RestKubeletCluster(client, name, { pods: shared, services: sharedServices, nodes: sharedNodes, objects, heartbeat }),
      runtime,
      ...(kubeletPort ? { kubeletPort } : {}),
      podNetworkReachable: false,
      images: new FakeImages(),
      dataDir,
      podCIDR: net.podCIDR,
      runtimeVersion: 'fake',
      leaseDurationSeconds: o.leaseDurationSeconds,
      hostFacts,
      log: (m) => log(`${name}: ${m}`),
    });
    await kubelet.start(abort.signal);
    kubelets.push(kubelet);
  });
  log(`${o.count} hollow kubelets running: ${names[0]}..${names[o.count - 1]}`);
  return {
    names,
    async stop() {
      abort.abort();
      for (const s of servers) s.close();
      await Promise.all(kubelets.map((k) => k.stop()));
      for (const t of transports) t.close();
    },
  };
}
