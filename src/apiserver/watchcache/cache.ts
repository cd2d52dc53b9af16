// The API server's memory of one resource: every current object and a window of recent events,
// fed by one store watch. Lists and watches are served from here, so the store sees only writes.

import type { KObject } from '../../api/types.js';
import { ApiError } from '../../api/errors.js';
import type { Backend, StoreEvent } from '../../store/types.js';
import { prefixEnd } from '../../store/prefix.js';
import { StoreError } from '../../store/types.js';
import { shareFieldSets } from './field-sets.js';
import { atRevision, type Serialized } from './serialized.js';

export type Decode = (kvValue: Uint8Array, key: string, rev: number) => KObject;

/**
 * One object as cached: parsed once, serialised at most once. An object loaded when the cache starts
 * is kept as the bytes the store gave until it is first read: a cold start holding 150,000 Pods is
 * ready once they are listed, not once all are parsed. Once a newer write supersedes it, only its
 * JSON is kept (a third of the parsed object's heap): the window of events holds thousands of such
 * versions, read again only by a watch resuming from the past or a continued list page.
 */
export class Entry {
  readonly key: string;
  readonly rev: number;
  #obj: KObject | undefined;
  #json: string | undefined;
  #stored: Uint8Array | undefined;
  #decode: Decode | undefined;
  /** json, when given, is obj's JSON already (a write's own serialisation). */
  constructor(key: string, obj: KObject | undefined, rev: number, json?: string) {
    this.key = key;
    this.#obj = obj;
    this.rev = rev;
    this.#json = json;
  }
  /** An entry of the store's bytes, parsed by decode when first read. */
  static stored(key: string, bytes: Uint8Array, rev: number, decode: Decode): Entry {
    const e = new Entry(key, undefined, rev);
    e.#stored = bytes;
    e.#decode = decode;
    return e;
  }
  /** The object; once superseded, a fresh parse of its JSON at every call. */
  get obj(): KObject {
    if (this.#obj) return this.#obj;
    if (this.#stored) {
      this.#obj = this.#decode!(this.#stored, this.key, this.rev);
      this.#stored = this.#decode = undefined;
      return this.#obj;
    }
    return JSON.parse(this.#json!) as KObject;
  }
  get json(): string {
    return (this.#json ??= JSON.stringify(this.obj));
  }
  /** A newer write replaced it: keep the text, let the parsed object go. */
  supersede(): void {
    if (!this.#obj && !this.#stored) return;
    this.#json ??= JSON.stringify(this.obj);
    this.#obj = undefined;
  }
}

export interface CacheEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rev: number;
  entry: Entry;
  /** The previous state, for selector transitions (absent on ADDED). */
  prev?: Entry;
}

export interface CacheWatcher {
  /** Called synchronously for every event; must never block. */
  deliver(ev: CacheEvent): void;
  /** The cache is going away (or the watcher was evicted). */
  end(error?: ApiError): void;
}

/**
 * A derived view of the cache's objects (the node authorizer's graph) kept in step with it: told of
 * every event before any watcher is, so nothing a watcher acts on can be missing from the index.
 */
export interface CacheIndex {
  /** The cache was (re)filled from a fresh list: forget everything and index these. */
  reset(entries: Iterable<Entry>): void;
  apply(ev: CacheEvent): void;
}

/** How long a consistent read waits for the cache to catch up with the store (upstream's 3 s). */
const SYNC_TIMEOUT_MS = 3000;

export interface WatchCacheOptions {
  /** Events kept for watches that resume from a resourceVersion (default 10,000). */
  historySize?: number;
  decode: Decode;
}

export class WatchCache {
  readonly prefix: string;
  readonly #backend: Backend;
  readonly #decode: WatchCacheOptions['decode'];
  readonly #historySize: number;
  readonly #items = new Map<string, Entry>();
  #sortedKeys: string[] | null = null;
  readonly #history: CacheEvent[] = [];
  readonly #watchers = new Set<CacheWatcher>();
  readonly #indexes: CacheIndex[] = [];
  readonly #waiters: { rev: number; resolve: () => void }[] = [];
  #rev = 0;
  /** Oldest revision a watch can resume from (exclusive). */
  #oldest = 0;
  /** The keys changed since the revision of the paged list read last (see scanAt). */
  #snapshot: { rev: number; upto: number; changed: Map<string, Entry | undefined> } | undefined;
  readonly #abort = new AbortController();
  /** Asks the store's watch for a progress mark; unset while the store cannot mark progress. */
  #requestProgress: (() => void) | undefined;
  /** Consistent reads waiting for a progress mark. */
  #awaitingProgress = 0;
  /** Objects this process just wrote, by the very bytes it stored: their events need no re-parse, nor their JSON another stringify. */
  readonly #written = new WeakMap<Uint8Array, { obj: KObject; serialized: Serialized }>();

  constructor(backend: Backend, prefix: string, opts: WatchCacheOptions) {
    this.#backend = backend;
    this.prefix = prefix;
    this.#decode = (v, k, rev) => {
      const obj = opts.decode(v, k, rev);
      shareFieldSets(obj);
      return obj;
    };
    this.#historySize = opts.historySize ?? 10_000;
  }

  get revision(): number {
    return this.#rev;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Lists the store and starts following it; resolves once the cache is complete. */
  async start(): Promise<void> {
    let revision = 0;
    let next = this.#backend.list(this.prefix, { limit: 5000 });
    for (;;) {
      const page = await next;
      if (!revision) revision = page.revision;
      const more = page.more && page.kvs.length > 0;
      // The store reads the next page, at the first one's revision, while this one is taken in.
      if (more) next = this.#backend.list(this.prefix, { limit: 5000, after: page.kvs[page.kvs.length - 1].key, revision });
      for (const kv of page.kvs) this.#items.set(kv.key, Entry.stored(kv.key, kv.value, kv.modRevision, this.#decode));
      if (!more) break;
    }
    this.#rev = this.#oldest = revision;
    for (const i of this.#indexes) i.reset(this.#items.values());
    void this.#follow(revision);
  }

  stop(): void {
    this.#abort.abort();
    for (const w of this.#watchers) w.end();
    this.#watchers.clear();
  }

  async #follow(from: number): Promise<void> {
    try {
      const marked = this.#backend.progressWatch?.(this.prefix, from, this.#abort.signal);
      this.#requestProgress = marked && (() => marked.requestProgress());
      for await (const ev of marked ?? this.#backend.watch(this.prefix, from, this.#abort.signal)) {
        if (ev.type === 'progress') this.#progressed(ev.revision);
        else this.#apply(ev);
      }
    } catch (e) {
      if (this.#abort.signal.aborted) return;
      // The store lost our place (compacted): rebuild from a fresh list; watchers must relist.
      if (e instanceof StoreError && e.code === 'Expired') {
        for (const w of this.#watchers) w.end(new ApiError('Expired', 'watch cache was reset'));
        this.#watchers.clear();
        this.#items.clear();
        this.#sortedKeys = null;
        this.#history.length = 0;
        this.#snapshot = undefined;
        await this.start();
        return;
      }
      throw e;
    }
  }

  #apply(ev: StoreEvent): void {
    const rev = ev.kv.modRevision;
    const prev = this.#items.get(ev.kv.key);
    let cev: CacheEvent;
    if (ev.type === 'delete') {
      if (!prev) return this.#advance(rev);
      this.#items.delete(ev.kv.key);
      this.#sortedKeys = null;
      // The deleted object's final state carries the deletion's resourceVersion, as Kubernetes does.
      const obj = { ...prev.obj, metadata: { ...prev.obj.metadata, resourceVersion: String(rev) } };
      cev = { type: 'DELETED', rev, entry: new Entry(ev.kv.key, obj, rev), prev };
    } else {
      const written = this.#written.get(ev.kv.value);
      if (written) {
        written.obj.metadata.resourceVersion = String(rev);
        shareFieldSets(written.obj);
      }
      const entry = written
        ? new Entry(ev.kv.key, written.obj, rev, atRevision(written.serialized, rev))
        : new Entry(ev.kv.key, this.#decode(ev.kv.value, ev.kv.key, rev), rev);
      this.#items.set(ev.kv.key, entry);
      if (!prev) this.#sortedKeys = null;
      cev = prev ? { type: 'MODIFIED', rev, entry, prev } : { type: 'ADDED', rev, entry };
    }
    this.#history.push(cev);
    // Trimmed in halves so a full window costs O(1) per event on average.
    if (this.#history.length >= this.#historySize * 2) {
      const dropped = this.#history.splice(0, this.#history.length - this.#historySize);
      this.#oldest = dropped[dropped.length - 1].rev;
    }
    for (const i of this.#indexes) i.apply(cev);
    for (const w of this.#watchers) w.deliver(cev);
    // Watchers have judged the transition; from here on the past is only read back from the window.
    cev.prev?.supersede();
    if (cev.type === 'DELETED') cev.entry.supersede();
    this.#advance(rev);
  }

  /** The store's watch has delivered every change up to rev. */
  #progressed(rev: number): void {
    if (rev > this.#rev) this.#advance(rev);
    if (this.#awaitingProgress) this.#requestProgress?.();
  }

  /**
   * Before a consistent read (no resourceVersion) on a store other API servers write too, whose
   * acknowledged writes this cache may not have seen yet: reads the store's current revision, then waits
   * for this cache's own watch to be marked at or past it (upstream's consistent reads from cache,
   * KEP-2340). False when the store cannot mark progress: the reader must read the store itself.
   */
  async sync(): Promise<boolean> {
    if (!this.#backend.shared) return true;
    const request = this.#requestProgress;
    if (!request) return false;
    const rev = await this.#backend.revision();
    if (rev <= this.#rev) return true;
    const reached = this.waitFor(rev);
    this.#awaitingProgress++;
    let timer: NodeJS.Timeout | undefined;
    try {
      request();
      await Promise.race([reached, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ApiError('Timeout', `Too large resource version: ${rev}, current: ${this.#rev}`, { retryAfterSeconds: 1 })), SYNC_TIMEOUT_MS)))]);
    } finally {
      clearTimeout(timer);
      this.#awaitingProgress--;
    }
    return true;
  }

  #advance(rev: number): void {
    this.#rev = rev;
    while (this.#waiters.length && this.#waiters[0].rev <= rev) this.#waiters.shift()!.resolve();
  }

  /** Keeps index in step with this cache from now on, starting from what the cache holds. */
  addIndex(index: CacheIndex): void {
    this.#indexes.push(index);
    index.reset(this.#items.values());
  }

  /** Resolves once the cache has seen revision rev (read-your-writes for the writer). */
  waitFor(rev: number): Promise<void> {
    if (rev <= this.#rev) return Promise.resolve();
    return new Promise((resolve) => {
      const i = this.#waiters.findIndex((w) => w.rev > rev);
      this.#waiters.splice(i === -1 ? this.#waiters.length : i, 0, { rev, resolve });
    });
  }

  /**
   * Hands over an object about to be stored as `bytes`, the encoding of `serialized`; when the store's
   * event carries those same bytes (an in-process store does), the cache adopts the object and its text
   * instead of parsing it again. The caller must not change the object afterwards.
   */
  adopt(bytes: Uint8Array, obj: KObject, serialized: Serialized): void {
    this.#written.set(bytes, { obj, serialized });
  }

  get(key: string): Entry | undefined {
    return this.#items.get(key);
  }

  /** Entries under keyPrefix in key order, starting after `after`. */
  *scan(keyPrefix: string, after?: string): Generator<Entry> {
    const keys = this.#keys();
    for (let i = this.#firstAfter(keys, keyPrefix, after); i < keys.length; i++) {
      const k = keys[i];
      if (!k.startsWith(keyPrefix)) break;
      const e = this.#items.get(k);
      if (e) yield e;
    }
  }

  #keys(): string[] {
    return (this.#sortedKeys ??= [...this.#items.keys()].sort());
  }

  /** Index in keys of the first key under keyPrefix and past `after` (binary search). */
  #firstAfter(keys: string[], keyPrefix: string, after?: string): number {
    let lo = 0;
    let hi = keys.length;
    const start = after !== undefined && after >= keyPrefix ? after : keyPrefix;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < start || (after !== undefined && keys[mid] === after)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * How many entries scanAt(keyPrefix, rev, after) would yield, from the key index and the changes
   * since rev rather than by walking them (the count of the rest of a paged list, page after page).
   */
  countAt(keyPrefix: string, rev: number, after?: string): number {
    const keys = this.#keys();
    let n = this.#firstAfter(keys, prefixEnd(keyPrefix)) - this.#firstAfter(keys, keyPrefix, after);
    if (rev >= this.#rev) return n;
    for (const [k, then] of this.#changedSince(rev)) {
      if (!k.startsWith(keyPrefix) || (after !== undefined && k <= after)) continue;
      n += (then ? 1 : 0) - (this.#items.has(k) ? 1 : 0);
    }
    return n;
  }

  /**
   * Entries under keyPrefix as they stood at revision rev, in key order after `after`: the current ones
   * with what the events since rev changed put back as it was. Undefined when the window of events no
   * longer reaches back to rev (the store, which keeps history longer, must answer).
   */
  scanAt(keyPrefix: string, rev: number, after?: string): Iterable<Entry> | undefined {
    if (rev >= this.#rev) return this.scan(keyPrefix, after);
    if (rev < this.#oldest) return undefined;
    const changed = this.#changedSince(rev);
    const gone = [...changed].filter(([k, e]) => e && !this.#items.has(k) && k.startsWith(keyPrefix) && (after === undefined || k > after)).map(([, e]) => e!);
    gone.sort((a, b) => (a.key < b.key ? -1 : 1));
    return this.#merge(this.scan(keyPrefix, after), gone, changed);
  }

  /**
   * Each key an event after rev touched, with its entry as of rev (undefined: it did not exist). Kept
   * for the last rev asked, and brought up to date, since a paged list asks the same rev page after page.
   */
  #changedSince(rev: number): Map<string, Entry | undefined> {
    let m = this.#snapshot;
    if (!m || m.rev !== rev) m = this.#snapshot = { rev, upto: rev, changed: new Map() };
    let lo = 0;
    let hi = this.#history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#history[mid]!.rev <= m.upto) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#history.length; i++) {
      const ev = this.#history[i]!;
      // The first event after rev holds, in prev, the key's state at rev.
      if (!m.changed.has(ev.entry.key)) m.changed.set(ev.entry.key, ev.prev);
    }
    m.upto = this.#rev;
    return m.changed;
  }

  *#merge(current: Iterable<Entry>, gone: Entry[], changed: Map<string, Entry | undefined>): Generator<Entry> {
    let g = 0;
    for (const e of current) {
      while (g < gone.length && gone[g]!.key < e.key) yield gone[g++]!;
      const then = changed.has(e.key) ? changed.get(e.key) : e;
      if (then) yield then;
    }
    while (g < gone.length) yield gone[g++]!;
  }

  /**
   * Adds a watcher. With fromRev it first receives every cached event after fromRev (410 Expired when
   * that is older than the window); with fromRev undefined it receives nothing from the past.
   */
  watch(w: CacheWatcher, fromRev?: number): void {
    if (fromRev !== undefined && fromRev < this.#rev) {
      if (fromRev < this.#oldest) {
        throw new ApiError('Expired', `too old resource version: ${fromRev} (${this.#oldest + 1})`);
      }
      for (const ev of this.#history) if (ev.rev > fromRev) w.deliver(ev);
    }
    this.#watchers.add(w);
  }

  unwatch(w: CacheWatcher): void {
    this.#watchers.delete(w);
  }

  /** How many watchers it feeds now (apiserver_registered_watchers). */
  get watcherCount(): number {
    return this.#watchers.size;
  }
}
