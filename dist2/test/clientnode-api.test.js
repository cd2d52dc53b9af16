// @kubernetes/client-node 2.x, unchanged, against a real berth server: CoreV1Api CRUD of pods and
// configmaps, the generic KubernetesObjectApi, the errors it raises, and Watch events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { loadClientNode } from './support/clientnode.js';
import { startServer } from './support/server.js';
const k8s = await loadClientNode();
let server;
let kc;
let core;
let api;
const NS = 'default';
before(async () => {
    server = await startServer();
    kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
    api = await apiFor(server.kubeconfig);
});
after(async () => {
    api.close();
    await server.dispose();
});
function pod(name, labels) {
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } };
}
/** The ApiException a call rejects with: its HTTP code and the Status body the server sent. */
async function failure(p) {
    try {
        await p;
    }
    catch (e) {
        assert.ok(e instanceof k8s.ApiException, `expected an ApiException, got ${String(e)}`);
        const ex = e;
        return { code: ex.code, status: typeof ex.body === 'string' ? JSON.parse(ex.body) : ex.body };
    }
    assert.fail('the call succeeded');
}
describe('CoreV1Api pods', () => {
    it('creates, reads and lists with a labelSelector', async () => {
        const created = await core.createNamespacedPod({ namespace: NS, body: pod('web-1', { app: 'web', tier: 'front' }) });
        assert.match(created.metadata.uid, /^[0-9a-f-]{36}$/);
        assert.equal(created.metadata.namespace, NS);
        assert.equal(created.status.phase, 'Pending');
        assert.equal(created.spec.restartPolicy, 'Always');
        assert.equal(created.spec.containers[0].imagePullPolicy, 'IfNotPresent');
        // The client turns the timestamp into a Date.
        assert.ok(created.metadata.creationTimestamp instanceof Date);
        await core.createNamespacedPod({ namespace: NS, body: pod('web-2', { app: 'web', tier: 'back' }) });
        await core.createNamespacedPod({ namespace: NS, body: pod('db-1', { app: 'db' }) });
        const read = await core.readNamespacedPod({ namespace: NS, name: 'web-1' });
        assert.equal(read.metadata.uid, created.metadata.uid);
        assert.equal(read.spec.containers[0].image, 'busybox:1.36');
        const web = await core.listNamespacedPod({ namespace: NS, labelSelector: 'app=web' });
        assert.deepEqual(web.items.map((p) => p.metadata.name).sort(), ['web-1', 'web-2']);
        assert.match(web.metadata.resourceVersion, /^\d+$/);
        const notFront = await core.listNamespacedPod({ namespace: NS, labelSelector: 'app in (web,db),tier!=front' });
        assert.deepEqual(notFront.items.map((p) => p.metadata.name).sort(), ['db-1', 'web-2']);
        const byField = await core.listNamespacedPod({ namespace: NS, fieldSelector: 'metadata.name=db-1' });
        assert.deepEqual(byField.items.map((p) => p.metadata.name), ['db-1']);
        const paged = await core.listNamespacedPod({ namespace: NS, limit: 2 });
        assert.equal(paged.items.length, 2);
        assert.ok(paged.metadata._continue, 'a continue token for the next page');
        const rest = await core.listNamespacedPod({ namespace: NS, limit: 2, _continue: paged.metadata._continue });
        assert.equal(rest.items.length, 1);
    });
    it('patches with JSON patch (the default), merge patch and strategic merge patch', async () => {
        const jp = await core.patchNamespacedPod({ namespace: NS, name: 'web-1', body: [{ op: 'add', path: '/metadata/labels/jp', value: 'yes' }] });
        assert.equal(jp.metadata.labels.jp, 'yes');
        const mp = await core.patchNamespacedPod({ namespace: NS, name: 'web-1', body: { metadata: { labels: { tier: null, merged: 'yes' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        assert.deepEqual(mp.metadata.labels, { app: 'web', jp: 'yes', merged: 'yes' });
        const smp = await core.patchNamespacedPod({ namespace: NS, name: 'web-1', body: { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch));
        assert.equal(smp.spec.containers.length, 1);
        assert.equal(smp.spec.containers[0].image, 'busybox:1.37');
        const stored = await api.call('GET', `/api/v1/namespaces/${NS}/pods/web-1`);
        assert.equal(stored.body.spec.containers[0].image, 'busybox:1.37');
        assert.equal(stored.body.metadata.labels.merged, 'yes');
        assert.equal(stored.body.metadata.labels.tier, undefined);
    });
    // client-node re-serialises a Pod in its model's key order, unlike the order berth stored it in:
    // the update checks must compare values, not key order.
    it('replaces a pod it has read, and refuses a stale resourceVersion with a 409 Conflict', async () => {
        const cur = await core.readNamespacedPod({ namespace: NS, name: 'web-2' });
        cur.metadata.labels = { ...cur.metadata.labels, replaced: 'yes' };
        const replaced = await core.replaceNamespacedPod({ namespace: NS, name: 'web-2', body: cur });
        assert.equal(replaced.metadata.labels.replaced, 'yes');
        assert.notEqual(replaced.metadata.resourceVersion, cur.metadata.resourceVersion);
        const stale = await failure(core.replaceNamespacedPod({ namespace: NS, name: 'web-2', body: { ...cur, metadata: { ...cur.metadata, labels: { stale: 'yes' } } } }));
        assert.equal(stale.code, 409);
        assert.equal(stale.status.reason, 'Conflict');
        assert.equal((await api.call('GET', `/api/v1/namespaces/${NS}/pods/web-2`)).body.metadata.labels.stale, undefined);
    });
    it('writes the status subresource', async () => {
        const s = await core.patchNamespacedPodStatus({ namespace: NS, name: 'db-1', body: { status: { phase: 'Running', podIP: '10.0.0.7' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        assert.equal(s.status.phase, 'Running');
        const read = await core.readNamespacedPodStatus({ namespace: NS, name: 'db-1' });
        assert.equal(read.status.podIP, '10.0.0.7');
        const running = await core.listNamespacedPod({ namespace: NS, fieldSelector: 'status.phase=Running' });
        assert.deepEqual(running.items.map((p) => p.metadata.name), ['db-1']);
    });
    it('raises ApiExceptions carrying the server\'s Status: 409 AlreadyExists, 422 Invalid, 404 NotFound', async () => {
        const dup = await failure(core.createNamespacedPod({ namespace: NS, body: pod('web-1', {}) }));
        assert.equal(dup.code, 409);
        assert.equal(dup.status.reason, 'AlreadyExists');
        assert.equal(dup.status.message, 'pods "web-1" already exists');
        const bad = await failure(core.createNamespacedPod({ namespace: NS, body: { metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } }));
        assert.equal(bad.code, 422);
        assert.equal(bad.status.reason, 'Invalid');
        assert.match(bad.status.message, /^Pod "Bad_Name" is invalid: metadata\.name/);
        const missing = await failure(core.readNamespacedPod({ namespace: NS, name: 'nope' }));
        assert.equal(missing.code, 404);
        assert.equal(missing.status.message, 'pods "nope" not found');
    });
    it('deletes, and lists across namespaces', async () => {
        await core.createNamespace({ body: { metadata: { name: 'other' } } });
        await core.createNamespacedPod({ namespace: 'other', body: pod('elsewhere', { app: 'web' }) });
        const all = await core.listPodForAllNamespaces({ labelSelector: 'app=web' });
        assert.deepEqual(all.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort(), ['default/web-1', 'default/web-2', 'other/elsewhere']);
        // A pod that was never bound to a node goes at once: the response is the pod's last state.
        const gone = await core.deleteNamespacedPod({ namespace: NS, name: 'web-2' });
        assert.equal(gone.metadata.name, 'web-2');
        assert.equal((await failure(core.readNamespacedPod({ namespace: NS, name: 'web-2' }))).code, 404);
        await core.deleteCollectionNamespacedPod({ namespace: NS, labelSelector: 'app=db' });
        const left = await api.call('GET', `/api/v1/namespaces/${NS}/pods`);
        assert.deepEqual(left.body.items.map((p) => p.metadata.name), ['web-1']);
    });
});
describe('CoreV1Api configmaps', () => {
    it('create, read, list by label, patch, replace, delete', async () => {
        const c = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'settings', labels: { team: 'a' } }, data: { mode: 'fast' } } });
        assert.equal(c.data.mode, 'fast');
        await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'other', labels: { team: 'b' } }, data: {} } });
        assert.deepEqual((await core.readNamespacedConfigMap({ namespace: NS, name: 'settings' })).data, { mode: 'fast' });
        const teamA = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'team=a' });
        assert.deepEqual(teamA.items.map((i) => i.metadata.name), ['settings']);
        const noTeamB = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'team,team notin (b)' });
        assert.deepEqual(noTeamB.items.map((i) => i.metadata.name), ['settings']);
        const patched = await core.patchNamespacedConfigMap({ namespace: NS, name: 'settings', body: { data: { extra: '1' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        assert.deepEqual(patched.data, { mode: 'fast', extra: '1' });
        const replaced = await core.replaceNamespacedConfigMap({ namespace: NS, name: 'settings', body: { metadata: { name: 'settings', labels: { team: 'a' } }, data: { mode: 'slow' } } });
        assert.deepEqual(replaced.data, { mode: 'slow' });
        assert.deepEqual((await api.call('GET', `/api/v1/namespaces/${NS}/configmaps/settings`)).body.data, { mode: 'slow' });
        const read = await core.readNamespacedConfigMap({ namespace: NS, name: 'settings' });
        read.data = { mode: 'read-modify-replace' };
        const rmr = await core.replaceNamespacedConfigMap({ namespace: NS, name: 'settings', body: read });
        assert.deepEqual(rmr.data, { mode: 'read-modify-replace' });
        const stale = await failure(core.replaceNamespacedConfigMap({ namespace: NS, name: 'settings', body: { ...read, data: { mode: 'stale' } } }));
        assert.equal(stale.code, 409);
        assert.equal(stale.status.reason, 'Conflict');
        assert.match(stale.status.message, /the object has been modified/);
        assert.deepEqual((await api.call('GET', `/api/v1/namespaces/${NS}/configmaps/settings`)).body.data, { mode: 'read-modify-replace' });
        const applied = await core.patchNamespacedConfigMap({ namespace: NS, name: 'applied', fieldManager: 'client-node', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data: { via: 'ssa' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply));
        assert.deepEqual(applied.data, { via: 'ssa' });
        assert.equal(applied.metadata.managedFields?.[0]?.manager, 'client-node');
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'settings' });
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'applied' });
        assert.equal((await failure(core.readNamespacedConfigMap({ namespace: NS, name: 'settings' }))).code, 404);
        const rest = await api.call('GET', `/api/v1/namespaces/${NS}/configmaps`);
        assert.deepEqual(rest.body.items.map((i) => i.metadata.name).filter((n) => n !== 'kube-root-ca.crt'), ['other']);
    });
    it('works through the generic KubernetesObjectApi (which resolves the resource by discovery)', async () => {
        const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
        const spec = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: NS }, data: { a: '1' } };
        const created = await objects.create(spec);
        assert.match(String(created.metadata.uid), /^[0-9a-f-]{36}$/);
        const read = (await objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: NS } }));
        assert.deepEqual(read.data, { a: '1' });
        const patched = (await objects.patch({ ...spec, data: { a: '2' } }, undefined, undefined, undefined, undefined, k8s.PatchStrategy.MergePatch));
        assert.deepEqual(patched.data, { a: '2' });
        await objects.delete(spec);
        assert.equal((await api.call('GET', `/api/v1/namespaces/${NS}/configmaps/generic`)).status, 404);
    });
});
/** Starts a Watch and collects its events; waitFor resolves once `n` events have arrived. */
async function watchInto(path, query) {
    const seen = [];
    let wake = () => { };
    let doneResolve = () => { };
    const done = new Promise((r) => (doneResolve = r));
    const req = await new k8s.Watch(kc).watch(path, query, (type, obj) => {
        seen.push({ type, name: obj.metadata.name, rv: obj.metadata.resourceVersion, data: obj.data });
        wake();
    }, (err) => doneResolve(err ?? null));
    return {
        seen,
        done,
        async waitFor(n) {
            const deadline = Date.now() + 10_000;
            while (seen.length < n) {
                if (Date.now() > deadline)
                    assert.fail(`timed out waiting for ${n} events; got ${JSON.stringify(seen)}`);
                await new Promise((r) => {
                    wake = r;
                    setTimeout(r, 200);
                });
            }
        },
        stop: () => req.abort(),
    };
}
describe('Watch', () => {
    it('receives ADDED, MODIFIED and DELETED from a resourceVersion', async () => {
        const list = await core.listNamespacedConfigMap({ namespace: NS });
        const w = await watchInto(`/api/v1/namespaces/${NS}/configmaps`, { resourceVersion: list.metadata.resourceVersion });
        const c = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'watched' }, data: { v: '1' } } });
        const m = await core.replaceNamespacedConfigMap({ namespace: NS, name: 'watched', body: { metadata: { name: 'watched' }, data: { v: '2' } } });
        await core.deleteNamespacedConfigMap({ namespace: NS, name: 'watched' });
        await w.waitFor(3);
        assert.deepEqual(w.seen.map((e) => [e.type, e.name, e.data?.v]), [['ADDED', 'watched', '1'], ['MODIFIED', 'watched', '2'], ['DELETED', 'watched', '2']]);
        assert.equal(w.seen[0].rv, c.metadata.resourceVersion);
        assert.equal(w.seen[1].rv, m.metadata.resourceVersion);
        assert.ok(Number(w.seen[2].rv) > Number(m.metadata.resourceVersion), 'DELETED carries the deletion\'s resourceVersion');
        w.stop();
        await w.done;
    });
    it('with a labelSelector, sees an object that stops matching as DELETED; without a resourceVersion, starts with ADDED for each', async () => {
        await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'sel', labels: { watch: 'me' } } } });
        const w = await watchInto(`/api/v1/namespaces/${NS}/configmaps`, { labelSelector: 'watch=me' });
        await w.waitFor(1);
        assert.deepEqual(w.seen.map((e) => [e.type, e.name]), [['ADDED', 'sel']]);
        await core.patchNamespacedConfigMap({ namespace: NS, name: 'sel', body: { metadata: { labels: { watch: 'no' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        await core.patchNamespacedConfigMap({ namespace: NS, name: 'sel', body: { metadata: { labels: { watch: 'me' } } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
        await w.waitFor(3);
        assert.deepEqual(w.seen.map((e) => [e.type, e.name]), [['ADDED', 'sel'], ['DELETED', 'sel'], ['ADDED', 'sel']]);
        w.stop();
        await w.done;
    });
    it('ends with the HTTP status for a bad request, which the done callback receives', async () => {
        const w = await watchInto(`/api/v1/namespaces/${NS}/pods`, { fieldSelector: 'spec.nonsense=1' });
        const err = (await w.done);
        assert.equal(err?.statusCode, 400);
    });
});
//# sourceMappingURL=clientnode-api.test.js.map