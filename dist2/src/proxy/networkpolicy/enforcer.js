// The node's NetworkPolicy enforcer: watches NetworkPolicies, Pods and Namespaces through the client
// and keeps the node's nftables table equal to what they mean (model.ts → ruleset.ts → `nft -f`).
// Changes are coalesced: a burst of events costs one computation a few milliseconds later, and an
// unchanged result is not written again. The first write, after every cache it needs has listed,
// replaces whatever an earlier run left; until then the old table keeps enforcing what it had.
import { Informer } from '../../client/informer.js';
import { namespaces, networkPolicies, pods } from '../../client/resources.js';
import { applyNft, ensureBridgeNetfilter } from '../nft.js';
import { nodeRules } from './model.js';
import { renderRuleset } from './ruleset.js';
const RETRY_MS = 1000;
export class NetworkPolicyEnforcer {
    #o;
    #policies;
    #pods;
    #namespaces;
    #timer;
    #running;
    #dirty = false;
    #synced = false;
    #applied;
    #signal;
    #peersWatched = false;
    #changed = { onAdd: () => this.#schedule(), onUpdate: () => this.#schedule(), onDelete: () => this.#schedule() };
    constructor(o) {
        this.#o = { debounceMs: 5, log: (m) => console.error(`network policy ${o.nodeName}: ${m}`), ...o };
        const onError = (e) => this.#o.log(`watch: ${e.message}`);
        this.#policies = new Informer(o.client, networkPolicies, { onError });
        this.#pods = new Informer(o.client, pods, { onError });
        this.#namespaces = new Informer(o.client, namespaces, { onError });
    }
    /** Starts watching; resolves after the first look at the policies (or when the signal aborts). */
    async start(signal) {
        this.#signal = signal;
        // Without it, same-node Pods' traffic escapes the table; everything else is still enforced.
        const problem = await ensureBridgeNetfilter();
        if (problem)
            this.#o.log(`bridged traffic between this node's Pods is not policed: ${problem}`);
        this.#policies.addHandlers(this.#changed);
        void this.#policies.run(signal);
        signal.addEventListener('abort', () => clearTimeout(this.#timer), { once: true });
        await Promise.race([this.#policies.waitForSync(), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
        if (signal.aborted)
            return;
        this.#synced = true;
        await this.#startSync();
    }
    /**
     * Every Pod and Namespace of the cluster is watched only once some policy exists: a cluster without
     * policies (most benchmarks) does not pay for a second copy of its Pods in the node's process.
     */
    #watchPeers() {
        if (this.#peersWatched || !this.#signal)
            return;
        this.#peersWatched = true;
        const peers = [this.#pods, this.#namespaces];
        for (const inf of peers) {
            inf.addHandlers(this.#changed);
            void inf.run(this.#signal);
        }
        void Promise.all(peers.map((i) => i.waitForSync())).then(() => this.#schedule(0));
    }
    #startSync() {
        this.#running = this.#sync().finally(() => {
            this.#running = undefined;
            if (this.#dirty) {
                this.#dirty = false;
                this.#schedule();
            }
        });
        return this.#running;
    }
    #schedule(delay = this.#o.debounceMs) {
        if (!this.#synced || this.#signal?.aborted)
            return;
        if (this.#running) {
            this.#dirty = true;
            return;
        }
        if (this.#timer)
            return;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.#startSync();
        }, delay);
    }
    async #sync() {
        const policies = this.#policies.list();
        if (policies.length) {
            this.#watchPeers();
            // Until Pods are listed, whatever table there is keeps enforcing.
            if (!this.#pods.hasSynced() || !this.#namespaces.hasSynced())
                return;
        }
        const script = renderRuleset(this.#o.table, nodeRules({ nodeName: this.#o.nodeName, pods: this.#pods.list(), namespaces: this.#namespaces.list(), policies }));
        if (script === this.#applied)
            return;
        try {
            await applyNft(script);
            this.#applied = script;
        }
        catch (e) {
            this.#o.log(`programming table ${this.#o.table}: ${e.message}`);
            this.#dirty = false;
            setTimeout(() => this.#schedule(0), RETRY_MS).unref();
        }
    }
}
//# sourceMappingURL=enforcer.js.map