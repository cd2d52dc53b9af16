// Informers shared by the components of one process: one list and one watch per resource however many
// controllers look at it, and one frozen cache they all read. (Each component alone would parse and
// hold every object again.)

import type { Deployment, EndpointSlice, Endpoints, KObject, Lease, Namespace, Node, Pod, ReplicaSet, Service } from '../api/types.js';
import { Informer } from './informer.js';
import { deployments, endpointSlices, endpoints, leases, namespaces, nodes, pods, replicaSets, services } from './resources.js';
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
  #services: Informer<Service> | undefined;
  #endpoints: Informer<Endpoints> | undefined;
  #endpointSlices: Informer<EndpointSlice> | undefined;

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
/** The uids an object's ownerReferences name: the garbage collector's index of dependents. */
export const owner = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);
