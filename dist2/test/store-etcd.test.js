// The Backend conformance and property suites (test/support/store-conformance.ts) on a real etcd,
// started once for this file; each harness is its own key prefix in it. And what only etcd does:
// come back from a restart under a watch.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectEtcd } from '../src/store/etcd-connect.js';
import { EtcdBackend } from '../src/store/etcd.js';
import { StoreError } from '../src/store/types.js';
import { startEtcd } from './support/etcd.js';
import { backendConformance } from './support/store-conformance.js';
import { until } from './support/wait.js';
let etcd;
before(async () => {
    etcd = await startEtcd({ clientPort: 23790, peerPort: 23791 });
});
after(async () => {
    await etcd?.stop();
});
let harnesses = 0;
backendConformance('EtcdBackend', async () => {
    const keyPrefix = `/h${++harnesses}`;
    return {
        open: async (opts) => new EtcdBackend(await connectEtcd({ endpoints: [etcd.endpoint] }), { ...opts, keyPrefix }),
        issueOrder: false,
        // etcd's database file; its write-ahead log comes in preallocated 64 MB segments it purges itself.
        sizeBytes: async () => (await stat(join(etcd.dataDir, 'member', 'snap', 'db'))).size,
        dispose: async () => undefined,
    };
});
/** The watch's next event, failing the test if none comes within 15 s. */
function nextWithin(it) {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no watch event within 15 s')), 15_000)));
    return Promise.race([it.next().then((r) => (assert.ok(!r.done, 'the watch ended'), r.value)), late]).finally(() => clearTimeout(timer));
}
describe('EtcdBackend across an etcd restart', () => {
    it('a watch resumes after etcd comes back, missing nothing and repeating nothing', async () => {
        const store = new EtcdBackend(await connectEtcd({ endpoints: [etcd.endpoint] }), { keyPrefix: '/restart', compactIntervalMs: 0 });
        const ac = new AbortController();
        try {
            const from = await store.revision();
            const events = store.watch('/r/', from, ac.signal)[Symbol.asyncIterator]();
            const a = await store.create('/r/a', Buffer.from('a'));
            assert.equal((await nextWithin(events)).kv.modRevision, a);
            await etcd.restart();
            // The first writes after the restart may meet a connection still down; a create that did land
            // while its answer was lost comes back AlreadyExists.
            const b = await until('etcd to take a write again', () => store.create('/r/b', Buffer.from('b')).catch(async (e) => (e instanceof StoreError && e.code === 'AlreadyExists' ? (await store.get('/r/b')).modRevision : undefined)), 30_000, 200);
            const c = await store.update('/r/b', Buffer.from('c'), b);
            const got = [await nextWithin(events), await nextWithin(events)];
            assert.deepEqual(got.map((e) => [e.type, e.kv.key, e.kv.modRevision, e.kv.value.toString()]), [['put', '/r/b', b, 'b'], ['put', '/r/b', c, 'c']]);
            assert.equal(got[1].prevKv?.value.toString(), 'b');
        }
        finally {
            ac.abort();
            await store.close();
        }
    });
});
//# sourceMappingURL=store-etcd.test.js.map