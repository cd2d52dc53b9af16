// A queue of keys (namespace/name), never of objects: a reconcile reads the fresh state itself, so
// duplicate adds collapse into one. A key is never handed to two workers at once (awaits interleave
// like threads); a key added while it is being processed is queued again when the worker calls done().
const defaultRateLimit = { baseDelayMs: 5, maxDelayMs: 1_000_000, qps: 10, burst: 100 };
export class WorkQueue {
    #queue = [];
    #dirty = new Set();
    #processing = new Set();
    #failures = new Map();
    #timers = new Map();
    #waiters = [];
    #shutDown = false;
    #limit;
    #bucketTokens;
    #bucketAt = Date.now();
    constructor(limit = {}) {
        this.#limit = { ...defaultRateLimit, ...limit };
        this.#bucketTokens = this.#limit.burst;
    }
    get length() {
        return this.#queue.length;
    }
    get shuttingDown() {
        return this.#shutDown;
    }
    add(key) {
        if (this.#shutDown || this.#dirty.has(key))
            return;
        this.#dirty.add(key);
        if (this.#processing.has(key))
            return; // done() requeues it
        const waiter = this.#waiters.shift();
        if (waiter) {
            this.#dirty.delete(key);
            this.#processing.add(key);
            waiter(key);
        }
        else {
            this.#queue.push(key);
        }
    }
    /** Adds the key after a delay; an earlier pending delay for the same key wins. */
    addAfter(key, delayMs) {
        if (this.#shutDown)
            return;
        if (delayMs <= 0)
            return this.add(key);
        const at = Date.now() + delayMs;
        const pending = this.#timers.get(key);
        if (pending && pending.at <= at)
            return;
        if (pending)
            clearTimeout(pending.timer);
        const timer = setTimeout(() => {
            this.#timers.delete(key);
            this.add(key);
        }, delayMs);
        this.#timers.set(key, { at, timer });
    }
    /** Adds the key after its backoff: exponential per key, and never faster than the shared bucket. */
    addRateLimited(key) {
        this.addAfter(key, this.nextDelay(key));
    }
    /** Clears the key's failure history (call after a successful reconcile). */
    forget(key) {
        this.#failures.delete(key);
    }
    numRequeues(key) {
        return this.#failures.get(key) ?? 0;
    }
    /** The delay addRateLimited would use now; counts as one failure of the key. */
    nextDelay(key) {
        const n = this.#failures.get(key) ?? 0;
        this.#failures.set(key, n + 1);
        const perKey = Math.min(this.#limit.baseDelayMs * 2 ** n, this.#limit.maxDelayMs);
        return Math.max(perKey, this.#reserveToken());
    }
    /** The next key, waiting for one; undefined once shut down. Call done(key) when finished. */
    get() {
        const key = this.#queue.shift();
        if (key !== undefined) {
            this.#dirty.delete(key);
            this.#processing.add(key);
            return Promise.resolve(key);
        }
        if (this.#shutDown)
            return Promise.resolve(undefined);
        return new Promise((resolve) => this.#waiters.push(resolve));
    }
    done(key) {
        this.#processing.delete(key);
        if (this.#dirty.has(key)) {
            this.#dirty.delete(key);
            this.add(key);
        }
    }
    shutDown() {
        this.#shutDown = true;
        for (const { timer } of this.#timers.values())
            clearTimeout(timer);
        this.#timers.clear();
        for (const w of this.#waiters.splice(0))
            w(undefined);
    }
    // A token bucket that hands out reservations: the returned delay is when the token is due.
    #reserveToken() {
        const now = Date.now();
        const { qps, burst } = this.#limit;
        this.#bucketTokens = Math.min(burst, this.#bucketTokens + ((now - this.#bucketAt) / 1000) * qps);
        this.#bucketAt = now;
        this.#bucketTokens -= 1;
        return this.#bucketTokens >= 0 ? 0 : Math.ceil((-this.#bucketTokens / qps) * 1000);
    }
}
/**
 * Runs `workers` loops that take keys and reconcile them: success forgets the key's backoff, an
 * error requeues it rate-limited. Resolves when the queue is shut down (the signal does it).
 */
export async function runWorkers(queue, workers, reconcile, signal, onError = () => { }) {
    signal.addEventListener('abort', () => queue.shutDown(), { once: true });
    if (signal.aborted)
        queue.shutDown();
    const loop = async () => {
        for (;;) {
            const key = await queue.get();
            if (key === undefined)
                return;
            try {
                await reconcile(key);
                queue.forget(key);
            }
            catch (err) {
                onError(key, err);
                queue.addRateLimited(key);
            }
            finally {
                queue.done(key);
            }
        }
    };
    await Promise.all(Array.from({ length: workers }, loop));
}
//# sourceMappingURL=workqueue.js.map