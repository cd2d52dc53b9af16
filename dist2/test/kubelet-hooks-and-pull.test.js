import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { runHandler, resolvePort } from '../src/kubelet/hooks.js';
import { defaultPullPolicy, ensureImage, PROGRESS_AFTER_MS, pullProgressEvents } from '../src/kubelet/imagePull.js';
import { ContainerError } from '../src/kubelet/errors.js';
import { pod } from './kubelet-fixtures.js';
const exec = (r) => ({ execSync: async () => ({ exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), ...r }) });
const target = (c, r = {}) => ({ pod: pod(), container: c, containerId: 'id', podIP: '127.0.0.1', runtime: exec(r) });
test('exec hook: success, and failure worded like the kubelet', async () => {
    const c = { name: 'app' };
    await runHandler({ exec: { command: ['true'] } }, target(c), 5);
    await assert.rejects(runHandler({ exec: { command: ['sh', '-c', 'exit 2'] } }, target(c, { exitCode: 2, stdout: Buffer.from('oops') }), 5), {
        message: 'Exec lifecycle hook ([sh -c exit 2]) for Container "app" in Pod "web_default(uid-1)" failed - error: command \'sh -c exit 2\' exited with 2: oops, message: "oops"',
    });
});
test('httpGet hook: path, named port, headers; 500 fails', async () => {
    const seen = [];
    const server = createServer((req, res) => {
        seen.push(`${req.url} ${req.headers['x-a']}`);
        res.statusCode = req.url === '/bad' ? 500 : 200;
        res.end();
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const port = server.address().port;
    const c = { name: 'app', ports: [{ name: 'http', containerPort: port }] };
    try {
        await runHandler({ httpGet: { path: '/ok', port: 'http', httpHeaders: [{ name: 'X-A', value: 'b' }] } }, target(c), 5);
        await assert.rejects(runHandler({ httpGet: { path: '/bad', port } }, target(c), 5), /^Error: HTTP lifecycle hook \(\/bad\) for Container "app" in Pod "web_default\(uid-1\)" failed - error: HTTP lifecycle hook \(\/bad\) returned status 500$/);
        assert.deepEqual(seen, ['/ok b', '/bad undefined']);
    }
    finally {
        server.close();
    }
    assert.throws(() => resolvePort('nope', c), /couldn't find port: nope/);
});
test('sleep hook is cut short by its budget', async () => {
    const t0 = Date.now();
    await runHandler({ sleep: { seconds: 30 } }, target({ name: 'c' }), 0.1);
    assert.ok(Date.now() - t0 < 1000);
});
test('default pull policy', () => {
    assert.deepEqual(['busybox', 'busybox:latest', 'busybox:1.36', 'localhost:5000/x', 'localhost:5000/x:2', 'x@sha256:abc'].map(defaultPullPolicy), ['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent', 'IfNotPresent']);
});
const ref = (source) => ({ id: 'sha256:1', repoTags: ['docker.io/library/busybox:1.36'], repoDigests: [], size: 42, config: {}, source });
function images(present, pull) {
    return {
        imageStatus: async () => present, pullImage: pull, listImages: async () => [], removeImage: async () => { },
        prepareRootfs: async () => '', releaseRootfs: async () => { },
    };
}
test('image pull: present, Never, pulled, failure then back-off, local image under Always', async () => {
    const events = [];
    const sink = (_t, reason, message) => events.push(`${reason}: ${message}`);
    const state = { backoff: new Map() };
    const p = pod();
    const c = (image, imagePullPolicy) => ({ name: 'c', image, ...(imagePullPolicy ? { imagePullPolicy } : {}) });
    await ensureImage(p, c('busybox:1.36'), images(ref('imported'), async () => assert.fail()), sink, state);
    assert.deepEqual(events.splice(0), ['Pulled: Container image "busybox:1.36" already present on machine']);
    await assert.rejects(ensureImage(p, c('busybox:1.36', 'Never'), images(null, async () => assert.fail()), sink, state), (e) => e instanceof ContainerError && e.reason === 'ErrImageNeverPull');
    assert.deepEqual(events.splice(0), ['ErrImageNeverPull: Container image "busybox:1.36" is not present with pull policy of Never']);
    await ensureImage(p, c('busybox:1.36'), images(null, async () => ref('pulled from x')), sink, state);
    assert.equal(events[0], 'Pulling: Pulling image "busybox:1.36"');
    assert.match(events[1], /^Pulled: Successfully pulled image "busybox:1.36" in [\d.]+s \([\d.]+s including waiting\)\. Image size: 42 bytes\.$/);
    events.length = 0;
    const failing = images(null, async () => { throw new Error('connection refused'); });
    await assert.rejects(ensureImage(p, c('nginx:1'), failing, sink, state, 1000), (e) => e instanceof ContainerError && e.reason === 'ErrImagePull' && e.message === 'failed to pull and unpack image "nginx:1": connection refused');
    assert.deepEqual(events.splice(0), ['Pulling: Pulling image "nginx:1"', 'Failed: Failed to pull image "nginx:1": connection refused', 'Failed: Error: ErrImagePull']);
    await assert.rejects(ensureImage(p, c('nginx:1'), failing, sink, state, 5000), (e) => e instanceof ContainerError && e.reason === 'ImagePullBackOff' && e.message === 'Back-off pulling image "nginx:1"');
    await assert.rejects(ensureImage(p, c('nginx:1'), failing, sink, state, 12_000), (e) => e instanceof ContainerError && e.reason === 'ErrImagePull');
    events.length = 0;
    const local = await ensureImage(p, c('busybox'), images(ref('built locally'), async () => { throw new Error('no registry'); }), sink, state);
    assert.equal(local.id, 'sha256:1');
    assert.deepEqual(events.splice(0), ['Pulling: Pulling image "busybox"', 'Pulled: Container image "busybox" could not be pulled (no registry); using the image present on machine, built locally']);
});
test('a long pull reports each fifth of its bytes as a PullProgress Event; a quick one none', () => {
    const events = [];
    const sink = (_t, reason, message) => events.push(`${reason}: ${message}`);
    // Two layers of 24 MB (and a small config) pulled three at a time: their bytes add up.
    const total = 48_000_000 + 2_000;
    const feed = (report) => {
        report({ layer: 'config', current: 2_000, total: 2_000, done: true, imageTotal: total });
        for (let mb = 1; mb <= 24; mb++) {
            report({ layer: 'a', current: mb * 1e6, total: 24e6, imageTotal: total });
            report({ layer: 'b', current: mb * 1e6, total: 24e6, imageTotal: total });
        }
    };
    feed(pullProgressEvents('nginx', sink, Date.now() - PROGRESS_AFTER_MS));
    assert.deepEqual(events.splice(0), [
        'PullProgress: Pulling image "nginx": 10 MB of 48 MB',
        'PullProgress: Pulling image "nginx": 20 MB of 48 MB',
        'PullProgress: Pulling image "nginx": 29 MB of 48 MB',
        'PullProgress: Pulling image "nginx": 39 MB of 48 MB',
    ]);
    feed(pullProgressEvents('nginx', sink, Date.now()));
    assert.deepEqual(events, []);
});
//# sourceMappingURL=kubelet-hooks-and-pull.test.js.map