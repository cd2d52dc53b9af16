// `--dry-run=server` deletes nothing: kubectl sends dryRun in the DELETE body (DeleteOptions), not the
// query, and the server must honour it there as kube-apiserver does, for every kind, for collections and
// for evictions. Each test checks that the object is still there, unchanged, after kubectl said "(server dry run)".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pod, untilUnschedulable } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const t = withServer();
const k = (args) => kubectl(t.server.kubeconfig, args);
async function metaOf(path) {
    const r = await t.api.call('GET', path);
    assert.equal(r.status, 200, `${path} is gone: ${JSON.stringify(r.body)}`);
    return r.body.metadata;
}
describe('kubectl delete --dry-run=server', () => {
    const cases = [
        ['configmap', ['create', 'configmap', 'dr-cm', '--from-literal=a=b'], '/api/v1/namespaces/default/configmaps/dr-cm'],
        ['secret', ['create', 'secret', 'generic', 'dr-secret', '--from-literal=a=b'], '/api/v1/namespaces/default/secrets/dr-secret'],
        ['namespace', ['create', 'namespace', 'dr-ns'], '/api/v1/namespaces/dr-ns'],
    ];
    for (const [kind, create, path] of cases) {
        it(`keeps the ${kind}`, async () => {
            const c = await k(create);
            assert.equal(c.code, 0, c.stderr);
            const before = await metaOf(path);
            const name = path.split('/').pop();
            const d = await k(['delete', kind, name, '--dry-run=server']);
            assert.equal(d.code, 0, d.stderr);
            assert.match(d.stdout, /\(server dry run\)/);
            const now = await metaOf(path);
            assert.equal(now.resourceVersion, before.resourceVersion);
            assert.equal(now.deletionTimestamp, undefined);
        });
    }
    it('keeps a Pod (graceful deletion is not started either)', async () => {
        assert.equal((await t.api.call('POST', '/api/v1/namespaces/default/pods', pod('dr-pod'))).status, 201);
        const path = '/api/v1/namespaces/default/pods/dr-pod';
        await untilUnschedulable(t.api, path);
        const before = await metaOf(path);
        const d = await k(['delete', 'pod', 'dr-pod', '--dry-run=server', '--grace-period=0', '--force']);
        assert.equal(d.code, 0, d.stderr);
        const now = await metaOf(path);
        assert.equal(now.resourceVersion, before.resourceVersion);
        assert.equal(now.deletionTimestamp, undefined);
    });
    it('keeps every object of a collection delete with dryRun in the body', async () => {
        for (const n of ['dr-a', 'dr-b'])
            assert.equal((await k(['create', 'configmap', n, '-n', 'default'])).code, 0);
        const r = await t.api.call('DELETE', '/api/v1/namespaces/default/configmaps', { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.ok(r.body.items.length >= 2, 'the response lists what would be deleted');
        for (const n of ['dr-a', 'dr-b'])
            await metaOf(`/api/v1/namespaces/default/configmaps/${n}`);
    });
    it('keeps a Pod on a dry-run eviction', async () => {
        assert.equal((await t.api.call('POST', '/api/v1/namespaces/default/pods', pod('dr-evict'))).status, 201);
        const r = await t.api.call('POST', '/api/v1/namespaces/default/pods/dr-evict/eviction', {
            apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'dr-evict' }, deleteOptions: { dryRun: ['All'] },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal((await metaOf('/api/v1/namespaces/default/pods/dr-evict')).deletionTimestamp, undefined);
    });
    it('refuses a dryRun value other than All and deletes nothing', async () => {
        const r = await t.api.call('DELETE', '/api/v1/namespaces/default/configmaps/dr-a', { dryRun: ['Some'] });
        assert.equal(r.status, 400, JSON.stringify(r.body));
        await metaOf('/api/v1/namespaces/default/configmaps/dr-a');
    });
    it('still deletes for real without --dry-run', async () => {
        const d = await k(['delete', 'configmap', 'dr-cm']);
        assert.equal(d.code, 0, d.stderr);
        assert.equal((await t.api.call('GET', '/api/v1/namespaces/default/configmaps/dr-cm')).status, 404);
    });
});
//# sourceMappingURL=kubectl-dry-run.test.js.map