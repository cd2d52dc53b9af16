// Cluster DNS on a node: run in the process that runs the kubelet, listening on the node's pod-bridge
// gateway so that only the host and its Pods reach it, answering the cluster's zone from informers and
// forwarding the rest to the host's resolvers.

import { readFile } from 'node:fs/promises';
import type { Pod } from '../api/types.js';
import { Informer } from '../client/informer.js';
import { pods } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { Forwarder, upstreamsOf } from './forward.js';
import { DnsServer } from './server.js';
import { InformerView, podIndexers } from './view.js';
import { ClusterZone } from './zone.js';

export const DNS_PORT = 53;

export interface NodeDNSOptions {
  client: RestClient;
  /** The address to answer on (the pod bridge's gateway). */
  address: string;
  port?: number;
  domain: string;
  /** The host's resolv.conf, whose nameservers get every other name. */
  resolvConfPath?: string;
  log: (message: string) => void;
}

/** Starts the server once the informers have listed; it stops when signal aborts. */
export async function startNodeDNS(o: NodeDNSOptions, signal: AbortSignal): Promise<{ port: number }> {
  const onError = (e: unknown): void => o.log(`informer: ${(e as Error).message}`);
  const shared = new SharedInformers(o.client, onError);
  const services = shared.services();
  const slices = shared.endpointSlices();
  const podInformer = new Informer<Pod>(o.client, pods, { onError, indexers: podIndexers });
  const view = new InformerView(services, slices, podInformer);
  for (const inf of [services, slices, podInformer]) void inf.run(signal);
  await Promise.all([services.waitForSync(), slices.waitForSync(), podInformer.waitForSync()]);
  const resolvConf = await readFile(o.resolvConfPath ?? '/etc/resolv.conf', 'utf8').catch(() => '');
  const forwarder = new Forwarder(upstreamsOf(resolvConf, [o.address]));
  const server = new DnsServer({ zone: new ClusterZone(o.domain, view, o.address), forwarder, log: o.log });
  const port = await server.listen(o.address, o.port ?? DNS_PORT);
  signal.addEventListener('abort', () => {
    void server.close();
    forwarder.close();
  }, { once: true });
  return { port };
}
