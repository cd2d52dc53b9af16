// Sends a Pod's status only when it changed, and remembers what was sent so the next computation
// builds on it (startTime, lastTransitionTime, a terminal phase) even before the watch echoes it.
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

export class StatusManager {
  readonly #cluster: Pick<KubeletCluster, 'patchPodStatus'>;
  /** gists: every phase-and-conditions this kubelet sent for the Pod, so an echo of an older one is not taken for another writer's. */
  readonly #sent = new Map<string, { status: PodStatus; text: string; gists: Set<string> }>();

  constructor(cluster: Pick<KubeletCluster, 'patchPodStatus'>) {
    this.#cluster = cluster;
  }

  /** The Pod with the newest status this kubelet knows of (its own last write wins over a stale watch). */
  withLatestStatus(pod: Pod): Pod {
    const sent = this.#sent.get(pod.metadata.uid ?? '');
    return sent ? { ...pod, status: { ...pod.status, ...sent.status } } : pod;
  }

  /**
   * The Pod as the API holds it: a phase or condition this kubelet never sent makes the next set send
   * again. Returns whether it did (another writer's status, for the kubelet to put right).
   */
  observe(pod: Pod): boolean {
    const sent = this.#sent.get(pod.metadata.uid ?? '');
    if (!sent || !pod.status || sent.gists.has(gistOf(pod.status))) return false;
    sent.text = '';
    return true;
  }

  /** PATCH when different from the last write; a Pod already gone is not an error. */
  async set(pod: Pod, status: PodStatus): Promise<boolean> {
    const uid = pod.metadata.uid ?? '';
    const prev = this.#sent.get(uid);
    const next = prev && isTerminalPhase(prev.status.phase) && !isTerminalPhase(status.phase) ? { ...status, phase: prev.status.phase } : status;
    const text = JSON.stringify(next);
    if (prev?.text === text) return false;
    // Known before the write: its watch event may come back before the answer does.
    const gists = (prev?.gists ?? new Set()).add(gistOf(next));
    try {
      await this.#cluster.patchPodStatus(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', uid, next);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      throw e;
    }
    this.#sent.set(uid, { status: next, text, gists });
    return true;
  }

  forget(uid: string): void {
    this.#sent.delete(uid);
  }
}
