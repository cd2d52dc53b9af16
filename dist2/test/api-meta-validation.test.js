import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalid } from '../src/api/errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../src/api/validation/meta.js';
import { isDNS1123Label, isEnvVarName, isPortName, nameIsDNSSubdomain } from '../src/api/validation/names.js';
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const KEY_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const messages = (meta, namespaced = true) => validateObjectMeta(meta, { namespaced, nameRule: nameIsDNSSubdomain }).map((c) => `${c.field}: ${c.message}`);
test('object metadata is checked with the API server\'s messages', () => {
    const cases = [
        [{ name: 'web', namespace: 'default' }, true, []],
        [{ generateName: 'web-', namespace: 'default' }, true, []],
        [{ namespace: 'default' }, true, ['metadata.name: Required value: name or generateName is required']],
        [{ name: 'Web', namespace: 'default' }, true, [`metadata.name: Invalid value: "Web": ${SUBDOMAIN}`]],
        [{ name: 'web' }, true, ['metadata.namespace: Required value']],
        [{ name: 'web', namespace: 'a.b' }, true, ['metadata.namespace: Invalid value: "a.b": must not contain dots']],
        [{ name: 'web', namespace: 'x' }, false, ['metadata.namespace: Forbidden: not allowed on this type']],
        [{ name: 'web', namespace: 'default', labels: { 'a/b/c': 'x' } }, true, [
                "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            ]],
        [{ name: 'web', namespace: 'default', labels: { '-x': 'ok' } }, true, [`metadata.labels: Invalid value: "-x": ${KEY_NAME}`]],
        [{ name: 'web', namespace: 'default', labels: { '/x': 'ok' } }, true, ['metadata.labels: Invalid value: "/x": prefix part must be non-empty']],
        [{ name: 'web', namespace: 'default', labels: { app: 'x'.repeat(64) } }, true, [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`]],
        [{ name: 'web', namespace: 'default', annotations: { Big: 'x'.repeat(256 * 1024) } }, true, ['metadata.annotations: Too long: must have at most 262144 bytes']],
        [{ name: 'web', namespace: 'default', finalizers: ['custom'] }, true, ['metadata.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']],
        [{ name: 'web', namespace: 'default', finalizers: ['example.com/f', 'kubernetes'] }, true, []],
    ];
    for (const [meta, namespaced, want] of cases)
        assert.deepEqual(messages(meta, namespaced), want, JSON.stringify(meta).slice(0, 80));
});
test('metadata updates may not change identity fields', () => {
    const old = { name: 'a', namespace: 'ns', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' };
    const cases = [
        [{ ...old, labels: { x: 'y' } }, []],
        [{ ...old, name: 'b' }, ['metadata.name: Invalid value: "b": field is immutable']],
        [{ ...old, namespace: 'other' }, ['metadata.namespace: Invalid value: "other": field is immutable']],
        [{ ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
        [{ ...old, deletionTimestamp: '2024-01-02T00:00:00Z' }, ['metadata.deletionTimestamp: Invalid value: "2024-01-02T00:00:00Z": field is immutable; may only be changed via deletion']],
    ];
    for (const [meta, want] of cases)
        assert.deepEqual(validateObjectMetaUpdate(meta, old).map((c) => `${c.field}: ${c.message}`), want);
});
test('name formats report each broken rule', () => {
    assert.deepEqual(isDNS1123Label('My_Name'), [LABEL]);
    assert.deepEqual(isDNS1123Label('x'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(isPortName('http'), []);
    assert.deepEqual(isPortName('1-2'), ['must contain at least one letter (a-z)']);
    assert.deepEqual(isPortName('-a--b-'), ['must not contain consecutive hyphens', 'must not begin or end with a hyphen']);
    assert.deepEqual(isPortName('a-very-long-port-name'), ['must be no more than 15 characters']);
    assert.deepEqual(isEnvVarName('MY.VAR-1'), []);
    assert.deepEqual(isEnvVarName('A=B'), ["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
});
test('causes join into the 422 message kubectl prints', () => {
    const causes = validateObjectMeta({ name: 'Web' }, { namespaced: true, nameRule: nameIsDNSSubdomain });
    assert.equal(invalid('Pod', 'Web', causes).message, `Pod "Web" is invalid: [metadata.name: Invalid value: "Web": ${SUBDOMAIN}, metadata.namespace: Required value]`);
    assert.deepEqual(causes.map((c) => c.reason), ['FieldValueInvalid', 'FieldValueRequired']);
});
//# sourceMappingURL=api-meta-validation.test.js.map