// The SQLite log itself, synchronous: one append-only table as kine keeps it, whose autoincrement id
// is the global revision. sqlite-worker.ts runs it on its own thread; sqlite.ts is the Backend.

import Database from 'better-sqlite3';
import { prefixEnd } from './prefix.js';
import { WalGuard } from './sqlite-wal-guard.js';
import { StoreError, type KV, type ListOptions, type ListResult, type StoreEvent } from './types.js';

interface Row {
  rev: number;
  key: string;
  deleted: number;
  create_rev: number;
  prev_rev: number;
  value: Buffer | null;
}

export type Op =
  | { kind: 'create'; key: string; value: Uint8Array }
  | { kind: 'update'; key: string; value: Uint8Array; expect: number }
  | { kind: 'delete'; key: string; expect?: number };

export type Outcome = { rev: number; event: StoreEvent } | { error: StoreError };

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

/** The bounds of a range read at a revision (named parameters of LATEST_IN_RANGE). */
interface RangeAt {
  from: string;
  end: string;
  at: number;
}

/** A row of log `l` that is its key's newest at revision @at, within [@from, @end), and not a deletion. */
const LATEST_IN_RANGE = `l.key >= @from AND l.key < @end AND l.rev <= @at AND l.deleted = 0
  AND NOT EXISTS (SELECT 1 FROM log n WHERE n.key = l.key AND n.rev > l.rev AND n.rev <= @at)`;

function toKV(r: Row): KV {
  return { key: r.key, value: r.value ?? Buffer.alloc(0), createRevision: r.create_rev, modRevision: r.rev };
}

export class SqliteLog {
  readonly #db: Database.Database;
  readonly #stmt;
  readonly #guard: WalGuard;
  #rev: number;
  #compactRev: number;

  constructor(path: string) {
    this.#guard = new WalGuard(path);
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    // Durable against power loss: every commit reaches the disk before it is acknowledged.
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
    this.#stmt = {
      latest: this.#db.prepare<[string], Row>('SELECT * FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1'),
      byRev: this.#db.prepare<[number], Row>('SELECT * FROM log WHERE rev = ?'),
      insert: this.#db.prepare('INSERT INTO log (key, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?)'),
      setCreateRev: this.#db.prepare('UPDATE log SET create_rev = rev WHERE rev = ?'),
      maxRev: this.#db.prepare<[], { rev: number | null }>('SELECT MAX(rev) AS rev FROM log'),
      // The newest row of each key in the range as it stood at a revision (the current one, or a past
      // one that history not yet compacted still holds), deleted keys left out. Walked in the (key, rev)
      // index's order with one index probe per row for a newer one, so a page reads only its own rows
      // (a GROUP BY joined back sorted the whole range for every page: minutes for 150,000 Pods).
      listAt: this.#db.prepare<[RangeAt & { limit: number }], Row>(`SELECT l.* FROM log l WHERE ${LATEST_IN_RANGE} ORDER BY l.key LIMIT @limit`),
      countAt: this.#db.prepare<[RangeAt], { n: number }>(`SELECT COUNT(*) AS n FROM log l WHERE ${LATEST_IN_RANGE}`),
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
    try {
      this.#guard.verify(this.#rev);
    } catch (e) {
      this.#db.close();
      this.#guard.close();
      throw e;
    }
    this.#checkpoint();
  }

  /** Copies the whole WAL into the database file (on opening and closing; SQLite does so meanwhile). */
  #checkpoint(): void {
    const [r] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (r && r.busy === 0 && r.log === r.checkpointed) this.#guard.checkpointed();
  }

  get revision(): number {
    return this.#rev;
  }

  get compactRevision(): number {
    return this.#compactRev;
  }

  get(key: string): KV | null {
    const r = this.#stmt.latest.get(key);
    return r && !r.deleted ? toKV(r) : null;
  }

  list(prefix: string, opts: ListOptions = {}): ListResult {
    // Keys strictly after `after`: the next possible key is after + NUL.
    const from = opts.after !== undefined && opts.after >= prefix ? opts.after + '\u0000' : prefix;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    // Revision 0 is the current one, as etcd reads it.
    const at = opts.revision || this.#rev;
    if (at > this.#rev) throw new Error(`required revision ${at} is a future revision (current ${this.#rev})`);
    if (at < this.#compactRev) throw new StoreError('Expired', `required revision ${at} has been compacted`, this.#compactRev);
    const end = prefixEnd(prefix);
    const range = { from, end, at };
    const rows = this.#stmt.listAt.all({ ...range, limit: limit === -1 ? -1 : limit + 1 });
    const more = limit !== -1 && rows.length > limit;
    const kvs = (more ? rows.slice(0, limit) : rows).map(toKV);
    if (!opts.count) return { kvs, revision: at, more };
    return { kvs, revision: at, more, remaining: more ? this.#stmt.countAt.get(range)!.n - kvs.length : 0 };
  }

  /** Every event under prefix after fromRevision; Expired when that history is compacted away. */
  since(prefix: string, fromRevision: number): StoreEvent[] {
    if (fromRevision < this.#compactRev) throw new StoreError('Expired', `required revision ${fromRevision} has been compacted`, this.#compactRev);
    return this.#stmt.since.all(fromRevision, prefix, prefixEnd(prefix)).map((r) => this.#eventOf(r));
  }

  /** Applies ops in one transaction; each op is checked first, so one failing op never aborts the rest. */
  applyBatch(ops: Op[]): Outcome[] {
    const outcomes: Outcome[] = [];
    const before = this.#rev;
    this.#db.transaction(() => {
      for (const op of ops) outcomes.push(this.#apply(op));
      if (outcomes.some((o) => 'rev' in o)) this.#guard.beforeCommit(before);
    })();
    for (const o of outcomes) if ('rev' in o) this.#rev = o.rev;
    return outcomes;
  }

  /** Forgets history in (compactRevision, hi]; the newest value of every key stays. */
  compactStep(hi: number): void {
    const lo = this.#compactRev;
    const to = Math.min(hi, this.#rev);
    if (to <= lo) return;
    this.#db.transaction(() => {
      this.#stmt.compactPrev.run(lo, to);
      this.#stmt.compactDeleted.run(lo, to);
      this.#stmt.setMeta.run('compact_rev', to);
    })();
    this.#compactRev = to;
  }

  close(): void {
    this.#checkpoint();
    this.#db.close();
    this.#guard.close();
  }

  #eventOf(r: Row): StoreEvent {
    const prev = r.prev_rev ? this.#stmt.byRev.get(r.prev_rev) : undefined;
    const prevKv = prev && !prev.deleted ? toKV(prev) : undefined;
    if (r.deleted) return { type: 'delete', kv: { ...(prevKv ?? toKV(r)), modRevision: r.rev }, prevKv };
    return { type: 'put', kv: toKV(r), prevKv };
  }

  #apply(op: Op): Outcome {
    const cur = this.#stmt.latest.get(op.key);
    const live = cur && !cur.deleted ? cur : undefined;
    if (op.kind === 'create') {
      if (live) return { error: new StoreError('AlreadyExists', `key ${op.key} exists`, live.rev) };
      const rev = Number(this.#stmt.insert.run(op.key, 0, 0, cur?.rev ?? 0, Buffer.from(op.value.buffer, op.value.byteOffset, op.value.byteLength)).lastInsertRowid);
      this.#stmt.setCreateRev.run(rev);
      return { rev, event: { type: 'put', kv: { key: op.key, value: op.value, createRevision: rev, modRevision: rev } } };
    }
    if (!live) return { error: new StoreError('NotFound', `key ${op.key} not found`) };
    if (op.expect !== undefined && op.expect !== live.rev) {
      return { error: new StoreError('Conflict', `key ${op.key} is at revision ${live.rev}, not ${op.expect}`, live.rev) };
    }
    const prevKv = toKV(live);
    if (op.kind === 'update') {
      const rev = Number(this.#stmt.insert.run(op.key, 0, live.create_rev, live.rev, Buffer.from(op.value.buffer, op.value.byteOffset, op.value.byteLength)).lastInsertRowid);
      return { rev, event: { type: 'put', kv: { key: op.key, value: op.value, createRevision: live.create_rev, modRevision: rev }, prevKv } };
    }
    const rev = Number(this.#stmt.insert.run(op.key, 1, live.create_rev, live.rev, null).lastInsertRowid);
    return { rev, event: { type: 'delete', kv: { ...prevKv, modRevision: rev }, prevKv } };
  }
}
