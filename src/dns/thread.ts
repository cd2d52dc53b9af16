// Cluster DNS in a thread of its own (started by node.ts): its sockets, informers, zone and remembered
// answers live here, so the stalls of the process's main thread (the API server, controllers, kubelet)
// never hold a query. It reaches the API over HTTPS with DNS's own identity, as CoreDNS does: the main
// thread then only serves the watch (bytes it has already encoded once for every watcher) instead of
// decoding every Pod event to feed the zone. Messages to the parent: { listening: port } once it
// answers, { log } for what it has to say, { stopped } once its sockets are closed after the parent's
// 'stop' (the parent then ends the thread, HTTP keep-alives and all).

import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Pod } from '../api/types.js';
import type { KeyPair } from '../apiserver/auth/certs.js';
import { connectAs } from '../cli/agent/join.js';
import { Informer } from '../client/informer.js';
import { pods } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { Forwarder, upstreamsOf } from './forward.js';
import { DnsServer } from './server.js';
import { InformerView, podWatch } from './view.js';
import { ClusterZone } from './zone.js';

export interface DnsThreadData {
  /** The API servers' URLs, the cluster CA and DNS's identity (system:kube-dns). */
  servers: readonly string[];
  ca: string;
  identity: KeyPair;
  userAgent: string;
  address: string;
  port: number;
  domain: string;
  /** The host's resolv.conf, whose nameservers get every other name. */
  resolvConfPath: string;
}

export type DnsThreadMessage = { listening: number } | { log: string } | { stopped: true };

const parent = parentPort!;
const o = workerData as DnsThreadData;
const tell = (m: DnsThreadMessage): void => parent.postMessage(m);
const log = (message: string): void => tell({ log: message });
const stop = new AbortController();

/**
 * Answers wait on nothing but a core: this thread runs ahead of the process's others (the API server's
 * writes, controllers), as CoreDNS's Pods have CPU of their own beside a busy control plane. Linux keeps
 * a nice value per thread; raising one needs CAP_SYS_NICE (root has it), and without it the thread
 * keeps the process's.
 */
const PRIORITY = -5;
try {
  setPriority(0, PRIORITY);
} catch (e) {
  log(`answering at the process's priority: ${(e as Error).message}`);
}

const client = connectAs(o.servers, o.ca, o.identity, o.userAgent);
const onError = (e: unknown): void => log(`informer: ${(e as Error).message}`);
const shared = new SharedInformers(client, onError);
const services = shared.services();
const slices = shared.endpointSlices();
const podInformer = new Informer<Pod>(client, pods, { onError, ...podWatch });
const view = new InformerView(services, slices, podInformer);
for (const inf of [services, slices, podInformer]) void inf.run(stop.signal);
const forwarder = new Forwarder(upstreamsOf(await readFile(o.resolvConfPath, 'utf8').catch(() => ''), [o.address]));
const server = new DnsServer({ zone: new ClusterZone(o.domain, view, o.address), forwarder, log });

parent.on('message', (m: 'stop') => {
  if (m !== 'stop') return;
  stop.abort();
  forwarder.close();
  void server.close().then(() => tell({ stopped: true }));
});

// Answers only once the informers have listed: an empty zone would say NXDOMAIN for every Service.
await Promise.all([services.waitForSync(), slices.waitForSync(), podInformer.waitForSync()]);
tell({ listening: await server.listen(o.address, o.port) });
