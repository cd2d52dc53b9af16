// The StatefulSet controller: Pods with stable names `<set>-<ordinal>`, hostname and subdomain (the
// governing Service), made from the ControllerRevision they are labelled with. OrderedReady creates
// them one at a time in ordinal order, each once the one before is Running and Ready, and removes
// them from the highest ordinal down, one at a time; Parallel does both at once. A RollingUpdate
// replaces Pods from the highest ordinal down to the partition, waiting for each to come back Ready
// (up to maxUnavailable at once); status carries currentRevision / updateRevision for `kubectl rollout`.
// Each Pod gets a claim per volumeClaimTemplate, kept across its re-creations.
import { isApiError } from '../api/errors.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { persistentVolumeClaims, pods, statefulSets } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { cachedController, claim, controllerOf, controllerRef, selecting, selectorOf } from './controllerref.js';
import { REVISION_HASH, claimRevisions, currentRevision, templateOf, truncateHistory } from './history.js';
import { availableIn, isReady } from './podstate.js';
import { podFromTemplate } from './replicaset.js';
import { scaledIntOrPercent } from './rollout.js';
import { ignoreNotFound, writeStatus } from './writes.js';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** The ordinal of a Pod named `<set>-<n>`, or undefined for any other name. */
function ordinalOf(sts, p) {
    const prefix = `${sts.metadata.name}-`;
    const name = p.metadata.name ?? '';
    if (!name.startsWith(prefix) || !/^(0|[1-9][0-9]*)$/.test(name.slice(prefix.length)))
        return undefined;
    return Number(name.slice(prefix.length));
}
const terminating = (p) => !!p.metadata.deletionTimestamp;
const finished = (p) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
/** Running, Ready and not going away: OrderedReady's condition for the next step. */
const healthy = (p) => !terminating(p) && p.status?.phase === 'Running' && isReady(p);
const revisionOf = (p) => p.metadata.labels?.[REVISION_HASH];
export class StatefulSetController {
    #client;
    #sets;
    #pods;
    #revisions;
    #claims;
    #queue = new WorkQueue();
    #events;
    #log;
    #workers;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`statefulset: ${l}\n`));
        this.#workers = opts.workers ?? 2;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#sets = informers.statefulSets();
        this.#pods = informers.pods();
        this.#revisions = informers.controllerRevisions();
        this.#claims = informers.persistentVolumeClaims();
        this.#events = new EventRecorder(client, { component: 'statefulset-controller' });
        this.#sets.addHandlers({
            onAdd: (s) => this.#queue.add(keyOf(s)),
            onUpdate: (_o, s) => this.#queue.add(keyOf(s)),
        });
        const podChanged = (p) => {
            const sts = this.#owner(p);
            if (sts) {
                this.#queue.add(keyOf(sts));
                const min = sts.spec.minReadySeconds ?? 0;
                if (min > 0 && isReady(p))
                    this.#queue.addAfter(keyOf(sts), min * 1000 + 50);
                return;
            }
            if (controllerOf(p))
                return;
            for (const candidate of selecting(this.#sets, p))
                this.#queue.add(keyOf(candidate));
        };
        this.#pods.addHandlers({ onAdd: podChanged, onUpdate: (_o, p) => podChanged(p), onDelete: podChanged });
    }
    #owner(p) {
        return cachedController(this.#sets, 'StatefulSet', p);
    }
    async run(signal) {
        const all = [this.#sets, this.#pods, this.#revisions, this.#claims];
        const informers = Promise.all(all.map((i) => i.run(signal)));
        await Promise.all(all.map((i) => i.waitForSync()));
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const sts = this.#sets.get(key);
        if (!sts)
            return;
        const claimed = await claim(this.#client, pods, this.#pods.byIndex('namespace', sts.metadata.namespace ?? ''), sts, statefulSets, controllerRef(sts, 'apps/v1', 'StatefulSet'), selectorOf(sts.spec.selector));
        if (sts.metadata.deletionTimestamp)
            return;
        const owned = claimed.filter((p) => ordinalOf(sts, p) !== undefined);
        const revisions = await claimRevisions(this.#client, sts, statefulSets, this.#revisions.byIndex('namespace', sts.metadata.namespace ?? ''));
        const update = await currentRevision(this.#client, sts, statefulSets, revisions);
        const current = revisions.find((r) => r.metadata.name === sts.status?.currentRevision) ?? update;
        await this.#step(sts, owned, current, update);
        const live = new Set([current.metadata.name, update.metadata.name, ...owned.map((p) => revisionOf(p) ?? '')]);
        await truncateHistory(this.#client, sts, revisions, live);
        await this.#updateStatus(sts, owned, current, update);
    }
    /** One step toward spec: the Pods to create, recreate, delete or replace, as the policy allows. */
    async #step(sts, owned, current, update) {
        const ordered = sts.spec.podManagementPolicy !== 'Parallel';
        const start = sts.spec.ordinals?.start ?? 0;
        const end = start + (sts.spec.replicas ?? 1);
        const byOrdinal = new Map(owned.map((p) => [ordinalOf(sts, p), p]));
        const rolling = sts.spec.updateStrategy?.type !== 'OnDelete';
        const partition = start + (rolling ? sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0 : 0);
        // Missing (or failed) Pods within range, lowest ordinal first.
        for (let ord = start; ord < end; ord++) {
            const p = byOrdinal.get(ord);
            if (p && finished(p) && !terminating(p)) {
                await this.#delete(sts, p);
                if (ordered)
                    return;
                continue;
            }
            if (!p) {
                // Below the partition a Pod keeps the current revision; from it up, it gets the update.
                const revision = rolling && ord < partition ? current : update;
                await this.#create(sts, ord, revision);
                if (ordered)
                    return;
                continue;
            }
            if (ordered && !healthy(p))
                return;
        }
        // Pods beyond the range, highest ordinal first.
        const condemned = owned.filter((p) => { const o = ordinalOf(sts, p); return o < start || o >= end; }).sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
        for (const p of condemned) {
            if (terminating(p)) {
                if (ordered)
                    return;
                continue;
            }
            if (ordered && owned.some((q) => q !== p && !healthy(q)))
                return;
            await this.#delete(sts, p);
            if (ordered)
                return;
        }
        if (condemned.length || !rolling)
            return;
        // The rolling update: from the top down to the partition, within maxUnavailable.
        const maxUnavailable = Math.max(1, scaledIntOrPercent(sts.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, end - start, true));
        const min = sts.spec.minReadySeconds ?? 0;
        const down = (p) => !p || terminating(p) || availableIn(p, min, Date.now()) !== 0;
        let unavailable = 0;
        for (let ord = partition; ord < end; ord++)
            if (down(byOrdinal.get(ord)))
                unavailable++;
        for (let ord = end - 1; ord >= partition; ord--) {
            const p = byOrdinal.get(ord);
            if (!p || terminating(p) || revisionOf(p) === update.metadata.name)
                continue;
            if (down(p)) {
                await this.#delete(sts, p); // not serving anyway
                continue;
            }
            if (unavailable >= maxUnavailable)
                return;
            await this.#delete(sts, p);
            unavailable++;
        }
    }
    async #create(sts, ord, revision) {
        const template = templateOf(revision) ?? sts.spec.template;
        const pod = podFromTemplate(sts, 'StatefulSet', template);
        const name = `${sts.metadata.name}-${ord}`;
        delete pod.metadata.generateName;
        pod.metadata.name = name;
        pod.metadata.labels = { ...pod.metadata.labels, [REVISION_HASH]: revision.metadata.name, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ord) };
        pod.spec.hostname = name;
        if (sts.spec.serviceName)
            pod.spec.subdomain = sts.spec.serviceName;
        await this.#createClaims(sts, ord, pod);
        try {
            await this.#client.create(pods, sts.metadata.namespace, pod);
        }
        catch (e) {
            if (isApiError(e, 'AlreadyExists'))
                return; // made by a pass whose create our cache has not seen yet
            this.#events.event(sts, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`);
            throw e;
        }
        this.#events.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`);
    }
    /**
     * The Pod's claims, one per volumeClaimTemplate, named <template>-<set>-<ordinal> as upstream names
     * them, made unless they exist (a re-created Pod gets its predecessor's data back), and its volumes
     * pointing at them. With whenDeleted: Delete the set owns them, so they go with it.
     */
    async #createClaims(sts, ord, pod) {
        const templates = sts.spec.volumeClaimTemplates ?? [];
        if (!templates.length)
            return;
        const owned = sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
        const volumes = pod.spec.volumes ?? [];
        for (const t of templates) {
            const volume = t.metadata?.name ?? '';
            const name = `${volume}-${sts.metadata.name}-${ord}`;
            const claim = {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: {
                    name,
                    labels: { ...t.metadata?.labels, ...sts.spec.selector.matchLabels },
                    ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
                    ...(owned ? { ownerReferences: [{ ...controllerRef(sts, 'apps/v1', 'StatefulSet'), controller: false, blockOwnerDeletion: true }] } : {}),
                },
                spec: structuredClone(t.spec),
            };
            if (!this.#claims.get(`${sts.metadata.namespace}/${name}`)) {
                try {
                    await this.#client.create(persistentVolumeClaims, sts.metadata.namespace, claim);
                    this.#events.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} success`);
                }
                catch (e) {
                    if (!isApiError(e, 'AlreadyExists')) {
                        this.#events.event(sts, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`);
                        throw e;
                    }
                }
            }
            const entry = { name: volume, persistentVolumeClaim: { claimName: name } };
            const at = volumes.findIndex((v) => v.name === volume);
            if (at >= 0)
                volumes[at] = entry;
            else
                volumes.push(entry);
        }
        pod.spec.volumes = volumes;
    }
    async #delete(sts, p) {
        await ignoreNotFound(this.#client.delete(pods, p.metadata.namespace, p.metadata.name, { preconditions: { uid: p.metadata.uid } }));
        this.#events.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
    }
    async #updateStatus(sts, owned, current, update) {
        const now = Date.now();
        const min = sts.spec.minReadySeconds ?? 0;
        const counted = owned.filter((p) => !terminating(p));
        let nextAvailable = Infinity;
        for (const p of counted) {
            const wait = availableIn(p, min, now);
            if (wait > 0 && wait !== Infinity)
                nextAvailable = Math.min(nextAvailable, wait);
        }
        const replicas = counted.length;
        const ready = counted.filter(isReady).length;
        const updated = counted.filter((p) => revisionOf(p) === update.metadata.name).length;
        // Once every Pod is at the update revision and Ready, it is the current one.
        const done = sts.spec.updateStrategy?.type !== 'OnDelete' && updated === replicas && ready === replicas && replicas === (sts.spec.replicas ?? 1);
        const currentName = done ? update.metadata.name : current.metadata.name;
        const status = {
            ...(sts.metadata.generation !== undefined ? { observedGeneration: sts.metadata.generation } : {}),
            replicas,
            readyReplicas: ready,
            currentReplicas: counted.filter((p) => revisionOf(p) === currentName).length,
            updatedReplicas: updated,
            availableReplicas: counted.filter((p) => availableIn(p, min, now) === 0).length,
            currentRevision: currentName,
            updateRevision: update.metadata.name,
            collisionCount: sts.status?.collisionCount ?? 0,
        };
        if (nextAvailable !== Infinity)
            this.#queue.addAfter(keyOf(sts), nextAvailable + 50);
        await writeStatus(this.#client, statefulSets, sts, status);
    }
}
//# sourceMappingURL=statefulset.js.map