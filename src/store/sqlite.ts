// The embedded store: the Backend over the SQLite log, which runs on a worker thread (see
// sqlite-worker.ts). A write resolves only after its transaction is on disk (WAL + synchronous=FULL);
// writes that arrive together share one commit.

import { Worker } from 'node:worker_threads';
import { AsyncQueue } from '../util/asyncqueue.js';
import { asBuffer } from './bytes.js';
import { prefixEnd } from './prefix.js';
import type { Op } from './sqlite-log.js';
import type { Reply, Request, RequestBody, WireError, WorkerOptions } from './sqlite-worker.js';
import { DEFAULT_MAX_REQUEST_BYTES, StoreError, type Backend, type KV, type ListOptions, type ListResult, type StoreEvent, type StoreOptions } from './types.js';

interface Pending {
  resolve: (v: never) => void;
  reject: (e: unknown) => void;
  write: boolean;
  /** For writes: the caller's bytes, handed back in the event so the watch cache can recognise them. */
  value?: Uint8Array;
}

function unwire(e: WireError): Error {
  return e.code ? new StoreError(e.code, e.message, e.rev) : new Error(e.message);
}

export class SqliteBackend implements Backend {
  readonly maxRequestBytes: number;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(events: StoreEvent[]) => void>();
  readonly #ready: Promise<void>;
  #nextId = 1;
  #rev = 0;
  #closed = false;
  /** Requests made in this turn of the event loop (or while a commit was under way): posted to the worker as one message. */
  #outbox: Request[] = [];
  /** Writes in the outbox, and writes posted whose commit has not come back. */
  #waitingWrites = 0;
  #committing = 0;
  #scheduled = false;

  constructor(path: string, opts: StoreOptions = {}) {
    this.maxRequestBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    const workerData: WorkerOptions = { path, retainRevisions: opts.retainRevisions ?? 10_000, compactIntervalMs: opts.compactIntervalMs ?? 30_000 };
    this.#worker = new Worker(new URL('./sqlite-worker.js', import.meta.url), { workerData });
    let ready!: () => void;
    let failed!: (e: unknown) => void;
    this.#ready = new Promise((res, rej) => ((ready = res), (failed = rej)));
    this.#ready.catch(() => undefined);
    this.#worker.on('message', (m: Reply) => {
      if (m.kind === 'ready') {
        this.#rev = m.rev;
        ready();
      } else if (m.kind === 'result') this.#settle(m.id, m.value, m.error);
      else this.#commit(m);
      this.#schedule();
    });
    this.#worker.on('error', (e) => {
      failed(e);
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    });
  }

  #commit(m: Extract<Reply, { kind: 'commit' }>): void {
    this.#rev = Math.max(this.#rev, m.rev);
    if (m.events.length) {
      const events: StoreEvent[] = m.events.map(({ id, ...ev }) => {
        // A put's value comes back empty: it is the writer's own bytes, which are here.
        const kv = { ...ev.kv, value: ev.type === 'put' ? this.#pending.get(id)!.value! : asBuffer(ev.kv.value) };
        return { ...ev, kv, ...(ev.prevKv ? { prevKv: { ...ev.prevKv, value: asBuffer(ev.prevKv.value) } } : {}) };
      });
      // Watchers hear of a commit before its writers are answered: read-your-writes holds.
      for (const l of this.#listeners) l(events);
    }
    for (const r of m.results) this.#settle(r.id, r.rev, r.error);
  }

  #settle(id: number, value: unknown, error?: WireError): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (p.write) this.#committing--;
    if (error) p.reject(unwire(error));
    else p.resolve(value as never);
  }

  async #call<T>(req: RequestBody, value?: Uint8Array): Promise<T> {
    if (this.#closed) throw new Error('store is closed');
    return this.#send<T>(req, value);
  }

  async #send<T>(req: RequestBody, value?: Uint8Array): Promise<T> {
    await this.#ready;
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const write = req.call === 'write';
      this.#pending.set(id, { resolve: resolve as (v: never) => void, reject, write, value });
      this.#outbox.push({ ...req, id } as Request);
      if (write) this.#waitingWrites++;
      this.#schedule();
    });
  }

  /**
   * Each postMessage wakes the worker and copies through the thread boundary at a fixed cost that
   * exceeds a write's own encoding (tens of µs of the two threads' CPU): the requests of a turn of the
   * event loop go as one message, and writes made while a commit is under way wait for it to come back
   * (the worker would only queue them behind it), then go together as the next group commit.
   */
  #schedule(): void {
    if (this.#scheduled || !this.#outbox.length || (this.#committing > 0 && this.#waitingWrites > 0)) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#outbox;
      this.#outbox = [];
      this.#committing += this.#waitingWrites;
      this.#waitingWrites = 0;
      this.#worker.postMessage(batch);
    });
  }

  async get(key: string): Promise<KV | null> {
    const kv = await this.#call<KV | null>({ call: 'get', key });
    return kv && { ...kv, value: asBuffer(kv.value) };
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const r = await this.#call<ListResult>({ call: 'list', prefix, limit: opts.limit, after: opts.after, revision: opts.revision, count: opts.count });
    return { ...r, kvs: r.kvs.map((kv) => ({ ...kv, value: asBuffer(kv.value) })) };
  }

  #write(op: Op): Promise<number> {
    if ('value' in op && Buffer.byteLength(op.key) + op.value.byteLength > this.maxRequestBytes) {
      // etcd's own words, so that the answer reads the same as on an etcd-backed cluster.
      return Promise.reject(new StoreError('TooLarge', 'etcdserver: request is too large'));
    }
    return this.#call<number>({ call: 'write', op }, 'value' in op ? op.value : undefined);
  }

  create(key: string, value: Uint8Array): Promise<number> {
    return this.#write({ kind: 'create', key, value });
  }

  update(key: string, value: Uint8Array, expectRevision: number): Promise<number> {
    return this.#write({ kind: 'update', key, value, expect: expectRevision });
  }

  delete(key: string, expectRevision?: number): Promise<number> {
    return this.#write({ kind: 'delete', key, expect: expectRevision });
  }

  async revision(): Promise<number> {
    await this.#ready;
    return this.#rev;
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent> {
    const q = new AsyncQueue<StoreEvent>(signal);
    const end = prefixEnd(prefix);
    // Live events are held until the replay arrives; the replay covers everything up to its revision.
    let held: StoreEvent[] | null = [];
    let replayedTo = Infinity;
    const listener = (events: StoreEvent[]): void => {
      for (const e of events) {
        if (e.kv.key < prefix || e.kv.key >= end) continue;
        if (held) held.push(e);
        else if (e.kv.modRevision > replayedTo) q.push(e);
      }
    };
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
    this.#call<{ events: StoreEvent[]; rev: number }>({ call: 'since', prefix, from: fromRevision }).then(
      ({ events, rev }) => {
        for (const e of events) q.push({ ...e, kv: { ...e.kv, value: asBuffer(e.kv.value) }, ...(e.prevKv ? { prevKv: { ...e.prevKv, value: asBuffer(e.prevKv.value) } } : {}) });
        replayedTo = rev;
        for (const e of held ?? []) if (e.kv.modRevision > rev) q.push(e);
        held = null;
      },
      (e: unknown) => {
        this.#listeners.delete(listener);
        q.close(e);
      },
    );
    return q;
  }

  async compact(rev: number): Promise<void> {
    await this.#call({ call: 'compact', rev });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#ready.catch(() => undefined);
    await this.#send({ call: 'close' });
    await this.#worker.terminate();
  }
}
