// Pod garbage collection: Pods bound to a node that does not exist are deleted (grace 0), since no
// kubelet will ever stop them, once the node has stayed missing for upstream's quarantine of 40 s (a
// Pod may be bound just before its node registers). The node is looked up on the API before deleting,
// in case it is newer than this controller's cache; the Pod is first marked Failed with
// DisruptionTarget, as upstream's PodGC does.

import { isApiError } from '../api/errors.js';
import type { Node, Pod } from '../api/types.js';
import { Informer, splitKey, keyOf } from '../client/informer.js';
import { nodes, pods } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';
import { rfc3339 } from '../api/time.js';

/** How long a Pod's node must stay missing before the Pod goes (upstream's quarantineTime). */
export const POD_GC_QUARANTINE_MS = 40_000;

export class PodGarbageCollector {
  #client: RestClient;
  #nodes: Informer<Node>;
  #pods: Informer<Pod>;
  #queue = new WorkQueue();
  #log: (line: string) => void;
  #quarantineMs: number;

  constructor(client: RestClient, opts: { log?: (line: string) => void; informers?: SharedInformers; quarantineMs?: number } = {}) {
    this.#client = client;
    this.#quarantineMs = opts.quarantineMs ?? POD_GC_QUARANTINE_MS;
    this.#log = opts.log ?? ((l) => process.stderr.write(`pod-gc: ${l}\n`));
    const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${(e as Error).message}`));
    this.#nodes = informers.nodes();
    this.#pods = informers.pods();
    const check = (p: Pod) => {
      if (p.spec.nodeName && !this.#nodes.get(p.spec.nodeName)) this.#queue.addAfter(keyOf(p), this.#quarantineMs);
    };
    this.#pods.addHandlers({ onAdd: check, onUpdate: (_o, p) => check(p) });
    this.#nodes.addHandlers({
      onDelete: (n) => {
        for (const p of this.#pods.byIndex('node', n.metadata.name!)) this.#queue.addAfter(keyOf(p), this.#quarantineMs);
      },
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    // Workers start once both caches are full; a Pod queued before its node was listed is judged then.
    await runKeyedController(signal, { informers: [this.#nodes, this.#pods], queue: this.#queue, workers: 2, reconcile: (key) => this.reconcile(key), log: this.#log });
  }

  async reconcile(key: string): Promise<void> {
    const pod = this.#pods.get(key);
    const nodeName = pod?.spec.nodeName;
    if (!pod || !nodeName || this.#nodes.get(nodeName)) return;
    try {
      await this.#client.get(nodes, undefined, nodeName);
      return;
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
    const { namespace, name } = splitKey(key);
    this.#log(`deleting ${key}: its node ${nodeName} does not exist`);
    try {
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: rfc3339() };
        const status = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, status: { phase: 'Failed', conditions: [condition] } };
        await this.#client.patch(pods, namespace, name, 'apply', status, { subresource: 'status', fieldManager: 'PodGC', force: true });
      }
      await this.#client.delete(pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
    }
  }
}
