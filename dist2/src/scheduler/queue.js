// The scheduling queue. Three places a waiting Pod can be:
//  - active: ready to try, highest priority first, then oldest first;
//  - backoff: failed recently, waits 1 s doubling to 10 s per attempt before going back to active;
//  - unschedulable: no node fits; waits for a cluster change (node added or updated, Pod deleted)
//    or, at the latest, five minutes.
// A cluster change during a Pod's attempt sends it to backoff instead of unschedulable, since the
// change may be what it was waiting for.
import { preciseNow } from '../api/time.js';
import { Heap } from './heap.js';
import { podKey } from './podinfo.js';
export class SchedulingQueue {
    #active = new Map();
    #heap = new Heap((a, b) => {
        const pa = a.pod.spec.priority ?? 0;
        const pb = b.pod.spec.priority ?? 0;
        return pa !== pb ? pa > pb : a.since < b.since;
    });
    #backoff = new Map();
    #unschedulable = new Map();
    #inFlight = new Map();
    #waiters = [];
    #cycle = 0;
    #moveRequestCycle = -1;
    #closed = false;
    #timer;
    #lastUnschedulableFlush = Date.now();
    #opts;
    constructor(opts = {}) {
        this.#opts = { initialBackoffMs: 1000, maxBackoffMs: 10_000, unschedulableTimeoutMs: 300_000, flushIntervalMs: 200, ...opts };
        this.#timer = setInterval(() => this.#flush(), this.#opts.flushIntervalMs);
    }
    get counts() {
        return { active: this.#active.size, backoff: this.#backoff.size, unschedulable: this.#unschedulable.size, inFlight: this.#inFlight.size };
    }
    /** A Pod that needs scheduling, new or changed. A changed unschedulable Pod is worth another try. */
    add(pod) {
        if (this.#closed)
            return;
        const key = podKey(pod);
        const flying = this.#inFlight.get(key);
        if (flying) {
            flying.pod = pod; // the attempt's outcome is requeued with the newest object
            return;
        }
        const existing = this.#active.get(key) ?? this.#backoff.get(key) ?? this.#unschedulable.get(key)?.queued;
        if (!existing)
            return this.#activate({ key, pod, attempts: 0, since: preciseNow(), backoffUntil: 0 });
        existing.pod = pod;
        if (this.#active.has(key))
            return this.#activate(existing); // re-push: the heap drops the stale entry
        if (this.#unschedulable.delete(key))
            this.#toActiveOrBackoff(existing);
    }
    delete(key) {
        this.#active.delete(key);
        this.#backoff.delete(key);
        this.#unschedulable.delete(key);
        this.#inFlight.delete(key);
    }
    has(key) {
        return this.#active.has(key) || this.#backoff.has(key) || this.#unschedulable.has(key) || this.#inFlight.has(key);
    }
    /** The next Pod to try; undefined once closed. */
    pop() {
        const next = this.#takeActive();
        if (next)
            return Promise.resolve(next);
        if (this.#closed)
            return Promise.resolve(undefined);
        return new Promise((resolve) => this.#waiters.push(resolve));
    }
    /** No node fits: park it until the cluster changes (or in backoff if it already did meanwhile). */
    unschedulable(p) {
        const q = this.#land(p.queued);
        if (!q)
            return;
        q.attempts++;
        q.backoffUntil = Date.now() + this.#backoffFor(q.attempts);
        if (this.#moveRequestCycle >= p.cycle)
            this.#backoff.set(q.key, q);
        else
            this.#unschedulable.set(q.key, { queued: q, at: Date.now() });
    }
    /** The attempt failed for another reason (an API error): retry after backoff. */
    retry(p) {
        const q = this.#land(p.queued);
        if (!q)
            return;
        q.attempts++;
        q.backoffUntil = Date.now() + this.#backoffFor(q.attempts);
        this.#backoff.set(q.key, q);
    }
    /** The attempt succeeded (the Pod is assumed and being bound). */
    done(key) {
        this.#inFlight.delete(key);
    }
    /** Something changed that may let parked Pods fit. */
    moveAllToActiveOrBackoff() {
        this.#moveRequestCycle = this.#cycle;
        for (const { queued } of this.#unschedulable.values())
            this.#toActiveOrBackoff(queued);
        this.#unschedulable.clear();
    }
    /** Something changed that may let the parked Pods `helps` picks fit (the others stay parked). */
    moveToActiveOrBackoff(helps) {
        this.#moveRequestCycle = this.#cycle;
        for (const [key, { queued }] of this.#unschedulable) {
            if (!helps(queued.pod))
                continue;
            this.#unschedulable.delete(key);
            this.#toActiveOrBackoff(queued);
        }
    }
    close() {
        this.#closed = true;
        clearInterval(this.#timer);
        for (const w of this.#waiters.splice(0))
            w(undefined);
    }
    #land(q) {
        // Deleted while in flight: nothing to requeue.
        const current = this.#inFlight.get(q.key);
        this.#inFlight.delete(q.key);
        return this.#closed ? undefined : current;
    }
    #backoffFor(attempts) {
        return Math.min(this.#opts.initialBackoffMs * 2 ** Math.max(0, attempts - 1), this.#opts.maxBackoffMs);
    }
    #toActiveOrBackoff(q) {
        if (q.backoffUntil > Date.now())
            this.#backoff.set(q.key, q);
        else
            this.#activate(q);
    }
    #activate(q) {
        this.#backoff.delete(q.key);
        this.#active.set(q.key, q);
        this.#heap.push(q);
        const w = this.#waiters.shift();
        if (w)
            w(this.#takeActive());
    }
    #takeActive() {
        for (;;) {
            const q = this.#heap.pop();
            if (!q)
                return undefined;
            if (this.#active.get(q.key) !== q)
                continue; // stale: deleted or moved since it was pushed
            this.#active.delete(q.key);
            this.#inFlight.set(q.key, q);
            return { queued: q, cycle: ++this.#cycle };
        }
    }
    #flush() {
        const now = Date.now();
        for (const q of this.#backoff.values())
            if (q.backoffUntil <= now)
                this.#activate(q);
        if (now - this.#lastUnschedulableFlush < 30_000)
            return;
        this.#lastUnschedulableFlush = now;
        for (const [key, { queued, at }] of this.#unschedulable) {
            if (now - at >= this.#opts.unschedulableTimeoutMs) {
                this.#unschedulable.delete(key);
                this.#toActiveOrBackoff(queued);
            }
        }
    }
}
//# sourceMappingURL=queue.js.map