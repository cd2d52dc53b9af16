// dryRun for every verb, as kube-apiserver honours it: in the query or (for deletions) in the
// DeleteOptions body, on the main resource and on every subresource that writes (status, scale,
// binding, eviction, finalize, ephemeralcontainers, resize, token). Each case checks that the store's
// revision did not move at all, and that the answer is the full object the write would have produced.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { unscheduledPod } from './support/api.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { settledRevision, storeRevision } from './support/store-revision.js';
import { withServer } from './support/suite.js';
// A Pod bound to a node that does not exist stays for the whole file (pod GC's quarantine).
const t = withServer({ args: ['--pod-gc-quarantine', '1h'] });
const BIN = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].find((b) => existsSync(b)) ?? KUBECTL;
const work = mkdtempSync(join(tmpdir(), 'berth-dry-run-'));
const NS = '/api/v1/namespaces/default';
const DRY = { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] };
const ok = async (args, input) => {
    const r = await kubectl(t.server.kubeconfig, args, { bin: BIN, ...(input !== undefined ? { input } : {}) });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
};
const call = async (method, path, body, headers, want = [200, 201]) => {
    const r = await t.api.call(method, path, body, headers);
    assert.ok(want.includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
};
/** Runs `write` and checks the store's revision is what it was before. */
async function writesNothing(write) {
    await seed();
    const before = await settledRevision(t.server.dataDir);
    const out = await write();
    assert.equal(storeRevision(t.server.dataDir), before, 'the store was written');
    return out;
}
/** The objects every case writes to, made once (after the server's own start-up writes). */
let seeded;
const seed = () => (seeded ??= (async () => {
    await call('POST', `${NS}/configmaps`, { metadata: { name: 'cm' }, data: { a: '1' } });
    await call('POST', `${NS}/pods`, unscheduledPod('p'));
    await call('POST', `${NS}/pods`, unscheduledPod('bound', { spec: { nodeName: 'somewhere', containers: [{ name: 'c', image: 'busybox' }] } }));
    await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
        metadata: { name: 'd' }, spec: { replicas: 0, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'dry-ns' } });
})());
describe('kubectl --dry-run=server writes nothing', () => {
    it('create: a ConfigMap, a Pod (admission runs), a Service (its ClusterIP is not kept)', async () => {
        const out = await writesNothing(() => ok(['create', 'configmap', 'new-cm', '--from-literal=a=1', '--dry-run=server', '-o', 'json']));
        const cm = JSON.parse(out);
        assert.ok(cm.metadata.uid && cm.metadata.creationTimestamp, 'the answer is the object as it would be stored');
        const pod = JSON.parse(await writesNothing(() => ok(['run', 'new-pod', '--image=busybox', '--dry-run=server', '-o', 'json'])));
        assert.equal(pod.spec.serviceAccountName, 'default');
        assert.equal(pod.status.phase, 'Pending');
        const svc = JSON.parse(await writesNothing(() => ok(['create', 'service', 'clusterip', 'new-svc', '--tcp=80:80', '--dry-run=server', '-o', 'json'])));
        assert.match(svc.spec.clusterIP, /^\d+\.\d+\.\d+\.\d+$/);
        assert.equal((await t.api.call('GET', `${NS}/configmaps/new-cm`)).status, 404);
    });
    it('update (replace), patch, label and annotate', async () => {
        const cm = await call('GET', `${NS}/configmaps/cm`);
        const file = join(work, 'cm.json');
        writeFileSync(file, JSON.stringify({ ...cm, data: { a: 'replaced' } }));
        assert.equal(JSON.parse(await writesNothing(() => ok(['replace', '-f', file, '--dry-run=server', '-o', 'json']))).data.a, 'replaced');
        assert.equal(JSON.parse(await writesNothing(() => ok(['patch', 'configmap', 'cm', '-p', '{"data":{"a":"patched"}}', '--dry-run=server', '-o', 'json']))).data.a, 'patched');
        await writesNothing(() => ok(['label', 'configmap', 'cm', 'x=y', '--dry-run=server']));
        await writesNothing(() => ok(['annotate', 'configmap', 'cm', 'x=y', '--dry-run=server']));
        assert.deepEqual((await call('GET', `${NS}/configmaps/cm`)).data, { a: '1' });
    });
    it('client-side and server-side apply, of a new object and over an existing one', async () => {
        const manifest = (name, v) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${v}"\n`;
        await writesNothing(() => ok(['apply', '-f', '-', '--dry-run=server'], manifest('applied', '1')));
        await writesNothing(() => ok(['apply', '--server-side', '-f', '-', '--dry-run=server'], manifest('applied', '1')));
        await writesNothing(() => ok(['apply', '--server-side', '--force-conflicts', '-f', '-', '--dry-run=server'], manifest('cm', '2')));
        assert.equal((await t.api.call('GET', `${NS}/configmaps/applied`)).status, 404);
    });
    it('scale, and set image', async () => {
        await writesNothing(() => ok(['scale', 'deployment', 'd', '--replicas=3', '--dry-run=server']));
        await writesNothing(() => ok(['set', 'image', 'deployment/d', 'c=nginx', '--dry-run=server']));
        assert.equal((await call('GET', '/apis/apps/v1/namespaces/default/deployments/d')).spec.replicas, 0);
    });
    it('delete: of an object, of a bound Pod (no graceful mark), of a namespace', async () => {
        await writesNothing(() => ok(['delete', 'configmap', 'cm', '--dry-run=server']));
        await writesNothing(() => ok(['delete', 'pod', 'bound', '--dry-run=server']));
        await writesNothing(() => ok(['delete', 'namespace', 'dry-ns', '--dry-run=server']));
        assert.equal((await call('GET', `${NS}/pods/bound`)).metadata.deletionTimestamp, undefined);
        assert.equal((await call('GET', '/api/v1/namespaces/dry-ns')).status.phase, 'Active');
    });
});
describe('dryRun in the query or the DeleteOptions body, on every subresource', () => {
    it('deletecollection, with dryRun in the body and in the query', async () => {
        const body = await writesNothing(() => call('DELETE', `${NS}/configmaps`, DRY));
        assert.ok(body.items.some((c) => c.metadata.name === 'cm'), 'the answer lists what would go');
        await writesNothing(() => call('DELETE', `${NS}/pods?dryRun=All`));
        assert.equal((await t.api.call('GET', `${NS}/pods/p`)).status, 200);
    });
    it('status: PUT and PATCH', async () => {
        const p = await call('GET', `${NS}/pods/p`);
        const put = await writesNothing(() => call('PUT', `${NS}/pods/p/status?dryRun=All`, { ...p, status: { ...p.status, message: 'put' } }));
        assert.equal(put.status.message, 'put');
        const patched = await writesNothing(() => call('PATCH', `${NS}/pods/p/status?dryRun=All`, { status: { message: 'patched' } }));
        assert.equal(patched.status.message, 'patched');
    });
    it('scale: PUT and PATCH', async () => {
        const path = '/apis/apps/v1/namespaces/default/deployments/d/scale';
        const s = await call('GET', path);
        assert.equal((await writesNothing(() => call('PUT', `${path}?dryRun=All`, { ...s, spec: { replicas: 4 } }))).spec.replicas, 4);
        assert.equal((await writesNothing(() => call('PATCH', `${path}?dryRun=All`, { spec: { replicas: 5 } }))).spec.replicas, 5);
    });
    it('binding, eviction (in the query and in its deleteOptions), finalize', async () => {
        await writesNothing(() => call('POST', `${NS}/pods/p/binding?dryRun=All`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } }));
        await writesNothing(() => call('POST', `${NS}/bindings?dryRun=All`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } }));
        const eviction = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'bound' } };
        await writesNothing(() => call('POST', `${NS}/pods/bound/eviction`, { ...eviction, deleteOptions: { dryRun: ['All'] } }));
        await writesNothing(() => call('POST', `${NS}/pods/bound/eviction?dryRun=All`, eviction));
        const ns = await call('GET', '/api/v1/namespaces/dry-ns');
        await writesNothing(() => call('PUT', '/api/v1/namespaces/dry-ns/finalize?dryRun=All', { ...ns, spec: { finalizers: [] } }));
        assert.equal((await call('GET', `${NS}/pods/p`)).spec.nodeName, undefined);
        assert.equal((await call('GET', `${NS}/pods/bound`)).metadata.deletionTimestamp, undefined);
    });
    it('ephemeralcontainers and resize', async () => {
        const ec = await writesNothing(() => call('PATCH', `${NS}/pods/bound/ephemeralcontainers?dryRun=All`, { spec: { ephemeralContainers: [{ name: 'debug', image: 'busybox' }] } }, { 'Content-Type': 'application/strategic-merge-patch+json' }));
        assert.equal(ec.spec.ephemeralContainers[0].name, 'debug');
        await writesNothing(() => call('PATCH', `${NS}/pods/bound/resize?dryRun=All`, { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '200m' } } }] } }, { 'Content-Type': 'application/strategic-merge-patch+json' }, [200, 201, 422]));
    });
    it('a service account token request', async () => {
        await writesNothing(() => call('POST', `${NS}/serviceaccounts/default/token?dryRun=All`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['x'] } }));
    });
    it('creates and updates through the API, with dryRun in the query', async () => {
        const created = await writesNothing(() => call('POST', `${NS}/configmaps?dryRun=All`, { metadata: { generateName: 'gen-' } }));
        assert.match(created.metadata.name, /^gen-/);
        assert.equal(created.metadata.resourceVersion, undefined, 'nothing stored, so no resourceVersion');
        const cm = await call('GET', `${NS}/configmaps/cm`);
        await writesNothing(() => call('PUT', `${NS}/configmaps/cm?dryRun=All`, { ...cm, data: { b: '2' } }));
        await writesNothing(() => call('PUT', `${NS}/events/never?dryRun=All`, { metadata: { name: 'never' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'R', message: 'm' }));
    });
});
//# sourceMappingURL=apiserver-dry-run-verbs.test.js.map