// The node lifecycle controller: a node whose Lease in kube-node-lease has not been renewed for the
// grace period is marked Unknown and tainted unreachable, its Pods lose Ready, and Pods that do not
// tolerate the NoExecute taint are evicted once their tolerationSeconds run out. A renewed Lease
// lifts the taints. Renewals are timed by this controller's own clock when it sees them, not by the
// renewTime written by the node, so clock skew between hosts does not matter.
import { isApiError } from '../api/errors.js';
import { SharedInformers } from '../client/shared.js';
import { nodes, pods } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { evictionTime, lostPodStatus, unknownConditions, unreachableTaintKey, withUnreachableTaints } from './nodehealth.js';
import { rfc3339 } from '../api/time.js';
const isoNow = (ms = Date.now()) => rfc3339(ms);
export class NodeLifecycleController {
    #client;
    #grace;
    #startupGrace;
    #period;
    #log;
    #nodes;
    #leases;
    #pods;
    #queue = new WorkQueue();
    /** node name → when this controller last saw its lease renewed (or first saw the node). */
    #lastSeen = new Map();
    constructor(client, opts = {}) {
        this.#client = client;
        this.#grace = opts.gracePeriodMs ?? 40_000;
        this.#startupGrace = opts.startupGracePeriodMs ?? 60_000;
        this.#period = opts.monitorPeriodMs ?? 5_000;
        this.#log = opts.log ?? ((l) => process.stderr.write(`node-lifecycle: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#nodes = informers.nodes();
        this.#leases = informers.nodeLeases();
        this.#pods = informers.pods();
        this.#nodes.addHandlers({
            onAdd: (n) => this.#queue.add(n.metadata.name),
            onUpdate: (_o, n) => this.#queue.add(n.metadata.name),
            onDelete: (n) => this.#lastSeen.delete(n.metadata.name),
        });
        const renewed = (l) => {
            this.#lastSeen.set(l.metadata.name, { at: Date.now(), renewed: true });
            this.#queue.add(l.metadata.name);
        };
        this.#leases.addHandlers({
            onAdd: renewed,
            onUpdate: (old, l) => {
                if (old.spec?.renewTime !== l.spec?.renewTime)
                    renewed(l);
            },
        });
    }
    async run(signal) {
        const informers = Promise.all([this.#nodes.run(signal), this.#leases.run(signal), this.#pods.run(signal)]);
        await Promise.all([this.#nodes.waitForSync(), this.#leases.waitForSync(), this.#pods.waitForSync()]);
        const started = Date.now();
        // Leases listed at startup say nothing about when they were renewed: give every node a fresh grace.
        for (const l of this.#leases.list())
            this.#lastSeen.set(l.metadata.name, { at: started, renewed: true });
        await runWorkers(this.#queue, 4, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(name) {
        let node = this.#nodes.get(name);
        if (!node)
            return;
        const now = Date.now();
        let seen = this.#lastSeen.get(name);
        if (!seen)
            this.#lastSeen.set(name, (seen = { at: now, renewed: false }));
        const grace = seen.renewed ? this.#grace : this.#startupGrace;
        const silentFor = now - seen.at;
        if (silentFor <= grace) {
            await this.#setTaints(node, false);
            this.#queue.addAfter(name, Math.min(this.#period, grace - silentFor + 1));
            return;
        }
        const conditions = unknownConditions(node, isoNow(now));
        if (conditions) {
            this.#log(`node ${name} stopped posting status (silent ${Math.round(silentFor / 1000)}s)`);
            node = await this.#client.patch(nodes, undefined, name, 'merge', { status: { conditions } }, { subresource: 'status' });
        }
        const tainted = await this.#setTaints(node, true);
        for (const pod of this.#pods.byIndex('node', name)) {
            const status = lostPodStatus(pod, isoNow(now));
            if (status)
                await this.#ignoreGone(this.#client.patch(pods, pod.metadata.namespace, pod.metadata.name, 'merge', { status }, { subresource: 'status' }));
        }
        const next = await this.#evict(name, tainted, now);
        this.#queue.addAfter(name, Math.min(this.#period, next - now));
    }
    /** Adds or removes the unreachable taints; returns the taints the node now has. */
    async #setTaints(node, present) {
        for (let attempt = 0;; attempt++) {
            const current = node.spec?.taints ?? [];
            const next = withUnreachableTaints(current, present, isoNow());
            if (!next)
                return current;
            this.#log(`node ${node.metadata.name}: ${present ? 'adding' : 'removing'} ${unreachableTaintKey} taints`);
            try {
                // The resourceVersion makes this a compare-and-swap, so a concurrent change to the taints is never lost.
                await this.#client.patch(nodes, undefined, node.metadata.name, 'merge', { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints: next } });
                return next;
            }
            catch (e) {
                // Our copy was stale (the cache lags the write we just made, or the kubelet wrote): read it fresh
                // and try again now rather than after the queue's backoff.
                if (!isApiError(e, 'Conflict') || attempt >= 5)
                    throw e;
                node = await this.#client.get(nodes, undefined, node.metadata.name);
            }
        }
    }
    /** Deletes the Pods whose toleration has run out; returns when the next one is due. */
    async #evict(nodeName, taints, now) {
        const taint = taints.find((t) => t.key === unreachableTaintKey && t.effect === 'NoExecute');
        if (!taint)
            return Infinity;
        const added = taint.timeAdded ? Date.parse(taint.timeAdded) : now;
        let next = Infinity;
        for (const pod of this.#pods.byIndex('node', nodeName)) {
            if (pod.metadata.deletionTimestamp)
                continue;
            const at = evictionTime(pod.spec.tolerations ?? [], { key: unreachableTaintKey, effect: 'NoExecute' }, added);
            if (at <= now) {
                this.#log(`evicting ${pod.metadata.namespace}/${pod.metadata.name} from unreachable node ${nodeName}`);
                await this.#ignoreGone(this.#client.delete(pods, pod.metadata.namespace, pod.metadata.name));
            }
            else {
                next = Math.min(next, at);
            }
        }
        return next;
    }
    async #ignoreGone(p) {
        try {
            await p;
        }
        catch (e) {
            if (!isApiError(e, 'NotFound'))
                throw e;
        }
    }
}
//# sourceMappingURL=nodelifecycle.js.map