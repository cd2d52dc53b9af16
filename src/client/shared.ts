// Informers shared by the components of one process: one list and one watch per resource however many
// controllers look at it, and one frozen cache they all read. (Each component alone would parse and
// hold every object again.)

import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/types.js';
import type { ControllerRevision, CronJob, DaemonSet, Deployment, Endpoints, EndpointSlice, Job, KObject, Lease, Namespace, Node, Pod, PodDisruptionBudget, PriorityClass, ReplicaSet, ReplicationController, Service, StatefulSet } from '../api/types.js';
import { Informer } from './informer.js';
import { persistentVolumeClaims, persistentVolumes, storageClasses } from './resources.js';
import { controllerRevisions, cronJobs, daemonSets, deployments, endpoints, endpointSlices, jobs, leases, namespaces, nodes, podDisruptionBudgets, pods, priorityClasses, replicaSets, replicationControllers, services, statefulSets } from './resources.js';
import type { RestClient } from './rest.js';

export class SharedInformers {
  readonly #client: RestClient;
  readonly #onError: (e: unknown) => void;
  #pods: Informer<Pod> | undefined;
  #nodes: Informer<Node> | undefined;
  #nodeLeases: Informer<Lease> | undefined;
  #replicaSets: Informer<ReplicaSet> | undefined;
  #deployments: Informer<Deployment> | undefined;
  #namespaces: Informer<Namespace> | undefined;
  #daemonSets: Informer<DaemonSet> | undefined;
  #statefulSets: Informer<StatefulSet> | undefined;
  #controllerRevisions: Informer<ControllerRevision> | undefined;
  #services: Informer<Service> | undefined;
  #endpoints: Informer<Endpoints> | undefined;
  #endpointSlices: Informer<EndpointSlice> | undefined;
  #jobs: Informer<Job> | undefined;
  #cronJobs: Informer<CronJob> | undefined;
  #replicationControllers: Informer<ReplicationController> | undefined;
  #podDisruptionBudgets: Informer<PodDisruptionBudget> | undefined;
  #priorityClasses: Informer<PriorityClass> | undefined;
  #persistentVolumeClaims: Informer<PersistentVolumeClaim> | undefined;
  #persistentVolumes: Informer<PersistentVolume> | undefined;
  #storageClasses: Informer<StorageClass> | undefined;

  constructor(client: RestClient, onError: (e: unknown) => void = () => {}) {
    this.#client = client;
    this.#onError = onError;
  }

  /** Every Pod, indexed by the node it is bound to ('node'), by namespace ('namespace') and by owner uid ('owner'). */
  pods(): Informer<Pod> {
    return (this.#pods ??= new Informer<Pod>(this.#client, pods, { onError: this.#onError, indexers: { node: (p) => (p.spec.nodeName ? [p.spec.nodeName] : []), namespace, owner } }));
  }

  /** Every ReplicaSet, indexed by namespace ('namespace') and owner uid ('owner'); Deployments the same. */
  replicaSets(): Informer<ReplicaSet> {
    return (this.#replicaSets ??= new Informer<ReplicaSet>(this.#client, replicaSets, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  deployments(): Informer<Deployment> {
    return (this.#deployments ??= new Informer<Deployment>(this.#client, deployments, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  daemonSets(): Informer<DaemonSet> {
    return (this.#daemonSets ??= new Informer<DaemonSet>(this.#client, daemonSets, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  statefulSets(): Informer<StatefulSet> {
    return (this.#statefulSets ??= new Informer<StatefulSet>(this.#client, statefulSets, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  /** ControllerRevisions, indexed by owner uid ('owner'): a DaemonSet's or StatefulSet's history. */
  controllerRevisions(): Informer<ControllerRevision> {
    return (this.#controllerRevisions ??= new Informer<ControllerRevision>(this.#client, controllerRevisions, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  /** Every Job, indexed by namespace ('namespace') and owner uid ('owner', its CronJob); CronJobs by namespace. */
  jobs(): Informer<Job> {
    return (this.#jobs ??= new Informer<Job>(this.#client, jobs, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  cronJobs(): Informer<CronJob> {
    return (this.#cronJobs ??= new Informer<CronJob>(this.#client, cronJobs, { onError: this.#onError, indexers: { namespace } }));
  }

  replicationControllers(): Informer<ReplicationController> {
    return (this.#replicationControllers ??= new Informer<ReplicationController>(this.#client, replicationControllers, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  podDisruptionBudgets(): Informer<PodDisruptionBudget> {
    return (this.#podDisruptionBudgets ??= new Informer<PodDisruptionBudget>(this.#client, podDisruptionBudgets, { onError: this.#onError, indexers: { namespace } }));
  }

  priorityClasses(): Informer<PriorityClass> {
    return (this.#priorityClasses ??= new Informer<PriorityClass>(this.#client, priorityClasses, { onError: this.#onError }));
  }

  persistentVolumeClaims(): Informer<PersistentVolumeClaim> {
    return (this.#persistentVolumeClaims ??= new Informer<PersistentVolumeClaim>(this.#client, persistentVolumeClaims, { onError: this.#onError }));
  }

  /** Every PersistentVolume, indexed by the `namespace/name` of the claim its claimRef names ('claim'). */
  persistentVolumes(): Informer<PersistentVolume> {
    return (this.#persistentVolumes ??= new Informer<PersistentVolume>(this.#client, persistentVolumes, { onError: this.#onError, indexers: { claim: volumeClaim } }));
  }

  storageClasses(): Informer<StorageClass> {
    return (this.#storageClasses ??= new Informer<StorageClass>(this.#client, storageClasses, { onError: this.#onError }));
  }

  nodes(): Informer<Node> {
    return (this.#nodes ??= new Informer<Node>(this.#client, nodes, { onError: this.#onError }));
  }

  namespaces(): Informer<Namespace> {
    return (this.#namespaces ??= new Informer<Namespace>(this.#client, namespaces, { onError: this.#onError }));
  }

  /** Every Service, indexed by namespace ('namespace'). */
  services(): Informer<Service> {
    return (this.#services ??= new Informer<Service>(this.#client, services, { onError: this.#onError, indexers: { namespace } }));
  }

  endpoints(): Informer<Endpoints> {
    return (this.#endpoints ??= new Informer<Endpoints>(this.#client, endpoints, { onError: this.#onError }));
  }

  /** Every EndpointSlice, indexed by the `namespace/name` of the Service it serves ('service'). */
  endpointSlices(): Informer<EndpointSlice> {
    return (this.#endpointSlices ??= new Informer<EndpointSlice>(this.#client, endpointSlices, { onError: this.#onError, indexers: { service: sliceService } }));
  }

  /** The nodes' heartbeat Leases in kube-node-lease. */
  nodeLeases(): Informer<Lease> {
    return (this.#nodeLeases ??= new Informer<Lease>(this.#client, leases, { namespace: 'kube-node-lease', onError: this.#onError }));
  }
}

const namespace = (o: KObject): string[] => [o.metadata.namespace ?? ''];
/** The label every EndpointSlice of a Service carries: its name. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const sliceService = (o: KObject): string[] => {
  const name = o.metadata.labels?.[SERVICE_NAME_LABEL];
  return name ? [`${o.metadata.namespace}/${name}`] : [];
};
const volumeClaim = (v: PersistentVolume): string[] => (v.spec?.claimRef?.name ? [`${v.spec.claimRef.namespace ?? ''}/${v.spec.claimRef.name}`] : []);
/** The uids an object's ownerReferences name: the garbage collector's index of dependents. */
export const owner = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);
