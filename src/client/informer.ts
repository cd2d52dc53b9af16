// An informer: list (paginated), then watch from the list's resourceVersion, keeping an indexed,
// frozen cache and calling handlers on changes. On 410 Expired or a broken connection it relists
// (with backoff) and reconciles the cache against the fresh list, so handlers see the difference.

import { isApiError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import type { Resource } from './resources.js';
import type { RestClient } from './rest.js';
import { deepFreeze } from '../util/deep-freeze.js';
import { sleep } from '../util/sleep.js';

export type Indexer<T> = (obj: T) => string[];

export interface Handlers<T> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

export interface InformerOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  pageSize?: number;
  indexers?: Record<string, Indexer<T>>;
  backoffMs?: { initial: number; max: number };
  onError?: (err: unknown) => void;
  /**
   * Applied to every object as it arrives, before it is cached and handed out, as client-go's
   * SetTransform: what the cache's users never read need not be held (stripManagedFields). It must not
   * change the object given (in process it is the API server's own) and must keep its key.
   */
  transform?: (obj: T) => T;
}

/**
 * As client-go's TransformStripManagedFields: managedFields are the API server's bookkeeping, about as
 * large as the rest of a Pod, and never read by a kubelet or controller.
 */
export function stripManagedFields<T extends KObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** The cache key: `namespace/name`, or `name` for cluster-scoped objects. */
export function keyOf(obj: KObject): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/**
 * Objects taken in per turn of the event loop while a list is taken in: in process, a list of 150,000
 * Pods would otherwise hold the API server's own event loop (its /readyz among it) for many seconds.
 */
const UPSERT_SLICE = 500;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Informer<T extends KObject> {
  #client: RestClient;
  #res: Resource;
  #opts: InformerOptions<T>;
  #items = new Map<string, T>();
  #indices = new Map<string, Map<string, Set<string>>>();
  /** Each indexer with its index. */
  #indexers: { fn: Indexer<T>; index: Map<string, Set<string>> }[] = [];
  #handlers: Handlers<T>[] = [];
  #synced = false;
  #syncWaiters: (() => void)[] = [];
  #resourceVersion = '';
  #running: Promise<void> | undefined;

  constructor(client: RestClient, res: Resource, opts: InformerOptions<T> = {}) {
    this.#client = client;
    this.#res = res;
    this.#opts = opts;
    for (const [name, fn] of Object.entries(opts.indexers ?? {})) {
      const index = new Map<string, Set<string>>();
      this.#indices.set(name, index);
      this.#indexers.push({ fn, index });
    }
  }

  /** Adds handlers; on an informer that has already listed, they first see every cached object as added. */
  addHandlers(h: Handlers<T>): void {
    this.#handlers.push(h);
    if (this.#synced && h.onAdd) for (const obj of this.#items.values()) h.onAdd(obj);
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  waitForSync(): Promise<void> {
    return this.#synced ? Promise.resolve() : new Promise((r) => this.#syncWaiters.push(r));
  }

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  get size(): number {
    return this.#items.size;
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.#indices.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) out.push(this.#items.get(k)!);
    return out;
  }

  /** The resourceVersion of the last list, event or bookmark seen. */
  get resourceVersion(): string {
    return this.#resourceVersion;
  }

  /** Lists and watches until the signal aborts. */
  /** Lists and watches until signal aborts. Shared informers are run by several owners: only the first call starts it. */
  run(signal: AbortSignal): Promise<void> {
    return (this.#running ??= this.#run(signal));
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { initial, max } = this.#opts.backoffMs ?? { initial: 200, max: 30_000 };
    let delay = initial;
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) await this.#relist();
        needList = false;
        await this.#watch(signal);
        delay = initial; // a clean end (server timeout): rewatch from where we are
      } catch (err) {
        if (signal.aborted) break;
        needList = true;
        if (!isApiError(err, 'Expired') && !isApiError(err, 'Gone')) {
          this.#opts.onError?.(err);
          await sleep(delay, signal);
          delay = Math.min(delay * 2, max);
        }
      }
    }
  }

  async #relist(): Promise<void> {
    const seen = new Map<string, T>();
    let cont: string | undefined;
    let rv = '';
    do {
      const page = await this.#client.list<T>(this.#res, this.#opts.namespace, {
        labelSelector: this.#opts.labelSelector,
        fieldSelector: this.#opts.fieldSelector,
        limit: this.#opts.pageSize ?? 500,
        continue: cont,
      });
      for (const item of page.items) {
        // list items may carry no kind; give them one so handlers can tell what they hold (an item that
        // has it is kept as is: in process it is the API server's own object, shared, not copied)
        const typed = item.kind === this.#res.kind && item.apiVersion === apiVersionOf(this.#res);
        seen.set(keyOf(item), this.#transform(typed ? item : { ...item, kind: this.#res.kind, apiVersion: apiVersionOf(this.#res) }));
      }
      cont = page.metadata.continue || undefined;
      rv = page.metadata.resourceVersion ?? rv;
      await nextTurn();
    } while (cont);
    for (const [key, old] of this.#items) if (!seen.has(key)) this.#delete(key, old);
    let n = 0;
    for (const obj of seen.values()) {
      this.#upsert(obj);
      if (++n % UPSERT_SLICE === 0) await nextTurn();
    }
    this.#resourceVersion = rv;
    if (!this.#synced) {
      this.#synced = true;
      for (const w of this.#syncWaiters.splice(0)) w();
    }
  }

  async #watch(signal: AbortSignal): Promise<void> {
    const events = this.#client.watch<T>(this.#res, this.#opts.namespace, {
      labelSelector: this.#opts.labelSelector,
      fieldSelector: this.#opts.fieldSelector,
      resourceVersion: this.#resourceVersion,
      allowWatchBookmarks: true,
    }, signal);
    for await (const ev of events) {
      const rv = ev.object.metadata?.resourceVersion;
      if (rv) this.#resourceVersion = rv;
      if (ev.type === 'BOOKMARK') continue;
      if (ev.type === 'DELETED') {
        const key = keyOf(ev.object);
        const old = this.#items.get(key);
        this.#delete(key, deepFreeze(old ?? this.#transform(ev.object)));
      } else {
        this.#upsert(this.#transform(ev.object));
      }
    }
  }

  #transform(obj: T): T {
    return this.#opts.transform ? this.#opts.transform(obj) : obj;
  }

  #upsert(raw: T): void {
    const key = keyOf(raw);
    const old = this.#items.get(key);
    if (old && old.metadata.resourceVersion === raw.metadata.resourceVersion) return;
    const obj = deepFreeze(raw);
    this.#items.set(key, obj);
    this.#reindex(key, old, obj);
    for (const h of this.#handlers) old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj);
  }

  #delete(key: string, last: T): void {
    const old = this.#items.get(key);
    if (!old) return;
    this.#reindex(key, old, undefined);
    this.#items.delete(key);
    for (const h of this.#handlers) h.onDelete?.(last);
  }

  /** Moves key from old's index entries to obj's; most updates (a status) leave them as they were. */
  #reindex(key: string, old: T | undefined, obj: T | undefined): void {
    for (const { fn, index } of this.#indexers) {
      const before = old ? fn(old) : [];
      const after = obj ? fn(obj) : [];
      if (before.length === after.length && before.every((v, i) => v === after[i])) continue;
      for (const v of before) {
        const set = index.get(v);
        set?.delete(key);
        if (set?.size === 0) index.delete(v);
      }
      for (const v of after) {
        let set = index.get(v);
        if (!set) index.set(v, (set = new Set()));
        set.add(key);
      }
    }
  }
}

function apiVersionOf(res: Resource): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

