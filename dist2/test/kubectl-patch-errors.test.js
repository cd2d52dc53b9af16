// A strategic merge patch that gives a field the wrong type fails as kube-apiserver fails it (kubectl's
// own core.sh checks 'cannot restore map from string'): 422 on the field "patch", quoting the patch as
// Go prints it, and nothing written.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { goFormat } from '../src/api/goformat.js';
import { pod, untilUnschedulable } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
test('values print as Go prints them from an unstructured map', () => {
    assert.equal(goFormat({ metadata: { labels: 'invalid' } }), 'map[metadata:map[labels:invalid]]');
    assert.equal(goFormat({ b: [1, 'x', null, true], a: 1.5 }), 'map[a:1.5 b:[1 x <nil> true]]');
    assert.equal(goFormat(1e21), '1e+21');
    assert.equal(goFormat(1e-7), '1e-07');
});
describe('against a server', () => {
    const t = withServer();
    const P = '/api/v1/namespaces/default/pods';
    const SMP = { 'Content-Type': 'application/strategic-merge-patch+json' };
    it('kubectl patch with labels as a string says "cannot restore map from string" and changes nothing', async () => {
        assert.equal((await t.api.call('POST', P, pod('valid-pod'))).status, 201);
        await untilUnschedulable(t.api, `${P}/valid-pod`);
        const before = (await t.api.call('GET', `${P}/valid-pod`)).body.metadata.resourceVersion;
        const r = await kubectl(t.server.kubeconfig, ['patch', 'pod', 'valid-pod', '-p', '{"metadata":{"labels":"invalid"}}']);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /cannot restore map from string/);
        assert.equal((await t.api.call('GET', `${P}/valid-pod`)).body.metadata.resourceVersion, before);
    });
    it('answers 422 with the cause on "patch", for maps, structs, slices and scalars', async () => {
        const cases = [
            [{ metadata: { labels: 'invalid' } }, 'Invalid value: "map[metadata:map[labels:invalid]]": cannot restore map from string'],
            [{ spec: 'x' }, 'Invalid value: "map[spec:x]": cannot restore struct from: string'],
            [{ spec: { tolerations: 3 } }, 'Invalid value: "map[spec:map[tolerations:3]]": cannot restore slice from int64'],
            [{ spec: { nodeName: 5 } }, 'Invalid value: "map[spec:map[nodeName:5]]": cannot convert int64 to string'],
            [{ spec: { priority: 'high' } }, 'Invalid value: "map[spec:map[priority:high]]": unrecognized type: int32'],
        ];
        for (const [patch, message] of cases) {
            const r = await t.api.call('PATCH', `${P}/valid-pod`, patch, SMP);
            assert.equal(r.status, 422, JSON.stringify(r.body));
            assert.equal(r.body.reason, 'Invalid');
            assert.deepEqual(r.body.details.causes, [{ reason: 'FieldValueInvalid', message, field: 'patch' }]);
            assert.equal(r.body.message, ` "" is invalid: patch: ${message}`);
        }
    });
});
//# sourceMappingURL=kubectl-patch-errors.test.js.map