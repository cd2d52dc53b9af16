// What workload controllers read from a Pod: whether it counts (active), is Ready, and has been
// Ready long enough to be available.
/** Not finished and not being deleted: a Pod that still fills one of the wanted replicas. */
export function isActive(p) {
    return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}
function readyCondition(p) {
    return p.status?.conditions?.find((c) => c.type === 'Ready');
}
export function isReady(p) {
    return readyCondition(p)?.status === 'True';
}
/** Ready for at least minReadySeconds at `now`; else how many ms until it will be (or Infinity). */
export function availableIn(p, minReadySeconds, now) {
    const ready = readyCondition(p);
    if (ready?.status !== 'True')
        return Infinity;
    if (!minReadySeconds)
        return 0;
    const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : now;
    return Math.max(0, since + minReadySeconds * 1000 - now);
}
/**
 * Which Pods to delete first when scaling down, as upstream ranks them: unscheduled before scheduled,
 * Pending before Unknown before Running, not Ready before Ready, Ready for less time first, more
 * restarts first, newer first.
 */
export function deletionOrder(a, b) {
    const scheduled = (p) => (p.spec.nodeName ? 1 : 0);
    const phase = (p) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase] ?? 0;
    const ready = (p) => (isReady(p) ? 1 : 0);
    const readySince = (p) => Date.parse(readyCondition(p)?.lastTransitionTime ?? '') || 0;
    const restarts = (p) => (p.status?.containerStatuses ?? []).reduce((n, c) => Math.max(n, c.restartCount ?? 0), 0);
    const created = (p) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
    return (scheduled(a) - scheduled(b) ||
        phase(a) - phase(b) ||
        ready(a) - ready(b) ||
        (ready(a) && ready(b) ? readySince(b) - readySince(a) : 0) ||
        restarts(b) - restarts(a) ||
        created(b) - created(a));
}
//# sourceMappingURL=podstate.js.map