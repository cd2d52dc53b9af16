// The controllers berth runs beside the scheduler, started together.

import type { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from './nodelifecycle.js';
import { PodGarbageCollector } from './podgc.js';

export interface ControllerOptions {
  nodeLifecycle?: NodeLifecycleOptions;
  log?: (line: string) => void;
  /** Informers shared with the other components of this process. */
  informers?: SharedInformers;
}

/** Runs the node lifecycle controller and pod GC until the signal aborts. */
export async function startControllers(client: RestClient, opts: ControllerOptions, signal: AbortSignal): Promise<void> {
  const log = opts.log;
  const informers = opts.informers ?? new SharedInformers(client, (e) => log?.(`watch: ${(e as Error).message}`));
  await Promise.all([
    new NodeLifecycleController(client, { ...opts.nodeLifecycle, informers, ...(log ? { log } : {}) }).run(signal),
    new PodGarbageCollector(client, { informers, ...(log ? { log } : {}) }).run(signal),
  ]);
}
