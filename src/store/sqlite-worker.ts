// The SQLite log on its own thread. better-sqlite3 is synchronous: run on the main thread, every
// commit's fsync would stop the API server. Here writes that arrive together share one transaction
// (group commit) and one fsync while the main thread goes on decoding and validating the next ones.

import { parentPort, workerData } from 'node:worker_threads';
import { SqliteLog, type Op } from './sqlite-log.js';
import { StoreError, type ListResult, type StoreEvent } from './types.js';

/** Main thread → worker (in batches: one message carries a list of these). */
export type Request =
  | { id: number; call: 'get'; key: string }
  | { id: number; call: 'list'; prefix: string; limit?: number; after?: string; revision?: number; count?: boolean }
  | { id: number; call: 'since'; prefix: string; from: number }
  | { id: number; call: 'compact'; rev: number }
  | { id: number; call: 'close' }
  | { id: number; call: 'write'; op: Op };

/** A request before it is given its id. */
export type RequestBody = Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface WireError {
  code?: StoreError['code'];
  message: string;
  rev?: number;
}

/** Worker → main thread. */
export type Reply =
  | { kind: 'ready'; rev: number }
  | { kind: 'result'; id: number; value?: unknown; error?: WireError }
  /** One commit: its events (each with the id of the write that made it) and every write's outcome. */
  | { kind: 'commit'; rev: number; events: Array<StoreEvent & { id: number }>; results: Array<{ id: number; rev?: number; error?: WireError }> };

export interface WorkerOptions {
  path: string;
  retainRevisions: number;
  compactIntervalMs: number;
}

function wire(e: unknown): WireError {
  if (e instanceof StoreError) return { code: e.code, message: e.message, rev: e.currentRevision };
  return { message: e instanceof Error ? e.message : String(e) };
}

/**
 * A page of a list with every value copied into one buffer, which goes to the main thread by transfer
 * rather than as thousands of buffers of a few KB each: a cold start's 150,000 Pods would otherwise
 * leave the main thread's allocator scattered with holes their copies left once parsed.
 */
function packed(r: ListResult): { value: ListResult; transfer: ArrayBuffer[] } {
  let size = 0;
  for (const kv of r.kvs) size += kv.value.byteLength;
  if (size === 0) return { value: r, transfer: [] };
  const all = Buffer.allocUnsafeSlow(size);
  let at = 0;
  const kvs = r.kvs.map((kv) => {
    all.set(kv.value, at);
    const value = all.subarray(at, (at += kv.value.byteLength));
    return { ...kv, value };
  });
  return { value: { ...r, kvs }, transfer: [all.buffer as ArrayBuffer] };
}

const NO_VALUE = new Uint8Array(0);

function serve(port: NonNullable<typeof parentPort>, opts: WorkerOptions): void {
  const log = new SqliteLog(opts.path);
  let queue: Array<{ id: number; op: Op }> = [];
  let scheduled = false;
  let closed = false;

  const flush = (): void => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (!batch.length) return;
    try {
      const outcomes = log.applyBatch(batch.map((b) => b.op));
      const events: Array<StoreEvent & { id: number }> = [];
      const results = outcomes.map((o, i) => {
        if ('error' in o) return { id: batch[i].id, error: wire(o.error) };
        // A put's value goes back empty: the main thread holds the writer's bytes (sqlite.ts).
        events.push({ ...o.event, ...(o.event.type === 'put' ? { kv: { ...o.event.kv, value: NO_VALUE } } : {}), id: batch[i].id });
        return { id: batch[i].id, rev: o.rev };
      });
      port.postMessage({ kind: 'commit', rev: log.revision, events, results } satisfies Reply);
    } catch (e) {
      // The transaction rolled back: nothing was written.
      port.postMessage({ kind: 'commit', rev: log.revision, events: [], results: batch.map((b) => ({ id: b.id, error: wire(e) })) } satisfies Reply);
    }
  };

  const compactTo = (rev: number): void => {
    // Small steps keep each transaction short, so writes never wait long behind compaction.
    while (!closed && log.compactRevision < Math.min(rev, log.revision)) log.compactStep(log.compactRevision + 1000 > rev ? rev : log.compactRevision + 1000);
  };
  const timer = opts.compactIntervalMs > 0
    ? setInterval(() => {
        const target = log.revision - opts.retainRevisions;
        try {
          if (target > log.compactRevision) compactTo(target);
        } catch (e) {
          console.error('berth store: compaction failed:', e);
        }
      }, opts.compactIntervalMs)
    : null;

  const handle = (m: Request): void => {
    if (m.call === 'write') {
      if (closed) return port.postMessage({ kind: 'result', id: m.id, error: { message: 'store is closed' } } satisfies Reply);
      queue.push({ id: m.id, op: m.op });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return;
    }
    try {
      let value: unknown;
      let transfer: ArrayBuffer[] = [];
      switch (m.call) {
        case 'get':
          value = log.get(m.key);
          break;
        case 'list':
          ({ value, transfer } = packed(log.list(m.prefix, { limit: m.limit, after: m.after, revision: m.revision, count: m.count })));
          break;
        case 'since':
          // Pending writes land first, so the answer and the live events that follow never overlap wrongly.
          flush();
          value = { events: log.since(m.prefix, m.from), rev: log.revision };
          break;
        case 'compact':
          flush();
          compactTo(m.rev);
          break;
        case 'close':
          flush();
          closed = true;
          if (timer) clearInterval(timer);
          log.close();
          port.postMessage({ kind: 'result', id: m.id } satisfies Reply);
          port.close();
          return;
      }
      port.postMessage({ kind: 'result', id: m.id, value } satisfies Reply, transfer);
    } catch (e) {
      port.postMessage({ kind: 'result', id: m.id, error: wire(e) } satisfies Reply);
    }
  };
  // The main thread sends the requests of one turn of its event loop together (see sqlite.ts).
  port.on('message', (batch: Request[]) => {
    for (const m of batch) handle(m);
  });
  port.postMessage({ kind: 'ready', rev: log.revision } satisfies Reply);
}

if (parentPort) serve(parentPort, workerData as WorkerOptions);
