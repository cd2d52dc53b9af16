// One watch per mounted ConfigMap or Secret for many kubelets in one process (hollow nodes): each object
// is watched by name once however many kubelets mount it (where each would open a list, a watch and a
// TLS connection of its own), and read from that watch's cache, as upstream's watch-based manager reads
// the object a kubelet mounts. The reader needs an identity that may read them all; a kubelet still asks
// only for what its own Pods mount.

import type { ConfigMapLike } from '../../api/types.js';
import { Informer } from '../../client/informer.js';
import { configMaps, secrets } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';

type Kind = 'ConfigMap' | 'Secret';

interface Watch { informer: Informer<ConfigMapLike>; listeners: Set<() => void>; stop: AbortController }

export class SharedObjectWatches {
  readonly #client: RestClient;
  readonly #onError: (e: unknown) => void;
  /** kind/namespace/name → its watch, while some kubelet watches it. */
  readonly #watches = new Map<string, Watch>();

  constructor(client: RestClient, onError: (e: unknown) => void) {
    this.#client = client;
    this.#onError = onError;
  }

  /** onChange is called whenever the object changes, appears or goes, until signal aborts. */
  watch(kind: Kind, namespace: string, name: string, onChange: () => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    const key = `${kind}/${namespace}/${name}`;
    let w = this.#watches.get(key);
    if (!w) {
      // By name, through a field selector, as a kubelet's own watch is.
      const informer = new Informer<ConfigMapLike>(this.#client, kind === 'Secret' ? secrets : configMaps, { namespace, fieldSelector: `metadata.name=${name}`, onError: this.#onError });
      const listeners = new Set<() => void>();
      const changed = (): void => {
        if (informer.hasSynced()) for (const l of listeners) l();
      };
      informer.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
      w = { informer, listeners, stop: new AbortController() };
      this.#watches.set(key, w);
      void informer.run(w.stop.signal);
    }
    // Each watcher its own listener, even when two pass the same function.
    const listener = (): void => onChange();
    const watch = w;
    watch.listeners.add(listener);
    signal.addEventListener('abort', () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size > 0 || this.#watches.get(key) !== watch) return;
      watch.stop.abort();
      this.#watches.delete(key);
    }, { once: true });
  }

  /**
   * The object as its watch holds it: null when the watch has listed and it does not exist; undefined
   * when nobody watches it or the first list has not arrived (the caller then reads it from the API).
   */
  get(kind: Kind, namespace: string, name: string): ConfigMapLike | null | undefined {
    const w = this.#watches.get(`${kind}/${namespace}/${name}`);
    if (!w?.informer.hasSynced()) return undefined;
    return w.informer.get(`${namespace}/${name}`) ?? null;
  }
}
