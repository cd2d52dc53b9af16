import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeReferenceString, isImageError } from '../src/runtime/images/index.js';
const D = 'sha256:' + 'a'.repeat(64);
test('references normalise as Docker and the kubelet do', () => {
    const cases = [
        ['nginx', 'docker.io/library/nginx:latest'],
        ['nginx:1.25', 'docker.io/library/nginx:1.25'],
        ['foo/bar', 'docker.io/foo/bar:latest'],
        ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest'],
        ['docker.io/busybox:1', 'docker.io/library/busybox:1'],
        ['localhost:5000/x:1', 'localhost:5000/x:1'],
        ['localhost/x', 'localhost/x:latest'],
        ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000/a/b/c:latest'],
        ['quay.io/coreos/etcd:v3.5', 'quay.io/coreos/etcd:v3.5'],
        [`busybox@${D}`, `docker.io/library/busybox@${D}`],
        [`ghcr.io/x/y:1@${D}`, `ghcr.io/x/y:1@${D}`],
        ['my-registry.example.com:443/team/app_name:tag-1.0', 'my-registry.example.com:443/team/app_name:tag-1.0'],
    ];
    for (const [input, want] of cases)
        assert.equal(normalizeReferenceString(input), want, input);
});
test('invalid references are InvalidImageName errors', () => {
    for (const bad of ['', 'Nginx', 'nginx:', 'nginx:bad tag', 'a//b', '-x/y', `x@sha256:abc`, 'foo:bar:baz', 'a'.repeat(64), ' nginx', 'UPPER.io/x/Y']) {
        assert.throws(() => normalizeReferenceString(bad), (e) => isImageError(e, 'InvalidImageName'), JSON.stringify(bad));
    }
});
//# sourceMappingURL=images-reference.test.js.map