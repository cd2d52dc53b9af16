// The KubeletCluster contract (support/kubelet-cluster-contract.ts) against the tests' fake and against
// the REST adapter the agent and `berth sim` use, over a real API server (no kubelet of its own),
// both with its own Pod watch and with the watch shared by many kubelets.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { RestKubeletCluster } from '../src/cli/agent/cluster.js';
import { SharedNodePods } from '../src/cli/agent/node-pods.js';
import { clientFor } from '../src/cli/controlplane.js';
import { events, leases, pods, services } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { FakeCluster } from './kubelet-fake-cluster.js';
import { kubeletClusterContract } from './support/kubelet-cluster-contract.js';
import { startServer } from './support/server.js';
const configmaps = { group: '', version: 'v1', plural: 'configmaps', namespaced: true, kind: 'ConfigMap' };
const secrets = { group: '', version: 'v1', plural: 'secrets', namespaced: true, kind: 'Secret' };
kubeletClusterContract('the tests\' fake', async () => {
    const fake = new FakeCluster();
    let uids = 0;
    const byName = (ns, name) => {
        const p = fake.byName(ns, name);
        if (!p)
            throw new Error(`no pod ${ns}/${name}`);
        return p;
    };
    return {
        cluster: fake,
        nodeName: 'n1',
        async createPod(pod) {
            const stored = structuredClone({ ...pod, metadata: { ...pod.metadata, uid: `fake-uid-${++uids}` } });
            fake.create(stored);
            return structuredClone(stored);
        },
        async setLabels(ns, name, labels) {
            const p = structuredClone(byName(ns, name));
            p.metadata.labels = labels;
            fake.update(p);
        },
        async deleteGracefully(ns, name, grace) {
            fake.markDeleted(byName(ns, name).metadata.uid, grace);
        },
        getPod: async (ns, name) => structuredClone(fake.byName(ns, name)) ?? null,
        async putConfigMap(ns, name, data, binaryData) {
            fake.configMaps.set(`${ns}/${name}`, { data: { ...mapValues(data, (v) => Buffer.from(v)), ...mapValues(binaryData, (v) => Buffer.from(v, 'base64')) } });
        },
        async putSecret(ns, name, data) {
            fake.secrets.set(`${ns}/${name}`, { data: mapValues(data, (v) => Buffer.from(v, 'base64')) });
        },
        async createService(svc) {
            fake.services.push({ ...structuredClone(svc), spec: { ...svc.spec, clusterIP: '10.43.0.99' } });
        },
        events: async (ns, name) => fake.events.filter((e) => e.namespace === ns && e.pod === name).map((e) => ({
            metadata: {}, involvedObject: { kind: 'Pod', namespace: e.namespace, name: e.pod, uid: e.uid, ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}) }, reason: e.reason, message: e.message, type: e.type,
        })),
        getLease: async (name) => (fake.lease?.metadata.name === name ? structuredClone(fake.lease) : null),
        close: async () => { },
    };
});
function mapValues(o, f) {
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
// One API server for both REST variants, each with its own node identity.
let server;
const closers = [];
after(async () => {
    for (const c of closers)
        await c();
    await (await server)?.dispose();
});
async function restHarness(nodeName, sharedWatch) {
    const s = await (server ??= startServer({ disableAgent: true }));
    const admin = await RestClient.fromKubeconfig(s.kubeconfig);
    const pki = join(s.dataDir, 'pki');
    const ca = await readFile(join(pki, 'ca.crt'), 'utf8');
    const node = clientFor(s.url, ca, await issueCertificate(pki, `node-${nodeName}`, { cn: `system:node:${nodeName}`, orgs: ['system:nodes'] }, 'client'), `berth-kubelet/${nodeName}`);
    const watchErrors = [];
    const onError = (e) => watchErrors.push(e);
    const cluster = new RestKubeletCluster(node, nodeName, sharedWatch ? { pods: new SharedNodePods(admin, onError) } : { onError });
    closers.push(() => {
        if (watchErrors.length > 0)
            throw new Error(`pod watch errors: ${watchErrors.map((e) => e.message).join('; ')}`);
    });
    const getOrNull = (res, ns, name) => admin.get(res, ns, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    return {
        cluster,
        nodeName,
        createPod: (pod) => admin.create(pods, pod.metadata.namespace, pod),
        async setLabels(ns, name, labels) {
            await admin.patch(pods, ns, name, 'merge', { metadata: { labels } });
        },
        async deleteGracefully(ns, name, grace) {
            await admin.delete(pods, ns, name, { gracePeriodSeconds: grace });
        },
        getPod: (ns, name) => getOrNull(pods, ns, name),
        async putConfigMap(ns, name, data, binaryData) {
            await admin.create(configmaps, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, binaryData });
        },
        async putSecret(ns, name, data) {
            await admin.create(secrets, ns, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, data });
        },
        async createService(svc) {
            await admin.create(services, svc.metadata.namespace, svc);
        },
        events: async (ns, name) => (await admin.list(events, ns, { fieldSelector: `involvedObject.name=${name}` })).items,
        getLease: (name) => getOrNull(leases, 'kube-node-lease', name),
        close: async () => { },
    };
}
kubeletClusterContract('the REST adapter, its own Pod watch', () => restHarness('contract-a', false));
kubeletClusterContract('the REST adapter, a Pod watch shared by many kubelets', () => restHarness('contract-b', true));
test('the REST adapter reports a failing Pod watch to its error handler, and keeps retrying', async () => {
    const s = await (server ??= startServer({ disableAgent: true }));
    const pki = join(s.dataDir, 'pki');
    const ca = await readFile(join(pki, 'ca.crt'), 'utf8');
    const client = clientFor(s.url, ca, await issueCertificate(pki, 'node-contract-c', { cn: 'system:node:contract-c', orgs: ['system:nodes'] }, 'client'), 'berth-kubelet/contract-c');
    const errors = [];
    const cluster = new RestKubeletCluster(client, 'contract-c', { onError: (e) => errors.push(e) });
    const abort = new AbortController();
    // A node may not watch another node's Pods: every list is Forbidden, and each failure is reported.
    void cluster.watchPods('someone-else', () => { }, abort.signal);
    const deadline = Date.now() + 10_000;
    while (errors.length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    assert.ok(errors.length >= 2, `errors reported: ${errors.length}`);
    assert.ok(errors.every((e) => isApiError(e, 'Forbidden')), String(errors[0]));
});
//# sourceMappingURL=kubelet-cluster-contract.test.js.map