import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateCreate, validateStatusUpdate, validateUpdate } from '../src/api/validation/index.js';
const lines = (causes) => causes.map((c) => `${c.field}: ${c.message}`);
const ns = (name = 'default') => ({ name, namespace: name === 'default' ? 'default' : 'team' });
test('each kind validates on create', () => {
    const big = 'x'.repeat(1024 * 1024);
    const cases = [
        ['Node', { metadata: { name: 'n1' } }, []],
        ['Node', { metadata: { name: 'n1', namespace: 'x' } }, ['metadata.namespace: Forbidden: not allowed on this type']],
        ['Node', { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } }, ['spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
        ['Node', { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', effect: 'NoSchedule' }] } }, ['spec.taints[1]: Duplicate value: {"key":"k","effect":"NoSchedule"}']],
        ['Node', { metadata: { name: 'n1' }, status: { capacity: { cpu: 'four' } } }, ["status.capacity[cpu]: Invalid value: \"four\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"]],
        ['Namespace', { metadata: { name: 'team' } }, []],
        ['Namespace', { metadata: { name: 'a.b' } }, ['metadata.name: Invalid value: "a.b": must not contain dots']],
        ['Namespace', { metadata: { name: 'team' }, spec: { finalizers: ['bogus'] } }, ['spec.finalizers: Invalid value: "bogus": name is neither a standard finalizer name nor is it fully qualified']],
        ['Lease', { metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 40 } }, []],
        ['Lease', { metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { leaseDurationSeconds: 0 } }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
        ['Lease', { metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { leaseTransitions: -1 } }, ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
        ['Event', { metadata: ns(), involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Pulled' }, []],
        ['Event', { metadata: ns(), involvedObject: { kind: 'Node', name: 'n1' } }, []],
        ['Event', { metadata: ns(), involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } }, ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']],
        ['Event', { metadata: ns(), involvedObject: { kind: 'Pod', namespace: 'default' }, eventTime: '2024-01-01T00:00:00.000000Z' }, ['reportingComponent: Required value', 'reportingComponent: Invalid value: "": name part must be non-empty', "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", 'reportingInstance: Required value', 'action: Required value', 'reason: Required value']],
        ['ConfigMap', { metadata: ns(), data: { 'app.conf': 'x' } }, []],
        ['ConfigMap', { metadata: ns(), data: { 'a b': 'x' } }, ["data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]],
        ['ConfigMap', { metadata: ns(), data: { '..a': 'x' } }, ["data[..a]: Invalid value: \"..a\": must not start with '..'"]],
        ['ConfigMap', { metadata: ns(), data: { a: 'x' }, binaryData: { a: 'eA==' } }, ['binaryData[a]: Invalid value: "a": duplicate of key present in data']],
        ['ConfigMap', { metadata: ns(), data: { a: big } }, ['[]: Too long: must have at most 1048576 bytes']],
        ['Secret', { metadata: ns(), type: 'Opaque', data: { a: 'eA==' } }, []],
        ['Secret', { metadata: ns(), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, ['data[tls.key]: Required value']],
        ['Secret', { metadata: ns(), type: 'kubernetes.io/service-account-token' }, ['metadata.annotations[kubernetes.io/service-account.name]: Required value']],
        ['ServiceAccount', { metadata: ns() }, []],
        ['ServiceAccount', { metadata: ns(), secrets: [{}] }, ['secrets[0].name: Required value']],
    ];
    for (const [kind, obj, want] of cases)
        assert.deepEqual(lines(validateCreate(kind, obj)), want, `${kind} ${JSON.stringify(obj).slice(0, 100)}`);
});
test('each kind validates on update', () => {
    const cases = [
        ['Node', { metadata: { name: 'n1' }, spec: { podCIDRs: ['10.0.1.0/24'] } }, { metadata: { name: 'n1' }, spec: { podCIDRs: ['10.0.0.0/24'] } }, ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']],
        ['Node', { metadata: { name: 'n1' }, spec: { podCIDRs: ['10.0.0.0/24'] } }, { metadata: { name: 'n1' } }, []],
        ['Secret', { metadata: ns(), type: 'Other' }, { metadata: ns(), type: 'Opaque' }, ['type: Invalid value: "Other": field is immutable']],
        ['ConfigMap', { metadata: ns(), immutable: true, data: { a: 'y' } }, { metadata: ns(), immutable: true, data: { a: 'x' } }, ['data: Forbidden: field is immutable when `immutable` is set']],
        ['ConfigMap', { metadata: ns(), data: { a: 'x' } }, { metadata: ns(), immutable: true, data: { a: 'x' } }, ['immutable: Forbidden: field is immutable when `immutable` is set']],
        ['Lease', { metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { renewTime: 'now' } }, { metadata: { name: 'n1', namespace: 'kube-node-lease' } }, []],
        ['Event', { metadata: ns(), involvedObject: { kind: 'Node', name: 'n1' }, count: 2 }, { metadata: ns(), involvedObject: { kind: 'Node', name: 'n1' }, count: 1 }, []],
    ];
    for (const [kind, obj, old, want] of cases)
        assert.deepEqual(lines(validateUpdate(kind, obj, old)), want, kind);
});
test('namespace phase follows deletion on status updates', () => {
    const old = { metadata: { name: 'team' }, status: { phase: 'Active' } };
    assert.deepEqual(lines(validateStatusUpdate('Namespace', { metadata: { name: 'team' }, status: { phase: 'Terminating' } }, old)), ["status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty"]);
    assert.deepEqual(lines(validateStatusUpdate('Namespace', { metadata: { name: 'team', deletionTimestamp: 't' }, status: { phase: 'Terminating' } }, { ...old, metadata: { name: 'team', deletionTimestamp: 't' } })), []);
    assert.throws(() => validateCreate('Widget', { metadata: {} }), /no validation rules for kind Widget/);
});
//# sourceMappingURL=api-kinds-validation.test.js.map