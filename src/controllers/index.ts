// The controllers berth runs beside the scheduler, started together.

import type { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from './nodelifecycle.js';
import { PodGarbageCollector } from './podgc.js';
import { DeploymentController } from './deployment.js';
import { GarbageCollector } from './garbagecollector.js';
import { ReplicaSetController } from './replicaset.js';
import { defaultServiceAccount, NamespaceObjectController, rootCAConfigMap } from './namespaceobjects.js';

export interface ControllerOptions {
  nodeLifecycle?: NodeLifecycleOptions;
  log?: (line: string) => void;
  /** Informers shared with the other components of this process. */
  informers?: SharedInformers;
  /** The cluster CA (PEM), published in every namespace as kube-root-ca.crt. */
  rootCA?: string;
}

/** Runs the node lifecycle, pod GC, ReplicaSet, Deployment, garbage collection, service account and root CA controllers until the signal aborts. */
export async function startControllers(client: RestClient, opts: ControllerOptions, signal: AbortSignal): Promise<void> {
  const log = opts.log;
  const informers = opts.informers ?? new SharedInformers(client, (e) => log?.(`watch: ${(e as Error).message}`));
  await Promise.all([
    new NodeLifecycleController(client, { ...opts.nodeLifecycle, informers, ...(log ? { log } : {}) }).run(signal),
    new PodGarbageCollector(client, { informers, ...(log ? { log } : {}) }).run(signal),
    new ReplicaSetController(client, { informers, ...(log ? { log: (l) => log(`replicaset: ${l}`) } : {}) }).run(signal),
    new DeploymentController(client, { informers, ...(log ? { log: (l) => log(`deployment: ${l}`) } : {}) }).run(signal),
    new GarbageCollector(client, { informers, ...(log ? { log: (l) => log(`garbage-collector: ${l}`) } : {}) }).run(signal),
    new NamespaceObjectController(client, defaultServiceAccount, { informers, ...(log ? { log: (l) => log(`serviceaccount: ${l}`) } : {}) }).run(signal),
    ...(opts.rootCA ? [new NamespaceObjectController(client, rootCAConfigMap(opts.rootCA), { informers, ...(log ? { log: (l) => log(`root-ca-cert-publisher: ${l}`) } : {}) }).run(signal)] : []),
  ]);
}
