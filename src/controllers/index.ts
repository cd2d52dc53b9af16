// The controllers berth runs beside the scheduler, started together.

import type { RestClient } from '../client/rest.js';
import { NodeLifecycleController, type NodeLifecycleOptions } from './nodelifecycle.js';
import { PodGarbageCollector } from './podgc.js';

export interface ControllerOptions {
  nodeLifecycle?: NodeLifecycleOptions;
  log?: (line: string) => void;
}

/** Runs the node lifecycle controller and pod GC until the signal aborts. */
export async function startControllers(client: RestClient, opts: ControllerOptions, signal: AbortSignal): Promise<void> {
  const log = opts.log;
  await Promise.all([
    new NodeLifecycleController(client, { ...opts.nodeLifecycle, ...(log ? { log } : {}) }).run(signal),
    new PodGarbageCollector(client, log ? { log } : {}).run(signal),
  ]);
}
