// Sends a Pod's status only when it changed, and remembers the newest one so the next computation
// builds on it (startTime, lastTransitionTime, a terminal phase) even before the watch echoes it.
// One writer per kubelet sends the newest status of each Pod that has one waiting, as upstream's
// status manager does: a status superseded before its turn is never sent, so a Pod that starts while
// the writer is busy costs one write, not one per step.

import { isApiError } from '../api/errors.js';
import type { Pod, PodStatus } from '../api/types.js';
import type { KubeletCluster } from './cluster.js';
import { isTerminalPhase } from './podActions.js';

interface Latest {
  pod: Pod;
  status: PodStatus;
  text: string;
  /** Sent, or waiting for the writer; false after a failed write, so the same status is tried again. */
  current: boolean;
}

interface Waiter { resolve: (written: boolean) => void; reject: (e: unknown) => void }

export class StatusManager {
  readonly #cluster: Pick<KubeletCluster, 'patchPodStatus'>;
  readonly #latest = new Map<string, Latest>();
  /** Pods whose newest status is not sent yet, oldest first. */
  readonly #queue = new Set<string>();
  readonly #waiters = new Map<string, Waiter[]>();
  #writing = false;

  constructor(cluster: Pick<KubeletCluster, 'patchPodStatus'>) {
    this.#cluster = cluster;
  }

  /** The Pod with the newest status this kubelet knows of (its own last word wins over a stale watch). */
  withLatestStatus(pod: Pod): Pod {
    const latest = this.#latest.get(pod.metadata.uid ?? '');
    return latest ? { ...pod, status: { ...pod.status, ...latest.status } } : pod;
  }

  /**
   * Queues status when it differs from the newest; resolves once it (or a newer one) is sent: true if
   * this call's status was new, false if it changed nothing or the Pod is gone. A failed write rejects.
   */
  set(pod: Pod, status: PodStatus): Promise<boolean> {
    const uid = pod.metadata.uid ?? '';
    const prev = this.#latest.get(uid);
    const next = prev && isTerminalPhase(prev.status.phase) && !isTerminalPhase(status.phase) ? { ...status, phase: prev.status.phase } : status;
    const text = JSON.stringify(next);
    const changed = !(prev?.current && prev.text === text);
    if (changed) {
      this.#latest.set(uid, { pod, status: next, text, current: true });
      this.#queue.add(uid);
    }
    if (!this.#queue.has(uid)) return Promise.resolve(false);
    const written = new Promise<boolean>((resolve, reject) => {
      const list = this.#waiters.get(uid) ?? [];
      list.push({ resolve: (ok) => resolve(ok && changed), reject });
      this.#waiters.set(uid, list);
    });
    this.#write();
    return written;
  }

  forget(uid: string): void {
    this.#latest.delete(uid);
    this.#queue.delete(uid);
    this.#settle(uid, (w) => w.resolve(false));
  }

  #settle(uid: string, how: (w: Waiter) => void): void {
    const list = this.#waiters.get(uid);
    this.#waiters.delete(uid);
    for (const w of list ?? []) how(w);
  }

  /** The writer: one PATCH at a time, each Pod's newest status, until none waits. */
  #write(): void {
    if (this.#writing) return;
    this.#writing = true;
    void (async () => {
      for (const uid of this.#queue) {
        this.#queue.delete(uid);
        const want = this.#latest.get(uid)!;
        let outcome: (w: Waiter) => void;
        try {
          await this.#cluster.patchPodStatus(want.pod.metadata.namespace ?? 'default', want.pod.metadata.name ?? '', uid, want.status);
          outcome = (w) => w.resolve(true);
        } catch (e) {
          if (isApiError(e, 'NotFound')) outcome = (w) => w.resolve(false);
          else {
            want.current = false;
            outcome = (w) => w.reject(e);
          }
        }
        // A newer status queued meanwhile: its write answers everyone waiting.
        if (!this.#queue.has(uid)) this.#settle(uid, outcome);
      }
      this.#writing = false;
    })();
  }
}
