// The Backend on a real etcd v3 cluster, through the etcd3 gRPC client. Each write is one etcd
// transaction, so berth's revision (an object's resourceVersion) is etcd's own mod_revision: create
// compares create_revision == 0, update and conditional delete compare mod_revision; a failed
// compare reads the key back in the same transaction to tell NotFound from Conflict. etcd makes a
// write durable (raft log fsynced on a quorum) before it answers.

import type { Etcd3, ICompare, IEvent, IKeyValue, IRequestOp } from 'etcd3';
import { AsyncQueue } from '../util/asyncqueue.js';
import { asBuffer } from './bytes.js';
import { followRange, ProgressMarks } from './etcd-watch.js';
import { bytesPrefixEnd } from './prefix.js';
import { DEFAULT_MAX_REQUEST_BYTES, StoreError, type Backend, type KV, type ListOptions, type ListResult, type ProgressWatch, type StoreEvent, type StoreOptions, type StoreProgress } from './types.js';

export interface EtcdOptions extends StoreOptions {
  /** Written before every key, so that several clusters (or tests) can share one etcd. */
  keyPrefix?: string;
  /**
   * Offer progressWatch: etcd marks a watch's progress reliably (see marksProgressReliably), so watch
   * caches can serve consistent reads once marked up to the store's revision.
   */
  progressNotify?: boolean;
}

/**
 * etcd refuses a request over its --max-request-bytes (1.5 MiB unless raised) counting the whole
 * transaction, whose compare and failure read repeat the key: this much is kept for them.
 */
const TXN_ALLOWANCE = 8 * 1024;

/** How long close() waits for requests under way. */
const CLOSE_WAIT_MS = 5000;

function etcdError(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes('request is too large')) return new StoreError('TooLarge', 'etcdserver: request is too large');
  if (message.includes('required revision has been compacted')) return new StoreError('Expired', message);
  return e;
}

export class EtcdBackend implements Backend {
  readonly maxRequestBytes: number;
  /** Several API servers may share one etcd. */
  readonly shared = true;
  readonly progressWatch?: (prefix: string, fromRevision: number, signal: AbortSignal) => ProgressWatch;
  readonly #client: Etcd3;
  readonly #prefix: Buffer;
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #watches = new AbortController();
  readonly #timer: NodeJS.Timeout | null;
  readonly #retain: number;
  /** Highest revision this backend has compacted to (or found compacted). */
  #compacted = 0;
  /**
   * What this process is writing, by key, until the write fails or its event passes: the event then
   * carries the writer's own bytes, as the SQLite store's does, so the watch cache adopts the object
   * it was handed instead of parsing it again. One entry per key at most.
   */
  readonly #mine = new Map<string, Uint8Array>();
  #compacting = false;
  #closed = false;

  /** Takes over the client: close() closes it. */
  constructor(client: Etcd3, opts: EtcdOptions = {}) {
    this.#client = client;
    this.#prefix = Buffer.from(opts.keyPrefix ?? '');
    this.maxRequestBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES - TXN_ALLOWANCE;
    this.#retain = opts.retainRevisions ?? 10_000;
    const every = opts.compactIntervalMs ?? 30_000;
    this.#timer = every > 0 ? setInterval(() => void this.#compactOld(), every) : null;
    if (opts.progressNotify) {
      this.progressWatch = (prefix, fromRevision, signal) => {
        const both = AbortSignal.any([signal, this.#watches.signal]);
        const q = new AsyncQueue<StoreEvent | StoreProgress>(both);
        const marks = new ProgressMarks((revision) => q.push({ type: 'progress', revision }));
        this.#follow(prefix, fromRevision, both, q, marks);
        return Object.assign(q, { requestProgress: () => marks.request() });
      };
    }
  }

  #key(key: string): Buffer {
    return Buffer.concat([this.#prefix, Buffer.from(key)]);
  }

  #kv(kv: IKeyValue): KV {
    return { key: kv.key.subarray(this.#prefix.length).toString(), value: kv.value, createRevision: Number(kv.create_revision), modRevision: Number(kv.mod_revision) };
  }

  /** Runs an etcd call, counted so that close() can wait for it. */
  #run<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    const p = call().catch((e: unknown) => {
      throw etcdError(e);
    });
    this.#inflight.add(p);
    const forget = (): void => void this.#inflight.delete(p);
    p.then(forget, forget);
    return p;
  }

  async get(key: string): Promise<KV | null> {
    const res = await this.#run(() => this.#client.kv.range({ key: this.#key(key) }));
    return res.kvs.length ? this.#kv(res.kvs[0]) : null;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const start = this.#key(prefix);
    // Keys strictly after `after`: the next possible key is after + NUL.
    const from = opts.after !== undefined && opts.after >= prefix ? this.#key(`${opts.after}\u0000`) : start;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const res = await this.#run(() => this.#client.kv.range({ key: from, range_end: bytesPrefixEnd(start), limit, revision: opts.revision ?? 0 }));
    const kvs = res.kvs.map((kv) => this.#kv(kv));
    const revision = opts.revision || Number(res.header.revision);
    if (!opts.count) return { kvs, revision, more: res.more };
    return { kvs, revision, more: res.more, remaining: Number(res.count) - kvs.length };
  }

  /**
   * One conditional write: `op` when every compare holds, else a read of the key in the same
   * transaction, for `refused` to say why. Resolves with the write's revision.
   */
  async #txn(key: string, size: number, compare: ICompare[], op: IRequestOp, refused: (current?: IKeyValue) => StoreError, value?: Uint8Array): Promise<number> {
    // etcd's own words, so that the answer reads the same as on the SQLite store.
    if (size > this.maxRequestBytes) throw new StoreError('TooLarge', 'etcdserver: request is too large');
    if (value) this.#mine.set(key, value);
    try {
      const res = await this.#run(() => this.#client.kv.txn({ compare, success: [op], failure: [{ request_range: { key: this.#key(key) } }] }));
      if (!res.succeeded) throw refused(res.responses[0]?.response_range.kvs[0]);
      return Number(res.header.revision);
    } catch (e) {
      if (value && this.#mine.get(key) === value) this.#mine.delete(key);
      throw e;
    }
  }

  create(key: string, value: Uint8Array): Promise<number> {
    const k = this.#key(key);
    const refused = (cur?: IKeyValue): StoreError => new StoreError('AlreadyExists', `key ${key} exists`, cur && Number(cur.mod_revision));
    return this.#txn(key, Buffer.byteLength(key) + value.byteLength, [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }], { request_put: { key: k, value: asBuffer(value) } }, refused, value);
  }

  /** A write to an existing key, optionally only at an expected revision. */
  #change(key: string, size: number, op: IRequestOp, expect?: number, value?: Uint8Array): Promise<number> {
    const k = this.#key(key);
    const compare: ICompare[] = [{ key: k, target: 'Create', result: 'Greater', create_revision: 0 }];
    if (expect !== undefined) compare.push({ key: k, target: 'Mod', result: 'Equal', mod_revision: expect });
    const refused = (cur?: IKeyValue): StoreError =>
      cur ? new StoreError('Conflict', `key ${key} is at revision ${cur.mod_revision}, not ${expect}`, Number(cur.mod_revision)) : new StoreError('NotFound', `key ${key} not found`);
    return this.#txn(key, size, compare, op, refused, value);
  }

  update(key: string, value: Uint8Array, expectRevision: number): Promise<number> {
    const k = this.#key(key);
    return this.#change(key, Buffer.byteLength(key) + value.byteLength, { request_put: { key: k, value: asBuffer(value) } }, expectRevision, value);
  }

  delete(key: string, expectRevision?: number): Promise<number> {
    return this.#change(key, 0, { request_delete_range: { key: this.#key(key) } }, expectRevision);
  }

  async revision(): Promise<number> {
    // A linearizable read of one key: its header carries the cluster's current revision.
    const res = await this.#run(() => this.#client.kv.range({ key: this.#key('/'), count_only: true }));
    return Number(res.header.revision);
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent> {
    const both = AbortSignal.any([signal, this.#watches.signal]);
    const q = new AsyncQueue<StoreEvent>(both);
    this.#follow(prefix, fromRevision, both, q);
    return q;
  }

  /** Feeds q every change under prefix after fromRevision (and progress marks, with marks) until signal aborts. */
  #follow(prefix: string, fromRevision: number, signal: AbortSignal, q: { push(ev: StoreEvent): void; close(error?: unknown): void }, marks?: ProgressMarks): void {
    const start = this.#key(prefix);
    const deliver = (events: IEvent[]): void => {
      for (const ev of events) q.push(this.#event(ev));
    };
    this.#expired(fromRevision)
      .then(() => followRange(this.#client.watchClient, { key: start, rangeEnd: bytesPrefixEnd(start) }, fromRevision, signal, deliver, marks))
      .then(() => q.close(), (e: unknown) => q.close(etcdError(e)));
  }

  /**
   * Fails Expired when history after `rev` is partly compacted away. etcd itself would still start a
   * watch at rev + 1 when the compaction was at exactly that revision; the SQLite store, and so berth,
   * count that revision's history as gone. A read at rev answers the question exactly.
   */
  async #expired(rev: number): Promise<void> {
    await this.#run(() => this.#client.kv.range({ key: this.#key('/'), count_only: true, revision: Math.max(rev, 1) })).catch((e: unknown) => {
      // A watch from a revision not yet written waits for it, as a watch from the current one does.
      if (e instanceof Error && e.message.includes('future revision')) return;
      throw e;
    });
  }

  #event(ev: IEvent): StoreEvent {
    const prevKv = ev.prev_kv ? this.#kv(ev.prev_kv) : undefined;
    if (ev.type === 'Put') {
      const kv = this.#kv(ev.kv);
      const mine = this.#mine.get(kv.key);
      if (mine && asBuffer(mine).equals(ev.kv.value)) {
        this.#mine.delete(kv.key);
        kv.value = mine;
      }
      return { type: 'put', kv, ...(prevKv ? { prevKv } : {}) };
    }
    // etcd's deletion carries only key and revision; berth's carries the deleted object, as SQLite's does.
    const kv = prevKv ? { ...prevKv, modRevision: Number(ev.kv.mod_revision) } : this.#kv(ev.kv);
    return { type: 'delete', kv, ...(prevKv ? { prevKv } : {}) };
  }

  async compact(rev: number): Promise<void> {
    // As SQLite's: never past the current revision, and compacting what already is compacted is a no-op.
    const to = Math.min(rev, await this.revision());
    if (to <= this.#compacted) return;
    await this.#run(() => this.#client.kv.compact({ revision: to, physical: true })).catch((e: unknown) => {
      if (!(e instanceof StoreError && e.code === 'Expired')) throw e;
    });
    this.#compacted = Math.max(this.#compacted, to);
  }

  /** The timer's compaction: keep retainRevisions of history, one compaction at a time. */
  async #compactOld(): Promise<void> {
    if (this.#compacting || this.#closed) return;
    this.#compacting = true;
    try {
      const target = (await this.revision()) - this.#retain;
      if (target > this.#compacted) await this.compact(target);
    } catch (e) {
      if (!this.#closed) console.error('berth store: etcd compaction failed:', e instanceof Error ? e.message : e);
    } finally {
      this.#compacting = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#watches.abort();
    // Writes under way are let finish, but an etcd that stopped answering must not hold berth up.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.#inflight]), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    this.#client.close();
  }
}
