// PLEG-like relisting: every second, list the runtime and wake the worker of each Pod whose
// sandboxes or containers changed state (an exit, a vanished container), so exits are noticed
// without anyone telling the kubelet.
import { groupByPod } from './observed.js';
import { sleep } from './sleep.js';
export const RELIST_PERIOD_MS = 1_000;
function fingerprint(o) {
    const s = o.sandboxes.map((x) => `${x.id}:${x.state}`).sort();
    const c = o.containers.map((x) => `${x.id}:${x.state}:${x.exitCode ?? ''}`).sort();
    return `${s.join(',')}|${c.join(',')}`;
}
export class Relister {
    #runtime;
    #onChange;
    #last = new Map();
    constructor(runtime, onChange) {
        this.#runtime = runtime;
        this.#onChange = onChange;
    }
    /** List once; returns every Pod uid the runtime holds anything of. */
    async relist() {
        const [sandboxes, containers] = await Promise.all([this.#runtime.listPodSandboxes(), this.#runtime.listContainers()]);
        const byPod = groupByPod(sandboxes, containers);
        const next = new Map();
        for (const [uid, o] of byPod) {
            const f = fingerprint(o);
            next.set(uid, f);
            if (this.#last.get(uid) !== f)
                this.#onChange(uid);
        }
        for (const uid of this.#last.keys())
            if (!next.has(uid))
                this.#onChange(uid);
        this.#last = next;
        return byPod;
    }
    /** Relist every period until signal aborts; errors are reported and the loop carries on. */
    async run(signal, onError, afterEach) {
        while (!signal.aborted) {
            try {
                const byPod = await this.relist();
                await afterEach?.(byPod);
            }
            catch (e) {
                onError(e);
            }
            await sleep(RELIST_PERIOD_MS, signal);
        }
    }
}
//# sourceMappingURL=relist.js.map