// Keeps the SQLite log from going back in time when its write-ahead log is lost. A commit is durable
// in the WAL (the -wal file) before it is acknowledged; only a checkpoint copies it into the database
// file. Remove the WAL after an unclean stop and SQLite opens the database at its last checkpoint,
// silently: revisions clients have already seen would be handed out again, to other writes.
//
// So a small guard file beside the database says, while the WAL may hold commits the database file
// lacks, the revision the file holds: it is written before the first commit after a checkpoint, and
// cleared by the next complete checkpoint. That is two small synced writes per checkpoint cycle (every
// few MiB of WAL), none per commit. On start, a guard that names revision C, no WAL, and a database at
// C or before mean that acknowledged writes are gone: the store refuses to open.

import { closeSync, existsSync, fdatasyncSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** The guard's size on disk: rewritten in place, so one sector, never torn. */
const RECORD_BYTES = 64;

export class WalGuard {
  readonly #db: string;
  readonly #file: string;
  readonly #fd: number;
  /** The revision the guard names, as found on opening; null when it names none. */
  readonly #since: number | null;
  /**
   * Whether the WAL file was there before SQLite opened the database (opening makes one). While a
   * database is open its WAL exists, empty after a checkpoint, so only removal by hand leaves none.
   */
  readonly #walFound: boolean;
  /** Whether the guard on disk names a revision now. */
  #armed: boolean;

  constructor(dbPath: string) {
    this.#db = dbPath;
    this.#file = `${dbPath}-walguard`;
    const wal = `${dbPath}-wal`;
    this.#walFound = existsSync(wal);
    const existed = existsSync(this.#file);
    this.#since = existed ? readSince(this.#file) : null;
    this.#armed = this.#since !== null;
    this.#fd = openSync(this.#file, existed ? 'r+' : 'w+', 0o600);
    if (!existed) syncDir(this.#file);
  }

  /** After opening, with the revision SQLite recovered: throws when acknowledged writes are gone. */
  verify(revision: number): void {
    const since = this.#since;
    if (since === null || this.#walFound || revision > since) return;
    throw new Error(
      `${this.#db} has lost acknowledged writes: writes after revision ${since} were in its write-ahead log ` +
        `${this.#db}-wal, which is gone, so the database went back to revision ${revision}. Starting would hand out ` +
        `revisions clients have already seen. Put the -wal file back; or, to accept the loss, delete ${this.#file} ` +
        `and restart every client so that it lists again.`,
    );
  }

  /** Called inside a transaction about to commit new revisions, with the revision before them. */
  beforeCommit(revision: number): void {
    if (!this.#armed) this.#write(revision);
  }

  /** Called after a complete checkpoint: the database file holds every commit. */
  checkpointed(): void {
    if (this.#armed) this.#write(null);
  }

  #write(since: number | null): void {
    writeSync(this.#fd, JSON.stringify({ walSince: since }).padEnd(RECORD_BYTES), 0);
    fdatasyncSync(this.#fd);
    this.#armed = since !== null;
  }

  close(): void {
    closeSync(this.#fd);
  }
}

function readSince(file: string): number | null {
  try {
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { walSince?: unknown }).walSince;
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
  } catch {
    // Empty or unreadable: the guard cannot tell, as for a database from before guards existed.
    return null;
  }
}

function syncDir(file: string): void {
  const fd = openSync(dirname(file), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
