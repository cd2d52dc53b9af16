// One Pod watch for many kubelets in one process (hollow nodes): a single informer on every bound Pod,
// each event handed to the kubelet of the Pod's node. A kubelet sees what its own watch with
// spec.nodeName=<itself> would show: the bound Pods as ADDED at its start, then their changes. The
// reader needs an identity that may list every Pod (a node's may list only its own).

import type { Pod } from '../../api/types.js';
import { Informer } from '../../client/informer.js';
import { pods } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import type { PodHandler } from '../../kubelet/cluster.js';

export class SharedNodePods {
  readonly #informer: Informer<Pod>;
  readonly #handlers = new Map<string, PodHandler>();
  #running: AbortSignal | undefined;

  constructor(client: RestClient, onError: (e: unknown) => void) {
    this.#informer = new Informer<Pod>(client, pods, { fieldSelector: 'spec.nodeName!=', onError, indexers: { node: (p) => [p.spec.nodeName!] } });
    const to = (p: Pod) => this.#handlers.get(p.spec.nodeName!);
    this.#informer.addHandlers({
      onAdd: (p) => to(p)?.('ADDED', p),
      onUpdate: (_o, p) => to(p)?.('MODIFIED', p),
      onDelete: (p) => to(p)?.('DELETED', p),
    });
  }

  /** Starts the informer on the first call; it runs until that call's signal aborts. */
  async watch(nodeName: string, handler: PodHandler, signal: AbortSignal): Promise<void> {
    if (!this.#running) {
      this.#running = signal;
      void this.#informer.run(signal);
    }
    await this.#informer.waitForSync();
    // The Pods already cached are replayed, then events flow: both happen synchronously, so none is lost.
    for (const p of this.#informer.byIndex('node', nodeName)) handler('ADDED', p);
    this.#handlers.set(nodeName, handler);
    signal.addEventListener('abort', () => this.#handlers.delete(nodeName), { once: true });
  }
}
