// ResourceQuota and LimitRange as a user meets them with the real kubectl: `kubectl create quota`, the
// quota's REQUEST/LIMIT columns and describe table filled by the controller; the Pod past the quota
// refused with upstream's 403 text, one without the covered request too; a deleted Pod frees room;
// concurrent creates never pass a quota of one together; a LimitRange's defaults land on the created
// Pod and its max refuses; malformed quotas and ranges are 422 and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { apiFor } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { KUBECTL_VERSIONS } from './support/kubectl-versions.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
// pods/resize needs a kubectl that sends it (1.32+).
const KUBECTL_133 = KUBECTL_VERSIONS.find(([v]) => v === '1.33')?.[1] ?? '/usr/bin/kubectl';
let api;
before(async () => {
    server = await startServer({ disableAgent: true });
    api = await apiFor(server.kubeconfig);
});
after(async () => {
    api?.close();
    await server?.dispose();
});
async function run(args, input) {
    return kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
}
async function ok(args, input) {
    const r = await run(args, input);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
}
function podYaml(name, resources) {
    return stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', ...(resources ? { resources } : {}) }] } });
}
async function used(ns, quota) {
    return JSON.parse(await ok(['get', 'quota', quota, '-n', ns, '-o', 'jsonpath={.status.used}']) || '{}');
}
test('kubectl create quota: used follows Pods, the third is refused with the exact text, a deletion frees room', async () => {
    await ok(['create', 'namespace', 'q1']);
    assert.match(await ok(['create', 'quota', 'q', '-n', 'q1', '--hard=pods=2,requests.cpu=1']), /resourcequota\/q created/);
    await until('the controller to fill status', async () => (await used('q1', 'q')).pods === '0');
    const table = await ok(['get', 'quota', '-n', 'q1']);
    assert.match(table, /^NAME\s+AGE\s+REQUEST\s+LIMIT\s*\nq\s+\S+\s+pods: 0\/2, requests.cpu: 0\/1\s*\n$/);
    const cpu = { requests: { cpu: '300m' } };
    await ok(['create', '-n', 'q1', '-f', '-'], podYaml('p1', cpu));
    await ok(['create', '-n', 'q1', '-f', '-'], podYaml('p2', cpu));
    assert.deepEqual(await used('q1', 'q'), { pods: '2', 'requests.cpu': '600m' });
    const describe = await ok(['describe', 'quota', 'q', '-n', 'q1']);
    assert.match(describe, /Resource\s+Used\s+Hard\n\s*--------\s+----\s+----\npods\s+2\s+2\nrequests.cpu\s+600m\s+1\n/);
    const third = await run(['create', '-n', 'q1', '-f', '-'], podYaml('p3', cpu));
    assert.equal(third.code, 1);
    assert.match(third.stderr, /Error from server \(Forbidden\): .*pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2\n/);
    await ok(['delete', 'pod', 'p1', '-n', 'q1', '--grace-period=0', '--force']);
    await until('used to follow the deletion', async () => (await used('q1', 'q')).pods === '1');
    assert.equal((await used('q1', 'q'))['requests.cpu'], '300m');
    // More cpu than is left is refused by cpu alone; then a Pod that fits passes.
    const greedy = await run(['create', '-n', 'q1', '-f', '-'], podYaml('p3', { requests: { cpu: '800m' } }));
    assert.match(greedy.stderr, /pods "p3" is forbidden: exceeded quota: q, requested: requests.cpu=800m, used: requests.cpu=300m, limited: requests.cpu=1\n/);
    await ok(['create', '-n', 'q1', '-f', '-'], podYaml('p3', cpu));
    assert.deepEqual(await used('q1', 'q'), { pods: '2', 'requests.cpu': '600m' });
    assert.deepEqual((await ok(['get', 'pods', '-n', 'q1', '-o', 'name'])).trim().split('\n').sort(), ['pod/p2', 'pod/p3']);
});
test('a Pod without the request a quota covers is refused, naming its containers', async () => {
    await ok(['create', 'namespace', 'q2']);
    await ok(['create', 'quota', 'q', '-n', 'q2', '--hard=requests.cpu=1,limits.memory=1Gi']);
    await until('status', async () => (await used('q2', 'q'))['requests.cpu'] === '0');
    const r = await run(['create', '-n', 'q2', '-f', '-'], podYaml('bare'));
    assert.match(r.stderr, /pods "bare" is forbidden: failed quota: q: must specify limits.memory for: c; requests.cpu for: c\n/);
    const table = await ok(['get', 'quota', '-n', 'q2', '--no-headers']);
    assert.match(table, /^q\s+\S+\s+requests.cpu: 0\/1\s+limits.memory: 0\/1Gi\s*$/);
});
test('concurrent creates never both pass a quota of one; count/<resource> quotas count any kind', async () => {
    await ok(['create', 'namespace', 'q3']);
    await ok(['create', 'quota', 'one', '-n', 'q3', '--hard=pods=1,count/configmaps=2']);
    await until('status', async () => (await used('q3', 'one')).pods === '0');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api.call('POST', '/api/v1/namespaces/q3/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `c${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 403, 403, 403, 403, 403]);
    const refused = results.find((r) => r.status === 403).body;
    assert.equal(refused.reason, 'Forbidden');
    assert.match(refused.message, /exceeded quota: one, requested: pods=1, used: pods=1, limited: pods=1$/);
    // A Pod that has ended counts no more (as upstream), and a server-side dry run is checked but charges nothing.
    const winner = results.find((r) => r.status === 201).body.metadata.name;
    const ended = await api.call('PATCH', `/api/v1/namespaces/q3/pods/${winner}/status`, { status: { phase: 'Succeeded' } });
    assert.equal(ended.status, 200);
    await until('the ended Pod to be uncounted', async () => (await used('q3', 'one')).pods === '0');
    await ok(['create', '-n', 'q3', '--dry-run=server', '-f', '-'], podYaml('dry'));
    assert.equal((await used('q3', 'one')).pods, '0');
    // kube-root-ca.crt may or may not be there yet: count what is, then fill up to two.
    await until('configmaps counted', async () => (await used('q3', 'one'))['count/configmaps'] !== undefined);
    const have = Number((await used('q3', 'one'))['count/configmaps']);
    for (let i = have; i < 2; i++)
        await ok(['create', 'configmap', `cm${i}`, '-n', 'q3']);
    const over = await run(['create', 'configmap', 'cm-over', '-n', 'q3']);
    assert.match(over.stderr, /configmaps "cm-over" is forbidden: exceeded quota: one, requested: count\/configmaps=1, used: count\/configmaps=2, limited: count\/configmaps=2\n/);
});
test('updates are charged as upstream: a Pod resize and a Service turning NodePort past the quota are 403, the delta is what is requested', async () => {
    await ok(['create', 'namespace', 'q5']);
    await ok(['create', 'quota', 'q', '-n', 'q5', '--hard=requests.cpu=1,services.nodeports=1']);
    await until('status', async () => (await used('q5', 'q'))['requests.cpu'] === '0');
    const pod = (name) => stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '300m' }, limits: { cpu: '1' } } }] } });
    await ok(['create', '-n', 'q5', '-f', '-'], pod('r1') + '---\n' + pod('r2'));
    assert.equal((await used('q5', 'q'))['requests.cpu'], '600m');
    // pods/resize is charged for what it adds (kubectl 1.32+ sends it).
    const resize = (cpu) => kubectl(server.kubeconfig, ['patch', 'pod', 'r1', '-n', 'q5', '--subresource', 'resize', '-p', JSON.stringify({ spec: { containers: [{ name: 'c', resources: { requests: { cpu } } }] } })], { bin: KUBECTL_133 });
    const over = await resize('800m');
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'Error from server (Forbidden): pods "r1" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1\n');
    assert.equal(JSON.parse(await ok(['get', 'pod', 'r1', '-n', 'q5', '-o', 'json'])).spec.containers[0].resources.requests.cpu, '300m', 'nothing written');
    const fits = await resize('700m');
    assert.equal(fits.code, 0, fits.stderr);
    assert.equal((await used('q5', 'q'))['requests.cpu'], '1');
    // A shrink adds nothing, so it passes even at the limit (the controller later recounts it down).
    assert.equal((await resize('200m')).code, 0);
    // A Service's update is charged too: the second NodePort Service, by a type change, is over.
    await ok(['create', 'service', 'nodeport', 'np1', '-n', 'q5', '--tcp=80:80']);
    await ok(['create', 'service', 'clusterip', 'cip', '-n', 'q5', '--tcp=80:80']);
    const turned = await run(['patch', 'service', 'cip', '-n', 'q5', '-p', '{"spec":{"type":"NodePort"}}']);
    assert.equal(turned.stderr, 'Error from server (Forbidden): services "cip" is forbidden: exceeded quota: q, requested: services.nodeports=1, used: services.nodeports=1, limited: services.nodeports=1\n');
    assert.equal(JSON.parse(await ok(['get', 'service', 'cip', '-n', 'q5', '-o', 'json'])).spec.type, 'ClusterIP');
    // Updates that add no usage (a label) pass at the limit.
    await ok(['label', 'service', 'np1', '-n', 'q5', 'x=y']);
});
test('count/<plural>.<group> quotas count custom resources: the controller counts them, admission refuses past the limit', async () => {
    const group = 'quota.example.com';
    await ok(['create', '-f', '-'], stringify({
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `widgets.${group}` },
        spec: { group, scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    }));
    await ok(['wait', '--for=condition=Established', `crd/widgets.${group}`]);
    await ok(['create', 'namespace', 'q6']);
    const widget = (name) => stringify({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name, namespace: 'q6' } });
    await ok(['create', '-f', '-'], widget('w1') + '---\n' + widget('w2'));
    // Made after the widgets: the controller's count finds them.
    await ok(['create', 'quota', 'cr', '-n', 'q6', `--hard=count/widgets.${group}=3`]);
    await until('widgets counted', async () => (await used('q6', 'cr'))[`count/widgets.${group}`] === '2');
    await ok(['create', '-f', '-'], widget('w3'));
    assert.equal((await used('q6', 'cr'))[`count/widgets.${group}`], '3');
    const over = await run(['create', '-f', '-'], widget('w4'));
    assert.equal(over.code, 1);
    assert.match(over.stderr, new RegExp(`Error from server \\(Forbidden\\): error when creating "STDIN": widgets\\.quota\\.example\\.com "w4" is forbidden: exceeded quota: cr, requested: count/widgets\\.quota\\.example\\.com=1, used: count/widgets\\.quota\\.example\\.com=3, limited: count/widgets\\.quota\\.example\\.com=3\\n$`));
    assert.equal((await run(['get', `widgets.${group}`, 'w4', '-n', 'q6'])).code, 1);
});
test('a scoped quota counts only the Pods in its scopes', async () => {
    await ok(['create', 'namespace', 'q4']);
    await ok(['create', 'quota', 'besteffort', '-n', 'q4', '--hard=pods=1', '--scopes=BestEffort']);
    await until('status', async () => (await used('q4', 'besteffort')).pods === '0');
    await ok(['create', '-n', 'q4', '-f', '-'], podYaml('be1'));
    await ok(['create', '-n', 'q4', '-f', '-'], podYaml('burst1', { requests: { cpu: '100m' } }));
    await ok(['create', '-n', 'q4', '-f', '-'], podYaml('burst2', { requests: { cpu: '100m' } }));
    const r = await run(['create', '-n', 'q4', '-f', '-'], podYaml('be2'));
    assert.match(r.stderr, /pods "be2" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=1, limited: pods=1\n/);
    await ok(['delete', 'pod', 'burst1', '-n', 'q4', '--grace-period=0', '--force']);
    // The controller recounts on the deletion and still finds only the one BestEffort Pod.
    await until('the recount', async () => (await ok(['get', 'quota', '-n', 'q4', '--no-headers'])).includes('pods: 1/1'));
    const bad = await run(['create', 'quota', 'x', '-n', 'q4', '--hard=pods=1', '--scopes=Sometimes']);
    assert.notEqual(bad.code, 0);
});
test('LimitRange: defaults land on the created Pod, max refuses, get prints NAME CREATED AT', async () => {
    await ok(['create', 'namespace', 'lr']);
    const range = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'cpu' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' }, default: { cpu: '500m' }, defaultRequest: { cpu: '200m' } }] } };
    await ok(['create', '-n', 'lr', '-f', '-'], stringify(range));
    assert.match(await ok(['get', 'limitrange', '-n', 'lr']), /^NAME\s+CREATED AT\ncpu\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    assert.match(await ok(['describe', 'limitrange', 'cpu', '-n', 'lr']), /Container\s+cpu\s+-\s+1\s+200m\s+500m\s+-\n/);
    await ok(['create', '-n', 'lr', '-f', '-'], podYaml('small'));
    const pod = JSON.parse(await ok(['get', 'pod', 'small', '-n', 'lr', '-o', 'json']));
    assert.deepEqual(pod.spec.containers[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '200m' } });
    assert.equal(pod.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu request for container c; cpu limit for container c');
    const big = await run(['create', '-n', 'lr', '-f', '-'], podYaml('big', { limits: { cpu: '2' } }));
    assert.equal(big.code, 1);
    assert.match(big.stderr, /Error from server \(Forbidden\): .*pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n/);
    assert.match((await run(['get', 'pod', 'big', '-n', 'lr'])).stderr, /NotFound/);
});
test('LimitRange: a Pod item sums the containers, ratios are checked, every breach is reported', async () => {
    await ok(['create', 'namespace', 'lr2']);
    const range = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'mix' }, spec: { limits: [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }, { type: 'Pod', max: { memory: '1Gi' } }] } };
    await ok(['create', '-n', 'lr2', '-f', '-'], stringify(range));
    const c = (name) => ({ name, image: 'busybox', resources: { limits: { cpu: '1', memory: '600Mi' }, requests: { cpu: '250m', memory: '600Mi' } } });
    const r = await api.call('POST', '/api/v1/namespaces/lr2/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two' }, spec: { containers: [c('a'), { ...c('b'), resources: { limits: { memory: '600Mi', cpu: '1' }, requests: { memory: '600Mi', cpu: '1' } } }] } });
    assert.equal(r.status, 403);
    assert.equal(r.body.message, 'pods "two" is forbidden: [cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000, maximum memory usage per Pod is 1Gi, but limit is 1200Mi]');
});
test('malformed quotas and limit ranges are 422 with upstream field messages, and nothing is stored', async () => {
    const bad = await api.call('POST', '/api/v1/namespaces/default/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'bad' }, spec: { hard: { foo: '1', pods: '-1', services: '1.5' } } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.message, 'ResourceQuota "bad" is invalid: [spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota, spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0, spec.hard[services]: Invalid value: "1500m": must be an integer]');
    const range = await api.call('POST', '/api/v1/namespaces/default/limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'bad' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } });
    assert.equal(range.status, 422);
    assert.match(range.body.message, /^LimitRange "bad" is invalid: \[?spec.limits\[0\].min\[cpu\]: Invalid value: "2": min value 2 is greater than max value 1/);
    const kubectlBad = await run(['create', 'quota', 'x', '--hard=pods=abc']);
    assert.notEqual(kubectlBad.code, 0);
    assert.equal((await api.call('GET', '/api/v1/namespaces/default/resourcequotas/bad')).status, 404);
    assert.equal((await api.call('GET', '/api/v1/namespaces/default/limitranges/bad')).status, 404);
});
//# sourceMappingURL=quota.test.js.map