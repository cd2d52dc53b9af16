// Informers shared by the components of one process: one list and one watch per resource however many
// controllers look at it, and one frozen cache they all read. (Each component alone would parse and
// hold every object again.)

import type { Deployment, KObject, Lease, Namespace, Node, Pod, PodDisruptionBudget, PriorityClass, ReplicaSet, ReplicationController } from '../api/types.js';
import { Informer } from './informer.js';
import { deployments, leases, namespaces, nodes, podDisruptionBudgets, pods, priorityClasses, replicaSets, replicationControllers } from './resources.js';
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
  #replicationControllers: Informer<ReplicationController> | undefined;
  #podDisruptionBudgets: Informer<PodDisruptionBudget> | undefined;
  #priorityClasses: Informer<PriorityClass> | undefined;

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

  replicationControllers(): Informer<ReplicationController> {
    return (this.#replicationControllers ??= new Informer<ReplicationController>(this.#client, replicationControllers, { onError: this.#onError, indexers: { namespace, owner } }));
  }

  podDisruptionBudgets(): Informer<PodDisruptionBudget> {
    return (this.#podDisruptionBudgets ??= new Informer<PodDisruptionBudget>(this.#client, podDisruptionBudgets, { onError: this.#onError, indexers: { namespace } }));
  }

  priorityClasses(): Informer<PriorityClass> {
    return (this.#priorityClasses ??= new Informer<PriorityClass>(this.#client, priorityClasses, { onError: this.#onError }));
  }

  nodes(): Informer<Node> {
    return (this.#nodes ??= new Informer<Node>(this.#client, nodes, { onError: this.#onError }));
  }

  namespaces(): Informer<Namespace> {
    return (this.#namespaces ??= new Informer<Namespace>(this.#client, namespaces, { onError: this.#onError }));
  }

  /** The nodes' heartbeat Leases in kube-node-lease. */
  nodeLeases(): Informer<Lease> {
    return (this.#nodeLeases ??= new Informer<Lease>(this.#client, leases, { namespace: 'kube-node-lease', onError: this.#onError }));
  }
}

const namespace = (o: KObject): string[] => [o.metadata.namespace ?? ''];
/** The uids an object's ownerReferences name: the garbage collector's index of dependents. */
export const owner = (o: KObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);
