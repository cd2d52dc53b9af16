// The node's local-path provisioner, as k3s ships one: a default StorageClass `local-path` whose volumes
// are directories under this node's data dir. A claim of that class that the binder handed to us (the
// storage-provisioner annotation) and the scheduler placed on this node (the selected-node annotation)
// gets a directory and a hostPath PersistentVolume limited to this node, pre-bound to the claim; a
// volume of ours that is Released with the Delete policy, or deleted, loses its directory first. It runs
// on the node because it touches the node's disk; it sees the cluster only through the client.
import { promises as fs } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isApiError } from '../api/errors.js';
import { PROVISIONED_BY_ANNOTATION, SELECTED_NODE_ANNOTATION, STORAGE_PROVISIONER_ANNOTATION, claimClass } from '../api/persistentvolumes.js';
import { DEFAULT_CLASS_ANNOTATION } from '../api/tables/storage.js';
import { EventRecorder } from '../client/events.js';
import { Informer, keyOf } from '../client/informer.js';
import { persistentVolumeClaims, persistentVolumes, storageClasses } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_CLASS = 'local-path';
/** On our volumes: the node whose disk holds the directory (only that node's provisioner deletes it). */
const NODE_ANNOTATION = 'local.path.provisioner/selected-node';
/** Keeps a deleted volume until its directory is gone, as external provisioners' finalizer does. */
export const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
export const localPathClass = () => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: LOCAL_PATH_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
});
const CLAIM = 'claim:';
const VOLUME = 'volume:';
export class LocalPathProvisioner {
    #o;
    #claims;
    #volumes;
    #classes;
    #queue = new WorkQueue();
    #events;
    #log;
    constructor(o) {
        this.#o = o;
        this.#log = o.log ?? ((l) => process.stderr.write(`local-path ${o.nodeName}: ${l}\n`));
        const onError = (e) => this.#log(`watch: ${e.message}`);
        this.#claims = new Informer(o.client, persistentVolumeClaims, { onError });
        this.#volumes = new Informer(o.client, persistentVolumes, { onError });
        this.#classes = new Informer(o.client, storageClasses, { onError });
        this.#events = new EventRecorder(o.client, { component: `${LOCAL_PATH_PROVISIONER}_${o.nodeName}`, host: o.nodeName });
        const claim = (c) => this.#queue.add(CLAIM + keyOf(c));
        this.#claims.addHandlers({ onAdd: claim, onUpdate: (_o, c) => claim(c), onDelete: () => { for (const v of this.#volumes.list())
                this.#queue.add(VOLUME + keyOf(v)); } });
        const volume = (v) => this.#queue.add(VOLUME + keyOf(v));
        this.#volumes.addHandlers({ onAdd: volume, onUpdate: (_o, v) => volume(v) });
    }
    async start(signal) {
        await this.#o.client.create(storageClasses, undefined, localPathClass()).catch((e) => {
            if (!isApiError(e, 'AlreadyExists'))
                throw e;
        });
        const all = [this.#claims, this.#volumes, this.#classes];
        const informers = Promise.all(all.map((i) => i.run(signal)));
        await Promise.all(all.map((i) => i.waitForSync()));
        await runWorkers(this.#queue, 1, (key) => (key.startsWith(CLAIM) ? this.#provision(key.slice(CLAIM.length)) : this.#reclaim(key.slice(VOLUME.length))), signal, (key, e) => this.#log(`${key}: ${e.message}`));
        await informers;
    }
    #ours(c) {
        const a = c.metadata.annotations ?? {};
        return a[STORAGE_PROVISIONER_ANNOTATION] === LOCAL_PATH_PROVISIONER && a[SELECTED_NODE_ANNOTATION] === this.#o.nodeName;
    }
    /** The directory of a volume for a claim, named as k3s names it. */
    #directory(volume, c) {
        return join(this.#o.root, `${volume}_${c.metadata.namespace}_${c.metadata.name}`);
    }
    async #provision(key) {
        const c = this.#claims.get(key);
        if (!c || c.metadata.deletionTimestamp || c.spec?.volumeName || !this.#ours(c))
            return;
        const sc = this.#classes.get(claimClass(c));
        if (sc?.provisioner !== LOCAL_PATH_PROVISIONER)
            return;
        const name = `pvc-${c.metadata.uid}`;
        if (this.#volumes.get(name))
            return;
        if (c.spec?.volumeMode === 'Block') {
            this.#events.event(c, 'Warning', 'ProvisioningFailed', 'failed to provision volume with StorageClass "local-path": Block volume mode is not supported');
            return;
        }
        const path = this.#directory(name, c);
        await fs.mkdir(path, { recursive: true, mode: 0o777 });
        await fs.chmod(path, 0o777); // any user a Pod runs as may write its volume, as k3s's helper Pod leaves it
        const pv = {
            apiVersion: 'v1',
            kind: 'PersistentVolume',
            metadata: { name, annotations: { [PROVISIONED_BY_ANNOTATION]: LOCAL_PATH_PROVISIONER, [NODE_ANNOTATION]: this.#o.nodeName }, finalizers: [PROVISIONER_FINALIZER] },
            spec: {
                capacity: { storage: c.spec?.resources?.requests?.storage ?? '0' },
                accessModes: c.spec?.accessModes ?? ['ReadWriteOnce'],
                persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
                storageClassName: sc.metadata.name,
                volumeMode: 'Filesystem',
                hostPath: { path, type: 'DirectoryOrCreate' },
                nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [this.#o.nodeName] }] }] } },
                claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, resourceVersion: c.metadata.resourceVersion },
            },
        };
        try {
            await this.#o.client.create(persistentVolumes, undefined, pv);
        }
        catch (e) {
            if (!isApiError(e, 'AlreadyExists'))
                throw e;
            return;
        }
        this.#events.event(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    }
    async #reclaim(name) {
        const v = this.#volumes.get(name);
        const a = v?.metadata.annotations ?? {};
        if (!v || a[PROVISIONED_BY_ANNOTATION] !== LOCAL_PATH_PROVISIONER || a[NODE_ANNOTATION] !== this.#o.nodeName)
            return;
        const ref = v.spec?.claimRef;
        const claim = ref ? this.#claims.get(`${ref.namespace}/${ref.name}`) : undefined;
        const inUse = claim !== undefined && claim.metadata.uid === ref?.uid;
        if (v.metadata.deletionTimestamp) {
            // Deleted while its claim still holds it: kept until the claim lets go (upstream's pv-protection).
            if (inUse || !v.metadata.finalizers?.includes(PROVISIONER_FINALIZER))
                return;
            await this.#removeDirectory(v);
            const finalizers = v.metadata.finalizers.filter((f) => f !== PROVISIONER_FINALIZER);
            await this.#o.client.update(persistentVolumes, undefined, { ...v, metadata: { ...v.metadata, finalizers } }).catch(ignoreGone);
            return;
        }
        if (v.status?.phase !== 'Released' || v.spec?.persistentVolumeReclaimPolicy !== 'Delete' || inUse)
            return;
        await this.#removeDirectory(v);
        await this.#o.client.delete(persistentVolumes, undefined, name).catch(ignoreGone);
    }
    /** Removes the volume's directory, never anything outside the provisioner's root. */
    async #removeDirectory(v) {
        const path = resolve(v.spec?.hostPath?.path ?? '');
        if (!path.startsWith(resolve(this.#o.root) + sep)) {
            this.#log(`volume ${v.metadata.name}: ${path} is outside ${this.#o.root}; left alone`);
            return;
        }
        await fs.rm(path, { recursive: true, force: true });
    }
}
function ignoreGone(e) {
    if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
        throw e;
}
//# sourceMappingURL=localpath.js.map