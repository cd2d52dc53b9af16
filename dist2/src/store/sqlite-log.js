// The SQLite log itself, synchronous: one append-only table as kine keeps it, whose autoincrement id
// is the global revision. sqlite-worker.ts runs it on its own thread; sqlite.ts is the Backend.
import Database from 'better-sqlite3';
import { prefixEnd } from './prefix.js';
import { WalGuard } from './sqlite-wal-guard.js';
import { StoreError } from './types.js';
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
function toKV(r) {
    return { key: r.key, value: r.value ?? Buffer.alloc(0), createRevision: r.create_rev, modRevision: r.rev };
}
export class SqliteLog {
    #db;
    #stmt;
    #guard;
    #rev;
    #compactRev;
    constructor(path) {
        this.#guard = new WalGuard(path);
        this.#db = new Database(path);
        this.#db.pragma('journal_mode = WAL');
        // Durable against power loss: every commit reaches the disk before it is acknowledged.
        this.#db.pragma('synchronous = FULL');
        this.#db.pragma('busy_timeout = 5000');
        this.#db.exec(SCHEMA);
        this.#stmt = {
            latest: this.#db.prepare('SELECT * FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1'),
            byRev: this.#db.prepare('SELECT * FROM log WHERE rev = ?'),
            insert: this.#db.prepare('INSERT INTO log (key, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?)'),
            setCreateRev: this.#db.prepare('UPDATE log SET create_rev = rev WHERE rev = ?'),
            maxRev: this.#db.prepare('SELECT MAX(rev) AS rev FROM log'),
            // The newest row of each key in the range as it stood at a revision (the current one, or a past
            // one that history not yet compacted still holds), deleted keys left out.
            listAt: this.#db.prepare(`SELECT l.* FROM log l JOIN (SELECT key, MAX(rev) AS rev FROM log WHERE key >= ? AND key < ? AND rev <= ? GROUP BY key) m
         ON l.rev = m.rev WHERE l.deleted = 0 ORDER BY l.key LIMIT ?`),
            countAt: this.#db.prepare(`SELECT COUNT(*) AS n FROM log l JOIN (SELECT key, MAX(rev) AS rev FROM log WHERE key >= ? AND key < ? AND rev <= ? GROUP BY key) m
         ON l.rev = m.rev WHERE l.deleted = 0`),
            since: this.#db.prepare('SELECT * FROM log WHERE rev > ? AND key >= ? AND key < ? ORDER BY rev'),
            getMeta: this.#db.prepare('SELECT value FROM meta WHERE name = ?'),
            setMeta: this.#db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
            // A row written in (lo, hi] makes the row it replaced (prev_rev) history, wherever that row lies;
            // a deletion in (lo, hi] is history itself. So every batch removes exactly what it superseded.
            compactPrev: this.#db.prepare(`DELETE FROM log WHERE rev IN (SELECT prev_rev FROM log WHERE rev > ? AND rev <= ? AND prev_rev > 0)`),
            compactDeleted: this.#db.prepare(`DELETE FROM log WHERE rev > ? AND rev <= ? AND deleted = 1`),
            seq: this.#db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`),
        };
        this.#compactRev = this.#stmt.getMeta.get('compact_rev')?.value ?? 0;
        // Compaction may have removed the newest rows (deletions), so MAX(rev) alone could move the
        // revision backwards across a restart; the autoincrement sequence never does.
        this.#rev = Math.max(this.#stmt.maxRev.get()?.rev ?? 0, this.#stmt.seq.get()?.seq ?? 0, this.#compactRev);
        try {
            this.#guard.verify(this.#rev);
        }
        catch (e) {
            this.#db.close();
            this.#guard.close();
            throw e;
        }
        this.#checkpoint();
    }
    /** Copies the whole WAL into the database file (on opening and closing; SQLite does so meanwhile). */
    #checkpoint() {
        const [r] = this.#db.pragma('wal_checkpoint(TRUNCATE)');
        if (r && r.busy === 0 && r.log === r.checkpointed)
            this.#guard.checkpointed();
    }
    get revision() {
        return this.#rev;
    }
    get compactRevision() {
        return this.#compactRev;
    }
    get(key) {
        const r = this.#stmt.latest.get(key);
        return r && !r.deleted ? toKV(r) : null;
    }
    list(prefix, opts = {}) {
        // Keys strictly after `after`: the next possible key is after + NUL.
        const from = opts.after !== undefined && opts.after >= prefix ? opts.after + '\u0000' : prefix;
        const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
        // Revision 0 is the current one, as etcd reads it.
        const at = opts.revision || this.#rev;
        if (at > this.#rev)
            throw new Error(`required revision ${at} is a future revision (current ${this.#rev})`);
        if (at < this.#compactRev)
            throw new StoreError('Expired', `required revision ${at} has been compacted`, this.#compactRev);
        const end = prefixEnd(prefix);
        const rows = this.#stmt.listAt.all(from, end, at, limit === -1 ? -1 : limit + 1);
        const more = limit !== -1 && rows.length > limit;
        const kvs = (more ? rows.slice(0, limit) : rows).map(toKV);
        if (!opts.count)
            return { kvs, revision: at, more };
        return { kvs, revision: at, more, remaining: more ? this.#stmt.countAt.get(from, end, at).n - kvs.length : 0 };
    }
    /** Every event under prefix after fromRevision; Expired when that history is compacted away. */
    since(prefix, fromRevision) {
        if (fromRevision < this.#compactRev)
            throw new StoreError('Expired', `required revision ${fromRevision} has been compacted`, this.#compactRev);
        return this.#stmt.since.all(fromRevision, prefix, prefixEnd(prefix)).map((r) => this.#eventOf(r));
    }
    /** Applies ops in one transaction; each op is checked first, so one failing op never aborts the rest. */
    applyBatch(ops) {
        const outcomes = [];
        const before = this.#rev;
        this.#db.transaction(() => {
            for (const op of ops)
                outcomes.push(this.#apply(op));
            if (outcomes.some((o) => 'rev' in o))
                this.#guard.beforeCommit(before);
        })();
        for (const o of outcomes)
            if ('rev' in o)
                this.#rev = o.rev;
        return outcomes;
    }
    /** Forgets history in (compactRevision, hi]; the newest value of every key stays. */
    compactStep(hi) {
        const lo = this.#compactRev;
        const to = Math.min(hi, this.#rev);
        if (to <= lo)
            return;
        this.#db.transaction(() => {
            this.#stmt.compactPrev.run(lo, to);
            this.#stmt.compactDeleted.run(lo, to);
            this.#stmt.setMeta.run('compact_rev', to);
        })();
        this.#compactRev = to;
    }
    close() {
        this.#checkpoint();
        this.#db.close();
        this.#guard.close();
    }
    #eventOf(r) {
        const prev = r.prev_rev ? this.#stmt.byRev.get(r.prev_rev) : undefined;
        const prevKv = prev && !prev.deleted ? toKV(prev) : undefined;
        if (r.deleted)
            return { type: 'delete', kv: { ...(prevKv ?? toKV(r)), modRevision: r.rev }, prevKv };
        return { type: 'put', kv: toKV(r), prevKv };
    }
    #apply(op) {
        const cur = this.#stmt.latest.get(op.key);
        const live = cur && !cur.deleted ? cur : undefined;
        if (op.kind === 'create') {
            if (live)
                return { error: new StoreError('AlreadyExists', `key ${op.key} exists`, live.rev) };
            const rev = Number(this.#stmt.insert.run(op.key, 0, 0, cur?.rev ?? 0, Buffer.from(op.value.buffer, op.value.byteOffset, op.value.byteLength)).lastInsertRowid);
            this.#stmt.setCreateRev.run(rev);
            return { rev, event: { type: 'put', kv: { key: op.key, value: op.value, createRevision: rev, modRevision: rev } } };
        }
        if (!live)
            return { error: new StoreError('NotFound', `key ${op.key} not found`) };
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
//# sourceMappingURL=sqlite-log.js.map