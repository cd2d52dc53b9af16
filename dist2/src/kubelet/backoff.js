// CrashLoopBackOff timing: 10 s after the first failure, doubling to 300 s, forgotten once a
// container has gone 10 minutes (twice the cap) without needing a restart. Pure functions over a
// plain map so decisions stay testable; the pod worker owns the map.
import { goDurationString } from '../api/time.js';
export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
const RESET_AFTER_MS = 2 * MAX_BACKOFF_MS;
export function backoffKey(podUid, containerName) {
    return `${podUid}/${containerName}`;
}
function expired(entry, atMs) {
    return atMs - entry.lastUpdateMs > RESET_AFTER_MS;
}
/** The delay still owed before restarting a container that finished at finishedAtMs, or 0. */
export function backoffRemaining(state, key, finishedAtMs, nowMs) {
    const entry = state.get(key);
    if (!entry || expired(entry, nowMs))
        return { remainingMs: 0, delayMs: 0 };
    return { remainingMs: Math.max(0, finishedAtMs + entry.delayMs - nowMs), delayMs: entry.delayMs };
}
/** The entry after one more restart of a container that finished at finishedAtMs. */
export function backoffNext(state, key, finishedAtMs) {
    const entry = state.get(key);
    if (!entry || expired(entry, finishedAtMs))
        return { delayMs: INITIAL_BACKOFF_MS, lastUpdateMs: finishedAtMs };
    return { delayMs: Math.min(entry.delayMs * 2, MAX_BACKOFF_MS), lastUpdateMs: finishedAtMs };
}
/** Go's time.Duration.String() for whole seconds: 10s, 1m20s, 5m0s — the words kubectl users know. */
export function goDuration(ms) {
    return goDurationString(Math.round(ms / 1000) * 1000);
}
//# sourceMappingURL=backoff.js.map