import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import { allowedFieldSelectors, fieldsOf } from '../src/api/fields.js';
import { exactValue, matchFields, parseFieldSelector } from '../src/api/selectors/fields.js';
const bound = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { containers: [], nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
    status: { phase: 'Running', podIP: '10.0.0.5' },
};
const unbound = { metadata: { name: 'db', namespace: 'default' }, spec: { containers: [] }, status: { phase: 'Pending' } };
const podFields = allowedFieldSelectors('Pod');
test('pod field selectors match on the fields the API server exposes', () => {
    const cases = [
        ['spec.nodeName=n1', bound, true],
        ['spec.nodeName==n1', bound, true],
        ['spec.nodeName=', bound, false],
        ['spec.nodeName=', unbound, true],
        ['spec.nodeName!=', bound, true],
        ['status.phase!=Failed,status.phase!=Succeeded', bound, true],
        ['metadata.name=web,metadata.namespace=default', bound, true],
        ['metadata.name=web,metadata.namespace=other', bound, false],
        ['spec.hostNetwork=false', bound, true],
        ['status.podIP=10.0.0.5', bound, true],
        ['spec.restartPolicy=Always', bound, true],
        ['', unbound, true],
    ];
    for (const [sel, pod, want] of cases)
        assert.equal(matchFields(parseFieldSelector(sel, podFields, 'Pod'), fieldsOf('Pod', pod)), want, sel);
});
test('bad field selectors are BadRequest with the API server\'s words', () => {
    const cases = [
        ['Pod', 'spec.bogus=x', 'field label not supported: spec.bogus'],
        ['Event', 'involvedObject.foo=x', 'field label not supported: involvedObject.foo'],
        ['ConfigMap', 'data.x=y', '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'],
        ['Pod', 'spec.nodeName', "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'"],
        ['Pod', 'metadata.name=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
        ['Pod', 'metadata.name=a=b', 'invalid field selector: unescaped character in value: 61'],
    ];
    for (const [kind, sel, message] of cases) {
        assert.throws(() => parseFieldSelector(sel, allowedFieldSelectors(kind), kind), (e) => isApiError(e, 'BadRequest') && e.message === message, sel);
    }
});
test('escaped commas stay in the value; exactValue finds a pinned field', () => {
    const sel = parseFieldSelector('metadata.name=a\\,b,spec.nodeName=n1', podFields, 'Pod');
    assert.equal(exactValue(sel, 'metadata.name'), 'a,b');
    assert.equal(exactValue(sel, 'spec.nodeName'), 'n1');
    assert.equal(exactValue(parseFieldSelector('spec.nodeName!=n1', podFields, 'Pod'), 'spec.nodeName'), undefined);
    assert.equal(exactValue(parseFieldSelector('spec.nodeName=', podFields, 'Pod'), 'spec.nodeName'), '');
});
test('each kind offers its own field set', () => {
    const cases = [
        ['Pod', ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName']],
        ['Event', ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type']],
        ['Node', ['metadata.name', 'metadata.namespace', 'spec.unschedulable']],
        ['Secret', ['metadata.name', 'metadata.namespace', 'type']],
        ['Namespace', ['metadata.name', 'metadata.namespace', 'status.phase']],
        ['ConfigMap', ['metadata.name', 'metadata.namespace']],
    ];
    for (const [kind, fields] of cases)
        assert.deepEqual([...allowedFieldSelectors(kind)].sort(), [...fields].sort(), kind);
    const event = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'web' }, source: { component: 'kubelet' }, type: 'Normal' };
    const f = fieldsOf('Event', event);
    assert.equal(f['source'], 'kubelet');
    assert.equal(f['involvedObject.kind'], 'Pod');
});
//# sourceMappingURL=api-field-selectors.test.js.map