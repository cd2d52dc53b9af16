// The pods/ephemeralcontainers subresource against a real `berth server` (no kubelet): discovery, the
// patch kubectl debug sends, and every rule of validatePodEphemeralContainersUpdate with the Status
// upstream answers. A refused write changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { startServer } from './support/server.js';
let server;
let api;
const P = '/api/v1/namespaces/default/pods';
const SMP = { 'Content-Type': 'application/strategic-merge-patch+json' };
/** A scheduler nobody runs: only the test writes these Pods, so a refused write shows as no new resourceVersion. */
const UNSCHEDULED = 'test-unscheduled';
const debuggerOf = (name, extra = {}) => ({ name, image: 'busybox', command: ['ps'], ...extra });
async function createPod(name, extra = {}) {
    const r = await api.call('POST', P, {
        apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'x' }, ...extra },
        spec: { schedulerName: UNSCHEDULED, containers: [{ name: 'app', image: 'busybox' }], initContainers: [{ name: 'setup', image: 'busybox' }] },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
}
async function addEphemeral(pod, containers) {
    return api.call('PATCH', `${P}/${pod}/ephemeralcontainers`, { spec: { ephemeralContainers: containers } }, SMP);
}
/** A 422 whose causes are exactly these [field, message] pairs, and a Pod left as it was. */
async function refused(pod, r, causes) {
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.reason, 'Invalid');
    assert.deepEqual(r.body.details.causes.map((c) => [c.field, c.message]), causes);
    const now = (await api.call('GET', `${P}/${pod}`)).body;
    assert.equal(now.metadata.resourceVersion, rvBefore.get(pod));
}
const rvBefore = new Map();
async function remember(pod) {
    rvBefore.set(pod, (await api.call('GET', `${P}/${pod}`)).body.metadata.resourceVersion);
}
before(async () => {
    server = await startServer();
    api = await apiFor(server.kubeconfig);
});
after(async () => {
    api?.close();
    await server?.dispose();
});
describe('pods/ephemeralcontainers', () => {
    it('is in discovery with get, patch and update', async () => {
        const list = (await api.call('GET', '/api/v1')).body;
        const sub = list.resources.find((r) => r.name === 'pods/ephemeralcontainers');
        assert.deepEqual({ kind: sub.kind, verbs: sub.verbs, namespaced: sub.namespaced }, { kind: 'Pod', verbs: ['get', 'patch', 'update'], namespaced: true });
    });
    it('a strategic merge patch (what kubectl debug sends) adds one, defaulted; labels, spec and status in the same write are ignored', async () => {
        await createPod('p1');
        const r = await api.call('PATCH', `${P}/p1/ephemeralcontainers`, {
            metadata: { labels: { app: 'changed' } },
            spec: { ephemeralContainers: [debuggerOf('dbg', { targetContainerName: 'app', stdin: true, tty: true, resources: {} })], activeDeadlineSeconds: 5 },
            status: { phase: 'Succeeded' },
        }, SMP);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body.spec.ephemeralContainers, [{
                name: 'dbg', image: 'busybox', command: ['ps'], targetContainerName: 'app', stdin: true, tty: true, resources: {},
                imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
            }]);
        assert.equal(r.body.metadata.labels.app, 'x');
        assert.equal(r.body.spec.activeDeadlineSeconds, undefined);
        assert.equal(r.body.status.phase, 'Pending');
        assert.equal(r.body.metadata.managedFields.at(-1).subresource, 'ephemeralcontainers');
        // GET on the subresource is the Pod; a second container is an addition, so it passes too (by PUT).
        const got = await api.call('GET', `${P}/p1/ephemeralcontainers`);
        assert.equal(got.body.kind, 'Pod');
        got.body.spec.ephemeralContainers.push(debuggerOf('dbg2'));
        const put = await api.call('PUT', `${P}/p1/ephemeralcontainers`, got.body);
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assert.deepEqual(put.body.spec.ephemeralContainers.map((c) => c.name), ['dbg', 'dbg2']);
    });
    it('existing ones may not be removed or changed', async () => {
        await remember('p1');
        const pod = (await api.call('GET', `${P}/p1`)).body;
        const removed = await api.call('PUT', `${P}/p1/ephemeralcontainers`, { ...pod, spec: { ...pod.spec, ephemeralContainers: [pod.spec.ephemeralContainers[1]] } });
        await refused('p1', removed, [['spec.ephemeralContainers', 'Forbidden: existing ephemeral containers "dbg" may not be removed\n']]);
        const changed = await api.call('PATCH', `${P}/p1/ephemeralcontainers`, { spec: { ephemeralContainers: [{ name: 'dbg', image: 'debian' }] } }, SMP);
        assert.equal(changed.status, 422);
        assert.match(changed.body.details.causes[0].message, /^Forbidden: existing ephemeral containers "dbg" may not be changed\n/);
        await refused('p1', changed, [['spec.ephemeralContainers', changed.body.details.causes[0].message]]);
    });
    it('names are unique across all containers; the target must be a container or init container of the Pod', async () => {
        await remember('p1');
        await refused('p1', await addEphemeral('p1', [debuggerOf('app')]), [['spec.ephemeralContainers[2].name', 'Duplicate value: "app"']]);
        await refused('p1', await addEphemeral('p1', [debuggerOf('setup')]), [['spec.ephemeralContainers[2].name', 'Duplicate value: "setup"']]);
        await refused('p1', await addEphemeral('p1', [debuggerOf('dbg3', { targetContainerName: 'dbg' })]), [['spec.ephemeralContainers[2].targetContainerName', 'Not found: "dbg"']]);
        const ok = await addEphemeral('p1', [debuggerOf('dbg3', { targetContainerName: 'setup' })]);
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });
    it('ports, resources, probes, lifecycle, restartPolicy and subPath are forbidden on an ephemeral container', async () => {
        await createPod('p2');
        await remember('p2');
        const handler = { exec: { command: ['true'] } };
        const r = await addEphemeral('p2', [debuggerOf('dbg', {
                ports: [{ containerPort: 80 }],
                resources: { limits: { cpu: '1' } },
                restartPolicy: 'Always',
                livenessProbe: handler,
                readinessProbe: handler,
                startupProbe: handler,
                lifecycle: { preStop: handler },
            })]);
        const at = 'spec.ephemeralContainers[0]';
        const forbidden = ['ports', 'resources', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'].map((f) => [`${at}.${f}`, 'Forbidden: cannot be set for an Ephemeral Container']);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(r.body.details.causes.map((c) => [c.field, c.message]).filter((c) => c[1].startsWith('Forbidden')), forbidden);
        await refused('p2', r, r.body.details.causes.map((c) => [c.field, c.message]));
        const withVolume = await api.call('POST', P, {
            metadata: { name: 'p3' },
            spec: { schedulerName: UNSCHEDULED, containers: [{ name: 'app', image: 'busybox' }], volumes: [{ name: 'v', emptyDir: {} }] },
        });
        assert.equal(withVolume.status, 201);
        await remember('p3');
        await refused('p3', await addEphemeral('p3', [debuggerOf('dbg', { volumeMounts: [{ name: 'v', mountPath: '/v', subPath: 'x' }] })]), [['spec.ephemeralContainers[0].volumeMounts[0].subPath', 'Forbidden: cannot be set for an Ephemeral Container']]);
        const mounted = await addEphemeral('p3', [debuggerOf('dbg', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })]);
        assert.equal(mounted.status, 200, JSON.stringify(mounted.body));
    });
    it('not on create, not through a plain update, and not on a static Pod', async () => {
        const created = await api.call('POST', P, { metadata: { name: 'p4' }, spec: { containers: [{ name: 'app', image: 'busybox' }], ephemeralContainers: [debuggerOf('dbg')] } });
        assert.equal(created.status, 422);
        assert.ok(created.body.details.causes.some((c) => c.field === 'spec.ephemeralContainers' && c.message === 'Forbidden: cannot be set on create'));
        await createPod('p5');
        await remember('p5');
        const patched = await api.call('PATCH', `${P}/p5`, { spec: { ephemeralContainers: [debuggerOf('dbg')] } }, SMP);
        assert.equal(patched.status, 422);
        assert.match(patched.body.details.causes[0].message, /^Forbidden: pod updates may not change fields other than/);
        await refused('p5', patched, patched.body.details.causes.map((c) => [c.field, c.message]));
        await createPod('static', { annotations: { 'kubernetes.io/config.mirror': 'abc' } });
        await remember('static');
        await refused('static', await addEphemeral('static', [debuggerOf('dbg')]), [['', 'Forbidden: static pods do not support ephemeral containers']]);
    });
    it('refuses other verbs and answers 404 for a missing Pod', async () => {
        assert.equal((await api.call('DELETE', `${P}/p1/ephemeralcontainers`)).status, 405);
        assert.equal((await api.call('POST', `${P}/p1/ephemeralcontainers`, {})).status, 405);
        const missing = await addEphemeral('nope', [debuggerOf('dbg')]);
        assert.equal(missing.status, 404);
        assert.equal(missing.body.message, 'pods "nope" not found');
    });
});
//# sourceMappingURL=api-ephemeral-containers.test.js.map