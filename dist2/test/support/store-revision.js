// The revision of a berth server's store, read from its SQLite file beside the running server (WAL mode
// lets a reader in): what a test compares to prove a request wrote nothing at all.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
export function storeRevision(dataDir) {
    const db = new Database(join(dataDir, 'state.db'), { readonly: true, fileMustExist: true });
    try {
        return db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`).get()?.seq ?? 0;
    }
    finally {
        db.close();
    }
}
/** The revision once nothing has been written for `quietMs` (controllers done with what the test made). */
export async function settledRevision(dataDir, quietMs = 400) {
    let rev = storeRevision(dataDir);
    for (;;) {
        await sleep(quietMs);
        const now = storeRevision(dataDir);
        if (now === rev)
            return rev;
        rev = now;
    }
}
//# sourceMappingURL=store-revision.js.map