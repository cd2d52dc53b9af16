// What a node's identity can reach, against a real `berth server`: two kubelet identities issued by
// the server's own CA (system:node:a, system:node:b), Pods bound to each, and one table of requests
// with the answer upstream's node authorizer and NodeRestriction admission give to each.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { apiFor } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
let server;
const apis = {};
const kubeconfigs = {};
const NS = '/api/v1/namespaces/default';
const S = `${NS}/secrets`;
const C = `${NS}/configmaps`;
const P = `${NS}/pods`;
const N = '/api/v1/nodes';
const L = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
/** Writes a kubeconfig for a client certificate the server's CA signs. */
async function identity(who, cn, orgs) {
    const pki = join(server.dataDir, 'pki');
    const pair = await issueCertificate(pki, `test-${who}`, { cn, orgs }, 'client');
    const path = join(server.dataDir, `${who}.kubeconfig`);
    await writeFile(path, kubeconfigYaml(server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), pair, who));
    kubeconfigs[who] = path;
    apis[who] = await apiFor(path);
}
async function ok(who, method, path, body) {
    const r = await apis[who].call(method, path, body);
    assert.ok(r.status < 300, `${who} ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
}
const data = (name) => ({ metadata: { name }, data: { k: 'dg==' } });
const cm = (name) => ({ metadata: { name }, data: { k: 'v' } });
function boundPod(name, node, spec = {}, containerExtra = {}) {
    return {
        metadata: { name },
        spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox', ...containerExtra }], ...spec },
    };
}
/** Node a's Pod names one Secret and one ConfigMap through each way a Pod can name them. */
const podA = boundPod('pa', 'a', {
    imagePullSecrets: [{ name: 's-pull' }],
    volumes: [
        { name: 'sv', secret: { secretName: 's-vol' } },
        { name: 'cv', configMap: { name: 'cm-vol' } },
        { name: 'pv', projected: { sources: [{ secret: { name: 's-proj' } }, { configMap: { name: 'cm-proj' } }] } },
        { name: 'gone', secret: { secretName: 's-never-made', optional: true } },
    ],
}, {
    env: [
        { name: 'S', valueFrom: { secretKeyRef: { name: 's-env', key: 'k' } } },
        { name: 'C', valueFrom: { configMapKeyRef: { name: 'cm-env', key: 'k' } } },
    ],
    envFrom: [{ secretRef: { name: 's-envfrom' } }, { configMapRef: { name: 'cm-envfrom' } }],
});
before(async () => {
    // A long grace keeps the node lifecycle controller off these kubelet-less nodes.
    server = await startServer({ args: ['--node-monitor-grace-period', '1h'] });
    apis.admin = await apiFor(server.kubeconfig);
    kubeconfigs.admin = server.kubeconfig;
    await identity('a', 'system:node:a', ['system:nodes']);
    await identity('b', 'system:node:b', ['system:nodes']);
    await identity('jane', 'jane', []);
    // A node registers itself, as a kubelet does; the admin taints it.
    await ok('a', 'POST', N, { metadata: { name: 'a', labels: { 'kubernetes.io/hostname': 'a' } } });
    await ok('admin', 'PATCH', `${N}/a`, { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    await ok('admin', 'POST', N, { metadata: { name: 'b' } });
    for (const s of ['s-vol', 's-env', 's-envfrom', 's-pull', 's-proj', 's2', 's-b', 's-late'])
        await ok('admin', 'POST', S, data(s));
    for (const c of ['cm-vol', 'cm-env', 'cm-envfrom', 'cm-proj', 'cm-b'])
        await ok('admin', 'POST', C, cm(c));
    await ok('admin', 'POST', P, podA);
    await ok('admin', 'POST', P, boundPod('pb', 'b', { volumes: [{ name: 'v', secret: { secretName: 's-b' } }] }, { env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'cm-b', key: 'k' } } }] }));
});
after(async () => {
    for (const a of Object.values(apis))
        a.close();
    await server.dispose();
});
const refused = (who, verb, resource, group, where, reason) => `User "system:node:${who}" cannot ${verb} resource "${resource}" in API group "${group}" ${where}${reason ? `: ${reason}` : ''}`;
const inDefault = 'in the namespace "default"';
const cluster = 'at the cluster scope';
const noRelation = (node) => `no relationship found between node '${node}' and this object`;
const TABLE = [
    // Secrets and ConfigMaps: only those the node's own Pods name, and only read one at a time.
    ['a', 'GET', `${S}/s-vol`, 200],
    ['a', 'GET', `${S}/s-env`, 200],
    ['a', 'GET', `${S}/s-envfrom`, 200],
    ['a', 'GET', `${S}/s-pull`, 200],
    ['a', 'GET', `${S}/s-proj`, 200],
    ['a', 'GET', `${C}/cm-vol`, 200],
    ['a', 'GET', `${C}/cm-env`, 200],
    ['a', 'GET', `${C}/cm-envfrom`, 200],
    ['a', 'GET', `${C}/cm-proj`, 200],
    ['a', 'GET', `${S}/s-never-made`, 404, 'secrets "s-never-made" not found'],
    ['a', 'GET', `${S}/s2`, 403, `secrets "s2" is forbidden: ${refused('a', 'get', 'secrets', '', inDefault, noRelation('a'))}`],
    ['a', 'GET', `${S}/s-b`, 403, `secrets "s-b" is forbidden: ${refused('a', 'get', 'secrets', '', inDefault, noRelation('a'))}`],
    ['a', 'GET', `${C}/cm-b`, 403, `configmaps "cm-b" is forbidden: ${refused('a', 'get', 'configmaps', '', inDefault, noRelation('a'))}`],
    ['b', 'GET', `${S}/s-vol`, 403, `secrets "s-vol" is forbidden: ${refused('b', 'get', 'secrets', '', inDefault, noRelation('b'))}`],
    ['b', 'GET', `${S}/s-b`, 200],
    ['b', 'GET', `${C}/cm-b`, 200],
    ['a', 'GET', S, 403, `secrets is forbidden: ${refused('a', 'list', 'secrets', '', inDefault, 'No Object name found')}`],
    ['a', 'GET', `${S}?watch=true`, 403, `secrets is forbidden: ${refused('a', 'watch', 'secrets', '', inDefault, 'No Object name found')}`],
    ['a', 'GET', '/api/v1/secrets', 403, `secrets is forbidden: ${refused('a', 'list', 'secrets', '', cluster, 'can only read namespaced object of this type')}`],
    ['a', 'GET', '/api/v1/configmaps?watch=1', 403, `configmaps is forbidden: ${refused('a', 'watch', 'configmaps', '', cluster, 'can only read namespaced object of this type')}`],
    // One object by field selector, as a kubelet's watch-based Secret manager asks.
    ['a', 'GET', `${S}?fieldSelector=metadata.name%3Ds-vol`, 200],
    ['a', 'GET', `${C}?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dcm-env`, 200],
    ['a', 'GET', `${S}?fieldSelector=metadata.name%3Ds2`, 403, `secrets "s2" is forbidden: ${refused('a', 'list', 'secrets', '', inDefault, noRelation('a'))}`],
    ['a', 'PUT', `${S}/s-vol`, 403, `secrets "s-vol" is forbidden: ${refused('a', 'update', 'secrets', '', inDefault, 'can only read resources of this type')}`, data('s-vol')],
    ['a', 'POST', S, 403, `secrets is forbidden: ${refused('a', 'create', 'secrets', '', inDefault, 'can only read resources of this type')}`, data('s9')],
    ['a', 'DELETE', `${S}/s-vol`, 403, `secrets "s-vol" is forbidden: ${refused('a', 'delete', 'secrets', '', inDefault, 'can only read resources of this type')}`],
    // Pods: its own, and the list of its own.
    ['a', 'GET', `${P}/pa`, 200],
    ['a', 'GET', `${P}/pb`, 403, `pods "pb" is forbidden: ${refused('a', 'get', 'pods', '', inDefault, noRelation('a'))}`],
    ['a', 'GET', P, 403, `pods is forbidden: ${refused('a', 'list', 'pods', '', inDefault, 'can only list/watch pods with spec.nodeName field selector')}`],
    ['a', 'GET', `/api/v1/pods?fieldSelector=spec.nodeName%3Da`, 200],
    ['a', 'GET', `/api/v1/pods?watch=true&timeoutSeconds=1&fieldSelector=spec.nodeName%3Da`, 200],
    ['a', 'GET', `/api/v1/pods?fieldSelector=spec.nodeName%3Db`, 403, `pods is forbidden: ${refused('a', 'list', 'pods', '', cluster, 'can only list/watch pods with spec.nodeName field selector')}`],
    ['a', 'PATCH', `${P}/pa/status`, 200, undefined, { status: { message: 'from a' } }],
    ['a', 'PATCH', `${P}/pb/status`, 403, 'pods "pb" is forbidden: node "a" can only update pod status for pods with spec.nodeName set to itself', { status: { message: 'from a' } }],
    ['a', 'PATCH', `${P}/pa/status`, 403, 'pods "pa" is forbidden: node "a" cannot update labels through pod status', { metadata: { labels: { x: 'y' } } }],
    // Debug containers are the users' to add, never a node's, even on its own Pods.
    ['a', 'PATCH', `${P}/pa/ephemeralcontainers`, 403, `pods "pa" is forbidden: ${refused('a', 'patch', 'pods/ephemeralcontainers', '', inDefault)}`, { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] } }],
    ['a', 'PATCH', `${P}/pa`, 403, `pods "pa" is forbidden: ${refused('a', 'patch', 'pods', '', inDefault)}`, { metadata: { labels: { x: 'y' } } }],
    ['a', 'POST', P, 403, 'pods "px" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "a" can only create mirror pods', boundPod('px', 'a')],
    ['a', 'DELETE', `${P}/pb`, 403, 'pods "pb" is forbidden: node "a" can only delete pods with spec.nodeName set to itself'],
    ['a', 'POST', `${P}/pb/eviction`, 403, 'pods "pb" is forbidden: node a can only evict pods with spec.nodeName set to itself', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'pb' } }],
    ['a', 'POST', `${P}/pb/binding`, 403, `pods "pb" is forbidden: ${refused('a', 'create', 'pods/binding', '', inDefault)}`, { target: { kind: 'Node', name: 'a' } }],
    // Never into a container, on its own node or another.
    ['a', 'POST', `${P}/pb/exec?command=id&stdout=true`, 403, `pods "pb" is forbidden: ${refused('a', 'create', 'pods/exec', '', inDefault)}`],
    ['a', 'POST', `${P}/pa/exec?command=id&stdout=true`, 403, `pods "pa" is forbidden: ${refused('a', 'create', 'pods/exec', '', inDefault)}`],
    ['a', 'GET', `${P}/pb/log`, 403, `pods "pb" is forbidden: ${refused('a', 'get', 'pods/log', '', inDefault)}`],
    ['a', 'POST', `${P}/pb/portforward?ports=80`, 403, `pods "pb" is forbidden: ${refused('a', 'create', 'pods/portforward', '', inDefault)}`],
    // Nodes: read and write its own; its taints and the restricted labels are not its to change.
    ['a', 'GET', `${N}/a`, 200],
    ['a', 'GET', `${N}?fieldSelector=metadata.name%3Da`, 200],
    ['a', 'GET', `${N}/b`, 403, `nodes "b" is forbidden: ${refused('a', 'get', 'nodes', '', cluster, "node 'a' cannot read 'b', only its own Node object")}`],
    ['a', 'GET', N, 403, `nodes is forbidden: ${refused('a', 'list', 'nodes', '', cluster, "node 'a' cannot read all nodes, only its own Node object")}`],
    ['a', 'POST', N, 403, 'nodes "c" is forbidden: node "a" is not allowed to modify node "c"', { metadata: { name: 'c' } }],
    ['a', 'PATCH', `${N}/a`, 403, 'nodes "a" is forbidden: node "a" is not allowed to modify taints', { spec: { taints: null } }],
    ['a', 'PATCH', `${N}/a/status`, 403, 'nodes "a" is forbidden: node "a" is not allowed to modify taints', { spec: { taints: [] } }],
    ['a', 'PATCH', `${N}/a`, 403, 'nodes "a" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane', { metadata: { labels: { 'node-role.kubernetes.io/control-plane': '' } } }],
    ['a', 'PATCH', `${N}/a`, 403, 'nodes "a" is forbidden: is not allowed to modify labels: example.node-restriction.kubernetes.io/pool, k8s.io/owner', { metadata: { labels: { 'example.node-restriction.kubernetes.io/pool': 'x', 'k8s.io/owner': 'a', 'kubernetes.io/hostname': 'a2' } } }],
    ['a', 'PATCH', `${N}/a`, 200, undefined, { metadata: { labels: { 'node.kubernetes.io/instance-type': 'big', 'kubelet.kubernetes.io/x': 'y', 'example.com/team': 'blue' } } }],
    ['a', 'PATCH', `${N}/a/status`, 200, undefined, { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ok', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] } }],
    ['a', 'PATCH', `${N}/b/status`, 403, 'nodes "b" is forbidden: node "a" is not allowed to modify node "b"', { status: {} }],
    ['a', 'DELETE', `${N}/a`, 403, `nodes "a" is forbidden: ${refused('a', 'delete', 'nodes', '', cluster)}`],
    // Leases: its own, in kube-node-lease.
    ['a', 'POST', L, 201, undefined, { metadata: { name: 'a' }, spec: { holderIdentity: 'a' } }],
    ['a', 'POST', L, 403, 'leases.coordination.k8s.io "b" is forbidden: can only access node lease with the same name as the requesting node', { metadata: { name: 'b' } }],
    ['a', 'GET', `${L}/a`, 200],
    ['a', 'GET', `${L}/b`, 403, `leases.coordination.k8s.io "b" is forbidden: ${refused('a', 'get', 'leases', 'coordination.k8s.io', 'in the namespace "kube-node-lease"', 'can only access node lease with the same name as the requesting node')}`],
    ['a', 'GET', L, 403, `leases.coordination.k8s.io is forbidden: ${refused('a', 'list', 'leases', 'coordination.k8s.io', 'in the namespace "kube-node-lease"', 'can only get, create, update, patch, or delete a node lease')}`],
    // The rest of system:node's rules, and what they leave out.
    ['a', 'POST', `${NS}/events`, 201, undefined, { metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'pa', namespace: 'default' }, reason: 'Test', message: 'm' }],
    ['a', 'GET', `${NS}/events`, 403, `events is forbidden: ${refused('a', 'list', 'events', '', inDefault)}`],
    ['a', 'GET', '/api/v1/namespaces', 403, `namespaces is forbidden: ${refused('a', 'list', 'namespaces', '', cluster)}`],
    ['a', 'GET', `${NS}/serviceaccounts/default`, 403, `serviceaccounts "default" is forbidden: ${refused('a', 'get', 'serviceaccounts', '', inDefault, 'can only create tokens for individual service accounts')}`],
    // Neither an admin nor a node: nothing.
    ['jane', 'GET', `${S}/s-vol`, 403, 'secrets "s-vol" is forbidden: User "jane" cannot get resource "secrets" in API group "" in the namespace "default"'],
];
describe('what a node identity may reach', () => {
    for (const [who, method, path, code, message, body] of TABLE) {
        it(`${who} ${method} ${path} → ${code}`, async () => {
            const r = await apis[who].call(method, path, body);
            assert.equal(r.status, code, JSON.stringify(r.body));
            if (code === 403) {
                assert.equal(r.body.kind, 'Status');
                assert.equal(r.body.reason, 'Forbidden');
            }
            if (message !== undefined)
                assert.equal(r.body.message, message);
        });
    }
    it('refuses kubectl exec, logs and port-forward as a node, with the Forbidden text', async () => {
        // Its own Pod, which it may read: what is refused is the step into the container.
        const exec = await kubectl(kubeconfigs.a, ['exec', 'pa', '--', 'id']);
        assert.notEqual(exec.code, 0);
        assert.match(exec.stderr, /pods "pa" is forbidden: User "system:node:a" cannot create resource "pods\/exec" in API group "" in the namespace "default"/);
        const logs = await kubectl(kubeconfigs.a, ['logs', 'pa']);
        assert.notEqual(logs.code, 0);
        assert.match(logs.stderr, /pods "pa" is forbidden: User "system:node:a" cannot get resource "pods\/log" in API group "" in the namespace "default"/);
        // kubectl forwards only to a running Pod.
        await ok('a', 'PATCH', `${P}/pa/status`, { status: { phase: 'Running' } });
        const pf = await kubectl(kubeconfigs.a, ['port-forward', 'pod/pa', '18080:80'], { timeoutMs: 20_000 });
        assert.notEqual(pf.code, 0);
        assert.match(pf.stderr, /pods "pa" is forbidden: User "system:node:a" cannot create resource "pods\/portforward"/);
    });
});
describe('mirror Pods', () => {
    const mirror = (name, uid, spec = {}) => {
        const p = boundPod(name, 'a', spec);
        p.metadata.annotations = { 'kubernetes.io/config.mirror': 'hash' };
        p.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: 'a', uid, controller: true }];
        return p;
    };
    it('lets a node create a mirror Pod of itself that names nothing else, and nothing more', async () => {
        const uid = (await apis.admin.call('GET', `${N}/a`)).body.metadata.uid;
        const made = await apis.a.call('POST', P, mirror('mirror-a', uid));
        assert.equal(made.status, 201, JSON.stringify(made.body));
        const cases = [
            ['mirror-s', mirror('mirror-s', uid, { volumes: [{ name: 'v', secret: { secretName: 's2' } }] }), 'node "a" can not create pods that reference secrets'],
            ['mirror-c', mirror('mirror-c', uid, { volumes: [{ name: 'v', configMap: { name: 'cm-b' } }] }), 'node "a" can not create pods that reference configmaps'],
            ['mirror-sa', mirror('mirror-sa', uid, { serviceAccountName: 'default' }), 'node "a" can not create pods that reference a service account'],
            ['mirror-b', { ...mirror('mirror-b', uid), spec: { nodeName: 'b', containers: [{ name: 'c', image: 'busybox' }] } }, 'node "a" can only create pods with spec.nodeName set to itself'],
            ['mirror-u', mirror('mirror-u', 'not-the-uid'), `node a UID mismatch: expected not-the-uid got ${uid}`],
        ];
        for (const [name, body, why] of cases) {
            const r = await apis.a.call('POST', P, body);
            assert.equal(r.status, 403, name);
            assert.equal(r.body.message, `pods "${name}" is forbidden: ${why}`);
        }
        // The node's own mirror Pod, and only that, is its to delete.
        await ok('a', 'DELETE', `${P}/mirror-a`, { gracePeriodSeconds: 0 });
    });
});
describe('the graph follows the Pods', () => {
    it('grants a Secret by the time the node sees the Pod that names it', async () => {
        const ac = new AbortController();
        const events = await apis.a.watch('/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Da', ac.signal);
        const created = apis.admin.call('POST', P, boundPod('late', 'a', { volumes: [{ name: 'v', secret: { secretName: 's-late' } }] }));
        for await (const ev of events) {
            if (ev.object.metadata.name !== 'late')
                continue;
            // No wait, no retry: the first read after the event must be allowed.
            const r = await apis.a.call('GET', `${S}/s-late`);
            assert.equal(r.status, 200, JSON.stringify(r.body));
            break;
        }
        ac.abort();
        assert.equal((await created).status, 201);
    });
    it('takes a Secret back once the Pod is gone', async () => {
        assert.equal((await apis.a.call('GET', `${S}/s-late`)).status, 200);
        // The node deletes its own Pod, as its kubelet does once the containers are stopped.
        await ok('a', 'DELETE', `${P}/late`, { gracePeriodSeconds: 0 });
        const r = await apis.a.call('GET', `${S}/s-late`);
        assert.equal(r.status, 403);
        assert.equal(r.body.message, `secrets "s-late" is forbidden: ${refused('a', 'get', 'secrets', '', inDefault, noRelation('a'))}`);
    });
    it('lets a node evict its own Pod, and rebuilds the graph from the store on restart', async () => {
        await ok('admin', 'POST', P, boundPod('evictme', 'a'));
        const ev = await apis.a.call('POST', `${P}/evictme/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictme' } });
        assert.equal(ev.status, 201, JSON.stringify(ev.body));
        await server.stop();
        for (const a of Object.values(apis))
            a.close();
        server = await startServer({ dataDir: server.dataDir, args: ['--node-monitor-grace-period', '1h'] });
        apis.admin = await apiFor(server.kubeconfig);
        // The same certificates, from the same CA; only the server's port changed.
        await identity('a', 'system:node:a', ['system:nodes']);
        await identity('b', 'system:node:b', ['system:nodes']);
        await identity('jane', 'jane', []);
        assert.equal((await apis.a.call('GET', `${S}/s-vol`)).status, 200);
        assert.equal((await apis.b.call('GET', `${S}/s-vol`)).status, 403);
        assert.equal((await apis.b.call('GET', `${S}/s-b`)).status, 200);
    });
});
//# sourceMappingURL=apiserver-node-authz.test.js.map