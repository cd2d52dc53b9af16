// The components that run beside the API server in `berth server`: the scheduler and the
// controllers. They reach the API like any other client ("one way in"): over HTTPS, or, inside the
// server's process, through its handler in memory, as the user their certificate names.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { runLeaderElected, type LeaderElectionTimings } from '../client/leader-election.js';
import type { ApiHandler } from '../apiserver/server.js';
import { userFromCertificate } from '../apiserver/auth/identity.js';
import { InProcessTransport, type SharedObjects } from '../apiserver/in-process-transport.js';
import { HttpsTransport } from '../client/https-transport.js';
import { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { Informer } from '../client/informer.js';
import type { KObject } from '../api/types.js';
import type { KeyPair } from '../apiserver/auth/certs.js';
import { startControllers } from '../controllers/index.js';
import type { CertificateSigner } from '../controllers/csrsigning.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { Components, type CrashHandler } from './components.js';

export function clientFor(server: string, ca: string, identity: KeyPair, userAgent: string): RestClient {
  const transport = new HttpsTransport({ server, ca: Buffer.from(ca), cert: Buffer.from(identity.cert), key: Buffer.from(identity.key) });
  return new RestClient(transport, { userAgent });
}

/** How a component reaches the API server as the user its certificate names, under a user agent (its field manager). */
export type Connect = (identity: KeyPair, userAgent: string) => RestClient;

export function httpsConnect(server: string, ca: string): Connect {
  return (identity, userAgent) => clientFor(server, ca, identity, userAgent);
}

/** The in-process way: one transport per identity, straight to the server's handler. */
export function inProcessConnect(handle: ApiHandler, shared?: SharedObjects): Connect {
  const transports = new Map<string, InProcessTransport>();
  return (identity, userAgent) => {
    let t = transports.get(identity.cert);
    if (!t) transports.set(identity.cert, (t = new InProcessTransport(handle, userFromCertificate(identity.cert), shared)));
    return new RestClient(t, { userAgent });
  };
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
  /** How the components reach the API (default: HTTPS to `server`). */
  connect?: Connect;
  /** Where Nodes' pod CIDRs come from (--cluster-cidr). */
  clusterCIDR?: string;
}

/**
 * SharedInformers that note every informer they hand out, so that whoever built a component on them can
 * start its informers before the component itself runs.
 */
function recordingInformers(informers: SharedInformers): { informers: SharedInformers; handedOut: Informer<KObject>[] } {
  const handedOut: Informer<KObject>[] = [];
  const recording = new Proxy(informers, {
    get(target, prop) {
      const member: unknown = Reflect.get(target, prop, target);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const made: unknown = member.apply(target, args);
        if (made instanceof Informer && !handedOut.includes(made)) handedOut.push(made);
        return made;
      };
    },
  });
  return { informers: recording, handedOut };
}

/** Starts the scheduler and the controllers; stop() ends them (and their informers). */
export function startControlPlane(o: ControlPlaneOptions, onCrash: CrashHandler): { stop(): Promise<void> } {
  const components = new Components(onCrash);
  const signal = components.signal;
  const log = (l: string): void => void process.stderr.write(`${l}\n`);
  const client = (o.connect ?? httpsConnect(o.server, o.ca))(o.identity, 'kube-controller-manager/berth');
  // The scheduler writes under its own user agent, so managedFields name it as upstream's do.
  const schedulerClient = client.withUserAgent('kube-scheduler/berth');
  const newInformers = (): SharedInformers => new SharedInformers(client, (e) => log(`watch: ${(e as Error).message}`));
  // One watch per resource for the scheduler and every controller in this process; with leader
  // election each leads on its own, so each term gets its own.
  const shared = o.leaderElection ? undefined : newInformers();
  const elected = (name: string, run: (term: AbortSignal) => void): void => {
    if (!o.leaderElection) return run(signal);
    const identity = `${hostname()}_${randomUUID()}`;
    components.run(`${name} leader election`, runLeaderElected({ ...o.leaderElection, client, name, identity, log }, run, signal));
  };
  // A failure while its term lasts is a crash; one after leadership was lost is the term ending.
  const supervise = (name: string, running: Promise<unknown>, term: AbortSignal): void =>
    components.run(name, running.catch((e: unknown) => {
      if (!term.aborted) throw e;
    }));
  const newScheduler = (informers: SharedInformers): Scheduler => new Scheduler({ client: schedulerClient, informers, log: (l) => log(`scheduler: ${l}`) });
  if (shared) {
    supervise('scheduler', newScheduler(shared).start(signal), signal);
  } else {
    // A candidate's scheduler is built, and its informers list and watch, before it leads (as upstream's
    // kube-scheduler starts its informers before it campaigns): a new leader schedules from warm caches.
    const warmScheduler = (): { scheduler: Scheduler; stop(): void } => {
      const warm = new AbortController();
      const stopWarm = (): void => warm.abort();
      signal.addEventListener('abort', stopWarm, { once: true });
      const { informers, handedOut } = recordingInformers(newInformers());
      const scheduler = newScheduler(informers);
      components.run('scheduler informers', Promise.all(handedOut.map((i) => i.run(warm.signal))));
      return {
        scheduler,
        stop: () => {
          signal.removeEventListener('abort', stopWarm);
          scheduler.queue.close();
          warm.abort();
        },
      };
    };
    let next = warmScheduler();
    elected('kube-scheduler', (term) => {
      const current = next;
      // A term's informers end with it; the next candidacy warms its own.
      term.addEventListener('abort', () => {
        current.stop();
        if (!signal.aborted) next = warmScheduler();
      }, { once: true });
      supervise('scheduler', current.scheduler.start(term), term);
    });
    signal.addEventListener('abort', () => next.stop(), { once: true });
  }
  elected('kube-controller-manager', (term) => {
    supervise('controllers', startControllers(client, { nodeLifecycle: { gracePeriodMs: o.nodeMonitorGracePeriodMs }, podGCQuarantineMs: o.podGCQuarantineMs, informers: shared ?? newInformers(), disabled: new Set(o.disabledControllers ?? []), rootCA: o.ca, ...(o.signer ? { signer: o.signer } : {}), ...(o.clusterCIDR ? { clusterCIDR: o.clusterCIDR } : {}), log: (l) => log(`controllers: ${l}`) }, term), term);
  });
  return { stop: () => components.stop() };
}
