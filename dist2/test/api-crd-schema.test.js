// CRD schemas and CEL rules as pure functions: upstream's texts for every kind of schema failure,
// pruning, defaulting, the structural rules a CRD must follow, and the CEL environment with the
// Kubernetes libraries (lists, regex, quantity, strings), transition rules and compile errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateValue } from '../src/api/crd/validate-value.js';
import { pruneUnknown } from '../src/api/crd/prune.js';
import { applySchemaDefaults } from '../src/api/crd/defaults.js';
import { validateStructural } from '../src/api/crd/structural.js';
import { compileRules, validateRules } from '../src/api/crd/rules.js';
import { FieldPath } from '../src/api/validation/field.js';
import { compile, CompileError } from '../src/api/cel/compile.js';
const messages = (causes) => causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
const SPEC = {
    type: 'object',
    properties: {
        spec: {
            type: 'object',
            required: ['name'],
            properties: {
                name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
                replicas: { type: 'integer', format: 'int32', minimum: 1, maximum: 10 },
                ratio: { type: 'number', exclusiveMaximum: true, maximum: 1, multipleOf: 0.25 },
                when: { type: 'string', format: 'date-time' },
                port: { 'x-kubernetes-int-or-string': true },
                tags: { type: 'array', maxItems: 2, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
                ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
                mode: { type: 'string', enum: ['A', 'B'], nullable: true },
                labels: { type: 'object', additionalProperties: { type: 'string' } },
                free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                inner: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
            },
        },
    },
};
test('schema failures read as the apiextensions-apiserver words them', () => {
    const obj = {
        apiVersion: 'x.io/v1', kind: 'W', metadata: { name: 'w' },
        spec: { name: 'ABCDEFG', replicas: 11, ratio: 1, when: 'yesterday', port: 1.5, tags: ['a', 'b', 'a'], ports: [{ name: 'x' }, { name: 'x' }], mode: null, labels: { a: 1 }, inner: { kind: 'Pod' } },
    };
    assert.deepEqual(messages(validateValue(obj, SPEC)), [
        'spec.name: Too long: must have at most 5 bytes',
        "spec.name: Invalid value: \"ABCDEFG\": spec.name in body should match '^[a-z]+$'",
        'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
        'spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1',
        'spec.when: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
        'spec.port: Invalid value: "number": spec.port in body must be of type integer,string: "number"',
        'spec.tags: Too many: 3: must have at most 2 items',
        'spec.tags[2]: Duplicate value: "a"',
        'spec.ports[1]: Duplicate value: map[string]interface {}{"name":"x"}',
        'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
        'spec.inner.apiVersion: Required value: must not be empty',
    ]);
    assert.deepEqual(messages(validateValue({ metadata: {}, spec: { replicas: 'two' } }, SPEC)), [
        'spec.name: Required value',
        'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]);
    assert.deepEqual(validateValue({ metadata: {}, spec: { name: 'ab', port: 'http', mode: 'A', ratio: 0.5, when: '2024-01-02T03:04:05Z' } }, SPEC), []);
});
test('pruning drops what the schema does not know, except where it preserves unknown fields', () => {
    const obj = { apiVersion: 'x.io/v1', kind: 'W', metadata: { name: 'w' }, extra: 1, spec: { name: 'ab', bogus: true, labels: { k: 'v' }, free: { any: { thing: 1 } }, inner: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} }, ports: [{ name: 'a', junk: 1 }] } };
    assert.deepEqual(pruneUnknown(obj, SPEC), ['extra', 'spec.bogus', 'spec.ports[0].junk']);
    assert.deepEqual(obj.spec, { name: 'ab', labels: { k: 'v' }, free: { any: { thing: 1 } }, inner: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} }, ports: [{ name: 'a' }] });
});
test('defaults fill absent fields at every depth; a null the schema does not allow counts as absent', () => {
    const schema = { type: 'object', properties: { spec: { type: 'object', default: {}, properties: { size: { type: 'integer', default: 3 }, items: { type: 'array', items: { type: 'object', properties: { on: { type: 'boolean', default: true } } } }, keep: { type: 'string', nullable: true, default: 'x' }, drop: { type: 'string' } } } } };
    const obj = { items: [] };
    applySchemaDefaults(obj, schema);
    assert.deepEqual(obj, { items: [], spec: { size: 3, keep: 'x' } });
    const other = { spec: { size: null, items: [{}, { on: false }], keep: null, drop: null } };
    applySchemaDefaults(other, schema);
    assert.deepEqual(other, { spec: { size: 3, items: [{ on: true }, { on: false }], keep: null } });
});
test('a schema that is not structural is refused, naming each node', () => {
    const schema = {
        type: 'object',
        properties: {
            metadata: { type: 'object', properties: { labels: { type: 'object' } } },
            spec: { properties: { a: { type: 'string', 'x-kubernetes-int-or-string': true } }, additionalProperties: { type: 'string' } },
            list: { type: 'array' },
            ports: { type: 'array', 'x-kubernetes-list-type': 'map', items: { type: 'object', properties: { port: { type: 'integer' } } } },
            n: { type: 'integer', default: 'one' },
        },
    };
    assert.deepEqual(messages(validateStructural(schema, FieldPath.root('spec').child('versions').index(0).child('schema').child('openAPIV3Schema'))).map((m) => m.replace('spec.versions[0].schema.openAPIV3Schema.', '')), [
        'properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
        'properties[spec].type: Required value: must not be empty for specified object fields',
        'properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
        'properties[spec].properties[a].type: Invalid value: "string": must be empty if x-kubernetes-int-or-string is true',
        'properties[list].items: Required value: must be specified',
        'properties[ports].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
        'properties[n].default: Invalid value: "string": in body must be of type integer: "string"',
    ].map((m) => m.replace('Invalid value: "string": in body', 'Invalid value: "string": . in body')));
});
test('CEL rules: the Kubernetes libraries, transition rules, messages, reasons and field paths', () => {
    const schema = {
        type: 'object',
        properties: {
            spec: {
                type: 'object',
                'x-kubernetes-validations': [
                    { rule: "quantity(self.memory).isLessThan(quantity('1Gi')) && quantity(self.memory).add(quantity('512Mi')).compareTo(quantity('1536Mi')) <= 0", message: 'too much memory' },
                    { rule: 'self.sizes.isSorted() && self.sizes.sum() == 6 && self.sizes.max() == 3 && self.sizes.indexOf(2) == 1', messageExpression: "'sizes must be sorted and add up to 6, not ' + string(self.sizes.sum())" },
                    { rule: "self.name.find('[0-9]+') == '42' && self.name.findAll('[a-z]').size() == 3 && self.name.lowerAscii() == self.name", reason: 'FieldValueForbidden', fieldPath: '.name', message: 'bad name' },
                    { rule: 'self.sizes.size() >= oldSelf.sizes.size()', message: 'sizes may only grow' },
                ],
                properties: { memory: { type: 'string' }, name: { type: 'string' }, sizes: { type: 'array', items: { type: 'integer' } } },
            },
        },
    };
    assert.deepEqual(compileRules(schema, FieldPath.root('s')), []);
    const good = { spec: { memory: '1000Mi', name: 'abc42', sizes: [1, 2, 3] } };
    assert.deepEqual(validateRules(good, undefined, schema), []);
    assert.deepEqual(messages(validateRules({ spec: { memory: '2Gi', name: 'ABC42', sizes: [3, 2, 2] } }, undefined, schema)), [
        'spec: Invalid value: "object": too much memory',
        'spec: Invalid value: "object": sizes must be sorted and add up to 6, not 7',
        'spec.name: Forbidden: bad name',
    ]);
    assert.deepEqual(messages(validateRules({ spec: { ...good.spec, sizes: [6] } }, good, schema)).slice(-1), ['spec: Invalid value: "object": sizes may only grow']);
});
test('a CEL rule that does not compile is refused with the compiler error', () => {
    const s = { type: 'object', properties: { a: { type: 'integer' } } };
    const error = (expr) => {
        try {
            compile(expr, { self: s, oldSelf: s });
            return '';
        }
        catch (e) {
            assert.ok(e instanceof CompileError);
            return e.message;
        }
    };
    assert.equal(error('self.a > 1'), '');
    assert.equal(error('self.b > 1'), "ERROR: <input>:1:5: undefined field 'b'");
    assert.match(error('frob(self.a)'), /^ERROR: <input>:1:\d+: undeclared reference to 'frob' \(in container ''\)$/);
    assert.equal(error('self.a > other'), "ERROR: <input>:1:10: undeclared reference to 'other' (in container '')");
    assert.match(error('self.a >'), /^ERROR: <input>:1:\d+: /);
    assert.equal(error('[1, 2].all(x, x > 0) && self.a in [1, 2]'), '');
    const out = compileRules({ type: 'object', 'x-kubernetes-validations': [{ rule: 'self.nope == 1' }] }, FieldPath.root('schema'));
    assert.deepEqual(messages(out), ["schema.x-kubernetes-validations[0].rule: Invalid value: \"self.nope == 1\": compilation failed: ERROR: <input>:1:5: undefined field 'nope'"]);
});
//# sourceMappingURL=api-crd-schema.test.js.map