// The components that run beside the API server in `berth server`: the scheduler and the
// controllers. They reach the API over HTTPS like any other client ("one way in").

import { HttpsTransport } from '../client/https-transport.js';
import { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import type { KeyPair } from '../apiserver/auth/certs.js';
import { startControllers } from '../controllers/index.js';
import type { CertificateSigner } from '../controllers/csrsigning.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { Components, type CrashHandler } from './components.js';

export function clientFor(server: string, ca: string, identity: KeyPair, userAgent: string): RestClient {
  const transport = new HttpsTransport({ server, ca: Buffer.from(ca), cert: Buffer.from(identity.cert), key: Buffer.from(identity.key) });
  return new RestClient(transport, { userAgent });
}

export interface ControlPlaneOptions {
  server: string;
  ca: string;
  identity: KeyPair;
  nodeMonitorGracePeriodMs: number;
  /** How long a Pod's node must stay missing before pod GC deletes the Pod. */
  podGCQuarantineMs?: number;
  /** Controllers not to run (by name: job, cronjob). */
  disabledControllers?: string[];
  /** Signs approved CSRs with the cluster CA. */
  signer?: CertificateSigner;
  /** Where Nodes' pod CIDRs come from (--cluster-cidr). */
  clusterCIDR?: string;
}

/** Starts the scheduler and the controllers; stop() ends them (and their informers). */
export function startControlPlane(o: ControlPlaneOptions, onCrash: CrashHandler): { stop(): Promise<void> } {
  const components = new Components(onCrash);
  const signal = components.signal;
  const log = (l: string): void => void process.stderr.write(`${l}\n`);
  const client = clientFor(o.server, o.ca, o.identity, 'kube-controller-manager/berth');
  // The scheduler writes under its own user agent, so managedFields name it as upstream's do.
  const schedulerClient = client.withUserAgent('kube-scheduler/berth');
  // One watch per resource for the scheduler and every controller in this process.
  const informers = new SharedInformers(client, (e) => log(`watch: ${(e as Error).message}`));
  const scheduler = new Scheduler({ client: schedulerClient, informers, log: (l) => log(`scheduler: ${l}`) });
  components.run('scheduler', scheduler.start(signal));
  components.run('controllers', startControllers(client, { nodeLifecycle: { gracePeriodMs: o.nodeMonitorGracePeriodMs }, podGCQuarantineMs: o.podGCQuarantineMs, informers, disabled: new Set(o.disabledControllers ?? []), rootCA: o.ca, ...(o.signer ? { signer: o.signer } : {}), ...(o.clusterCIDR ? { clusterCIDR: o.clusterCIDR } : {}), log: (l) => log(`controllers: ${l}`) }, signal));
  return { stop: () => components.stop() };
}
