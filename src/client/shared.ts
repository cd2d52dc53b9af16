// Informers shared by the components of one process: one list and one watch per resource however many
// controllers look at it, and one frozen cache they all read. (Each component alone would parse and
// hold every object again.)

import type { Lease, Node, Pod } from '../api/types.js';
import { Informer } from './informer.js';
import { leases, nodes, pods } from './resources.js';
import type { RestClient } from './rest.js';

export class SharedInformers {
  readonly #client: RestClient;
  readonly #onError: (e: unknown) => void;
  #pods: Informer<Pod> | undefined;
  #nodes: Informer<Node> | undefined;
  #nodeLeases: Informer<Lease> | undefined;

  constructor(client: RestClient, onError: (e: unknown) => void = () => {}) {
    this.#client = client;
    this.#onError = onError;
  }

  /** Every Pod, indexed by the node it is bound to ('node'). */
  pods(): Informer<Pod> {
    return (this.#pods ??= new Informer<Pod>(this.#client, pods, { onError: this.#onError, indexers: { node: (p) => (p.spec.nodeName ? [p.spec.nodeName] : []) } }));
  }

  nodes(): Informer<Node> {
    return (this.#nodes ??= new Informer<Node>(this.#client, nodes, { onError: this.#onError }));
  }

  /** The nodes' heartbeat Leases in kube-node-lease. */
  nodeLeases(): Informer<Lease> {
    return (this.#nodeLeases ??= new Informer<Lease>(this.#client, leases, { namespace: 'kube-node-lease', onError: this.#onError }));
  }
}
