// The node's Service proxy: watches Services and EndpointSlices and keeps the kernel's nftables table
// `ip <table>` equal to what they ask for. Changes are coalesced: a sync waits for a short quiet spell
// after the last change (but no longer than a bound after the first), and whatever arrives while a
// sync runs is folded into the next, so a burst of a thousand endpoint updates costs one or two `nft`
// runs. On stop the rules stay in place, as kube-proxy leaves
// them; `berth killall` removes the table, and a start replaces whatever a previous run left.
import { Informer } from '../client/informer.js';
import { endpointSlices, services } from '../client/resources.js';
import { applyNft, ensureBridgeNetfilter } from './nft.js';
import { buildRuleset, transaction } from './ruleset.js';
import { servicePorts } from './servicePorts.js';
export class Proxier {
    #o;
    #services;
    #slices;
    #apply;
    /** What the kernel holds after the last successful sync; undefined forces a full replacement. */
    #applied;
    #timer;
    /** When the oldest change not yet applied arrived (0: none pending). */
    #pendingSince = 0;
    #running = false;
    #dirty = false;
    #stopped = false;
    #syncs = 0;
    #failures = 0;
    constructor(o) {
        this.#o = o;
        this.#apply = o.apply ?? applyNft;
        const onError = (e) => o.log(`watch: ${e.message}`);
        this.#services = new Informer(o.client, services, { onError });
        this.#slices = new Informer(o.client, endpointSlices, { onError });
    }
    /** Number of syncs that reached the kernel, for tests and benchmarks. */
    get syncs() {
        return this.#syncs;
    }
    /** Watches until signal aborts; resolves after the first sync (or its failure, which is retried). */
    async start(signal) {
        const problem = await ensureBridgeNetfilter();
        if (problem)
            this.#o.log(`${problem}: a Pod reaching a Pod on the same bridge through a Service gets no reply`);
        const changed = () => this.#schedule();
        for (const inf of [this.#services, this.#slices]) {
            inf.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
            void inf.run(signal);
        }
        signal.addEventListener('abort', () => {
            this.#stopped = true;
            clearTimeout(this.#timer);
        }, { once: true });
        await Promise.all([this.#services.waitForSync(), this.#slices.waitForSync()]);
        clearTimeout(this.#timer);
        this.#timer = undefined;
        await this.#sync();
    }
    #schedule() {
        if (this.#stopped || !this.#services.hasSynced() || !this.#slices.hasSynced())
            return;
        const now = Date.now();
        this.#pendingSince ||= now;
        if (this.#running) {
            this.#dirty = true;
            return;
        }
        const latest = this.#pendingSince + (this.#o.maxDelayMs ?? 250);
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.#sync(), Math.max(0, Math.min(this.#o.delayMs ?? 50, latest - now)));
    }
    async #sync() {
        this.#timer = undefined;
        this.#running = true;
        this.#dirty = false;
        this.#pendingSince = 0;
        let retry = false;
        try {
            const ports = servicePorts(this.#services.list(), this.#slices.list(), this.#o.nodeName);
            const ruleset = buildRuleset(ports, this.#o);
            // The full program doubles as the ruleset's fingerprint: an unchanged one is not applied again.
            const program = transaction(this.#o.table, ruleset);
            if (program !== this.#applied?.program) {
                await this.#apply(this.#applied ? transaction(this.#o.table, ruleset, this.#applied.ruleset) : program);
                this.#applied = { ruleset, program };
                this.#syncs++;
            }
            this.#failures = 0;
        }
        catch (e) {
            // The kernel state is unknown now: the next sync replaces the table whole.
            this.#applied = undefined;
            this.#failures++;
            this.#o.log(`sync failed: ${e.message}`);
            retry = true;
        }
        finally {
            this.#running = false;
        }
        if (retry && !this.#stopped) {
            this.#timer = setTimeout(() => void this.#sync(), Math.min(30_000, (this.#o.retryMs ?? 1000) * 2 ** (this.#failures - 1)));
        }
        else if (this.#dirty)
            this.#schedule();
    }
}
//# sourceMappingURL=proxier.js.map