// subPath against a Pod that tries to reach the host through its own volume, through the real kubectl
// against `berth server` with its kubelet (real runc, conmon, the offline busybox image): an init
// container leaves a symlink in an emptyDir pointing at a host directory (absolute, or relative with
// enough `..`), and the app container mounts it by subPath. The app never starts, kubectl shows what
// the kubelet shows (CreateContainerConfigError and a Failed event), and the host directory is untouched.
// A subPath through a link that stays inside the volume, and one the kubelet must create, still work.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
let server;
let sentinel;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const jsonpath = async (obj, path) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
async function apply(pod) {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod }));
    assert.equal(r.code, 0, r.stderr);
}
const bb = (name, script, extra = {}) => ({ name, image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ...extra });
const forever = 'trap "exit 0" TERM; sleep 3600 & wait';
/** A Pod whose init container plants `link -> target` in the emptyDir, and whose app mounts mounts by subPath. */
function planted(name, target, mounts, env = []) {
    return {
        metadata: { name },
        spec: {
            terminationGracePeriodSeconds: 1,
            initContainers: [bb('plant', `ln -s '${target}' /v/link`, { volumeMounts: [{ name: 'v', mountPath: '/v' }] })],
            containers: [bb('app', 'echo escaped > /out/pwned; mkdir /out/made; sleep 3600', { volumeMounts: mounts, env })],
            volumes: [{ name: 'v', emptyDir: {} }],
        },
    };
}
async function refused(name) {
    const message = 'failed to prepare subPath for volumeMount "v" of container "app"';
    await until(`${name}: app waiting with CreateContainerConfigError`, async () => (await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].state.waiting.reason}')) === 'CreateContainerConfigError');
    assert.equal(await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].state.waiting.message}'), message);
    const events = await until(`${name}: a Failed event`, async () => {
        const r = await k(['get', 'events', '--field-selector', `involvedObject.name=${name},reason=Failed`, '-o', 'jsonpath={.items[*].message}']);
        return r.stdout.includes(message) && r.stdout;
    });
    assert.ok(events.includes(`Error: ${message}`), events);
    assert.match((await k(['get', 'pod', name, '--no-headers'])).stdout, /\s0\/1\s+CreateContainerConfigError\s/);
    assert.equal(await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].restartCount}'), '0');
    assert.equal(await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].state.running}'), '');
}
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-subpath-'));
    sentinel = await mkdtemp(join(tmpdir(), 'berth-sentinel-'));
    await writeFile(join(sentinel, 'keep'), 'host data');
    server = await startNodeServer(dataDir);
    await untilNodeReady(server);
});
after(async () => {
    await disposeNodeServer(server);
    await rm(sentinel, { recursive: true, force: true });
});
describe('subPath cannot leave its volume', { concurrency: true }, () => {
    it('a symlink to a host directory: the app does not start, nothing is written or created there', async () => {
        // Both the link itself and a directory below it, which the kubelet would otherwise create on the host.
        await apply(planted('abs-link', sentinel, [{ name: 'v', mountPath: '/out', subPath: 'link' }, { name: 'v', mountPath: '/more', subPath: 'link/created' }]));
        await refused('abs-link');
    });
    it('a relative ../../.. link, reached through subPathExpr: refused the same way', async () => {
        const up = `${'../'.repeat(12)}${sentinel.slice(1)}`;
        await apply(planted('rel-link', up, [{ name: 'v', mountPath: '/out', subPathExpr: '$(WHICH)' }], [{ name: 'WHICH', value: 'link' }]));
        await refused('rel-link');
    });
    it('a link that stays inside the volume, and a subPath the kubelet creates, work', async () => {
        await apply({
            metadata: { name: 'inside' },
            spec: {
                terminationGracePeriodSeconds: 1,
                initContainers: [bb('plant', 'mkdir /v/data && echo from-init > /v/data/f && ln -s data /v/link', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })],
                containers: [bb('app', `cat /d/f; echo from-app > /e/g; ${forever}`, {
                        volumeMounts: [{ name: 'v', mountPath: '/d', subPath: 'link' }, { name: 'v', mountPath: '/e', subPath: 'fresh/dir' }, { name: 'v', mountPath: '/all' }],
                    })],
                volumes: [{ name: 'v', emptyDir: {} }],
            },
        });
        await until('inside Running', async () => (await jsonpath('pod/inside', '{.status.phase}')) === 'Running');
        assert.equal((await until('logs', async () => (await k(['logs', 'inside', '-c', 'app'])).stdout)).trim(), 'from-init');
        const r = await k(['exec', 'inside', '-c', 'app', '--', 'cat', '/all/fresh/dir/g']);
        assert.equal(r.stdout.trim(), 'from-app', r.stderr);
    });
});
describe('afterwards', () => {
    it('the host directory holds only what it held before', async () => {
        assert.deepEqual(await readdir(sentinel), ['keep']);
    });
});
//# sourceMappingURL=pod-subpath.test.js.map