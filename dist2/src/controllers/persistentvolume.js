// The PersistentVolume controller (upstream's persistentvolume-controller, binding and reclaim): a
// claim is bound to the smallest Available volume that fits it (class, access modes, size, selector),
// or to the volume either side names; a claim whose class has a provisioner is handed to it (the
// storage-provisioner annotation) — at once for Immediate classes, once the scheduler has picked a node
// for WaitForFirstConsumer ones. A volume whose claim is gone is Released; a provisioned one with the
// Delete policy is then its provisioner's to delete, anything else stays Released (Retain) or Failed.
import { isApiError } from '../api/errors.js';
import { compareQuantities } from '../api/quantity.js';
import { BETA_STORAGE_PROVISIONER_ANNOTATION, BIND_COMPLETED_ANNOTATION, BOUND_BY_CONTROLLER_ANNOTATION, PROVISIONED_BY_ANNOTATION, SELECTED_NODE_ANNOTATION, STORAGE_PROVISIONER_ANNOTATION, claimClass, refersTo, volumeFitsClaim, volumeNodeTerms, volumeSize, } from '../api/persistentvolumes.js';
import { EventRecorder } from '../client/events.js';
import { keyOf } from '../client/informer.js';
import { persistentVolumeClaims, persistentVolumes } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { matchesAnyTerm } from '../scheduler/affinity.js';
import { writeStatus } from './writes.js';
const CLAIM = 'claim:';
const VOLUME = 'volume:';
export class PersistentVolumeController {
    #client;
    #claims;
    #volumes;
    #classes;
    #nodes;
    #queue = new WorkQueue();
    #events;
    #log;
    /** The last event given per claim, so a claim that keeps waiting is told once. */
    #told = new Map();
    constructor(client, opts) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`persistentvolume-controller: ${l}\n`));
        this.#claims = opts.informers.persistentVolumeClaims();
        this.#volumes = opts.informers.persistentVolumes();
        this.#classes = opts.informers.storageClasses();
        this.#nodes = opts.informers.nodes();
        this.#events = new EventRecorder(client, { component: 'persistentvolume-controller' });
        const claim = (c) => {
            this.#queue.add(CLAIM + keyOf(c));
            for (const v of this.#volumes.byIndex('claim', keyOf(c)))
                this.#queue.add(VOLUME + keyOf(v));
            if (c.spec?.volumeName)
                this.#queue.add(VOLUME + c.spec.volumeName);
        };
        this.#claims.addHandlers({ onAdd: claim, onUpdate: (_o, c) => claim(c), onDelete: (c) => { this.#told.delete(keyOf(c)); claim(c); } });
        const volume = (v) => {
            this.#queue.add(VOLUME + keyOf(v));
            const ref = v.spec?.claimRef;
            if (ref?.name)
                this.#queue.add(`${CLAIM}${ref.namespace ?? ''}/${ref.name}`);
            // A volume freed or made may be what a waiting claim needs, or the one a claim names.
            for (const c of this.#claims.list()) {
                if (c.spec?.volumeName ? c.spec.volumeName === v.metadata.name : !ref?.name)
                    this.#queue.add(CLAIM + keyOf(c));
            }
        };
        this.#volumes.addHandlers({ onAdd: volume, onUpdate: (_o, v) => volume(v), onDelete: volume });
        this.#classes.addHandlers({ onAdd: () => { for (const c of this.#claims.list())
                if (c.status?.phase !== 'Bound')
                    this.#queue.add(CLAIM + keyOf(c)); } });
    }
    async run(signal) {
        const all = [this.#claims, this.#volumes, this.#classes, this.#nodes];
        const informers = Promise.all(all.map((i) => i.run(signal)));
        await Promise.all(all.map((i) => i.waitForSync()));
        await runWorkers(this.#queue, 1, (key) => (key.startsWith(CLAIM) ? this.syncClaim(key.slice(CLAIM.length)) : this.syncVolume(key.slice(VOLUME.length))), signal, (key, e) => this.#log(`${key}: ${e.message}`));
        await informers;
    }
    #tell(c, type, reason, message) {
        const key = keyOf(c);
        if (this.#told.get(key) === reason + message)
            return;
        this.#told.set(key, reason + message);
        this.#events.event(c, type, reason, message);
    }
    async syncClaim(key) {
        const c = this.#claims.get(key);
        if (!c || c.metadata.deletionTimestamp)
            return;
        if (c.spec?.volumeName)
            return this.#syncBoundClaim(c, c.spec.volumeName);
        const volume = this.#findVolume(c);
        if (volume)
            return this.#bind(volume, c);
        const sc = this.#classes.get(claimClass(c));
        const delayed = sc?.volumeBindingMode === 'WaitForFirstConsumer';
        const node = c.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
        if (delayed && !node)
            return this.#tell(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        if (sc && sc.provisioner !== 'kubernetes.io/no-provisioner') {
            const a = c.metadata.annotations ?? {};
            if (a[STORAGE_PROVISIONER_ANNOTATION] !== sc.provisioner) {
                await this.#client.update(persistentVolumeClaims, c.metadata.namespace, { ...c, metadata: { ...c.metadata, annotations: { ...a, [STORAGE_PROVISIONER_ANNOTATION]: sc.provisioner, [BETA_STORAGE_PROVISIONER_ANNOTATION]: sc.provisioner } } }).catch(ignoreStale);
            }
            return this.#tell(c, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
        }
        const why = claimClass(c) ? `storageclass.storage.k8s.io "${claimClass(c)}" not found` : 'no persistent volumes available for this claim and no storage class is set';
        this.#tell(c, 'Warning', sc ? 'ProvisioningFailed' : 'FailedBinding', sc ? 'no volume plugin matched name: kubernetes.io/no-provisioner' : why);
    }
    /** The volume for an unbound claim: one pre-bound to it, else the smallest Available one that fits (and reaches its node). */
    #findVolume(c) {
        const node = c.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
        const nodeLabels = node ? this.#nodes.get(node)?.metadata.labels ?? {} : undefined;
        const reaches = (v) => {
            const terms = volumeNodeTerms(v);
            return !terms || !nodeLabels || matchesAnyTerm(terms, nodeLabels, node);
        };
        const delayed = this.#classes.get(claimClass(c))?.volumeBindingMode === 'WaitForFirstConsumer';
        let best;
        for (const v of this.#volumes.list()) {
            if (v.metadata.deletionTimestamp || !volumeFitsClaim(v, c))
                continue;
            const ref = v.spec?.claimRef;
            if (ref) {
                if (refersTo(ref, c))
                    return v;
                continue;
            }
            if (v.status?.phase !== 'Available' || (delayed && (!node || !reaches(v))))
                continue;
            const size = volumeSize(v);
            if (!best || compareQuantities(size, volumeSize(best)) < 0)
                best = v;
        }
        return best;
    }
    /** Writes the binding on both sides: the volume's claimRef and phase, then the claim's volumeName and status. */
    async #bind(v, c) {
        let volume = v;
        if (!refersTo(v.spec?.claimRef, c) || !v.spec?.claimRef?.uid) {
            const claimRef = { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion };
            const annotations = v.spec?.claimRef ? v.metadata.annotations : { ...v.metadata.annotations, [BOUND_BY_CONTROLLER_ANNOTATION]: 'yes' };
            try {
                volume = await this.#client.update(persistentVolumes, undefined, { ...v, metadata: { ...v.metadata, ...(annotations ? { annotations } : {}) }, spec: { ...v.spec, claimRef } });
            }
            catch (e) {
                return ignoreStale(e);
            }
        }
        await writeStatus(this.#client, persistentVolumes, volume, { ...volume.status, phase: 'Bound' });
        const annotations = { ...c.metadata.annotations, [BIND_COMPLETED_ANNOTATION]: 'yes', ...(c.spec?.volumeName ? {} : { [BOUND_BY_CONTROLLER_ANNOTATION]: 'yes' }) };
        let claim;
        try {
            claim = await this.#client.update(persistentVolumeClaims, c.metadata.namespace, { ...c, metadata: { ...c.metadata, annotations }, spec: { ...c.spec, volumeName: volume.metadata.name } });
        }
        catch (e) {
            return ignoreStale(e);
        }
        await this.#writeBoundStatus(claim, volume);
    }
    async #writeBoundStatus(c, v) {
        const status = { ...c.status, phase: 'Bound', accessModes: v.spec?.accessModes ?? [], capacity: { ...v.spec?.capacity } };
        if (c.status?.phase !== 'Bound')
            this.#tell(c, 'Normal', 'Bound', `Successfully bound to volume ${v.metadata.name}`);
        await writeStatus(this.#client, persistentVolumeClaims, c, status);
    }
    async #syncBoundClaim(c, volumeName) {
        const v = this.#volumes.get(volumeName);
        if (!v) {
            if (c.status?.phase === 'Bound') {
                this.#tell(c, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
                await writeStatus(this.#client, persistentVolumeClaims, c, { ...c.status, phase: 'Lost' });
            }
            return;
        }
        const ref = v.spec?.claimRef;
        if (!ref || refersTo(ref, c)) {
            if (!ref?.uid || v.status?.phase !== 'Bound' || c.metadata.annotations?.[BIND_COMPLETED_ANNOTATION] !== 'yes')
                return this.#bind(v, c);
            return this.#writeBoundStatus(c, v);
        }
        this.#tell(c, 'Warning', 'FailedBinding', 'volume already bound to a different claim.');
    }
    async syncVolume(name) {
        const v = this.#volumes.get(name);
        if (!v || v.metadata.deletionTimestamp)
            return;
        const ref = v.spec?.claimRef;
        if (!ref?.name)
            return writeStatus(this.#client, persistentVolumes, v, { ...v.status, phase: 'Available' });
        const claim = this.#claims.get(`${ref.namespace ?? ''}/${ref.name}`);
        // Pre-bound to a claim that does not exist yet: it waits for that claim, Available to no other.
        if (!ref.uid)
            return v.status?.phase === 'Pending' ? writeStatus(this.#client, persistentVolumes, v, { ...v.status, phase: 'Available' }) : undefined;
        if (claim && claim.metadata.uid === ref.uid) {
            if (v.status?.phase !== 'Bound' && claim.spec?.volumeName === name)
                await writeStatus(this.#client, persistentVolumes, v, { ...v.status, phase: 'Bound' });
            return;
        }
        // Its claim is gone: Released, then reclaimed as its policy says.
        if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') {
            await writeStatus(this.#client, persistentVolumes, v, { ...v.status, phase: 'Released' });
            return;
        }
        if (v.spec?.persistentVolumeReclaimPolicy !== 'Delete' || v.metadata.annotations?.[PROVISIONED_BY_ANNOTATION] || v.status?.phase === 'Failed')
            return;
        // Upstream deletes only through a volume plugin; berth has none for volumes nobody provisioned.
        const message = `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
        this.#events.event(v, 'Warning', 'VolumeFailedDelete', message);
        await writeStatus(this.#client, persistentVolumes, v, { ...v.status, phase: 'Failed', message });
    }
}
/** A write that lost to another (Conflict) or whose object went away: the informers bring the next pass. */
function ignoreStale(e) {
    if (!isApiError(e, 'Conflict') && !isApiError(e, 'NotFound'))
        throw e;
}
//# sourceMappingURL=persistentvolume.js.map