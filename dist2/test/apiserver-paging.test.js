// Paged lists as kube-apiserver serves them from etcd: every page of one list is the snapshot the
// first page was read at, whatever is written meanwhile; a token that outlives its snapshot gets 410
// and a token to go on with, knowingly inconsistent.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { join } from 'node:path';
import { SqliteBackend } from '../src/store/sqlite.js';
import { apiFor } from './support/api.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
const CM = '/api/v1/namespaces/default/configmaps';
const cm = (name, v = '1') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { paged: 'yes' } }, data: { v } });
const ROOT_CA = 'kube-root-ca.crt';
const names = (list) => list.items.map((o) => o.metadata.name);
describe('paged lists', () => {
    let server;
    after(async () => server?.dispose());
    it('reads every page from the first page\'s snapshot while objects change, with remainingItemCount', async () => {
        server = await startServer();
        const api = await apiFor(server.kubeconfig);
        // Every namespace holds kube-root-ca.crt (the root CA publisher's), listed first.
        const rootCA = await until('kube-root-ca.crt', async () => (await api.call('GET', `${CM}/${ROOT_CA}`)).body.metadata?.resourceVersion);
        const created = new Map([[ROOT_CA, rootCA]]);
        for (let i = 0; i < 25; i++) {
            const name = `p-${String(i).padStart(2, '0')}`;
            const r = await api.call('POST', CM, cm(name));
            assert.equal(r.status, 201);
            created.set(name, r.body.metadata.resourceVersion);
        }
        const first = await api.call('GET', `${CM}?limit=10`);
        assert.deepEqual(names(first.body), [...created.keys()].slice(0, 10));
        assert.equal(first.body.metadata.remainingItemCount, 16);
        const rv = first.body.metadata.resourceVersion;
        // Writes after the first page, some of them while the second is being read.
        await api.call('PUT', `${CM}/p-15`, { ...cm('p-15', 'changed'), metadata: { name: 'p-15', resourceVersion: created.get('p-15') } });
        await api.call('DELETE', `${CM}/p-20`);
        await api.call('POST', CM, cm('p-12a'));
        const [second] = await Promise.all([
            api.call('GET', `${CM}?limit=10&continue=${first.body.metadata.continue}`),
            api.call('POST', CM, cm('p-13a')),
            api.call('DELETE', `${CM}/p-21`),
        ]);
        assert.equal(second.status, 200, JSON.stringify(second.body));
        assert.equal(second.body.metadata.resourceVersion, rv, 'a continued page reports the first page\'s revision');
        assert.equal(second.body.metadata.remainingItemCount, 6);
        const third = await api.call('GET', `${CM}?limit=10&continue=${second.body.metadata.continue}`);
        assert.equal(third.body.metadata.continue, undefined);
        const seen = [first, second, third].flatMap((p) => p.body.items.map((o) => [o.metadata.name, o.metadata.resourceVersion, o.data.v]));
        assert.deepEqual(seen, [...created].map(([name, at]) => [name, at, name === ROOT_CA ? undefined : '1']), 'exactly the objects as they were at the first page');
        // With a selector the pages are the same snapshot, and nothing is counted (as upstream).
        const sel = await api.call('GET', `${CM}?labelSelector=paged%3Dyes&limit=20`);
        await api.call('DELETE', `${CM}/p-24`);
        const selRest = await api.call('GET', `${CM}?labelSelector=paged%3Dyes&limit=20&continue=${sel.body.metadata.continue}`);
        assert.equal(sel.body.metadata.remainingItemCount, undefined);
        assert.deepEqual(names(selRest.body).slice(-1), ['p-24'], 'the deleted object is still in its snapshot');
        const now = await api.call('GET', CM);
        assert.ok(!names(now.body).includes('p-24') && names(now.body).includes('p-13a'), 'a fresh list sees the latest state');
    });
    it('answers a token whose snapshot was compacted with 410 and a token that continues at the latest revision', async () => {
        const api = await apiFor(server.kubeconfig);
        const first = await api.call('GET', `${CM}?limit=5`);
        const token = first.body.metadata.continue;
        await api.call('PUT', `${CM}/p-10`, { ...cm('p-10', 'later') });
        // The store's compactor runs on a timer in the server; here the test compacts the file itself.
        await server.stop();
        const store = new SqliteBackend(join(server.dataDir, 'state.db'), { compactIntervalMs: 0 });
        await store.compact(await store.revision());
        await store.close();
        const again = await startServer({ dataDir: server.dataDir });
        server = again;
        const api2 = await apiFor(again.kubeconfig);
        const gone = await api2.call('GET', `${CM}?limit=5&continue=${token}`);
        assert.equal(gone.status, 410, JSON.stringify(gone.body));
        assert.equal(gone.body.reason, 'Expired');
        assert.match(gone.body.message, /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/);
        const next = gone.body.metadata.continue;
        assert.equal(JSON.parse(Buffer.from(next, 'base64url').toString()).rv, -1);
        const rest = await api2.call('GET', `${CM}?limit=100&continue=${next}`);
        assert.equal(rest.status, 200, JSON.stringify(rest.body));
        assert.equal(rest.body.items[0].metadata.name, 'p-04', 'after kube-root-ca.crt and p-00 to p-03');
        assert.equal(rest.body.items.find((o) => o.metadata.name === 'p-10').data.v, 'later', 'the rest is read at the latest revision');
    });
});
//# sourceMappingURL=apiserver-paging.test.js.map