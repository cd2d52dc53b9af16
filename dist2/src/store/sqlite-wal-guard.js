// Keeps the SQLite log from going back in time when its write-ahead log is lost. A commit is durable
// in the WAL (the -wal file) before it is acknowledged; only a checkpoint copies it into the database
// file. Remove the WAL after an unclean stop and SQLite opens the database at its last checkpoint,
// silently: revisions clients have already seen would be handed out again, to other writes.
//
// So a small guard file beside the database is armed, with the revision the database file then holds,
// before the first commit after the file was last known complete (the full checkpoint made on opening),
// and disarmed by the full checkpoint made on a clean close. That is one small synced write per start
// and one per stop, none per commit; SQLite checkpoints as usual in between. On start, an armed guard
// and no WAL mean that acknowledged writes may be gone (SQLite's own checkpoints may have saved some
// of them; nothing tells which): the store refuses to open, and says how to go on.
import { closeSync, existsSync, fdatasyncSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
/** The guard's size on disk: rewritten in place, so one sector, never torn. */
const RECORD_BYTES = 64;
export class WalGuard {
    #db;
    #file;
    #fd;
    /** The revision the guard names, as found on opening; null when it names none. */
    #since;
    /**
     * Whether the WAL file was there before SQLite opened the database (opening makes one). While a
     * database is open its WAL exists, empty after a checkpoint, so only removal by hand leaves none.
     */
    #walFound;
    /** Whether the guard on disk names a revision now. */
    #armed;
    constructor(dbPath) {
        this.#db = dbPath;
        this.#file = `${dbPath}-walguard`;
        const wal = `${dbPath}-wal`;
        this.#walFound = existsSync(wal);
        const existed = existsSync(this.#file);
        this.#since = existed ? readSince(this.#file) : null;
        this.#armed = this.#since !== null;
        this.#fd = openSync(this.#file, existed ? 'r+' : 'w+', 0o600);
        if (!existed)
            syncDir(this.#file);
    }
    /** After opening, with the revision SQLite recovered: throws when acknowledged writes may be gone. */
    verify(revision) {
        const since = this.#since;
        if (since === null || this.#walFound)
            return;
        throw new Error(`${this.#db} may have lost acknowledged writes: its write-ahead log ${this.#db}-wal, which held the writes ` +
            `after revision ${since}, is gone; the database file is at revision ${revision}. Starting could hand out ` +
            `revisions clients have already seen. Put the -wal file back; or, to accept the loss, delete ${this.#file} ` +
            `and restart every client so that it lists again.`);
    }
    /** Called inside a transaction about to commit new revisions, with the revision before them. */
    beforeCommit(revision) {
        if (!this.#armed)
            this.#write(revision);
    }
    /** Called after a full checkpoint: the database file holds every commit. */
    checkpointed() {
        if (this.#armed)
            this.#write(null);
    }
    #write(since) {
        writeSync(this.#fd, JSON.stringify({ walSince: since }).padEnd(RECORD_BYTES), 0);
        fdatasyncSync(this.#fd);
        this.#armed = since !== null;
    }
    close() {
        closeSync(this.#fd);
    }
}
function readSince(file) {
    try {
        const v = JSON.parse(readFileSync(file, 'utf8')).walSince;
        return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
    }
    catch {
        // Empty or unreadable: the guard cannot tell, as for a database from before guards existed.
        return null;
    }
}
function syncDir(file) {
    const fd = openSync(dirname(file), 'r');
    try {
        fsyncSync(fd);
    }
    finally {
        closeSync(fd);
    }
}
//# sourceMappingURL=sqlite-wal-guard.js.map