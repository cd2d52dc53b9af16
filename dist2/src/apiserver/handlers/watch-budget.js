// The memory watches may hold for clients that read slower than events arrive. Each watcher's unsent
// bytes are capped, and so is their sum over all watchers: past the sum, the watchers holding the most
// are cut until the sum is back to three quarters of it, so a crowd of clients that never read cannot
// grow the server, and a client that keeps reading is never the one cut while a slower one holds more.
export const DEFAULT_WATCH_BUDGET_BYTES = 256 * 1024 * 1024;
export const DEFAULT_WATCHER_BACKLOG_BYTES = 16 * 1024 * 1024;
export class WatchBudget {
    totalBytes;
    perWatcherBytes;
    /** Each watch's unsent bytes as last measured (after its last write, or a full recount). */
    #last = new Map();
    #sum = 0;
    constructor(totalBytes = DEFAULT_WATCH_BUDGET_BYTES, perWatcherBytes = Math.min(DEFAULT_WATCHER_BACKLOG_BYTES, totalBytes)) {
        this.totalBytes = totalBytes;
        this.perWatcherBytes = perWatcherBytes;
    }
    /** Bytes held by all watches, as last measured. */
    get heldBytes() {
        return this.#sum;
    }
    add(w) {
        if (!this.#last.has(w))
            this.#last.set(w, 0);
    }
    remove(w) {
        const n = this.#last.get(w);
        if (n === undefined)
            return;
        this.#sum -= n;
        this.#last.delete(w);
    }
    /** Called after every write to w: cuts w, or the largest watches, when over a limit. */
    wrote(w) {
        const before = this.#last.get(w);
        if (before === undefined)
            return;
        const now = w.unsent();
        if (now > this.perWatcherBytes)
            return this.#cut(w, now);
        this.#last.set(w, now);
        this.#sum += now - before;
        if (this.#sum > this.totalBytes)
            this.#rebalance();
    }
    /**
     * The running sum only grows between a watch's writes (its client may have read since), so it is
     * recounted first; only a real excess cuts anyone, largest first.
     */
    #rebalance() {
        const sizes = [];
        this.#sum = 0;
        for (const w of this.#last.keys()) {
            const n = w.unsent();
            this.#last.set(w, n);
            this.#sum += n;
            sizes.push([w, n]);
        }
        if (this.#sum <= this.totalBytes)
            return;
        sizes.sort((a, b) => b[1] - a[1]);
        const target = this.totalBytes * 0.75;
        for (const [w, n] of sizes) {
            if (this.#sum <= target)
                break;
            this.#cut(w, n);
        }
    }
    #cut(w, unsent) {
        this.remove(w);
        w.cut(unsent);
    }
}
//# sourceMappingURL=watch-budget.js.map