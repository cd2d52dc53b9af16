// managedFields on every write, as kube-apiserver keeps them: each kubectl command that writes is a
// manager (kubectl-create, kubectl-label, …), so server-side apply conflicts with fields they own;
// no-op writes change nothing; "0" as resourceVersion on an update means unset.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const t = withServer();
const work = mkdtempSync(join(tmpdir(), 'berth-managed-fields-'));
const KUBECTLS = [KUBECTL, '/usr/lib/google-cloud-sdk/bin/kubectl.1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].filter((k) => existsSync(k));
const managers = async (path) => ((await t.api.call('GET', path)).body.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`);
for (const bin of KUBECTLS) {
    const v = bin === KUBECTL ? 'default' : bin.split('kubectl.')[1];
    const k = (args, input) => kubectl(t.server.kubeconfig, args, { bin, ...(input !== undefined ? { input } : {}) });
    const ok = async (args, input) => {
        const r = await k(args, input);
        assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
        return r;
    };
    describe(`managedFields with kubectl ${v}`, () => {
        const name = `mf-${v.replace('.', '-')}`;
        const path = `/api/v1/namespaces/default/configmaps/${name}`;
        it('names every kubectl command that wrote, once each, in upstream\'s order (by time, then name)', async () => {
            await ok(['create', 'configmap', name, '--from-literal=a=1']);
            await ok(['label', 'configmap', name, 'team=x']);
            await ok(['annotate', 'configmap', name, 'note=y']);
            await ok(['patch', 'configmap', name, '-p', '{"data":{"b":"2"}}']);
            await ok(['label', 'configmap', name, 'team=z', '--overwrite']);
            assert.deepEqual([...(await managers(path))].sort(), ['kubectl-annotate/Update', 'kubectl-create/Update', 'kubectl-label/Update', 'kubectl-patch/Update']);
            const mf = (await t.api.call('GET', path)).body.metadata.managedFields;
            const of = (m) => mf.find((e) => e.manager === m);
            assert.deepEqual(of('kubectl-label').fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } });
            assert.deepEqual(of('kubectl-patch').fieldsV1, { 'f:data': { 'f:b': {} } });
            for (const e of mf)
                assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            const keys = mf.map((e) => `${e.time} ${e.manager}`);
            assert.deepEqual(keys, [...keys].sort(), 'kube-apiserver sorts Update entries by time, then by manager');
            // The second label write moved kubectl-label's time on: it sorts after kubectl-patch unless within its second.
            assert.ok(of('kubectl-label').time >= of('kubectl-patch').time);
        });
        it('makes server-side apply conflict with a field another manager owns, and --force-conflicts take it', async () => {
            const manifest = join(work, `${name}.yaml`);
            writeFileSync(manifest, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    team: mine\ndata:\n  a: "1"\n`);
            const r = await k(['apply', '--server-side', '-f', manifest]);
            assert.notEqual(r.code, 0);
            assert.match(r.stderr, /conflict with "kubectl-label"/);
            assert.match(r.stderr, /\.metadata\.labels\.team/);
            await ok(['apply', '--server-side', '--force-conflicts', '-f', manifest]);
            const cm = (await t.api.call('GET', path)).body;
            assert.equal(cm.metadata.labels.team, 'mine');
            const label = cm.metadata.managedFields.find((e) => e.manager === 'kubectl-label');
            assert.equal(label?.fieldsV1['f:metadata']?.['f:labels']?.['f:team'], undefined, 'kubectl-label no longer owns the label');
            assert.ok((await managers(path)).includes('kubectl/Apply'));
        });
        it('records kubectl replace and client-side apply', async () => {
            const got = (await t.api.call('GET', path)).body;
            const manifest = join(work, `${name}-replace.json`);
            writeFileSync(manifest, JSON.stringify({ ...got, data: { ...got.data, c: '3' } }));
            await ok(['replace', '-f', manifest]);
            const csa = join(work, `${name}-csa.yaml`);
            writeFileSync(csa, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-csa\ndata:\n  a: "1"\n`);
            await ok(['apply', '-f', csa]);
            assert.ok((await managers(path)).includes('kubectl-replace/Update'));
            assert.deepEqual(await managers(`${path}-csa`), ['kubectl-client-side-apply/Update']);
        });
        it('records a Pod\'s creator with the fields it sent and their defaults, not what admission added', async () => {
            const pod = `${name}-run`;
            await ok(['run', pod, '--image=busybox', '--restart=Never', '--', 'sleep', '1']);
            const got = (await t.api.call('GET', `/api/v1/namespaces/default/pods/${pod}`)).body;
            const run = got.metadata.managedFields.find((e) => e.manager === 'kubectl-run');
            assert.deepEqual(run.fieldsV1, {
                'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } },
                'f:spec': {
                    'f:containers': {
                        [`k:{"name":"${pod}"}`]: { '.': {}, 'f:args': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} },
                    },
                    'f:dnsPolicy': {}, 'f:enableServiceLinks': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
                },
            });
            // Admission's additions are on the Pod all the same.
            assert.equal(got.spec.serviceAccountName, 'default');
            assert.ok(got.spec.volumes.some((v) => v.name.startsWith('kube-api-access-')));
            assert.equal(got.spec.tolerations.length, 2);
        });
        it('moves between client-side and server-side apply as upstream\'s apply.sh checks', async () => {
            const pod = `${name}-up`;
            const manifest = (label) => {
                const f = join(work, `${pod}-${label}.yaml`);
                writeFileSync(f, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${pod}\n  labels:\n    name: ${label}\nspec:\n  containers:\n  - name: kubernetes-pause\n    image: registry.k8s.io/pause:3.9\n`);
                return f;
            };
            const first = manifest('test-pod-label');
            const second = manifest('test-pod-applied');
            const lastApplied = async () => JSON.parse((await ok(['apply', 'view-last-applied', `pod/${pod}`, '-o', 'json'])).stdout).metadata.labels.name;
            await ok(['apply', '-f', first]);
            // Only kubectl's own manager may take what its client-side apply set.
            const other = await k(['apply', '--server-side', '--field-manager=not-kubectl', '-f', second]);
            assert.notEqual(other.code, 0);
            assert.match(other.stderr, /conflict with "kubectl-client-side-apply"/);
            await ok(['apply', '--server-side', '-f', second]);
            assert.equal(await lastApplied(), 'test-pod-applied', 'server-side apply keeps the annotation in step');
            await ok(['apply', '--server-side', '-f', first]);
            assert.equal(await lastApplied(), 'test-pod-label');
            const back = await ok(['apply', '-f', second]);
            assert.doesNotMatch(back.stderr, /failed/);
            const got = (await t.api.call('GET', `/api/v1/namespaces/default/pods/${pod}`)).body;
            assert.equal(got.metadata.labels.name, 'test-pod-applied');
            assert.ok(got.spec.volumes.every((v) => v.name), 'no volume lost its name to a pruned apply');
        });
        it('drops a field server-side apply stops sending once client-side apply no longer owns it', async () => {
            const cm = `${name}-legacy`;
            const config = (data) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${cm}\ndata:\n${data}`;
            await ok(['apply', '-f', '-'], config('  key: value\n  legacy: unused\n'));
            await ok(['apply', '--server-side', '-f', '-'], config('  key: value\n  legacy: unused\n'));
            assert.equal((await t.api.call('GET', `/api/v1/namespaces/default/configmaps/${cm}`)).body.data.legacy, 'unused');
            await ok(['apply', '--server-side', '-f', '-'], config('  key: value\n'));
            assert.deepEqual((await t.api.call('GET', `/api/v1/namespaces/default/configmaps/${cm}`)).body.data, { key: 'value' });
        });
    });
}
describe('writes the field manager sees', () => {
    const P = '/api/v1/namespaces/default/configmaps';
    it('takes fieldManager from the query, and the user agent up to its first slash otherwise', async () => {
        assert.equal((await t.api.call('POST', `${P}?fieldManager=my-tool`, { metadata: { name: 'fm1' }, data: { a: '1' } })).status, 201);
        assert.deepEqual(await managers(`${P}/fm1`), ['my-tool/Update']);
        assert.equal((await t.api.call('PATCH', `${P}/fm1`, { data: { b: '2' } }, { 'Content-Type': 'application/merge-patch+json', 'User-Agent': 'robot/1.2 (linux)' })).status, 200);
        assert.deepEqual(await managers(`${P}/fm1`), ['my-tool/Update', 'robot/Update']);
    });
    it('leaves a no-op write unwritten: same resourceVersion, same entry time', async () => {
        const before = (await t.api.call('GET', `${P}/fm1`)).body.metadata;
        const r = await t.api.call('PATCH', `${P}/fm1`, { data: { b: '2' } }, { 'Content-Type': 'application/merge-patch+json', 'User-Agent': 'other/1' });
        assert.equal(r.status, 200);
        assert.equal(r.body.metadata.resourceVersion, before.resourceVersion);
        assert.deepEqual(r.body.metadata.managedFields, before.managedFields);
    });
    it('strips every entry when a write sends managedFields: [{}]', async () => {
        const r = await t.api.call('PATCH', `${P}/fm1`, { metadata: { managedFields: [{}] } }, { 'Content-Type': 'application/merge-patch+json' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.metadata.managedFields, undefined);
    });
    it('records status writes under the status subresource, and the main resource never claims status', async () => {
        const pods = '/api/v1/namespaces/default/pods';
        const c = await t.api.call('POST', pods, { metadata: { name: 'mf-pod' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, { 'User-Agent': 'maker/1' });
        assert.equal(c.status, 201);
        assert.equal(JSON.stringify(c.body.metadata.managedFields[0].fieldsV1).includes('f:status'), false);
        const s = await t.api.call('PATCH', `${pods}/mf-pod/status`, { status: { message: 'hi' } }, { 'Content-Type': 'application/merge-patch+json', 'User-Agent': 'watcher/1' });
        assert.equal(s.status, 200, JSON.stringify(s.body));
        const w = s.body.metadata.managedFields.find((e) => e.manager === 'watcher');
        assert.equal(w.subresource, 'status');
        assert.deepEqual(w.fieldsV1, { 'f:status': { 'f:message': {} } });
    });
    it('status writes own the conditions and lists they create (`.`), by key, in upstream\'s serialized order', async () => {
        const pods = '/api/v1/namespaces/default/pods';
        assert.equal((await t.api.call('POST', pods, { metadata: { name: 'mf-status' }, spec: { schedulerName: 'none', containers: [{ name: 'c', image: 'busybox' }] } })).status, 201);
        const pod = (await t.api.call('GET', `${pods}/mf-status`)).body;
        pod.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no nodes', lastTransitionTime: '2026-01-01T00:00:00Z' }];
        const put = await t.api.call('PUT', `${pods}/mf-status/status`, pod, { 'User-Agent': 'kube-scheduler/v1.33.0' });
        assert.equal(put.status, 200, JSON.stringify(put.body));
        const sched = put.body.metadata.managedFields.find((e) => e.manager === 'kube-scheduler');
        assert.equal(sched.subresource, 'status');
        // Byte for byte as kube-apiserver encodes it: "." first, then fields by name, then keyed items.
        assert.equal(JSON.stringify(sched.fieldsV1), '{"f:status":{"f:conditions":{".":{},"k:{\\"type\\":\\"PodScheduled\\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}}}}');
        // The kubelet's strategic merge patch: a new condition item and a new podIPs list are its own; the
        // scheduler keeps its condition (and the list it created), the kubelet takes only what it set.
        const patch = { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:01Z' }], podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }], phase: 'Pending' } };
        const smp = await t.api.call('PATCH', `${pods}/mf-status/status`, patch, { 'Content-Type': 'application/strategic-merge-patch+json', 'User-Agent': 'kubelet/v1.33.0' });
        assert.equal(smp.status, 200, JSON.stringify(smp.body));
        const entries = smp.body.metadata.managedFields;
        assert.deepEqual(entries.find((e) => e.manager === 'kubelet').fieldsV1, {
            'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} } }, 'f:podIP': {}, 'f:podIPs': { '.': {}, 'k:{"ip":"10.0.0.9"}': { '.': {}, 'f:ip': {} } } },
        });
        assert.deepEqual(entries.find((e) => e.manager === 'kube-scheduler').fieldsV1, sched.fieldsV1);
        // kubectl shows them with --show-managed-fields.
        const shown = JSON.parse((await kubectl(t.server.kubeconfig, ['get', 'pod', 'mf-status', '-o', 'json', '--show-managed-fields'])).stdout);
        const shownEntries = shown.metadata.managedFields.map((e) => `${e.manager}/${e.subresource ?? ''}`);
        assert.ok(shownEntries.includes('kube-scheduler/status') && shownEntries.includes('kubelet/status'), shownEntries.join(' '));
    });
    it('treats resourceVersion "0" on an update as unset (an unconditional update)', async () => {
        const r = await t.api.call('PUT', `${P}/fm1`, { metadata: { name: 'fm1', resourceVersion: '0' }, data: { z: '9' } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body.data, { z: '9' });
        // kubectl replace of a Node, as upstream's node tests do it: "0" and "" both mean unset.
        // The Node brings its pod CIDR (node IPAM would otherwise give it one, which a replace may not take away).
        const spec = { podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] };
        assert.equal((await t.api.call('POST', '/api/v1/nodes', { metadata: { name: 'rv0' }, spec })).status, 201);
        for (const resourceVersion of ['0', '']) {
            const n = await t.api.call('PUT', '/api/v1/nodes/rv0', { metadata: { name: 'rv0', resourceVersion, labels: { rv: resourceVersion || 'empty' } }, spec });
            assert.equal(n.status, 200, JSON.stringify(n.body));
            assert.equal(n.body.metadata.labels.rv, resourceVersion || 'empty');
        }
    });
});
//# sourceMappingURL=kubectl-managed-fields.test.js.map