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

/** Gists seen in this process: a few phase-and-conditions combinations, held once for every Pod (bounded, as a guard). */
const gistTexts = new Map<string, string>();
const MAX_GISTS = 1024;

/** What another writer changes in a Pod's status: its phase and its conditions' truth. */
function gistOf(s: PodStatus): string {
  const gist = `${s.phase ?? ''}|${(s.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',')}`;
  const held = gistTexts.get(gist);
  if (held !== undefined) return held;
  if (gistTexts.size < MAX_GISTS) gistTexts.set(gist, gist);
  return gist;
}

/**
 * Equal as the API holds them: a field set to null (a condition's lastProbeTime) or undefined is one
 * left out, as the API server stores it, so the watch's echo of a status counts as that status.
 */
function sameStatus(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameStatus(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let fields = 0;
  for (const k in ra) {
    if (ra[k] == null) continue;
    if (!sameStatus(ra[k], rb[k])) return false;
    fields++;
  }
  for (const k in rb) if (rb[k] != null) fields--;
  return fields === 0;
}

/**
 * Per Pod, the least that keeps the rules: its name (not the Pod: an old version's spec and metadata
 * would outlive the watch's newer one), the newest status, and the one written. Once the watch echoes
 * a status, the entry holds the watch's own frozen object instead of an equal copy.
 */
interface PodEntry {
  namespace: string;
  name: string;
  status: PodStatus;
  /** What the API holds from this kubelet (undefined when another writer's status is there instead). */
  written?: PodStatus;
  /** Every phase-and-conditions this kubelet set for the Pod, so an echo of an older one is not taken for another writer's. */
  gists: string[];
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
    return e && e.status !== pod.status ? { ...pod, status: { ...pod.status, ...e.status } } : pod;
  }

  /**
   * The Pod as the API holds it: a phase or condition this kubelet never set makes the next set send
   * again. Returns whether it did (another writer's status, for the kubelet to put right).
   */
  observe(pod: Pod): boolean {
    const e = this.#pods.get(pod.metadata.uid ?? '');
    if (!e || !pod.status) return false;
    if (sameStatus(e.status, pod.status)) e.status = pod.status;
    if (e.written && sameStatus(e.written, pod.status)) e.written = pod.status;
    if (e.gists.includes(gistOf(pod.status))) return false;
    e.written = undefined;
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
    const unchanged = prev !== undefined && sameStatus(prev.status, next);
    if (unchanged && (prev.queued || (prev.written && sameStatus(prev.written, prev.status)))) return prev.queued ?? Promise.resolve(false);
    const e: PodEntry = prev ?? { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', status: next, gists: [] };
    if (!unchanged) e.status = next;
    // Known before the write: its watch event may come back before the answer does.
    const gist = gistOf(e.status);
    if (!e.gists.includes(gist)) e.gists = [...e.gists, gist];
    this.#pods.set(uid, e);
    if (e.queued) return e.queued;
    const write = this.#tail.then(() => this.#write(uid, e));
    e.queued = write;
    this.#tail = write.catch(() => {});
    return write;
  }

  async #write(uid: string, e: PodEntry): Promise<boolean> {
    e.queued = undefined;
    const { status } = e;
    if ((e.written && sameStatus(e.written, status)) || this.#pods.get(uid) !== e) return false;
    try {
      await this.#cluster.patchPodStatus(e.namespace, e.name, uid, status);
    } catch (err) {
      if (isApiError(err, 'NotFound')) return false;
      throw err;
    }
    // The echo may have come first: then the entry already holds the watch's equal object.
    e.written = sameStatus(e.status, status) ? e.status : status;
    return true;
  }

  forget(uid: string): void {
    this.#pods.delete(uid);
  }
}
