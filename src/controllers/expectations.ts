// Expectations: what a controller has asked the API for and not yet seen in its informer. Until the
// creates and deletes it issued have been observed, its cache under-counts (or over-counts) Pods, and
// acting on it again would create a burst twice over. Expectations that are never met (a lost watch
// event) expire, so a controller is never stuck.

import type { KObject } from '../api/types.js';
import { keyOf } from '../client/informer.js';

const TTL_MS = 5 * 60_000;

interface Pending {
  adds: number;
  /** Keys of the objects whose deletion is awaited: a delete is observed once, however reported. */
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  #pending = new Map<string, Pending>();

  expectCreations(key: string, n: number): void {
    this.expect(key, n, []);
  }

  expectDeletions(key: string, objectKeys: string[]): void {
    this.expect(key, 0, objectKeys);
  }

  /** n creates and the deletion of objectKeys, issued in one pass (a DaemonSet replacing Pods). */
  expect(key: string, n: number, objectKeys: string[]): void {
    this.#pending.set(key, { adds: n, deletes: new Set(objectKeys), at: Date.now() });
  }

  /** A create was seen, or failed (so will never be seen). */
  creationObserved(key: string): void {
    const p = this.#pending.get(key);
    if (p) p.adds--;
  }

  deletionObserved(key: string, objectKey: string): void {
    this.#pending.get(key)?.deletes.delete(objectKey);
  }

  /** What an informer's Pod event tells the owner keyed `key`: a first sight is a create, a deletion timestamp a delete. */
  podSeen(key: string, old: KObject | undefined, pod: KObject): void {
    if (!old) this.creationObserved(key);
    if (pod.metadata.deletionTimestamp) this.deletionObserved(key, keyOf(pod));
  }

  satisfied(key: string): boolean {
    const p = this.#pending.get(key);
    return !p || (p.adds <= 0 && p.deletes.size === 0) || Date.now() - p.at > TTL_MS;
  }

  forget(key: string): void {
    this.#pending.delete(key);
  }
}
