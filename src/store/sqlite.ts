// The embedded store: one append-only log table in SQLite, as kine keeps it. The log's autoincrement
// id is the global revision. Writes that arrive in the same event-loop turn share one transaction and
// one fsync (group commit), so durability is never traded for throughput: a write resolves only after
// its transaction is on disk (WAL + synchronous=FULL).

import Database from 'better-sqlite3';
import { AsyncQueue } from '../util/asyncqueue.js';
import { prefixEnd } from './prefix.js';
import { StoreError, type Backend, type KV, type ListOptions, type ListResult, type StoreEvent } from './types.js';

interface Row {
  rev: number;
  key: string;
  deleted: number;
  create_rev: number;
  prev_rev: number;
  value: Buffer | null;
}

type Op =
  | { kind: 'create'; key: string; value: Uint8Array }
  | { kind: 'update'; key: string; value: Uint8Array; expect: number }
  | { kind: 'delete'; key: string; expect?: number };

interface Pending {
  op: Op;
  resolve: (rev: number) => void;
  reject: (e: unknown) => void;
}

export interface SqliteOptions {
  /** Revisions of history kept for watches from the past (default 10,000). */
  retainRevisions?: number;
  /** How often history is compacted (default 30 s); 0 disables the timer. */
  compactIntervalMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  rev INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  create_rev INTEGER NOT NULL,
  prev_rev INTEGER NOT NULL,
  value BLOB
);
CREATE UNIQUE INDEX IF NOT EXISTS log_key_prev ON log(key, prev_rev);
CREATE INDEX IF NOT EXISTS log_key_rev ON log(key, rev);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

function toKV(r: Row): KV {
  return { key: r.key, value: r.value ?? Buffer.alloc(0), createRevision: r.create_rev, modRevision: r.rev };
}

export class SqliteBackend implements Backend {
  readonly #db: Database.Database;
  readonly #stmt;
  readonly #listeners = new Set<(events: StoreEvent[]) => void>();
  readonly #retain: number;
  readonly #timer: NodeJS.Timeout | null;
  #queue: Pending[] = [];
  #flushScheduled = false;
  #closed = false;
  /** The compaction in progress: compactions run one at a time, so compact_rev only moves forward. */
  #compacting: Promise<void> = Promise.resolve();
  #rev: number;
  #compactRev: number;

  constructor(path: string, opts: SqliteOptions = {}) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
    this.#stmt = {
      latest: this.#db.prepare<[string], Row>('SELECT * FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1'),
      byRev: this.#db.prepare<[number], Row>('SELECT * FROM log WHERE rev = ?'),
      insert: this.#db.prepare('INSERT INTO log (key, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?)'),
      setCreateRev: this.#db.prepare('UPDATE log SET create_rev = rev WHERE rev = ?'),
      maxRev: this.#db.prepare<[], { rev: number | null }>('SELECT MAX(rev) AS rev FROM log'),
      list: this.#db.prepare<[string, string, number], Row>(
        `SELECT l.* FROM log l JOIN (SELECT key, MAX(rev) AS rev FROM log WHERE key >= ? AND key < ? GROUP BY key) m
         ON l.rev = m.rev WHERE l.deleted = 0 ORDER BY l.key LIMIT ?`,
      ),
      since: this.#db.prepare<[number, string, string], Row>('SELECT * FROM log WHERE rev > ? AND key >= ? AND key < ? ORDER BY rev'),
      getMeta: this.#db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE name = ?'),
      setMeta: this.#db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
      // A row written in (lo, hi] makes the row it replaced (prev_rev) history, wherever that row lies;
      // a deletion in (lo, hi] is history itself. So every batch removes exactly what it superseded.
      compactPrev: this.#db.prepare(`DELETE FROM log WHERE rev IN (SELECT prev_rev FROM log WHERE rev > ? AND rev <= ? AND prev_rev > 0)`),
      compactDeleted: this.#db.prepare(`DELETE FROM log WHERE rev > ? AND rev <= ? AND deleted = 1`),
      seq: this.#db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`),
    };
    this.#compactRev = this.#stmt.getMeta.get('compact_rev')?.value ?? 0;
    // Compaction may have removed the newest rows (deletions), so MAX(rev) alone could move the
    // revision backwards across a restart; the autoincrement sequence never does.
    this.#rev = Math.max(this.#stmt.maxRev.get()?.rev ?? 0, this.#stmt.seq.get()?.seq ?? 0, this.#compactRev);
    this.#retain = opts.retainRevisions ?? 10_000;
    const every = opts.compactIntervalMs ?? 30_000;
    this.#timer = every > 0 ? setInterval(() => this.#autoCompact(), every).unref() : null;
  }

  async get(key: string): Promise<KV | null> {
    const r = this.#stmt.latest.get(key);
    return r && !r.deleted ? toKV(r) : null;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    // Keys strictly after `after`: the next possible key is after + NUL.
    const from = opts.after !== undefined && opts.after >= prefix ? opts.after + '\u0000' : prefix;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    const rows = this.#stmt.list.all(from, prefixEnd(prefix), limit === -1 ? -1 : limit + 1);
    const more = limit !== -1 && rows.length > limit;
    return { kvs: (more ? rows.slice(0, limit) : rows).map(toKV), revision: this.#rev, more };
  }

  create(key: string, value: Uint8Array): Promise<number> {
    return this.#enqueue({ kind: 'create', key, value });
  }

  update(key: string, value: Uint8Array, expectRevision: number): Promise<number> {
    return this.#enqueue({ kind: 'update', key, value, expect: expectRevision });
  }

  delete(key: string, expectRevision?: number): Promise<number> {
    return this.#enqueue({ kind: 'delete', key, expect: expectRevision });
  }

  async revision(): Promise<number> {
    return this.#rev;
  }

  watch(prefix: string, fromRevision: number, signal: AbortSignal): AsyncIterable<StoreEvent> {
    const q = new AsyncQueue<StoreEvent>(signal);
    if (fromRevision < this.#compactRev) {
      q.close(new StoreError('Expired', `required revision ${fromRevision} has been compacted`, this.#compactRev));
      return q;
    }
    const end = prefixEnd(prefix);
    // Replay and subscribe in one synchronous step: no commit can land between them.
    for (const r of this.#stmt.since.all(fromRevision, prefix, end)) q.push(this.#eventOf(r));
    const listener = (events: StoreEvent[]): void => {
      for (const e of events) if (e.kv.key >= prefix && e.kv.key < end) q.push(e);
    };
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
    return q;
  }

  compact(rev: number): Promise<void> {
    const run = this.#compacting.then(() => this.#compactTo(rev));
    this.#compacting = run.catch(() => undefined);
    return run;
  }

  async #compactTo(rev: number): Promise<void> {
    const target = Math.min(rev, this.#rev);
    // Small batches keep each transaction short, so writers never wait long behind compaction.
    const step = 1000;
    while (this.#compactRev < target && !this.#closed) {
      const lo = this.#compactRev;
      const hi = Math.min(lo + step, target);
      this.#db.transaction(() => {
        this.#stmt.compactPrev.run(lo, hi);
        this.#stmt.compactDeleted.run(lo, hi);
        this.#stmt.setMeta.run('compact_rev', hi);
      })();
      this.#compactRev = hi;
      await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#queue.length) this.#flush();
    this.#closed = true;
    await this.#compacting;
    this.#db.close();
  }

  #autoCompact(): void {
    const target = this.#rev - this.#retain;
    if (target > this.#compactRev) {
      this.compact(target).catch((e: unknown) => console.error('berth store: compaction failed:', e));
    }
  }

  #eventOf(r: Row): StoreEvent {
    const prev = r.prev_rev ? this.#stmt.byRev.get(r.prev_rev) : undefined;
    const prevKv = prev && !prev.deleted ? toKV(prev) : undefined;
    if (r.deleted) return { type: 'delete', kv: { ...(prevKv ?? toKV(r)), modRevision: r.rev }, prevKv };
    return { type: 'put', kv: toKV(r), prevKv };
  }

  #enqueue(op: Op): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** Applies every queued write in one transaction; each op is checked first, so one failing op never aborts the rest. */
  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0 || this.#closed) return;
    const outcomes: Array<{ rev: number; event: StoreEvent } | { error: StoreError }> = [];
    try {
      this.#db.transaction(() => {
        for (const p of batch) outcomes.push(this.#apply(p.op));
      })();
    } catch (e) {
      // The transaction rolled back: nothing was written and the revision is unchanged.
      for (const p of batch) p.reject(e);
      return;
    }
    const events: StoreEvent[] = [];
    for (const o of outcomes) if ('event' in o) events.push(o.event);
    if (events.length) this.#rev = events[events.length - 1].kv.modRevision;
    for (const l of this.#listeners) l(events);
    outcomes.forEach((o, i) => ('error' in o ? batch[i].reject(o.error) : batch[i].resolve(o.rev)));
  }

  #apply(op: Op): { rev: number; event: StoreEvent } | { error: StoreError } {
    const cur = this.#stmt.latest.get(op.key);
    const live = cur && !cur.deleted ? cur : undefined;
    if (op.kind === 'create') {
      if (live) return { error: new StoreError('AlreadyExists', `key ${op.key} exists`, live.rev) };
      const rev = Number(this.#stmt.insert.run(op.key, 0, 0, cur?.rev ?? 0, Buffer.from(op.value)).lastInsertRowid);
      this.#stmt.setCreateRev.run(rev);
      return { rev, event: { type: 'put', kv: { key: op.key, value: op.value, createRevision: rev, modRevision: rev } } };
    }
    if (!live) return { error: new StoreError('NotFound', `key ${op.key} not found`) };
    if (op.expect !== undefined && op.expect !== live.rev) {
      return { error: new StoreError('Conflict', `key ${op.key} is at revision ${live.rev}, not ${op.expect}`, live.rev) };
    }
    const prevKv = toKV(live);
    if (op.kind === 'update') {
      const rev = Number(this.#stmt.insert.run(op.key, 0, live.create_rev, live.rev, Buffer.from(op.value)).lastInsertRowid);
      return { rev, event: { type: 'put', kv: { key: op.key, value: op.value, createRevision: live.create_rev, modRevision: rev }, prevKv } };
    }
    const rev = Number(this.#stmt.insert.run(op.key, 1, live.create_rev, live.rev, null).lastInsertRowid);
    return { rev, event: { type: 'delete', kv: { ...prevKv, modRevision: rev }, prevKv } };
  }
}
