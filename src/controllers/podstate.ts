// What workload controllers read from a Pod: whether it counts (active), is Ready, and has been
// Ready long enough to be available.

import type { Pod, PodCondition } from '../api/types.js';

/** Not finished and not being deleted: a Pod that still fills one of the wanted replicas. */
export function isActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

/** The Pod's Ready condition (a loop: controllers ask this of every Pod on every pass). */
export function readyCondition(p: Pod): PodCondition | undefined {
  const conditions = p.status?.conditions;
  if (conditions) for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

export function isReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

/**
 * From when p counts as available (ms since the epoch), as upstream's IsPodAvailable: Ready, and Ready
 * for more than minReadySeconds. -Infinity: at once (no minReadySeconds); Infinity: never (not Ready,
 * or Ready with no transition time to count from).
 */
export function availableFrom(p: Pod, minReadySeconds: number): number {
  const ready = readyCondition(p);
  if (ready?.status !== 'True') return Infinity;
  if (!minReadySeconds) return -Infinity;
  const since = Date.parse(ready.lastTransitionTime ?? '');
  return Number.isNaN(since) ? Infinity : since + minReadySeconds * 1000;
}

/** 0 when p is available at `now`; else how many ms until it will be (Infinity: not while it stays as it is). */
export function availableIn(p: Pod, minReadySeconds: number, now: number): number {
  const at = availableFrom(p, minReadySeconds);
  return at < now ? 0 : at === Infinity ? Infinity : at - now + 1;
}

/**
 * Which Pods to delete first when scaling down, as upstream ranks them: unscheduled before scheduled,
 * Pending before Unknown before Running, not Ready before Ready, Ready for less time first, more
 * restarts first, newer first.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const scheduled = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  const ready = (p: Pod) => (isReady(p) ? 1 : 0);
  const readySince = (p: Pod) => Date.parse(readyCondition(p)?.lastTransitionTime ?? '') || 0;
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
  const created = (p: Pod) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    (ready(a) && ready(b) ? readySince(b) - readySince(a) : 0) ||
    restarts(b) - restarts(a) ||
    created(b) - created(a)
  );
}
