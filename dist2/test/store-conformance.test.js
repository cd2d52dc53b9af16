// The Backend conformance and property suites (test/support/store-conformance.ts) on the SQLite store.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from '../src/store/sqlite.js';
import { backendConformance } from './support/store-conformance.js';
backendConformance('SqliteBackend', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const path = join(dir, 'state.db');
    const size = async (p) => (await stat(p).catch(() => ({ size: 0 }))).size;
    return {
        open: async (opts) => new SqliteBackend(path, opts),
        issueOrder: true,
        sizeBytes: async () => (await size(path)) + (await size(`${path}-wal`)),
        dispose: () => rm(dir, { recursive: true, force: true }),
    };
});
//# sourceMappingURL=store-conformance.test.js.map