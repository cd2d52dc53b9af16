// `kubectl patch --subresource resize` against the API alone (no kubelet): what the pods/resize
// subresource takes, what it refuses with upstream's words, and that the main resource still
// refuses resource changes. pod-resize-e2e.test.ts has the kubelet applying a resize.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { burstable, limits, resizePatch } from './support/resize.js';
import { withServer } from './support/suite.js';
const srv = withServer();
const k = (args, input) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });
const get = async (obj, path) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
const resize = (pod, patch, type) => resizePatch(k, pod, patch, type);
describe('pods/resize', () => {
    it('takes cpu and memory of containers, bumps the generation, and is served in discovery', async () => {
        assert.equal((await k(['create', '-f', '-'], JSON.stringify(burstable('rs-api')))).code, 0);
        const r = await resize('rs-api', limits('c', { cpu: '500m', memory: '128Mi' }, { cpu: '200m' }));
        assert.equal(r.code, 0, r.stderr);
        assert.equal(await get('pod/rs-api', '{.spec.containers[0].resources.limits.cpu} {.spec.containers[0].resources.limits.memory} {.spec.containers[0].resources.requests.cpu} {.metadata.generation}'), '500m 128Mi 200m 2');
        const raw = JSON.parse((await k(['get', '--raw', '/api/v1'])).stdout);
        assert.deepEqual(raw.resources.find((x) => x.name === 'pods/resize')?.verbs, ['get', 'patch', 'update']);
    });
    it('what it may not do is refused, and the main resource still refuses resource changes', async () => {
        assert.equal((await k(['create', '-f', '-'], JSON.stringify(burstable('rs-bad')))).code, 0);
        const qos = await resize('rs-bad', limits('c', { cpu: '200m', memory: '64Mi' }, { cpu: '200m', memory: '64Mi' }));
        assert.match(qos.stderr, /spec: Invalid value: "Guaranteed": Pod QOS Class may not change as a result of resizing/);
        const removed = await resize('rs-bad', [{ op: 'remove', path: '/spec/containers/0/resources/limits/memory' }], 'json');
        assert.match(removed.stderr, /spec\.containers\[0\]\.resources\.limits\[memory\]: Forbidden: resource limits cannot be removed/);
        const over = await resize('rs-bad', limits('c', { cpu: '200m' }, { cpu: '300m' }));
        assert.match(over.stderr, /spec\.containers\[0\]\.resources\.requests: Invalid value: "300m": must be less than or equal to cpu limit of 200m/);
        const other = await resize('rs-bad', limits('c', { 'example.com/gpu': '1' }, { 'example.com/gpu': '1' }));
        assert.match(other.stderr, /spec: Forbidden: only cpu and memory resources are mutable/);
        // Anything but resources through /resize is dropped, not applied.
        assert.equal((await resize('rs-bad', { metadata: { labels: { x: 'y' } }, spec: { activeDeadlineSeconds: 5 } })).code, 0);
        assert.equal(await get('pod/rs-bad', '{.metadata.labels.x}{.spec.activeDeadlineSeconds}'), '');
        const main = await k(['patch', 'pod', 'rs-bad', '-p', JSON.stringify(limits('c', { cpu: '500m' }))]);
        assert.match(main.stderr, /Forbidden: pod updates may not change fields other than/);
        assert.equal(await get('pod/rs-bad', '{.spec.containers[0].resources.limits.cpu}'), '200m');
    });
});
//# sourceMappingURL=kubectl-resize.test.js.map