// The loop every controller here runs: its informers fill their caches, its handlers turn changes into
// keys on a WorkQueue, and a few workers reconcile one key at a time until the signal aborts (a failed
// key is requeued with backoff). Each controller keeps its own handlers and reconcile; this is the rest.

import type { KObject } from '../api/types.js';
import type { Handlers } from '../client/informer.js';
import { runWorkers, type WorkQueue } from '../client/workqueue.js';

/** What the loop needs of an informer (any resource's). */
interface Cache {
  run(signal: AbortSignal): Promise<void>;
  waitForSync(): Promise<void>;
}

export interface KeyedLoop {
  /** Run until the signal aborts; no key is reconciled before every one has listed. */
  informers: readonly Cache[];
  queue: WorkQueue;
  workers: number;
  reconcile(key: string): Promise<void>;
  /** Told of each failed reconcile. */
  log(line: string): void;
  /** Runs once the caches are full, before the first key is handed out. */
  onSynced?(): void;
}

/** Runs the informers and the workers; resolves once the signal has stopped both. */
export async function runKeyedController(signal: AbortSignal, loop: KeyedLoop): Promise<void> {
  const { informers, log } = loop;
  const running = Promise.all(informers.map((i) => i.run(signal)));
  await Promise.all(informers.map((i) => i.waitForSync()));
  loop.onSynced?.();
  await runWorkers(loop.queue, loop.workers, (key) => loop.reconcile(key), signal, (key, e) => log(`${key}: ${(e as Error).message}`));
  await running;
}

/** Handlers that call `changed` with the object whenever one is added, changed or deleted. */
export function onAnyChange<T extends KObject>(changed: (obj: T) => void): Handlers<T> {
  return { onAdd: changed, onUpdate: (_old, obj) => changed(obj), onDelete: changed };
}
