import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonMergePatch } from '../src/api/patch/merge-patch.js';
import { jsonPatch } from '../src/api/patch/json-patch.js';
import { strategicMergePatch } from '../src/api/patch/strategic-merge-patch.js';
import { isApiError } from '../src/api/errors.js';
const pod = () => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'] },
    spec: {
        containers: [
            { name: 'app', image: 'nginx:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
            { name: 'side', image: 'busybox', args: ['x', 'y'] },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
        tolerations: [{ key: 'k', operator: 'Exists' }],
    },
});
test('json merge patch follows RFC 7386', () => {
    assert.deepEqual(jsonMergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } }), { a: 'z', c: { d: 'e' } });
    assert.deepEqual(jsonMergePatch({ a: [1, 2] }, { a: [3] }), { a: [3] });
    assert.deepEqual(jsonMergePatch({ a: 1 }, ['x']), ['x']);
});
test('json patch applies add/remove/replace/move/copy/test', () => {
    const out = jsonPatch({ a: { b: [1, 2] }, c: 'x' }, [
        { op: 'add', path: '/a/b/-', value: 3 },
        { op: 'replace', path: '/c', value: 'y' },
        { op: 'copy', from: '/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e' },
        { op: 'remove', path: '/a/b/0' },
        { op: 'test', path: '/e', value: 'y' },
    ]);
    assert.deepEqual(out, { a: { b: [2, 3] }, c: 'y', e: 'y' });
});
test('json patch errors carry the library wording', () => {
    assert.throws(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), (e) => isApiError(e, 'Invalid') && e.message === 'testing value /a failed: test failed');
    assert.throws(() => jsonPatch({}, [{ op: 'remove', path: '/x' }]), (e) => isApiError(e, 'Invalid') && /Unable to remove nonexistent key: x/.test(e.message));
    assert.throws(() => jsonPatch({}, [{ op: 'replace', path: '/x', value: 1 }]), (e) => isApiError(e, 'Invalid') && /replace operation does not apply/.test(e.message));
    assert.throws(() => jsonPatch({}, [{ op: 'frob', path: '/x' }]), (e) => isApiError(e, 'BadRequest') && e.message === 'Unexpected kind: frob');
    assert.throws(() => jsonPatch({}, { op: 'add' }), (e) => isApiError(e, 'BadRequest'));
});
test('SMP: kubectl apply 3-way patch changing an image keeps the order from $setElementOrder', () => {
    const patch = {
        spec: {
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }],
            containers: [{ name: 'app', image: 'nginx:2' }],
        },
    };
    const out = strategicMergePatch(pod(), patch, 'Pod');
    assert.equal(out.spec.containers[0].image, 'nginx:2');
    assert.deepEqual(out.spec.containers[0].env, pod().spec.containers[0].env);
    assert.deepEqual(out.spec.containers.map((c) => c.name), ['app', 'side']);
});
test('SMP: adding a container and an env var and reordering', () => {
    const out = strategicMergePatch(pod(), {
        spec: {
            '$setElementOrder/containers': [{ name: 'side' }, { name: 'new' }, { name: 'app' }],
            containers: [
                { name: 'new', image: 'redis' },
                { name: 'app', '$setElementOrder/env': [{ name: 'C' }, { name: 'A' }, { name: 'B' }], env: [{ name: 'C', value: '3' }] },
            ],
        },
    }, 'Pod');
    assert.deepEqual(out.spec.containers.map((c) => c.name), ['side', 'new', 'app']);
    assert.deepEqual(out.spec.containers[2].env.map((e) => e.name), ['C', 'A', 'B']);
});
test('SMP: $patch delete removes a list element by merge key; null deletes a field', () => {
    const out = strategicMergePatch(pod(), {
        metadata: { labels: { tier: null } },
        spec: { containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }, { name: 'side', $patch: 'delete' }] },
    }, 'Pod');
    assert.deepEqual(out.metadata.labels, { app: 'web' });
    assert.deepEqual(out.spec.containers.map((c) => c.name), ['app']);
    assert.deepEqual(out.spec.containers[0].env, [{ name: 'B', value: '2' }]);
});
test('SMP: lists without a merge key are replaced; merge-key-less merged lists are sets', () => {
    const out = strategicMergePatch(pod(), {
        metadata: { finalizers: ['c', 'a'] },
        spec: { tolerations: [{ key: 'z', operator: 'Exists' }], containers: [{ name: 'side', args: ['only'] }] },
    }, 'Pod');
    assert.deepEqual(out.spec.tolerations, [{ key: 'z', operator: 'Exists' }]);
    assert.deepEqual(out.spec.containers[1].args, ['only']);
    assert.deepEqual(out.metadata.finalizers, ['a', 'b', 'c']);
});
test('SMP: $deleteFromPrimitiveList, $patch replace on a map and on a list, $retainKeys', () => {
    const out = strategicMergePatch(pod(), {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], labels: { $patch: 'replace', only: 'me' } },
        spec: {
            containers: [{ $patch: 'replace' }, { name: 'solo', image: 'x' }],
            volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/d' } }],
        },
    }, 'Pod');
    assert.deepEqual(out.metadata.finalizers, ['b']);
    assert.deepEqual(out.metadata.labels, { only: 'me' });
    assert.deepEqual(out.spec.containers, [{ name: 'solo', image: 'x' }]);
    assert.deepEqual(out.spec.volumes, [{ name: 'data', hostPath: { path: '/d' } }]);
});
test('SMP: ports merge by containerPort, volumeMounts by mountPath, hostAliases by ip', () => {
    const base = pod();
    base.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/d' }];
    const out = strategicMergePatch(base, {
        spec: {
            hostAliases: [{ ip: '1.2.3.4', hostnames: ['a'] }],
            containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }], volumeMounts: [{ mountPath: '/d', readOnly: true }] }],
        },
    }, 'Pod');
    assert.deepEqual(out.spec.containers[0].ports, [{ containerPort: 80, name: 'http' }, { containerPort: 443 }]);
    assert.deepEqual(out.spec.containers[0].volumeMounts, [{ name: 'data', mountPath: '/d', readOnly: true }]);
    assert.deepEqual(out.spec.hostAliases, [{ ip: '1.2.3.4', hostnames: ['a'] }]);
});
test('SMP: bad directives are 400s', () => {
    assert.throws(() => strategicMergePatch(pod(), { spec: { $patch: 'frob' } }, 'Pod'), (e) => isApiError(e, 'BadRequest'));
    assert.throws(() => strategicMergePatch(pod(), { spec: { containers: [{ image: 'x' }] } }, 'Pod'), (e) => isApiError(e, 'BadRequest') && /merge key: name/.test(e.message));
});
//# sourceMappingURL=kubectl-patch.test.js.map