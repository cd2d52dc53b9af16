// Sends a Pod's status only when it changed, and remembers the newest so the next computation builds
// on it (startTime, lastTransitionTime, a terminal phase) even before the watch echoes it. As
// upstream's status manager, one writer sends the node's status updates one at a time, each time the
// Pod's newest status: updates made while an earlier one waits for its turn go out as one write.
// A status another writer put in meanwhile (the node lifecycle controller marks a silent node's Pods
// Unknown) is put right at the next sync, as upstream's status manager reconciles with the API.

import { isApiError } from '../api/errors.js';
import type { Pod, PodStatus } from '../api/types.js';
import type { KubeletCluster } from './cluster.js';
import { isTerminalPhase } from './podActions.js';

/** What another writer changes in a Pod's status: its phase and its conditions' truth. */
function gistOf(s: PodStatus): string {
  return `${s.phase ?? ''}|${(s.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',')}`;
}

interface PodEntry {
  /** The newest status set, and the Pod it is for. */
  pod: Pod;
  status: PodStatus;
  text: string;
  /** What the API holds from this kubelet ('' when another writer's status is there instead). */
  written: string;
  /** Every phase-and-conditions this kubelet set for the Pod, so an echo of an older one is not taken for another writer's. */
  gists: Set<string>;
  /** A write waiting for its turn: it sends whatever status is newest when it goes. */
  queued?: Promise<boolean>;
}

export class StatusManager {
  readonly #cluster: Pick<KubeletCluster, 'patchPodStatus'>;
  readonly #pods = new Map<string, PodEntry>();
  /** The end of the writer's queue: writes go one at a time, in the order they were asked for. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(cluster: Pick<KubeletCluster, 'patchPodStatus'>) {
    this.#cluster = cluster;
  }

  /** The Pod with the newest status this kubelet knows of (its own latest wins over a stale watch). */
  withLatestStatus(pod: Pod): Pod {
    const e = this.#pods.get(pod.metadata.uid ?? '');
    return e ? { ...pod, status: { ...pod.status, ...e.status } } : pod;
  }

  /**
   * The Pod as the API holds it: a phase or condition this kubelet never set makes the next set send
   * again. Returns whether it did (another writer's status, for the kubelet to put right).
   */
  observe(pod: Pod): boolean {
    const e = this.#pods.get(pod.metadata.uid ?? '');
    if (!e || !pod.status || e.gists.has(gistOf(pod.status))) return false;
    e.written = '';
    return true;
  }

  /**
   * Sends the status when it differs from what was written; resolves once a write carrying it (or a
   * newer one) is answered, with whether one was needed. A Pod already gone is not an error.
   */
  set(pod: Pod, status: PodStatus): Promise<boolean> {
    const uid = pod.metadata.uid ?? '';
    const prev = this.#pods.get(uid);
    const next = prev && isTerminalPhase(prev.status.phase) && !isTerminalPhase(status.phase) ? { ...status, phase: prev.status.phase } : status;
    const text = JSON.stringify(next);
    if (prev?.text === text && (prev.queued || prev.written === text)) return prev.queued ?? Promise.resolve(false);
    const e: PodEntry = prev ?? { pod, status: next, text, written: '', gists: new Set() };
    Object.assign(e, { pod, status: next, text });
    // Known before the write: its watch event may come back before the answer does.
    e.gists.add(gistOf(next));
    this.#pods.set(uid, e);
    if (e.queued) return e.queued;
    const write = this.#tail.then(() => this.#write(uid, e));
    e.queued = write;
    this.#tail = write.catch(() => {});
    return write;
  }

  async #write(uid: string, e: PodEntry): Promise<boolean> {
    e.queued = undefined;
    const { pod, status, text } = e;
    if (e.written === text || this.#pods.get(uid) !== e) return false;
    try {
      await this.#cluster.patchPodStatus(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', uid, status);
    } catch (err) {
      if (isApiError(err, 'NotFound')) return false;
      throw err;
    }
    e.written = text;
    return true;
  }

  forget(uid: string): void {
    this.#pods.delete(uid);
  }
}
