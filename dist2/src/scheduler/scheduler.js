// The scheduler: informers feed the queue and the cache; one loop pops a Pod, decides synchronously,
// assumes the Pod onto the chosen node and binds it in the background (bounded), so the next decision
// starts at once and still counts the Pods whose bindings are in flight.
import { isApiError } from '../api/errors.js';
import { EventRecorder } from '../client/events.js';
import { SharedInformers } from '../client/shared.js';
import { Algorithm } from './algorithm.js';
import { Binder } from './binder.js';
import { SchedulerCache } from './cache.js';
import { forgetMemos } from './nodeinfo.js';
import { isTerminal, podInfo, podKey } from './podinfo.js';
import { SchedulingQueue } from './queue.js';
import { findPreemption } from './preemption.js';
import { fitErrorMessage } from './fiterror.js';
import { defaultFilters } from './profile.js';
import { selectNodeForClaims, volumeBinding } from './volumebinding.js';
export class Scheduler {
    name;
    queue;
    cache = new SchedulerCache();
    #client;
    #algorithm;
    #binder;
    #recorder;
    #maxInFlight;
    #inFlight = 0;
    #slotWaiter = null;
    #log;
    #pods;
    #nodes;
    #namespaces;
    #replicaSets;
    #budgets;
    #volumes;
    #lookups = {
        namespaceLabels: (ns) => this.#namespaces.get(ns)?.metadata.labels,
        ownerSelector: (p) => ownerSelector(p, this.#replicaSets),
        affinityTotals: this.cache.affinityTotals,
    };
    #preemptionView = {
        budgets: (ns) => this.#budgets.byIndex('namespace', ns),
        labelsOf: (p) => ({ namespace: p.namespace, name: p.key.slice(p.namespace.length + 1), labels: p.labels }),
    };
    constructor(opts) {
        this.name = opts.name ?? 'default-scheduler';
        this.#client = opts.client;
        this.queue = new SchedulingQueue(opts.queue);
        this.#recorder = new EventRecorder(this.#client, { component: this.name });
        this.#binder = new Binder(this.#client, this.#recorder);
        this.#maxInFlight = opts.maxInFlightBindings ?? 128;
        this.#log = opts.log ?? ((l) => process.stderr.write(`scheduler: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(this.#client, (e) => this.#log(`watch: ${e.message}`));
        this.#pods = informers.pods();
        this.#nodes = informers.nodes();
        this.#namespaces = informers.namespaces();
        this.#replicaSets = informers.replicaSets();
        this.#budgets = informers.podDisruptionBudgets();
        this.#volumes = { claims: informers.persistentVolumeClaims(), volumes: informers.persistentVolumes(), classes: informers.storageClasses() };
        this.#algorithm = new Algorithm({ ...opts.algorithm, filters: [...(opts.algorithm?.filters ?? defaultFilters), volumeBinding(this.#volumes)] });
        // A claim made, bound or deleted, a volume freed, a class added: a parked Pod may now fit.
        const retry = { onAdd: () => this.queue.moveAllToActiveOrBackoff(), onUpdate: () => this.queue.moveAllToActiveOrBackoff() };
        this.#volumes.claims.addHandlers(retry);
        this.#volumes.volumes.addHandlers(retry);
        this.#volumes.classes.addHandlers(retry);
        // Namespace labels decide namespaceSelector terms: a change may let a parked Pod fit.
        this.#namespaces.addHandlers({
            onUpdate: () => {
                forgetMemos();
                this.queue.moveAllToActiveOrBackoff();
            },
        });
        this.#pods.addHandlers({
            onAdd: (p) => this.#onPod(p),
            onUpdate: (_old, p) => this.#onPod(p),
            onDelete: (p) => {
                const key = podKey(p);
                this.queue.delete(key);
                if (this.cache.nodeOf(key) !== undefined) {
                    this.cache.removePod(key);
                    this.queue.moveAllToActiveOrBackoff();
                }
            },
        });
        this.#nodes.addHandlers({
            onAdd: (n) => {
                this.cache.setNode(n);
                this.queue.moveAllToActiveOrBackoff();
            },
            onUpdate: (old, n) => {
                this.cache.setNode(n);
                if (schedulingFacts(old) !== schedulingFacts(n))
                    this.queue.moveAllToActiveOrBackoff();
            },
            onDelete: (n) => this.cache.removeNode(n.metadata.name),
        });
    }
    /** Runs until the signal aborts. */
    async start(signal) {
        const watched = [this.#pods, this.#nodes, this.#namespaces, this.#replicaSets, this.#budgets, this.#volumes.claims, this.#volumes.volumes, this.#volumes.classes];
        const informers = Promise.all(watched.map((i) => i.run(signal)));
        signal.addEventListener('abort', () => this.queue.close(), { once: true });
        await Promise.race([Promise.all(watched.map((i) => i.waitForSync())), informers]);
        this.#log(`synced ${this.#nodes.size} nodes, ${this.#pods.size} pods`);
        for (let n = 1;; n++) {
            const popped = await this.queue.pop();
            if (!popped)
                break;
            while (this.#inFlight >= this.#maxInFlight)
                await new Promise((r) => (this.#slotWaiter = r));
            this.#scheduleOne(popped);
            // pop() resolves at once while Pods wait: let watch events and responses in now and then
            if (n % 64 === 0)
                await new Promise((r) => setImmediate(r));
        }
        await informers;
        await this.#recorder.flush();
    }
    #responsible(p) {
        return (p.spec.schedulerName ?? 'default-scheduler') === this.name && !p.spec.nodeName &&
            !p.metadata.deletionTimestamp && !isTerminal(p) && !p.spec.schedulingGates?.length;
    }
    #onPod(p) {
        if (this.#responsible(p)) {
            if (!this.cache.isAssumed(podKey(p)))
                this.queue.add(p);
            return;
        }
        const key = podKey(p);
        this.queue.delete(key);
        const before = this.cache.isAssumed(key) ? undefined : this.cache.podInfoOf(key);
        this.cache.updatePod(p);
        const after = this.cache.isAssumed(key) ? undefined : this.cache.podInfoOf(key);
        // A Pod newly placed (by this scheduler too: the watch confirms its binding) may satisfy a parked
        // Pod's required affinity or even out its spreading.
        if (after && !before)
            this.queue.moveToActiveOrBackoff(mayBeHelpedByPods);
        // One relabelled may also stop matching an anti-affinity term; one that finished frees its
        // resources and its anti-affinity, as a deleted one does.
        else if (before && (!after || !sameLabels(before.labels, after.labels)))
            this.queue.moveAllToActiveOrBackoff();
    }
    #scheduleOne(popped) {
        const key = popped.queued.key;
        // Decide on the freshest object; it may have been bound or deleted while it waited.
        const pod = this.#pods.get(key);
        if (!pod || !this.#responsible(pod) || this.cache.isAssumed(key)) {
            this.queue.done(key);
            return;
        }
        const info = podInfo(pod);
        const decision = this.#algorithm.schedule(info, this.cache.nodes(), this.#lookups);
        if (!decision.ok) {
            const refused = this.#preemptionRefused(pod, info);
            const preemption = refused ? undefined : findPreemption(info, this.cache.nodes(), this.#algorithm, this.#lookups, this.#preemptionView);
            this.queue.unschedulable(popped);
            if (preemption)
                void this.#preempt(pod, preemption);
            const nodes = this.cache.nodes().length;
            const message = preemption ? fitErrorMessage(nodes, decision.failures, { nominated: true }) : refused ? fitErrorMessage(nodes, decision.failures, { refused }) : decision.message;
            this.#binder.unschedulable(pod, message, preemption?.node.name).catch((e) => this.#log(`status of ${key}: ${e.message}`));
            return;
        }
        const nodeName = decision.node.name;
        this.cache.assume(info, nodeName);
        this.#inFlight++;
        selectNodeForClaims(this.#client, this.#volumes, pod, nodeName).then(() => this.#binder.bind(pod, nodeName, popped.queued.since)).then(() => this.queue.done(key), (e) => {
            this.cache.forget(key);
            // Already bound (by an earlier run of this scheduler, say) or gone: the watch will tell.
            if (isApiError(e, 'Conflict') || isApiError(e, 'NotFound'))
                this.queue.done(key);
            else {
                this.#log(`binding ${key} to ${nodeName}: ${e.message}`);
                this.queue.retry(popped);
            }
        }).finally(() => {
            this.#inFlight--;
            const w = this.#slotWaiter;
            this.#slotWaiter = null;
            w?.();
        });
    }
    /**
     * Why pod may not preempt now, in upstream's words (PodEligibleToPreemptOthers): its policy says
     * Never, or the victims of its earlier preemption are still leaving the node it was nominated to.
     */
    #preemptionRefused(pod, info) {
        if (pod.spec.preemptionPolicy === 'Never')
            return 'not eligible due to preemptionPolicy=Never.';
        const nominated = pod.status?.nominatedNodeName;
        const node = nominated ? this.cache.node(nominated) : undefined;
        for (const p of node?.pods.values() ?? [])
            if (p.deleting && p.priority < info.priority)
                return 'not eligible due to a terminating pod on the nominated node.';
        return undefined;
    }
    async #preempt(pod, c) {
        await Promise.all(c.victims.map(async (v) => {
            const victim = this.#pods.get(v.key);
            if (!victim)
                return;
            await this.#binder.preempt(victim, pod, c.node.name, this.name).catch((e) => {
                if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
                    this.#log(`preempting ${v.key}: ${e.message}`);
            });
        }));
    }
}
/** Parked Pods another Pod's arrival may help: those with required pod affinity or hard spreading. */
function mayBeHelpedByPods(pod) {
    const info = podInfo(pod);
    return (info.affinity?.required.length ?? 0) > 0 || info.spread.some((c) => c.hard);
}
function sameLabels(a, b) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
/** The selector of the Pod's controlling ReplicaSet: what default topology spreading counts. */
function ownerSelector(pod, replicaSets) {
    const owner = pod.controller;
    if (!owner || owner.kind !== 'ReplicaSet' || owner.apiVersion !== 'apps/v1')
        return undefined;
    return replicaSets.get(`${pod.namespace}/${owner.name}`)?.spec.selector;
}
/** What about a node matters to scheduling; a status heartbeat changes none of it. */
function schedulingFacts(n) {
    return JSON.stringify([
        n.status?.allocatable ?? n.status?.capacity,
        n.metadata.labels,
        n.spec?.taints,
        n.spec?.unschedulable,
        n.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ]);
}
//# sourceMappingURL=scheduler.js.map