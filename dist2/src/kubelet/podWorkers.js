// One serial worker per Pod. Work is keyed by uid, not by object: a kick while a sync runs only
// marks the key dirty, and the rerun reads the newest Pod, so a newer update replaces a pending one.
// Two syncs of the same Pod never overlap (awaits interleave like threads). The worker owns the Pod's
// state, as upstream's pod workers do: syncing until terminate(), then terminating until one
// terminating sync succeeds, then terminated (for good: the uid never syncs again).
export class PodWorkers {
    #sync;
    #onError;
    #slots = new Map();
    #idle = new Set();
    /** Syncs run, by state (upstream's pod_worker_duration_seconds count). */
    syncs = { syncing: 0, terminating: 0, terminated: 0 };
    #stopped = false;
    constructor(sync, onError) {
        this.#sync = sync;
        this.#onError = onError;
    }
    /** Sync this Pod soon; coalesces with a pending request. */
    kick(uid) {
        if (this.#stopped)
            return;
        const slot = this.#slot(uid);
        slot.dirty = true;
        if (!slot.running)
            void this.#run(uid, slot);
    }
    /** The Pod is deleted or unknown to the API: stop it (a no-op once it is terminating). */
    terminate(uid) {
        const slot = this.#slot(uid);
        if (slot.state === 'syncing')
            slot.state = 'terminating';
        this.kick(uid);
    }
    stateOf(uid) {
        return this.#slots.get(uid)?.state;
    }
    #slot(uid) {
        let slot = this.#slots.get(uid);
        if (!slot)
            this.#slots.set(uid, (slot = { running: false, dirty: false, state: 'syncing' }));
        return slot;
    }
    /** Sync at a later time too (backoff expiry), keeping the earliest pending wake-up. */
    kickAt(uid, atMs) {
        const slot = this.#slots.get(uid);
        if (!slot || this.#stopped)
            return;
        if (slot.dueAt !== undefined && slot.dueAt <= atMs)
            return;
        clearTimeout(slot.timer);
        slot.dueAt = atMs;
        slot.timer = setTimeout(() => {
            slot.dueAt = undefined;
            this.kick(uid);
        }, Math.max(0, atMs - Date.now()));
    }
    /** Drop a finished worker (its Pod is gone and cleaned up). */
    forget(uid) {
        const slot = this.#slots.get(uid);
        if (slot)
            clearTimeout(slot.timer);
        this.#slots.delete(uid);
    }
    async #run(uid, slot) {
        slot.running = true;
        while (slot.dirty && !this.#stopped && this.#slots.get(uid) === slot) {
            slot.dirty = false;
            const state = slot.state;
            this.syncs[state]++;
            try {
                const next = await this.#sync(uid, state);
                if (state === 'terminating') {
                    // Stopped: what is left is removed by a terminated sync, now and on later kicks.
                    slot.state = 'terminated';
                    slot.dirty = true;
                }
                if (next !== undefined && this.#slots.get(uid) === slot)
                    this.kickAt(uid, next);
            }
            catch (e) {
                this.#onError(uid, e);
            }
        }
        slot.running = false;
        if (this.busy === 0)
            for (const resolve of this.#idle)
                resolve();
    }
    get busy() {
        return [...this.#slots.values()].filter((s) => s.running).length;
    }
    /** Resolves when no worker is running. */
    async idle() {
        if (this.busy === 0)
            return;
        await new Promise((resolve) => {
            const done = () => { this.#idle.delete(done); resolve(); };
            this.#idle.add(done);
        });
    }
    /** No new syncs; waits for running ones. */
    async stop() {
        this.#stopped = true;
        for (const s of this.#slots.values())
            clearTimeout(s.timer);
        await this.idle();
    }
}
//# sourceMappingURL=podWorkers.js.map