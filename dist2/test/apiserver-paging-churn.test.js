// Paged lists under concurrent writes: whether a page comes from the watch cache's window of events,
// from the SQLite store at a past revision (a cache too small to reach back) or from etcd's, and
// whether the client is kubectl --chunk-size or the raw API, the pages of one list are exactly the
// namespace as it stood at one revision. A watch from before the writes is the oracle. The writes
// are random (seeded; CI replays a fixed seed; rerun one with PAGING_SEED=<seed>).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { startEtcd } from './support/etcd.js';
import { kubectl } from './support/kubectl.js';
import { prng } from './support/prng.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
const seed = process.env.PAGING_SEED ? Number(process.env.PAGING_SEED) : process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;
const NS = 'churn';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const INITIAL = 120;
const CHUNK = 7;
/** The namespace's configmaps (name → resourceVersion) as of each revision, from a watch. */
class History {
    start;
    startRv;
    changes = [];
    constructor(start, startRv) {
        this.start = start;
        this.startRv = startRv;
    }
    at(rv) {
        const s = new Map(this.start);
        for (const c of this.changes) {
            if (c.rv > rv)
                break;
            if (c.deleted)
                s.delete(c.name);
            else
                s.set(c.name, String(c.rv));
        }
        return s;
    }
    /** Every state the namespace went through, as of each change (the first is before any). */
    *states() {
        const s = new Map(this.start);
        yield [this.startRv, new Map(s)];
        for (const c of this.changes) {
            if (c.deleted)
                s.delete(c.name);
            else
                s.set(c.name, String(c.rv));
            yield [c.rv, new Map(s)];
        }
    }
}
const stateOf = (items) => new Map(items.map((o) => [o.metadata.name, o.metadata.resourceVersion]));
const same = (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
/** Random creates, updates and deletes in NS, one at a time. */
function writer(api, r) {
    let n = INITIAL;
    return async () => {
        const name = `cm-${String(r.int(n + 10)).padStart(4, '0')}`;
        const op = r.int(3);
        if (op === 0)
            await api.call('POST', CM, { metadata: { name: `cm-${String(n++).padStart(4, '0')}` }, data: { v: '0' } });
        else if (op === 1)
            await api.call('PATCH', `${CM}/${name}`, { data: { v: String(r.int(1e6)) } });
        else
            await api.call('DELETE', `${CM}/${name}`);
    };
}
async function churnAndPage(server) {
    const api = await apiFor(server.kubeconfig);
    const r = prng(seed);
    const ac = new AbortController();
    try {
        assert.equal((await api.call('POST', '/api/v1/namespaces', { metadata: { name: NS } })).status, 201);
        // The root CA publisher's write lands first, so from here on only this test writes in NS.
        await until('kube-root-ca.crt', async () => (await api.call('GET', `${CM}/kube-root-ca.crt`)).status === 200);
        for (let i = 0; i < INITIAL; i++)
            await api.call('POST', CM, { metadata: { name: `cm-${String(i).padStart(4, '0')}` }, data: { v: '0' } });
        const start = await api.call('GET', CM);
        const history = new History(stateOf(start.body.items), Number(start.body.metadata.resourceVersion));
        const events = await api.watch(`${CM}?watch=true&resourceVersion=${history.startRv}`, ac.signal);
        let seenRv = history.startRv;
        void (async () => {
            for await (const ev of events) {
                seenRv = Number(ev.object.metadata.resourceVersion);
                history.changes.push({ rv: seenRv, name: ev.object.metadata.name, deleted: ev.type === 'DELETED' });
            }
        })().catch(() => undefined);
        const write = writer(api, r);
        let writing = true;
        const background = (async () => {
            while (writing)
                await write();
        })();
        // The raw API: writes go on between the pages, and more beside them.
        const pages = [];
        let page = await api.call('GET', `${CM}?limit=${CHUNK}`);
        for (;;) {
            assert.equal(page.status, 200, JSON.stringify(page.body));
            pages.push(page.body);
            if (!page.body.metadata.continue)
                break;
            await write();
            page = await api.call('GET', `${CM}?limit=${CHUNK}&continue=${page.body.metadata.continue}`);
        }
        // kubectl, paging on its own while the writer goes on.
        const k = await kubectl(server.kubeconfig, ['get', 'configmaps', '-n', NS, `--chunk-size=${CHUNK}`, '-o', 'json']);
        assert.equal(k.code, 0, k.stderr);
        writing = false;
        await background;
        const last = await api.call('POST', CM, { metadata: { name: 'last' } });
        await until('the watch to see every write', async () => seenRv >= Number(last.body.metadata.resourceVersion));
        const rv = Number(pages[0].metadata.resourceVersion);
        assert.ok(pages.every((p) => Number(p.metadata.resourceVersion) === rv), 'every page reports the first page\'s revision');
        const listed = stateOf(pages.flatMap((p) => p.items));
        assert.ok(history.changes.some((c) => c.rv > rv), 'writes landed after the first page');
        assert.deepEqual([...listed].sort(), [...history.at(rv)].sort(), `the raw API's pages are the namespace at ${rv} (seed ${seed})`);
        let shown = 0;
        for (const p of pages) {
            shown += p.items.length;
            assert.equal(p.metadata.remainingItemCount, p.metadata.continue ? listed.size - shown : undefined, `remainingItemCount after ${shown} of ${listed.size}`);
        }
        const printed = stateOf(JSON.parse(k.stdout).items);
        const match = [...history.states()].find(([, s]) => same(s, printed));
        assert.ok(match, `kubectl --chunk-size=${CHUNK} printed the namespace as it was at one revision (seed ${seed})`);
        assert.ok(history.changes.some((c) => c.rv > match[0]), 'writes landed after kubectl\'s snapshot');
    }
    finally {
        ac.abort();
        api.close();
    }
}
describe(`paged lists under concurrent writes (seed ${seed}; rerun with PAGING_SEED=${seed})`, () => {
    let server;
    let etcd;
    after(async () => {
        await server?.dispose();
        await etcd?.stop();
    });
    it('are one snapshot when the watch cache\'s window reaches back to it', async () => {
        server = await startServer();
        await churnAndPage(server);
        await server.dispose();
        server = undefined;
    });
    it('are one snapshot read from SQLite at a past revision when the cache keeps too few events', async () => {
        server = await startServer({ args: ['--watch-cache-size', '2'] });
        await churnAndPage(server);
        await server.dispose();
        server = undefined;
    });
    it('are one snapshot read from etcd at a past revision when the cache keeps too few events', async () => {
        etcd = await startEtcd({ clientPort: 23900, peerPort: 23901 });
        server = await startServer({ args: ['--watch-cache-size', '2', '--datastore-endpoint', etcd.endpoint] });
        await churnAndPage(server);
    });
});
//# sourceMappingURL=apiserver-paging-churn.test.js.map