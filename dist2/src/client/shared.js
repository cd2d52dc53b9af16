// Informers shared by the components of one process: one list and one watch per resource however many
// controllers look at it, and one frozen cache they all read. (Each component alone would parse and
// hold every object again.)
import { Informer } from './informer.js';
import { persistentVolumeClaims, persistentVolumes, storageClasses } from './resources.js';
import { controllerRevisions, cronJobs, daemonSets, deployments, endpoints, endpointSlices, jobs, leases, namespaces, nodes, podDisruptionBudgets, pods, priorityClasses, replicaSets, replicationControllers, services, statefulSets } from './resources.js';
export class SharedInformers {
    #client;
    #onError;
    #pods;
    #nodes;
    #nodeLeases;
    #replicaSets;
    #deployments;
    #namespaces;
    #daemonSets;
    #statefulSets;
    #controllerRevisions;
    #services;
    #endpoints;
    #endpointSlices;
    #jobs;
    #cronJobs;
    #replicationControllers;
    #podDisruptionBudgets;
    #priorityClasses;
    #persistentVolumeClaims;
    #persistentVolumes;
    #storageClasses;
    constructor(client, onError = () => { }) {
        this.#client = client;
        this.#onError = onError;
    }
    /** Every Pod, indexed by the node it is bound to ('node'), by namespace ('namespace') and by owner uid ('owner'). */
    pods() {
        return (this.#pods ??= new Informer(this.#client, pods, { onError: this.#onError, indexers: { node: (p) => (p.spec.nodeName ? [p.spec.nodeName] : []), namespace, owner } }));
    }
    /** Every ReplicaSet, indexed by namespace ('namespace') and owner uid ('owner'); Deployments the same. */
    replicaSets() {
        return (this.#replicaSets ??= new Informer(this.#client, replicaSets, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    deployments() {
        return (this.#deployments ??= new Informer(this.#client, deployments, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    daemonSets() {
        return (this.#daemonSets ??= new Informer(this.#client, daemonSets, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    statefulSets() {
        return (this.#statefulSets ??= new Informer(this.#client, statefulSets, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    /** ControllerRevisions, indexed by owner uid ('owner'): a DaemonSet's or StatefulSet's history. */
    controllerRevisions() {
        return (this.#controllerRevisions ??= new Informer(this.#client, controllerRevisions, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    /** Every Job, indexed by namespace ('namespace') and owner uid ('owner', its CronJob); CronJobs by namespace. */
    jobs() {
        return (this.#jobs ??= new Informer(this.#client, jobs, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    cronJobs() {
        return (this.#cronJobs ??= new Informer(this.#client, cronJobs, { onError: this.#onError, indexers: { namespace } }));
    }
    replicationControllers() {
        return (this.#replicationControllers ??= new Informer(this.#client, replicationControllers, { onError: this.#onError, indexers: { namespace, owner } }));
    }
    podDisruptionBudgets() {
        return (this.#podDisruptionBudgets ??= new Informer(this.#client, podDisruptionBudgets, { onError: this.#onError, indexers: { namespace } }));
    }
    priorityClasses() {
        return (this.#priorityClasses ??= new Informer(this.#client, priorityClasses, { onError: this.#onError }));
    }
    persistentVolumeClaims() {
        return (this.#persistentVolumeClaims ??= new Informer(this.#client, persistentVolumeClaims, { onError: this.#onError }));
    }
    /** Every PersistentVolume, indexed by the `namespace/name` of the claim its claimRef names ('claim'). */
    persistentVolumes() {
        return (this.#persistentVolumes ??= new Informer(this.#client, persistentVolumes, { onError: this.#onError, indexers: { claim: volumeClaim } }));
    }
    storageClasses() {
        return (this.#storageClasses ??= new Informer(this.#client, storageClasses, { onError: this.#onError }));
    }
    nodes() {
        return (this.#nodes ??= new Informer(this.#client, nodes, { onError: this.#onError }));
    }
    namespaces() {
        return (this.#namespaces ??= new Informer(this.#client, namespaces, { onError: this.#onError }));
    }
    /** Every Service, indexed by namespace ('namespace'). */
    services() {
        return (this.#services ??= new Informer(this.#client, services, { onError: this.#onError, indexers: { namespace } }));
    }
    endpoints() {
        return (this.#endpoints ??= new Informer(this.#client, endpoints, { onError: this.#onError }));
    }
    /** Every EndpointSlice, indexed by the `namespace/name` of the Service it serves ('service'). */
    endpointSlices() {
        return (this.#endpointSlices ??= new Informer(this.#client, endpointSlices, { onError: this.#onError, indexers: { service: sliceService } }));
    }
    /** The nodes' heartbeat Leases in kube-node-lease. */
    nodeLeases() {
        return (this.#nodeLeases ??= new Informer(this.#client, leases, { namespace: 'kube-node-lease', onError: this.#onError }));
    }
}
const namespace = (o) => [o.metadata.namespace ?? ''];
/** The label every EndpointSlice of a Service carries: its name. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const sliceService = (o) => {
    const name = o.metadata.labels?.[SERVICE_NAME_LABEL];
    return name ? [`${o.metadata.namespace}/${name}`] : [];
};
const volumeClaim = (v) => (v.spec?.claimRef?.name ? [`${v.spec.claimRef.namespace ?? ''}/${v.spec.claimRef.name}`] : []);
/** The uids an object's ownerReferences name: the garbage collector's index of dependents. */
export const owner = (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid);
//# sourceMappingURL=shared.js.map