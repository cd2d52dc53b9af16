// The disruption controller: keeps every PodDisruptionBudget's status, which the eviction subresource
// and the scheduler's preemption read. It counts the budget's Pods that are Ready (currentHealthy), works
// out how many must stay so (desiredHealthy: minAvailable, or the controllers' scale less maxUnavailable,
// percentages rounded up), allows the difference, and forgets evictions (disruptedPods) once their Pod is
// gone or two minutes have passed, as upstream.
import { isApiError } from '../api/errors.js';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
import { findKind } from '../api/schema/resources.js';
import { rfc3339 } from '../api/time.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { podDisruptionBudgets } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { controllerOf } from './controllerref.js';
import { isReady } from './podstate.js';
import { writeStatus } from './writes.js';
/** How long an eviction is counted against the budget before its Pod is seen deleted (upstream's DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60 * 1000;
function selectorOf(pdb) {
    try {
        return fromLabelSelectorObject(pdb.spec?.selector); // null selects nothing, {} everything
    }
    catch {
        return undefined;
    }
}
/** An int, or a percentage of total rounded up (upstream's GetScaledValueFromIntOrPercent with roundUp). */
function scaled(v, total) {
    return typeof v === 'number' ? v : Math.ceil((parseInt(v, 10) * total) / 100);
}
export class DisruptionController {
    #client;
    #pdbs;
    #pods;
    #replicaSets;
    #queue = new WorkQueue();
    #events;
    #log;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`disruption: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#pdbs = informers.podDisruptionBudgets();
        this.#pods = informers.pods();
        this.#replicaSets = informers.replicaSets();
        this.#events = new EventRecorder(client, { component: 'controllermanager' });
        this.#pdbs.addHandlers({
            onAdd: (p) => this.#queue.add(keyOf(p)),
            onUpdate: (_o, p) => this.#queue.add(keyOf(p)),
        });
        const podChanged = (p) => {
            for (const pdb of this.#pdbs.byIndex('namespace', p.metadata.namespace ?? '')) {
                const sel = selectorOf(pdb);
                if (sel && matchLabels(sel, p.metadata.labels))
                    this.#queue.add(keyOf(pdb));
            }
        };
        this.#pods.addHandlers({ onAdd: podChanged, onUpdate: (old, p) => (podChanged(old), podChanged(p)), onDelete: podChanged });
    }
    async run(signal) {
        const watched = [this.#pdbs, this.#pods, this.#replicaSets];
        const informers = Promise.all(watched.map((i) => i.run(signal)));
        await Promise.all(watched.map((i) => i.waitForSync()));
        await runWorkers(this.#queue, 2, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const pdb = this.#pdbs.get(key);
        if (!pdb)
            return;
        const sel = selectorOf(pdb);
        const pods = sel ? this.#pods.byIndex('namespace', pdb.metadata.namespace ?? '').filter((p) => matchLabels(sel, p.metadata.labels)) : [];
        let counts;
        try {
            counts = await this.#desired(pdb, pods);
        }
        catch (e) {
            this.#events.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`);
            return this.#write(pdb, { ...this.#counts(pdb, pods), expected: 0, desired: 0 }, { status: 'False', reason: 'SyncFailed', message: e.message });
        }
        await this.#write(pdb, { ...this.#counts(pdb, pods), ...counts });
    }
    /** Ready Pods not being deleted nor just evicted, and the evictions still pending. */
    #counts(pdb, pods) {
        const now = Date.now();
        const byName = new Map(pods.map((p) => [p.metadata.name, p]));
        const disrupted = {};
        let nextExpiry = Infinity;
        for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
            const p = byName.get(name);
            const expires = Date.parse(at) + DELETION_TIMEOUT_MS;
            if (!p || p.metadata.deletionTimestamp || expires <= now)
                continue;
            disrupted[name] = at;
            nextExpiry = Math.min(nextExpiry, expires);
        }
        if (nextExpiry !== Infinity)
            this.#queue.addAfter(keyOf(pdb), nextExpiry - now + 50);
        const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name in disrupted) && isReady(p)).length;
        return { healthy, disrupted };
    }
    async #desired(pdb, pods) {
        const { minAvailable, maxUnavailable } = pdb.spec ?? {};
        if (typeof minAvailable === 'number')
            return { expected: pods.length, desired: minAvailable };
        if (minAvailable === undefined && maxUnavailable === undefined)
            return { expected: pods.length, desired: 0 };
        const expected = await this.#expectedScale(pdb, pods);
        if (minAvailable !== undefined)
            return { expected, desired: scaled(minAvailable, expected) };
        return { expected, desired: Math.max(0, expected - scaled(maxUnavailable, expected)) };
    }
    /** The replicas the Pods' controllers want, each controller counted once (through its scale subresource). */
    async #expectedScale(pdb, pods) {
        const seen = new Map();
        let unmanaged = 0;
        for (const p of pods) {
            let ref = controllerOf(p);
            if (!ref) {
                unmanaged++;
                continue;
            }
            // A Deployment's ReplicaSets are scaled by the Deployment.
            if (ref.kind === 'ReplicaSet') {
                const rs = this.#replicaSets.get(`${p.metadata.namespace}/${ref.name}`);
                const owner = rs && controllerOf(rs);
                if (owner?.kind === 'Deployment')
                    ref = owner;
            }
            if (seen.has(ref.uid))
                continue;
            const r = findKind(ref.apiVersion, ref.kind);
            if (!r?.subresources.includes('scale'))
                throw new Error(`found no controllers for pod "${p.metadata.name}"`);
            try {
                const scale = await this.#client.get(r, p.metadata.namespace, ref.name, { subresource: 'scale' });
                if (scale.metadata.uid !== ref.uid)
                    throw new Error(`found no controllers for pod "${p.metadata.name}"`);
                seen.set(ref.uid, scale.spec?.replicas ?? 0);
            }
            catch (e) {
                if (isApiError(e, 'NotFound'))
                    throw new Error(`found no controllers for pod "${p.metadata.name}"`);
                throw e;
            }
        }
        if (unmanaged) {
            this.#events.event(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${JSON.stringify(pdb.spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
        }
        return [...seen.values()].reduce((a, b) => a + b, 0);
    }
    async #write(pdb, c, failed) {
        const allowed = failed || c.expected <= 0 ? 0 : Math.max(0, c.healthy - c.desired);
        const want = failed ?? (allowed > 0 ? { status: 'True', reason: 'SufficientPods', message: '' } : { status: 'False', reason: 'InsufficientPods', message: '' });
        const generation = pdb.metadata.generation ?? 0;
        const old = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
        const condition = { type: 'DisruptionAllowed', ...want, observedGeneration: generation, lastTransitionTime: old?.status === want.status ? old.lastTransitionTime : rfc3339() };
        const status = {
            observedGeneration: generation,
            ...(Object.keys(c.disrupted).length ? { disruptedPods: c.disrupted } : {}),
            disruptionsAllowed: allowed,
            currentHealthy: c.healthy,
            desiredHealthy: c.desired,
            expectedPods: c.expected,
            conditions: [...(pdb.status?.conditions ?? []).filter((x) => x.type !== 'DisruptionAllowed'), condition],
        };
        await writeStatus(this.#client, podDisruptionBudgets, pdb, status);
    }
}
//# sourceMappingURL=disruption.js.map