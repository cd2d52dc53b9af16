// The ReplicaSet controller: keeps spec.replicas active Pods for every ReplicaSet. It claims the Pods
// its selector matches (adopting orphans, releasing Pods whose labels stopped matching), creates
// missing Pods from the template in growing batches and deletes surplus ones in upstream's order,
// and reports replicas / fullyLabeled / ready / available in status. Expectations hold it back until
// the creates and deletes it issued are seen, so a burst is never created twice. The same controller,
// given REPLICATION_CONTROLLERS, is upstream's replication manager: a ReplicationController is a
// ReplicaSet whose selector is a label map.
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { pods, replicaSets, replicationControllers } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { writeStatus } from './writes.js';
import { cachedController, claim, controllerOf, controllerRef, selecting, selectorOf } from './controllerref.js';
import { Expectations } from './expectations.js';
import { PodControl } from './podcontrol.js';
import { availableIn, deletionOrder, isActive, isReady } from './podstate.js';
import { rfc3339 } from '../api/time.js';
/** Most Pods created or deleted in one pass (upstream's burstReplicas). */
const BURST = 500;
export const REPLICA_SETS = {
    resource: replicaSets,
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    component: 'replicaset-controller',
    informer: (i) => i.replicaSets(),
    selector: (rs) => rs.spec.selector,
};
export const REPLICATION_CONTROLLERS = {
    resource: replicationControllers,
    apiVersion: 'v1',
    kind: 'ReplicationController',
    component: 'replication-controller',
    informer: (i) => i.replicationControllers(),
    selector: (rs) => {
        const map = rs.spec.selector;
        return map && Object.keys(map).length ? { matchLabels: map } : undefined;
    },
};
/** A Pod from owner's template, controlled by owner (named by the caller: generateName or a fixed name). */
export function podFromTemplate(owner, kind, template, apiVersion = 'apps/v1') {
    const meta = template.metadata ?? {};
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
            generateName: `${owner.metadata.name}-`,
            namespace: owner.metadata.namespace,
            ...(meta.labels ? { labels: { ...meta.labels } } : {}),
            ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
            ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
            ownerReferences: [controllerRef(owner, apiVersion, kind)],
        },
        spec: structuredClone(template.spec),
    };
}
export class ReplicaSetController {
    #client;
    #sets;
    #pods;
    #queue = new WorkQueue();
    #expectations = new Expectations();
    #events;
    #podControl;
    #log;
    #workers;
    #kind;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#kind = opts.kind ?? REPLICA_SETS;
        this.#log = opts.log ?? ((l) => process.stderr.write(`${this.#kind.component}: ${l}\n`));
        this.#workers = opts.workers ?? 4;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#sets = this.#kind.informer(informers);
        this.#pods = informers.pods();
        this.#events = new EventRecorder(client, { component: this.#kind.component });
        this.#podControl = new PodControl(client, this.#events, this.#expectations);
        this.#sets.addHandlers({
            onAdd: (rs) => this.#queue.add(keyOf(rs)),
            onUpdate: (_o, rs) => this.#queue.add(keyOf(rs)),
            onDelete: (rs) => {
                this.#expectations.forget(keyOf(rs));
                this.#queue.add(keyOf(rs));
            },
        });
        this.#pods.addHandlers({
            onAdd: (p) => this.#podChanged(undefined, p),
            onUpdate: (old, p) => this.#podChanged(old, p),
            onDelete: (p) => {
                const rs = this.#owner(p);
                if (!rs)
                    return;
                this.#expectations.deletionObserved(keyOf(rs), keyOf(p));
                this.#queue.add(keyOf(rs));
            },
        });
    }
    /** The ReplicaSet that controls p, if it is one this controller knows. */
    #owner(p) {
        return cachedController(this.#sets, this.#kind.kind, p);
    }
    #podChanged(old, p) {
        const rs = this.#owner(p);
        if (rs) {
            const key = keyOf(rs);
            this.#expectations.podSeen(key, old, p);
            this.#queue.add(key);
            // A Pod that just became Ready becomes available minReadySeconds later: look again then.
            const min = rs.spec.minReadySeconds ?? 0;
            if (min > 0 && isReady(p) && !(old && isReady(old)))
                this.#queue.addAfter(key, min * 1000 + 50);
        }
        const oldRs = old && this.#owner(old);
        if (oldRs && oldRs !== rs)
            this.#queue.add(keyOf(oldRs));
        // An orphan (or a Pod whose labels changed) may be adopted by any matching ReplicaSet.
        if (!controllerOf(p) || (old && JSON.stringify(old.metadata.labels) !== JSON.stringify(p.metadata.labels))) {
            for (const candidate of selecting(this.#sets, p, this.#kind.selector))
                this.#queue.add(keyOf(candidate));
        }
    }
    async run(signal) {
        const informers = Promise.all([this.#sets.run(signal), this.#pods.run(signal)]);
        await Promise.all([this.#sets.waitForSync(), this.#pods.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const rs = this.#sets.get(key);
        if (!rs) {
            this.#expectations.forget(key);
            return;
        }
        const claimed = await this.#claimPods(rs);
        const active = claimed.filter(isActive);
        let failure;
        if (this.#expectations.satisfied(key) && !rs.metadata.deletionTimestamp) {
            failure = await this.#manage(rs, active);
        }
        await this.#updateStatus(rs, active, failure);
        if (failure)
            throw failure;
    }
    /** The Pods rs controls after adopting matching orphans and releasing Pods that no longer match. */
    #claimPods(rs) {
        const candidates = this.#pods.byIndex('namespace', rs.metadata.namespace ?? '');
        return claim(this.#client, pods, candidates, rs, this.#kind.resource, controllerRef(rs, this.#kind.apiVersion, this.#kind.kind), selectorOf(this.#kind.selector(rs)));
    }
    /** Creates or deletes Pods toward spec.replicas; returns the first failure, if any. */
    async #manage(rs, active) {
        const key = keyOf(rs);
        const diff = active.length - (rs.spec.replicas ?? 1);
        if (diff < 0) {
            const n = Math.min(-diff, BURST);
            return this.#podControl.create(rs, key, Array.from({ length: n }, () => podFromTemplate(rs, this.#kind.kind, rs.spec.template, this.#kind.apiVersion)));
        }
        else if (diff > 0) {
            const victims = [...active].sort(deletionOrder).slice(0, Math.min(diff, BURST));
            return this.#podControl.delete(rs, key, victims);
        }
        return undefined;
    }
    async #updateStatus(rs, active, failure) {
        const now = Date.now();
        const min = rs.spec.minReadySeconds ?? 0;
        const templateLabels = Object.entries(rs.spec.template?.metadata?.labels ?? {});
        let nextAvailable = Infinity;
        let available = 0;
        for (const p of active) {
            const wait = availableIn(p, min, now);
            if (wait === 0)
                available++;
            else if (wait !== Infinity)
                nextAvailable = Math.min(nextAvailable, wait);
        }
        const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
        if (failure) {
            const reason = (rs.spec.replicas ?? 1) > active.length ? 'FailedCreate' : 'FailedDelete';
            const old = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
            const c = { type: 'ReplicaFailure', status: 'True', reason, message: failure.message, lastTransitionTime: old?.lastTransitionTime ?? rfc3339(now) };
            conditions.push(c);
        }
        const status = {
            replicas: active.length,
            fullyLabeledReplicas: active.filter((p) => templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v)).length,
            readyReplicas: active.filter(isReady).length,
            availableReplicas: available,
            ...(rs.metadata.generation !== undefined ? { observedGeneration: rs.metadata.generation } : {}),
            ...(conditions.length ? { conditions } : {}),
        };
        if (nextAvailable !== Infinity)
            this.#queue.addAfter(keyOf(rs), nextAvailable + 50);
        await writeStatus(this.#client, this.#kind.resource, rs, status);
    }
}
//# sourceMappingURL=replicaset.js.map