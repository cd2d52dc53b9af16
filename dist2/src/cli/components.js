// The components of a control plane or a node, supervised: each runs on one shared stop signal, and
// one that fails while not asked to stop is a crash, reported at once to whoever started them (the
// `berth` command then stops the rest and exits non-zero) rather than logged and forgotten.
import { setMaxListeners } from 'node:events';
export class Components {
    #stop = new AbortController();
    #running = [];
    #onCrash;
    constructor(onCrash) {
        this.#onCrash = onCrash;
        // Every informer, queue and timer of every component listens on this one signal.
        setMaxListeners(0, this.#stop.signal);
    }
    get signal() {
        return this.#stop.signal;
    }
    /** Tracks a component's run (or start): its failure before stop() is a crash. */
    run(name, running) {
        this.#running.push(running.then(() => undefined, (e) => {
            if (!this.#stop.signal.aborted)
                this.#onCrash(name, e instanceof Error ? e : new Error(String(e)));
        }));
    }
    /** Stops every component and waits for those tracked to end. */
    async stop() {
        this.#stop.abort();
        await Promise.all(this.#running);
    }
}
/** The crash handler of a `berth` command: says loudly which component failed and why, then fails. */
export function failLoudly(command, fail) {
    return (component, error) => {
        process.stderr.write(`berth ${command}: ${component} crashed: ${error.stack ?? error.message}\n`);
        fail(new Error(`${component} crashed: ${error.message}`));
    };
}
//# sourceMappingURL=components.js.map