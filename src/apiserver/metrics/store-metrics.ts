// The store's latency as the API server sees it, under upstream's name for it
// (etcd_request_duration_seconds, by operation and by the resource a key belongs to), measured by
// wrapping the Backend: every backend, SQLite or etcd, is measured the same way.

import { RESOURCES } from '../../api/schema/resources.js';
import type { Backend } from '../../store/types.js';
import { resourcePrefix } from '../registry/keys.js';
import { Histogram } from '../../util/prometheus.js';

/** Upstream's buckets for etcd_request_duration_seconds. */
const STORE_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

export function storeLatency(): Histogram {
  return new Histogram('etcd_request_duration_seconds', '[ALPHA] Etcd request latency in seconds for each operation and object type.', ['operation', 'type'], STORE_BUCKETS);
}

/** Each resource's key prefix and the name upstream gives it in the type label (`pods`, `deployments.apps`). */
const KEY_PREFIXES = RESOURCES.map((r) => [resourcePrefix(r), r.group && r.group !== 'events.k8s.io' ? `${r.plural}.${r.group}` : r.plural] as const);

export function resourceOfKey(key: string): string {
  return KEY_PREFIXES.find(([prefix]) => key.startsWith(prefix))?.[1] ?? '';
}

/** The backend, with the latency of each get, list, create, update and delete recorded in h. */
export function measuredBackend(backend: Backend, h: Histogram): Backend {
  const timed = <T>(operation: string, key: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const done = (): void => h.observe({ operation, type: resourceOfKey(key) }, (performance.now() - start) / 1000);
    const p = run();
    p.then(done, done);
    return p;
  };
  return {
    get maxRequestBytes() {
      return backend.maxRequestBytes;
    },
    get: (key) => timed('get', key, () => backend.get(key)),
    list: (prefix, opts) => timed('list', prefix, () => backend.list(prefix, opts)),
    create: (key, value) => timed('create', key, () => backend.create(key, value)),
    update: (key, value, rev) => timed('update', key, () => backend.update(key, value, rev)),
    delete: (key, rev) => timed('delete', key, () => backend.delete(key, rev)),
    watch: (prefix, from, signal) => backend.watch(prefix, from, signal),
    shared: backend.shared,
    ...(backend.progressWatch ? { progressWatch: (prefix: string, from: number, signal: AbortSignal) => backend.progressWatch!(prefix, from, signal) } : {}),
    revision: () => backend.revision(),
    compact: (rev) => backend.compact(rev),
    close: () => backend.close(),
  };
}
