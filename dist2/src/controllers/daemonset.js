// The DaemonSet controller: one Pod of each DaemonSet on every node it belongs on (daemonpod.ts), none
// elsewhere. A changed template is rolled out node by node, within maxUnavailable (the old Pod goes
// first) or maxSurge (the new Pod starts beside the old one, which goes once the new one is
// available); OnDelete leaves old Pods until someone deletes them. Each template is kept as a
// ControllerRevision (history.ts) for `kubectl rollout history|undo`, and its hash labels the Pods.
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { daemonSets, pods } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { cachedController, claim, controllerOf, controllerRef, selecting, selectorOf } from './controllerref.js';
import { daemonPodSpec, placement, targetNode } from './daemonpod.js';
import { Expectations } from './expectations.js';
import { PodControl } from './podcontrol.js';
import { REVISION_HASH, claimRevisions, currentRevision, truncateHistory } from './history.js';
import { availableIn, isActive, isReady } from './podstate.js';
import { podFromTemplate } from './replicaset.js';
import { scaledIntOrPercent } from './rollout.js';
import { writeStatus } from './writes.js';
export class DaemonSetController {
    #client;
    #sets;
    #pods;
    #nodes;
    #revisions;
    #queue = new WorkQueue();
    #expectations = new Expectations();
    #events;
    #podControl;
    #log;
    #workers;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`daemonset: ${l}\n`));
        this.#workers = opts.workers ?? 2;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#sets = informers.daemonSets();
        this.#pods = informers.pods();
        this.#nodes = informers.nodes();
        this.#revisions = informers.controllerRevisions();
        this.#events = new EventRecorder(client, { component: 'daemonset-controller' });
        this.#podControl = new PodControl(client, this.#events, this.#expectations);
        this.#sets.addHandlers({
            onAdd: (ds) => this.#queue.add(keyOf(ds)),
            onUpdate: (_o, ds) => this.#queue.add(keyOf(ds)),
            onDelete: (ds) => this.#expectations.forget(keyOf(ds)),
        });
        this.#pods.addHandlers({
            onAdd: (p) => this.#podChanged(undefined, p),
            onUpdate: (old, p) => this.#podChanged(old, p),
            onDelete: (p) => {
                const ds = this.#owner(p);
                if (!ds)
                    return;
                this.#expectations.deletionObserved(keyOf(ds), keyOf(p));
                this.#queue.add(keyOf(ds));
            },
        });
        // A node that comes, goes or changes its labels or taints may gain or lose every DaemonSet's Pod.
        const everyDaemonSet = () => this.#sets.list().forEach((ds) => this.#queue.add(keyOf(ds)));
        this.#nodes.addHandlers({
            onAdd: everyDaemonSet,
            onUpdate: (old, n) => {
                if (JSON.stringify([old.metadata.labels, old.spec?.taints]) !== JSON.stringify([n.metadata.labels, n.spec?.taints]))
                    everyDaemonSet();
            },
            onDelete: everyDaemonSet,
        });
    }
    #owner(p) {
        return cachedController(this.#sets, 'DaemonSet', p);
    }
    #podChanged(old, p) {
        const ds = this.#owner(p);
        if (ds) {
            const key = keyOf(ds);
            this.#expectations.podSeen(key, old, p);
            this.#queue.add(key);
            const min = ds.spec.minReadySeconds ?? 0;
            if (min > 0 && isReady(p) && !(old && isReady(old)))
                this.#queue.addAfter(key, min * 1000 + 50);
            return;
        }
        if (controllerOf(p))
            return;
        for (const candidate of selecting(this.#sets, p))
            this.#queue.add(keyOf(candidate));
    }
    async run(signal) {
        const all = [this.#sets, this.#pods, this.#nodes, this.#revisions];
        const informers = Promise.all(all.map((i) => i.run(signal)));
        await Promise.all(all.map((i) => i.waitForSync()));
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const ds = this.#sets.get(key);
        if (!ds) {
            this.#expectations.forget(key);
            return;
        }
        // Asked before the Pods are read, never after: a create observed while this pass waits on the API
        // below would otherwise satisfy it with a snapshot that lacks that Pod, and the node would be
        // given a second one (two surges at once).
        const settled = this.#expectations.satisfied(key);
        const owned = await claim(this.#client, pods, this.#pods.byIndex('namespace', ds.metadata.namespace ?? ''), ds, daemonSets, controllerRef(ds, 'apps/v1', 'DaemonSet'), selectorOf(ds.spec.selector));
        if (ds.metadata.deletionTimestamp)
            return;
        const revisions = await claimRevisions(this.#client, ds, daemonSets, this.#revisions.byIndex('namespace', ds.metadata.namespace ?? ''));
        const revision = await currentRevision(this.#client, ds, daemonSets, revisions);
        const hash = revision.metadata.labels?.[REVISION_HASH] ?? '';
        const nodes = this.#nodeStates(ds, owned.filter(isActive), hash);
        let failure;
        if (settled) {
            const plan = this.#placePods(ds, owned, nodes);
            if (!plan.create.length && !plan.remove.length && ds.spec.updateStrategy?.type !== 'OnDelete')
                this.#rollingUpdate(ds, nodes, plan);
            failure = await this.#apply(ds, hash, plan);
        }
        const inUse = new Set(owned.map((p) => `${ds.metadata.name}-${p.metadata.labels?.[REVISION_HASH]}`));
        await truncateHistory(this.#client, ds, revisions, inUse.add(revision.metadata.name));
        await this.#updateStatus(ds, nodes);
        if (failure)
            throw failure;
    }
    #nodeStates(ds, active, hash) {
        const byNode = new Map();
        for (const p of active) {
            const node = targetNode(p);
            if (node)
                byNode.set(node, [...(byNode.get(node) ?? []), p]);
        }
        return this.#nodes.list().map((n) => {
            const here = byNode.get(n.metadata.name) ?? [];
            return {
                name: n.metadata.name,
                ...placement(ds.spec.template.spec, n),
                current: here.filter((p) => p.metadata.labels?.[REVISION_HASH] === hash),
                old: here.filter((p) => p.metadata.labels?.[REVISION_HASH] !== hash),
            };
        });
    }
    /** A Pod where one is missing; none where it does not belong, failed, stray, or doubled up. */
    #placePods(ds, owned, nodes) {
        // Failed Pods are replaced; unbound ones for a node that is gone would wait forever.
        const known = new Set(nodes.map((n) => n.name));
        const stray = (p) => p.status?.phase === 'Failed' || (!p.spec.nodeName && !known.has(targetNode(p) ?? ''));
        const plan = { create: [], remove: owned.filter((p) => !p.metadata.deletionTimestamp && stray(p)) };
        const min = ds.spec.minReadySeconds ?? 0;
        for (const n of nodes) {
            const pods = [...n.current, ...n.old];
            if (!n.shouldContinueRunning || (!n.shouldRun && !pods.length)) {
                plan.remove.push(...pods);
                continue;
            }
            if (!n.shouldRun)
                continue;
            if (!pods.length)
                plan.create.push(n.name);
            // One Pod of the current template is enough; once it is available, old ones go (the end of a surge).
            plan.remove.push(...n.current.slice(1));
            if (n.current.some((p) => availableIn(p, min, Date.now()) === 0))
                plan.remove.push(...n.old);
            else if (!n.current.length)
                plan.remove.push(...oldestFirst(n.old).slice(1));
        }
        return plan;
    }
    /** Replaces old Pods within the rolling update's limits. */
    #rollingUpdate(ds, nodes, plan) {
        const eligible = nodes.filter((n) => n.shouldRun);
        const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
        const maxSurge = scaledIntOrPercent(ru.maxSurge, eligible.length, true);
        const maxUnavailable = scaledIntOrPercent(ru.maxUnavailable, eligible.length, true) || (maxSurge ? 0 : 1);
        const min = ds.spec.minReadySeconds ?? 0;
        const available = (p) => availableIn(p, min, Date.now()) === 0;
        let unavailable = eligible.filter((n) => ![...n.current, ...n.old].some(available)).length;
        let surging = eligible.filter((n) => n.current.length && n.old.length).length;
        for (const n of eligible) {
            if (n.current.length || !n.old.length)
                continue;
            const old = n.old[0];
            if (!available(old))
                plan.remove.push(old); // already down: replacing it costs nothing
            else if (maxSurge > 0 && surging < maxSurge) {
                plan.create.push(n.name);
                surging++;
            }
            else if (maxSurge === 0 && unavailable < maxUnavailable) {
                plan.remove.push(old);
                unavailable++;
            }
        }
    }
    async #apply(ds, hash, plan) {
        const key = keyOf(ds);
        const wanted = plan.create.map((node) => {
            const pod = podFromTemplate(ds, 'DaemonSet', ds.spec.template);
            pod.metadata.labels = { ...pod.metadata.labels, [REVISION_HASH]: hash };
            pod.spec = daemonPodSpec(pod.spec, node);
            return pod;
        });
        return this.#podControl.replace(ds, key, wanted, plan.remove);
    }
    async #updateStatus(ds, nodes) {
        const now = Date.now();
        const min = ds.spec.minReadySeconds ?? 0;
        const eligible = nodes.filter((n) => n.shouldRun);
        const has = (f) => eligible.filter((n) => [...n.current, ...n.old].some(f)).length;
        let nextAvailable = Infinity;
        for (const n of eligible)
            for (const p of [...n.current, ...n.old]) {
                const wait = availableIn(p, min, now);
                if (wait > 0 && wait !== Infinity)
                    nextAvailable = Math.min(nextAvailable, wait);
            }
        const available = has((p) => availableIn(p, min, now) === 0);
        const status = {
            currentNumberScheduled: has(() => true),
            numberMisscheduled: nodes.filter((n) => !n.shouldRun && n.current.length + n.old.length > 0).length,
            desiredNumberScheduled: eligible.length,
            numberReady: has(isReady),
            ...(ds.metadata.generation !== undefined ? { observedGeneration: ds.metadata.generation } : {}),
            updatedNumberScheduled: eligible.filter((n) => n.current.length).length,
            numberAvailable: available,
            numberUnavailable: eligible.length - available,
            ...(ds.status?.collisionCount ? { collisionCount: ds.status.collisionCount } : {}),
        };
        if (nextAvailable !== Infinity)
            this.#queue.addAfter(keyOf(ds), nextAvailable + 50);
        await writeStatus(this.#client, daemonSets, ds, status);
    }
}
const oldestFirst = (pods) => [...pods].sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
//# sourceMappingURL=daemonset.js.map