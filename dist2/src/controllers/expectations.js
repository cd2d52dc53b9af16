// Expectations: what a controller has asked the API for and not yet seen in its informer. Until the
// creates and deletes it issued have been observed, its cache under-counts (or over-counts) Pods, and
// acting on it again would create a burst twice over. Expectations that are never met (a lost watch
// event) expire, so a controller is never stuck.
import { keyOf } from '../client/informer.js';
const TTL_MS = 5 * 60_000;
export class Expectations {
    #pending = new Map();
    expectCreations(key, n) {
        this.expect(key, n, []);
    }
    expectDeletions(key, objectKeys) {
        this.expect(key, 0, objectKeys);
    }
    /** n creates and the deletion of objectKeys, issued in one pass (a DaemonSet replacing Pods). */
    expect(key, n, objectKeys) {
        this.#pending.set(key, { adds: n, deletes: new Set(objectKeys), at: Date.now() });
    }
    /** A create was seen, or failed (so will never be seen). */
    creationObserved(key) {
        const p = this.#pending.get(key);
        if (p)
            p.adds--;
    }
    deletionObserved(key, objectKey) {
        this.#pending.get(key)?.deletes.delete(objectKey);
    }
    /** What an informer's Pod event tells the owner keyed `key`: a first sight is a create, a deletion timestamp a delete. */
    podSeen(key, old, pod) {
        if (!old)
            this.creationObserved(key);
        if (pod.metadata.deletionTimestamp)
            this.deletionObserved(key, keyOf(pod));
    }
    satisfied(key) {
        const p = this.#pending.get(key);
        return !p || (p.adds <= 0 && p.deletes.size === 0) || Date.now() - p.at > TTL_MS;
    }
    forget(key) {
        this.#pending.delete(key);
    }
}
//# sourceMappingURL=expectations.js.map