import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, updateManagedFields } from '../src/api/patch/apply.js';
import { isApiError } from '../src/api/errors.js';
import { FieldSet, fieldSetOf, fieldsV1Of, toFieldsV1 } from '../src/api/patch/field-set.js';
import { kindSchema } from '../src/api/schema/definitions.js';
import { LAST_APPLIED } from '../src/api/patch/last-applied.js';
const NOW = '2024-05-01T10:00:00Z';
const pod = (image, extra = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'x', image, ...extra }] },
});
test('an Update records the writer as owner of every field it set, in fieldsV1 form', () => {
    const mf = updateManagedFields([], undefined, pod('nginx'), 'kubectl-client-side-apply', { now: NOW });
    assert.equal(mf.length, 1);
    assert.deepEqual(mf[0], {
        manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: NOW, fieldsType: 'FieldsV1',
        fieldsV1: {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"x"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
    });
});
test('server-side apply conflicts on a field another manager set to a different value', () => {
    const live = pod('nginx');
    live.metadata.managedFields = updateManagedFields([], undefined, live, 'kubectl-client-side-apply', { now: NOW });
    assert.throws(() => applyPatch(live, pod('nginx:2'), 'kubectl'), (e) => {
        assert.ok(isApiError(e, 'Conflict'));
        const field = '.spec.containers[name="x"].image';
        assert.equal(e.message, `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1 at ${NOW}: ${field}`);
        assert.deepEqual(e.details?.causes, [{ reason: 'FieldManagerConflict', message: `conflict with "kubectl-client-side-apply" using v1 at ${NOW}`, field }]);
        return true;
    });
});
test('same values are shared, not conflicts; force takes a field over', () => {
    const live = pod('nginx');
    live.metadata.managedFields = updateManagedFields([], undefined, live, 'editor', { now: NOW });
    const shared = applyPatch(live, pod('nginx'), 'kubectl', { now: NOW });
    // Apply entries come before Update ones, as kube-apiserver sorts them.
    assert.deepEqual(shared.managedFields.map((e) => e.manager), ['kubectl', 'editor']);
    const forced = applyPatch(live, pod('nginx:2'), 'kubectl', { force: true, now: NOW });
    const spec = forced.object.spec;
    assert.equal(spec.containers[0].image, 'nginx:2');
    const editor = forced.managedFields.find((e) => e.manager === 'editor');
    assert.deepEqual(editor.fieldsV1['f:spec']['f:containers']['k:{"name":"x"}'], { '.': {}, 'f:name': {} });
});
test('apply creates when absent, keeps others\' fields, and drops fields the applier stops sending', () => {
    const first = applyPatch(undefined, pod('nginx', { args: ['a'] }), 'kubectl', { now: NOW });
    assert.deepEqual(first.object.spec.containers, [{ name: 'x', image: 'nginx', args: ['a'] }]);
    const withOther = { ...first.object, metadata: { ...first.object.metadata, annotations: { note: 'hi' } } };
    withOther.metadata.managedFields = updateManagedFields(first.managedFields, first.object, withOther, 'annotator', { now: NOW });
    const second = applyPatch(withOther, pod('nginx'), 'kubectl', { now: NOW });
    assert.deepEqual(second.object.spec.containers, [{ name: 'x', image: 'nginx' }]);
    assert.deepEqual(second.object.metadata.annotations, { note: 'hi' });
    assert.equal(second.managedFields.filter((e) => e.manager === 'kubectl').length, 1);
});
test('a write that changes a field moves it to the writer; removed fields leave every manager', () => {
    const v1 = pod('nginx');
    v1.metadata.managedFields = updateManagedFields([], undefined, v1, 'a', { now: NOW });
    const v2 = pod('nginx:2');
    delete v2.metadata.labels;
    const mf = updateManagedFields(v1.metadata.managedFields, v1, v2, 'b', { now: NOW });
    const a = mf.find((e) => e.manager === 'a').fieldsV1;
    const b = mf.find((e) => e.manager === 'b').fieldsV1;
    assert.equal(a['f:metadata'], undefined);
    assert.deepEqual(a['f:spec']['f:containers']['k:{"name":"x"}'], { '.': {}, 'f:name': {} });
    assert.deepEqual(b, { 'f:spec': { 'f:containers': { 'k:{"name":"x"}': { 'f:image': {} } } } });
});
test('a create records the same fieldsV1 as the general path, built in one walk', () => {
    const objects = [
        pod('nginx', { ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }], env: [{ name: 'A', value: '1' }], resources: { limits: { cpu: '1' } } }),
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: {}, annotations: { a: 'b' }, finalizers: ['x', 'y'], uid: 'u', resourceVersion: '3' },
            spec: { containers: [{ name: 'c', image: 'i', command: ['a', 'b'], securityContext: {} }], volumes: [{ name: 'v', emptyDir: {} }], nodeSelector: { k: 'v' }, tolerations: [{ operator: 'Exists' }] },
            status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '' }, binaryData: {} },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } },
    ];
    for (const o of objects) {
        const schema = kindSchema(o.apiVersion, o.kind);
        const notStatus = (pe) => pe !== 'f:status';
        assert.equal(JSON.stringify(fieldsV1Of(o, schema)), JSON.stringify(toFieldsV1(fieldSetOf(o, schema))), o.kind);
        const scoped = toFieldsV1(new FieldSet([...fieldSetOf(o, schema)].filter((p) => notStatus(p[0]))));
        assert.equal(JSON.stringify(fieldsV1Of(o, schema, notStatus)), JSON.stringify(scoped), `${o.kind} without status`);
    }
});
test('server-side apply as kubectl keeps an existing last-applied annotation in step, as Go encodes it', () => {
    const cm = (data, annotations) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(annotations ? { annotations } : {}) }, data });
    const live = cm({ a: '1' }, { [LAST_APPLIED]: '{"old":true}' });
    const applied = cm({ z: '<&>', a: '2' });
    const kept = applyPatch(live, applied, 'kubectl', { now: NOW, force: true }).object;
    assert.equal(kept.metadata.annotations?.[LAST_APPLIED], '{"apiVersion":"v1","data":{"a":"2","z":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"name":"c"}}\n');
    // Another manager, or an object without the annotation, leaves it as it was.
    assert.equal(applyPatch(live, applied, 'other', { now: NOW, force: true }).object.metadata.annotations?.[LAST_APPLIED], '{"old":true}');
    assert.equal(applyPatch(cm({ a: '1' }), applied, 'kubectl', { now: NOW }).object.metadata.annotations, undefined);
    // An annotation that would pass the annotations' size limit is left out.
    const big = applyPatch(live, cm({ a: 'x'.repeat(300 * 1024) }), 'kubectl', { now: NOW, force: true }).object;
    assert.equal(big.metadata.annotations?.[LAST_APPLIED], undefined);
});
//# sourceMappingURL=kubectl-apply.test.js.map