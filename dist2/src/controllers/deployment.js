// The Deployment controller: one ReplicaSet per template revision (named `<deployment>-<hash>`, its
// Pods labelled pod-template-hash), rolled from old to new within maxSurge / maxUnavailable, or all at
// once for Recreate; the revision annotation kubectl rollout history|undo reads, old ReplicaSets kept
// up to revisionHistoryLimit, a paused Deployment only scaled, and status with upstream's Available and
// Progressing conditions (including the progress deadline). Each pass does one step and returns: the
// informers bring the result, and with it the next pass.
import { isApiError } from '../api/errors.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { deployments, replicaSets } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { ignoreNotFound, writeStatus } from './writes.js';
import { cachedController, claim, controllerOf, controllerRef, selecting, selectorOf } from './controllerref.js';
import { DESIRED_REPLICAS, HASH_LABEL, MAX_REPLICAS, REVISION, copiedAnnotations, deploymentStatus, isComplete, madeProgress, newReplicaSetReplicas, revisionOf, sameTemplate, setCondition, specReplicas, surgeAndUnavailable, templateHash, } from './rollout.js';
import { rfc3339 } from '../api/time.js';
const byAge = (a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
export class DeploymentController {
    #client;
    #deployments;
    #sets;
    #pods;
    #queue = new WorkQueue();
    #events;
    #log;
    #workers;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`deployment: ${l}\n`));
        this.#workers = opts.workers ?? 4;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#deployments = informers.deployments();
        this.#sets = informers.replicaSets();
        this.#pods = informers.pods();
        this.#events = new EventRecorder(client, { component: 'deployment-controller' });
        const enqueue = (d) => this.#queue.add(keyOf(d));
        this.#deployments.addHandlers({ onAdd: enqueue, onUpdate: (_o, d) => enqueue(d), onDelete: enqueue });
        const rsChanged = (rs) => {
            const owner = this.#owner(rs);
            if (owner)
                return enqueue(owner);
            if (controllerOf(rs))
                return;
            for (const d of selecting(this.#deployments, rs))
                enqueue(d);
        };
        this.#sets.addHandlers({ onAdd: rsChanged, onUpdate: (old, rs) => (rsChanged(old), rsChanged(rs)), onDelete: rsChanged });
        // Recreate waits for the old Pods to be gone: their deletion is what lets it go on.
        this.#pods.addHandlers({
            onDelete: (p) => {
                const ref = controllerOf(p);
                const rs = ref?.kind === 'ReplicaSet' ? this.#sets.get(`${p.metadata.namespace}/${ref.name}`) : undefined;
                const d = rs && this.#owner(rs);
                if (d?.spec.strategy?.type === 'Recreate')
                    enqueue(d);
            },
        });
    }
    #owner(rs) {
        return cachedController(this.#deployments, 'Deployment', rs);
    }
    async run(signal) {
        const informers = Promise.all([this.#deployments.run(signal), this.#sets.run(signal), this.#pods.run(signal)]);
        await Promise.all([this.#deployments.waitForSync(), this.#sets.waitForSync(), this.#pods.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        try {
            await this.#reconcile(key);
        }
        catch (e) {
            if (!(e instanceof StalePass))
                throw e;
        }
    }
    async #reconcile(key) {
        const d = this.#deployments.get(key);
        if (!d)
            return;
        const owned = await this.#claimReplicaSets(d);
        if (d.metadata.deletionTimestamp)
            return this.#writeStatus(d, deploymentStatus(d, owned, this.#newRS(d, owned), Date.now()));
        if (d.spec.paused || this.#isScalingEvent(d, owned))
            return this.#sync(d, owned);
        if (d.spec.strategy?.type === 'Recreate')
            return this.#recreate(d, owned);
        return this.#rollingUpdate(d, owned);
    }
    /** The ReplicaSets d controls, after adopting matching orphans and releasing those that stopped matching. */
    #claimReplicaSets(d) {
        const candidates = this.#sets.byIndex('namespace', d.metadata.namespace ?? '');
        return claim(this.#client, replicaSets, candidates, d, deployments, controllerRef(d, 'apps/v1', 'Deployment'), selectorOf(d.spec.selector));
    }
    /** The ReplicaSet whose template is d's (the oldest, should there be several). */
    #newRS(d, owned) {
        return [...owned].sort(byAge).find((rs) => sameTemplate(rs.spec.template, d.spec.template));
    }
    /** A replicas change with no template change: every active ReplicaSet was sized for another count. */
    #isScalingEvent(d, owned) {
        return owned.some((rs) => (rs.spec.replicas ?? 0) > 0 && rs.metadata.annotations?.[DESIRED_REPLICAS] !== undefined && Number(rs.metadata.annotations[DESIRED_REPLICAS]) !== (d.spec.replicas ?? 1));
    }
    /**
     * The new ReplicaSet, created if missing (and wanted), with its revision brought above every old one,
     * and d's revision annotation following it.
     */
    async #ensureNewRS(d, owned, create) {
        const existing = this.#newRS(d, owned);
        const old = owned.filter((rs) => rs !== existing);
        const maxOld = Math.max(0, ...old.map(revisionOf));
        const revision = String(existing && revisionOf(existing) > maxOld ? revisionOf(existing) : maxOld + 1);
        const annotations = { ...copiedAnnotations(d), [REVISION]: revision, [DESIRED_REPLICAS]: String(d.spec.replicas ?? 1), [MAX_REPLICAS]: String((d.spec.replicas ?? 1) + surgeAndUnavailable(d).maxSurge) };
        let rs = existing;
        if (rs) {
            const stale = rs.metadata.annotations?.[REVISION] !== revision || (rs.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
            if (stale)
                rs = await this.#patchRS(rs, { metadata: { annotations: { ...annotations, [DESIRED_REPLICAS]: rs.metadata.annotations?.[DESIRED_REPLICAS] ?? annotations[DESIRED_REPLICAS] } }, spec: { minReadySeconds: d.spec.minReadySeconds ?? 0 } });
            if (rs.metadata.annotations?.[REVISION] !== existing.metadata.annotations?.[REVISION])
                await this.#markProgress(d, 'FoundNewReplicaSet', `Found new replica set "${rs.metadata.name}"`);
        }
        else if (create) {
            rs = await this.#createRS(d, owned, annotations);
            if (!rs)
                return undefined;
        }
        else {
            return undefined;
        }
        if (d.metadata.annotations?.[REVISION] !== rs.metadata.annotations?.[REVISION]) {
            await this.#client.patch(deployments, d.metadata.namespace, d.metadata.name, 'merge', { metadata: { annotations: { [REVISION]: rs.metadata.annotations?.[REVISION] } } });
            // d changed: this pass's copy is stale; the update brings the next pass.
            throw new StalePass();
        }
        return rs;
    }
    async #createRS(d, owned, annotations) {
        const collisions = d.status?.collisionCount ?? 0;
        const hash = templateHash(d.spec.template, collisions);
        const template = structuredClone(d.spec.template);
        template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
        const rs = {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, annotations, ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')] },
            spec: {
                replicas: newReplicaSetReplicas(d, owned, undefined),
                minReadySeconds: d.spec.minReadySeconds ?? 0,
                selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, [HASH_LABEL]: hash } },
                template,
            },
        };
        try {
            const created = await this.#client.create(replicaSets, d.metadata.namespace, rs);
            this.#events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${created.spec.replicas}`);
            await this.#markProgress(d, 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`);
            return created;
        }
        catch (e) {
            if (!isApiError(e, 'AlreadyExists'))
                throw e;
            // Ours from an earlier pass the cache has not shown yet, or a hash collision: count it and retry.
            const found = await this.#client.get(replicaSets, d.metadata.namespace, rs.metadata.name);
            if (controllerOf(found)?.uid === d.metadata.uid && sameTemplate(found.spec.template, d.spec.template))
                return found;
            await this.#client.patch(deployments, d.metadata.namespace, d.metadata.name, 'merge', { status: { collisionCount: collisions + 1 } }, { subresource: 'status' });
            throw new StalePass();
        }
    }
    async #markProgress(d, reason, message) {
        if (d.spec.progressDeadlineSeconds === undefined)
            return;
        const conditions = setCondition(d.status?.conditions ?? [], { type: 'Progressing', status: 'True', reason, message }, Date.now());
        await ignoreNotFound(this.#client.patch(deployments, d.metadata.namespace, d.metadata.name, 'strategic', { status: { conditions } }, { subresource: 'status' }));
    }
    async #patchRS(rs, patch) {
        const meta = (patch.metadata ?? {});
        return this.#client.patch(replicaSets, rs.metadata.namespace, rs.metadata.name, 'merge', { ...patch, metadata: { ...meta, resourceVersion: rs.metadata.resourceVersion } });
    }
    /** Sets rs's replicas (and the sizes it was made for); true when that was a change. */
    async #scale(d, rs, replicas) {
        const desired = String(d.spec.replicas ?? 1);
        const max = String((d.spec.replicas ?? 1) + surgeAndUnavailable(d).maxSurge);
        const from = rs.spec.replicas ?? 0;
        if (from === replicas && rs.metadata.annotations?.[DESIRED_REPLICAS] === desired && rs.metadata.annotations?.[MAX_REPLICAS] === max)
            return false;
        await this.#patchRS(rs, { metadata: { annotations: { [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max } }, spec: { replicas } });
        if (from !== replicas)
            this.#events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${replicas}`);
        return from !== replicas;
    }
    async #rollingUpdate(d, owned) {
        const newRS = await this.#ensureNewRS(d, owned, true);
        const old = owned.filter((rs) => rs !== newRS && rs.metadata.uid !== newRS?.metadata.uid).sort(byAge);
        const all = newRS ? [...old, newRS] : old;
        const replicas = d.spec.replicas ?? 1;
        // Up first, within the surge…
        if (newRS && (newRS.spec.replicas ?? 0) !== replicas) {
            const target = (newRS.spec.replicas ?? 0) > replicas ? replicas : newReplicaSetReplicas(d, all, newRS);
            if (await this.#scale(d, newRS, target))
                return this.#rolloutStatus(d, all, newRS);
        }
        // …then old ones down, never below replicas - maxUnavailable available.
        if (await this.#scaleDownOld(d, all, old, newRS))
            return this.#rolloutStatus(d, all, newRS);
        const status = deploymentStatus(d, all, newRS, Date.now());
        if (isComplete(d, status))
            await this.#cleanup(d, old);
        return this.#rolloutStatus(d, all, newRS);
    }
    async #scaleDownOld(d, all, old, newRS) {
        if (specReplicas(old) === 0)
            return false;
        const minAvailable = (d.spec.replicas ?? 1) - surgeAndUnavailable(d).maxUnavailable;
        const newUnavailable = (newRS?.spec.replicas ?? 0) - (newRS?.status?.availableReplicas ?? 0);
        let budget = specReplicas(all) - minAvailable - newUnavailable;
        if (budget <= 0)
            return false;
        let changed = false;
        const sizes = new Map(old.map((rs) => [rs, rs.spec.replicas ?? 0]));
        // Unavailable old Pods go first: removing them costs no availability.
        for (const rs of old) {
            const unhealthy = (sizes.get(rs) ?? 0) - (rs.status?.availableReplicas ?? 0);
            const n = Math.min(budget, Math.max(0, unhealthy));
            if (n > 0) {
                sizes.set(rs, sizes.get(rs) - n);
                budget -= n;
                changed = (await this.#scale(d, rs, sizes.get(rs))) || changed;
            }
        }
        if (changed)
            return true;
        // Then available ones, as far as the available count above the minimum allows, oldest first. A
        // ReplicaSet just scaled down still reports the Pods it is about to delete: count at most its spec.
        let excess = all.reduce((n, rs) => n + Math.min(rs.status?.availableReplicas ?? 0, rs.spec.replicas ?? 0), 0) - minAvailable;
        for (const rs of old) {
            if (excess <= 0)
                break;
            const n = Math.min(sizes.get(rs) ?? 0, excess);
            if (n <= 0)
                continue;
            excess -= n;
            changed = (await this.#scale(d, rs, (sizes.get(rs) ?? 0) - n)) || changed;
        }
        return changed;
    }
    async #recreate(d, owned) {
        const existing = this.#newRS(d, owned);
        const old = owned.filter((rs) => rs !== existing);
        let scaledDown = false;
        for (const rs of old)
            if ((rs.spec.replicas ?? 0) > 0)
                scaledDown = (await this.#scale(d, rs, 0)) || scaledDown;
        if (scaledDown)
            return this.#rolloutStatus(d, owned, existing);
        // Not one old Pod may run beside a new one: wait until they are all gone.
        const oldUids = new Set(old.map((rs) => rs.metadata.uid));
        const oldPods = this.#pods.byIndex('namespace', d.metadata.namespace ?? '').filter((p) => oldUids.has(controllerOf(p)?.uid) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
        if (oldPods.length || old.some((rs) => (rs.status?.replicas ?? 0) > 0))
            return this.#rolloutStatus(d, owned, existing);
        const newRS = await this.#ensureNewRS(d, owned, true);
        if (newRS && (await this.#scale(d, newRS, d.spec.replicas ?? 1)))
            return this.#rolloutStatus(d, owned, newRS);
        const all = newRS ? [...old, newRS] : old;
        const status = deploymentStatus(d, all, newRS, Date.now());
        if (isComplete(d, status))
            await this.#cleanup(d, old);
        return this.#rolloutStatus(d, all, newRS);
    }
    /** Paused, or only the replica count changed: size the ReplicaSets, no rollout. */
    async #sync(d, owned) {
        const newRS = await this.#ensureNewRS(d, owned, false);
        const old = owned.filter((rs) => rs !== newRS && rs.metadata.uid !== newRS?.metadata.uid).sort(byAge);
        const all = newRS ? [...old, newRS] : old;
        await this.#proportionalScale(d, all, newRS);
        if (d.spec.paused)
            await this.#cleanup(d, old);
        const status = deploymentStatus(d, all, newRS, Date.now());
        if (d.spec.progressDeadlineSeconds !== undefined) {
            const progressing = status.conditions.find((c) => c.type === 'Progressing');
            if (d.spec.paused && progressing?.reason !== 'DeploymentPaused') {
                status.conditions = setCondition(status.conditions, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }, Date.now());
            }
            else if (!d.spec.paused && progressing?.reason === 'DeploymentPaused') {
                status.conditions = setCondition(status.conditions, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' }, Date.now());
            }
        }
        return this.#writeStatus(d, status);
    }
    /**
     * A new replica count spread over the active ReplicaSets in proportion to their sizes (so a scale in
     * mid-rollout keeps its new/old balance); one active ReplicaSet simply takes it all.
     */
    async #proportionalScale(d, all, newRS) {
        const replicas = d.spec.replicas ?? 1;
        const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
        const target = active.length === 1 ? active[0] : active.length === 0 ? (newRS ?? all[all.length - 1]) : undefined;
        if (target) {
            await this.#scale(d, target, replicas);
            return;
        }
        const allowed = replicas > 0 ? replicas + surgeAndUnavailable(d).maxSurge : 0;
        const current = specReplicas(active);
        let toAdd = allowed - current;
        if (toAdd === 0) {
            for (const rs of active)
                await this.#scale(d, rs, rs.spec.replicas ?? 0);
            return;
        }
        // Largest first when growing, smallest first when shrinking; leftovers go to the first.
        const order = [...active].sort((a, b) => (toAdd > 0 ? (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0) : (a.spec.replicas ?? 0) - (b.spec.replicas ?? 0)));
        const sizes = order.map((rs) => {
            const share = Math.trunc(((rs.spec.replicas ?? 0) * (allowed - current)) / current);
            return (rs.spec.replicas ?? 0) + share;
        });
        toAdd -= sizes.reduce((n, s, i) => n + s - (order[i].spec.replicas ?? 0), 0);
        sizes[0] = Math.max(0, sizes[0] + toAdd);
        for (let i = 0; i < order.length; i++)
            await this.#scale(d, order[i], Math.max(0, sizes[i]));
    }
    /** Old ReplicaSets beyond revisionHistoryLimit, emptied and settled, are deleted oldest revision first. */
    async #cleanup(d, old) {
        const limit = d.spec.revisionHistoryLimit;
        if (limit === undefined)
            return;
        const alive = old.filter((rs) => !rs.metadata.deletionTimestamp).sort((a, b) => revisionOf(a) - revisionOf(b));
        let excess = alive.length - limit;
        for (const rs of alive) {
            if (excess <= 0)
                break;
            if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 0) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0))
                continue;
            excess--;
            await ignoreNotFound(this.#client.delete(replicaSets, rs.metadata.namespace, rs.metadata.name, { preconditions: { uid: rs.metadata.uid } }));
        }
    }
    /** Status after a rollout step, with Progressing as upstream words it. */
    async #rolloutStatus(d, all, newRS) {
        const now = Date.now();
        const status = deploymentStatus(d, all, newRS, now);
        const deadline = d.spec.progressDeadlineSeconds;
        if (deadline !== undefined && newRS) {
            const name = newRS.metadata.name;
            const current = status.conditions.find((c) => c.type === 'Progressing');
            if (isComplete(d, status)) {
                status.conditions = setCondition(status.conditions, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` }, now);
            }
            else if (madeProgress(d.status, status) || !current || current.reason === 'DeploymentResumed') {
                status.conditions = refreshed(status.conditions, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` }, now);
            }
            else if (current.reason !== 'ProgressDeadlineExceeded' && current.reason !== 'NewReplicaSetAvailable') {
                const since = Date.parse(current.lastUpdateTime ?? current.lastTransitionTime ?? '') || now;
                const left = since + deadline * 1000 - now;
                if (left <= 0) {
                    status.conditions = setCondition(status.conditions, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` }, now);
                    this.#events.event(d, 'Warning', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`);
                }
                else {
                    this.#queue.addAfter(keyOf(d), left + 100);
                }
            }
        }
        return this.#writeStatus(d, status);
    }
    #writeStatus(d, status) {
        return writeStatus(this.#client, deployments, d, status);
    }
}
/** Progress renews the condition's lastUpdateTime (the deadline counts from it) even when nothing else changes. */
function refreshed(conditions, c, now) {
    const set = setCondition(conditions, c, now);
    const iso = rfc3339(now);
    return set.map((x) => (x.type === c.type ? { ...x, lastUpdateTime: iso } : x));
}
/** Thrown to end a pass whose copy of the Deployment it has just changed; the watch brings the next. */
class StalePass extends Error {
    constructor() {
        super('deployment changed during this pass');
    }
}
//# sourceMappingURL=deployment.js.map