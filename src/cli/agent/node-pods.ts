// One Pod watch for many kubelets in one process (hollow nodes): a single informer on every bound Pod,
// each event handed to the kubelet of the Pod's node, running while any kubelet watches. A kubelet sees what its own watch with
// spec.nodeName=<itself> would show: the bound Pods as ADDED at its start, then their changes. The
// reader needs an identity that may list every Pod (a node's may list only its own).

import type { Pod } from '../../api/types.js';
import { Informer, stripManagedFields } from '../../client/informer.js';
import { pods } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import type { PodHandler } from '../../kubelet/cluster.js';

export class SharedNodePods {
  readonly #client: RestClient;
  readonly #onError: (e: unknown) => void;
  readonly #handlers = new Map<string, PodHandler>();
  /** The informer of the current watchers: started by the first, stopped when the last one's signal aborts. */
  #current: { informer: Informer<Pod>; stop: AbortController } | undefined;

  constructor(client: RestClient, onError: (e: unknown) => void) {
    this.#client = client;
    this.#onError = onError;
  }

  #start(): { informer: Informer<Pod>; stop: AbortController } {
    const informer = new Informer<Pod>(this.#client, pods, { fieldSelector: 'spec.nodeName!=', onError: this.#onError, indexers: { node: (p) => [p.spec.nodeName!] }, transform: stripManagedFields });
    const to = (p: Pod) => this.#handlers.get(p.spec.nodeName!);
    informer.addHandlers({
      onAdd: (p) => to(p)?.('ADDED', p),
      onUpdate: (_o, p) => to(p)?.('MODIFIED', p),
      onDelete: (p) => to(p)?.('DELETED', p),
    });
    const stop = new AbortController();
    void informer.run(stop.signal);
    return { informer, stop };
  }

  /** Delivers nodeName's Pods until signal aborts; resolves once the existing ones are delivered. */
  async watch(nodeName: string, handler: PodHandler, signal: AbortSignal): Promise<void> {
    const current = (this.#current ??= this.#start());
    // Registered before the replay so that the last watcher leaving stops this informer, not a later one.
    this.#handlers.set(nodeName, () => {});
    signal.addEventListener('abort', () => {
      this.#handlers.delete(nodeName);
      if (this.#handlers.size === 0 && this.#current === current) {
        current.stop.abort();
        this.#current = undefined;
      }
    }, { once: true });
    await current.informer.waitForSync();
    if (signal.aborted) return;
    // The Pods already cached are replayed, then events flow: both happen synchronously, so none is lost.
    for (const p of current.informer.byIndex('node', nodeName)) handler('ADDED', p);
    this.#handlers.set(nodeName, handler);
  }
}
