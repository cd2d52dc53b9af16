// Time as the fake runtime sees it: the real clock for hollow nodes, a manual one for tests that
// step through stop timeouts, scripted exits and pull latency without waiting for them.
export const realClock = {
    now: () => new Date(),
    sleep: (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve()),
};
/** A clock that moves only when advance() is called; sleepers due by then are woken in order. */
export class ManualClock {
    #ms;
    #sleepers = [];
    constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
        this.#ms = start;
    }
    now() {
        return new Date(this.#ms);
    }
    sleep(ms) {
        if (ms <= 0)
            return Promise.resolve();
        return new Promise((wake) => this.#sleepers.push({ at: this.#ms + ms, wake }));
    }
    /** Moves time forward, waking each sleeper due by then and letting its continuation run. */
    async advance(ms) {
        const end = this.#ms + ms;
        for (;;) {
            this.#sleepers.sort((a, b) => a.at - b.at);
            const next = this.#sleepers[0];
            if (!next || next.at > end)
                break;
            this.#sleepers.shift();
            this.#ms = next.at;
            next.wake();
            await new Promise((r) => setImmediate(r));
        }
        this.#ms = end;
        await new Promise((r) => setImmediate(r));
    }
}
//# sourceMappingURL=clock.js.map