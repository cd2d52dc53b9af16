// The ConfigMaps and Secrets the Pods here mount, each watched by name while some Pod mounts it (the
// node authorizer lets a kubelet read only those), so a change reaches the volumes within a moment:
// upstream's watch-based change detection for configMap and secret volumes.
import { volumeObjectRefs } from './volumes.js';
export class VolumeObjectWatch {
    #cluster;
    #onChange;
    #signal;
    /** kind/namespace/name → its watch and the Pods that mount it. */
    #watched = new Map();
    /** Pod uid → the keys it mounts. */
    #byPod = new Map();
    /** onChange(uid) is called for each Pod mounting an object that changed (or appeared, or went away). */
    constructor(cluster, onChange, signal) {
        this.#cluster = cluster;
        this.#onChange = onChange;
        this.#signal = signal;
    }
    /** Watch what this Pod mounts now, and stop watching what no Pod mounts any more. */
    track(pod) {
        const uid = pod.metadata.uid ?? '';
        const ns = pod.metadata.namespace ?? 'default';
        const keys = new Set(volumeObjectRefs(pod).map((r) => `${r.kind}/${ns}/${r.name}`));
        const before = this.#byPod.get(uid) ?? new Set();
        for (const key of before)
            if (!keys.has(key))
                this.#release(uid, key);
        for (const key of keys)
            if (!before.has(key))
                this.#acquire(uid, key);
        if (keys.size > 0)
            this.#byPod.set(uid, keys);
        else
            this.#byPod.delete(uid);
    }
    forget(uid) {
        for (const key of this.#byPod.get(uid) ?? [])
            this.#release(uid, key);
        this.#byPod.delete(uid);
    }
    #acquire(uid, key) {
        let w = this.#watched.get(key);
        if (!w) {
            w = { stop: new AbortController(), pods: new Set() };
            this.#watched.set(key, w);
            const [kind, namespace, name] = key.split('/');
            const signal = AbortSignal.any([this.#signal, w.stop.signal]);
            const pods = w.pods;
            this.#cluster.watchObject(kind, namespace, name, () => {
                for (const p of pods)
                    this.#onChange(p);
            }, signal);
        }
        w.pods.add(uid);
    }
    #release(uid, key) {
        const w = this.#watched.get(key);
        if (!w)
            return;
        w.pods.delete(uid);
        if (w.pods.size === 0) {
            w.stop.abort();
            this.#watched.delete(key);
        }
    }
}
//# sourceMappingURL=volumeObjectWatch.js.map