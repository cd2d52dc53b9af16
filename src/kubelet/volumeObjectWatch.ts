// The ConfigMaps and Secrets the Pods here mount, each watched by name while some Pod mounts it (the
// node authorizer lets a kubelet read only those), so a change reaches the volumes within a moment:
// upstream's watch-based change detection for configMap and secret volumes.

import type { Pod } from '../api/types.js';
import type { KubeletCluster } from './cluster.js';
import { volumeObjectRefs } from './volumes.js';

interface Watched { stop: AbortController; pods: Set<string> }

export class VolumeObjectWatch {
  readonly #cluster: Pick<KubeletCluster, 'watchObject'>;
  readonly #onChange: (uid: string) => void;
  readonly #signal: AbortSignal;
  /** kind/namespace/name → its watch and the Pods that mount it. */
  readonly #watched = new Map<string, Watched>();
  /** Pod uid → the keys it mounts. */
  readonly #byPod = new Map<string, Set<string>>();

  /** onChange(uid) is called for each Pod mounting an object that changed (or appeared, or went away). */
  constructor(cluster: Pick<KubeletCluster, 'watchObject'>, onChange: (uid: string) => void, signal: AbortSignal) {
    this.#cluster = cluster;
    this.#onChange = onChange;
    this.#signal = signal;
  }

  /** Watch what this Pod mounts now, and stop watching what no Pod mounts any more. */
  track(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const ns = pod.metadata.namespace ?? 'default';
    const keys = new Set(volumeObjectRefs(pod).map((r) => `${r.kind}/${ns}/${r.name}`));
    const before = this.#byPod.get(uid) ?? new Set<string>();
    for (const key of before) if (!keys.has(key)) this.#release(uid, key);
    for (const key of keys) if (!before.has(key)) this.#acquire(uid, key);
    if (keys.size > 0) this.#byPod.set(uid, keys);
    else this.#byPod.delete(uid);
  }

  forget(uid: string): void {
    for (const key of this.#byPod.get(uid) ?? []) this.#release(uid, key);
    this.#byPod.delete(uid);
  }

  #acquire(uid: string, key: string): void {
    let w = this.#watched.get(key);
    if (!w) {
      w = { stop: new AbortController(), pods: new Set() };
      this.#watched.set(key, w);
      const [kind, namespace, name] = key.split('/') as ['ConfigMap' | 'Secret', string, string];
      const signal = AbortSignal.any([this.#signal, w.stop.signal]);
      const pods = w.pods;
      this.#cluster.watchObject(kind, namespace, name, () => {
        for (const p of pods) this.#onChange(p);
      }, signal);
    }
    w.pods.add(uid);
  }

  #release(uid: string, key: string): void {
    const w = this.#watched.get(key);
    if (!w) return;
    w.pods.delete(uid);
    if (w.pods.size === 0) {
      w.stop.abort();
      this.#watched.delete(key);
    }
  }
}
