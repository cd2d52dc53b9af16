// The components that run beside the API server in `berth server`: the scheduler and the
// controllers. They reach the API over HTTPS like any other client ("one way in").

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { runLeaderElected, type LeaderElectionTimings } from '../client/leader-election.js';
import { HttpsTransport } from '../client/https-transport.js';
import { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import type { KeyPair } from '../apiserver/auth/certs.js';
import { startControllers } from '../controllers/index.js';
import type { CertificateSigner } from '../controllers/csrsigning.js';
import { Scheduler } from '../scheduler/scheduler.js';

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
  /** Run the scheduler and the controllers only while this server holds their Leases (several servers on one store). */
  leaderElection?: LeaderElectionTimings;
}

export function startControlPlane(o: ControlPlaneOptions, signal: AbortSignal): void {
  const log = (l: string): void => void process.stderr.write(`${l}\n`);
  const client = clientFor(o.server, o.ca, o.identity, 'kube-controller-manager/berth');
  // The scheduler writes under its own user agent, so managedFields name it as upstream's do.
  const schedulerClient = client.withUserAgent('kube-scheduler/berth');
  const newInformers = (): SharedInformers => new SharedInformers(client, (e) => log(`watch: ${(e as Error).message}`));
  // One watch per resource for the scheduler and every controller in this process; with leader
  // election each leads on its own, so each term gets its own.
  const shared = o.leaderElection ? undefined : newInformers();
  const elected = (name: string, run: (signal: AbortSignal) => void): void => {
    if (!o.leaderElection) return run(signal);
    const identity = `${hostname()}_${randomUUID()}`;
    void runLeaderElected({ ...o.leaderElection, client, name, identity, log }, run, signal);
  };
  elected('kube-scheduler', (term) => {
    const scheduler = new Scheduler({ client: schedulerClient, informers: shared ?? newInformers(), log: (l) => log(`scheduler: ${l}`) });
    void scheduler.start(term).catch((e) => log(`scheduler stopped: ${(e as Error).message}`));
  });
  elected('kube-controller-manager', (term) => {
    void startControllers(client, { nodeLifecycle: { gracePeriodMs: o.nodeMonitorGracePeriodMs }, podGCQuarantineMs: o.podGCQuarantineMs, informers: shared ?? newInformers(), disabled: new Set(o.disabledControllers ?? []), rootCA: o.ca, ...(o.signer ? { signer: o.signer } : {}), log: (l) => log(`controllers: ${l}`) }, term).catch((e) =>
      log(`controllers stopped: ${(e as Error).message}`),
    );
  });
}
