// Pod fields through the real kubectl against `berth server` with its kubelet (runc, conmon, the
// offline busybox image): envFrom, the termination message (file and FallbackToLogsOnError), the
// last log line without a newline, activeDeadlineSeconds, downwardAPI and projected volumes, and
// what admission refuses. One server for the file; the tests run concurrently.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const get = async (obj, path) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
async function create(manifest) {
    return k(['create', '-f', '-'], JSON.stringify(manifest));
}
const podOf = (name, spec, meta = {}) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { terminationGracePeriodSeconds: 1, ...spec },
});
const bb = (script, extra = {}) => ({ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ...extra });
async function phase(name, want) {
    await until(`${name} ${want}`, async () => (await get(`pod/${name}`, '{.status.phase}')) === want, 30_000);
}
before(async () => {
    server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-pod-fields-')));
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
describe('pod fields', { concurrency: true }, () => {
    it('envFrom: configMap and prefixed secret variables reach the container; env wins; a missing source is CreateContainerConfigError', async () => {
        assert.equal((await k(['create', 'configmap', 'cfg', '--from-literal=COLOR=blue', '--from-literal=SIZE=small'])).code, 0);
        assert.equal((await k(['create', 'secret', 'generic', 'sec', '--from-literal=TOKEN=s3cret'])).code, 0);
        const r = await create(podOf('env-from', { restartPolicy: 'Never', containers: [bb('env', {
                    envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'DB_', secretRef: { name: 'sec' } }],
                    env: [{ name: 'SIZE', value: 'large' }],
                })] }));
        assert.equal(r.code, 0, r.stderr);
        await create(podOf('env-missing', { containers: [bb('env', { envFrom: [{ configMapRef: { name: 'nope' } }] })] }));
        await phase('env-from', 'Succeeded');
        const lines = (await k(['logs', 'env-from'])).stdout.split('\n');
        for (const want of ['COLOR=blue', 'SIZE=large', 'DB_TOKEN=s3cret'])
            assert.ok(lines.includes(want), `${want} in\n${lines.join('\n')}`);
        const waiting = await until('env-missing waiting', async () => {
            const w = await get('pod/env-missing', '{.status.containerStatuses[0].state.waiting.reason}:{.status.containerStatuses[0].state.waiting.message}');
            return w.startsWith('CreateContainerConfigError') && w;
        }, 30_000);
        assert.equal(waiting, 'CreateContainerConfigError:configmap "nope" not found');
    });
    it('the termination message: the file at terminationMessagePath, or the log tail with FallbackToLogsOnError; logs keep a last line without newline', async () => {
        await create(podOf('msg-file', { restartPolicy: 'Never', containers: [bb('printf "all done" > /tmp/why; exit 0', { terminationMessagePath: '/tmp/why' })] }));
        await create(podOf('msg-logs', { restartPolicy: 'Never', containers: [bb('echo starting; printf "disk full"; exit 3', { terminationMessagePolicy: 'FallbackToLogsOnError' })] }));
        await create(podOf('msg-default', { restartPolicy: 'Never', containers: [bb('echo -n "to /dev/termination-log" > /dev/termination-log')] }));
        await Promise.all([phase('msg-file', 'Succeeded'), phase('msg-logs', 'Failed'), phase('msg-default', 'Succeeded')]);
        const message = (pod) => get(`pod/${pod}`, '{.status.containerStatuses[0].state.terminated.message}');
        assert.equal(await message('msg-file'), 'all done');
        assert.equal(await message('msg-logs'), 'starting\ndisk full');
        assert.equal(await message('msg-default'), 'to /dev/termination-log');
        assert.equal((await k(['logs', 'msg-logs'])).stdout, 'starting\ndisk full');
    });
    it('activeDeadlineSeconds: the Pod is killed and Failed with DeadlineExceeded, with an event', async () => {
        await create(podOf('deadline', { activeDeadlineSeconds: 2, containers: [bb('sleep 3600')] }));
        await phase('deadline', 'Failed');
        assert.equal(await get('pod/deadline', '{.status.reason}|{.status.message}'), 'DeadlineExceeded|Pod was active on the node longer than the specified deadline');
        assert.notEqual(await get('pod/deadline', '{.status.containerStatuses[0].state.terminated.exitCode}'), '');
        const events = await k(['get', 'events', '--field-selector', 'involvedObject.name=deadline,reason=DeadlineExceeded', '-o', 'jsonpath={.items[*].message}|{.items[*].eventTime}']);
        const [message, at] = events.stdout.split('|');
        assert.equal(message, 'Pod was active on the node longer than the specified deadline');
        // The deadline counts from the Pod's start on the node: the kubelet acted no sooner than 2 s after it.
        const startedMs = Date.parse(await get('pod/deadline', '{.status.startTime}'));
        assert.ok(Date.parse(at) - startedMs >= 2_000, `DeadlineExceeded at ${at}, ${Date.parse(at) - startedMs} ms after startTime`);
    });
    it('downwardAPI and projected volumes: files from the Pod, a configMap and a secret, in the ..data layout; new labels reach the file', async () => {
        await k(['create', 'configmap', 'proj-cfg', '--from-literal=greeting=hello']);
        await k(['create', 'secret', 'generic', 'proj-sec', '--from-literal=pw=hunter2']);
        const r = await create(podOf('vols', {
            containers: [bb('sleep 3600', {
                    resources: { limits: { memory: '32Mi' } },
                    volumeMounts: [{ name: 'info', mountPath: '/etc/info' }, { name: 'all', mountPath: '/etc/all' }],
                })],
            volumes: [
                { name: 'info', downwardAPI: { items: [
                            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
                            { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
                            { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
                        ] } },
                { name: 'all', projected: { defaultMode: 0o440, sources: [
                            { configMap: { name: 'proj-cfg' } },
                            { secret: { name: 'proj-sec', items: [{ key: 'pw', path: 'creds/pw' }] } },
                            { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
                        ] } },
            ],
        }, { labels: { app: 'web', tier: 'front' } }));
        assert.equal(r.code, 0, r.stderr);
        await phase('vols', 'Running');
        const cat = async (f) => (await k(['exec', 'vols', '--', 'cat', f])).stdout;
        assert.equal(await cat('/etc/info/labels'), 'app="web"\ntier="front"');
        assert.equal(await cat('/etc/info/name'), 'vols');
        assert.equal(await cat('/etc/info/mem'), '32');
        assert.deepEqual(await Promise.all(['/etc/all/greeting', '/etc/all/creds/pw', '/etc/all/ns'].map(cat)), ['hello', 'hunter2', 'default']);
        const ls = (await k(['exec', 'vols', '--', 'ls', '-a', '/etc/all'])).stdout.split(/\s+/);
        assert.ok(ls.includes('..data') && ls.some((f) => /^\.\.\d{4}_/.test(f)), ls.join(' '));
        assert.match((await k(['exec', 'vols', '--', 'stat', '-L', '-c', '%a', '/etc/all/greeting'])).stdout, /^440/);
        // Labels changed while it runs reach the file, as the kubelet rewrites it.
        assert.equal((await k(['label', 'pod', 'vols', 'tier=back', '--overwrite'])).code, 0);
        await until('new labels in the file', async () => (await cat('/etc/info/labels')) === 'app="web"\ntier="back"', 15_000);
    });
    it('a serviceAccountToken projection holds a token of the Pod\'s account for the audience and lifetime asked', async () => {
        const source = { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } };
        const made = await create(podOf('token', { containers: [{ ...bb('sleep 3600'), volumeMounts: [{ name: 't', mountPath: '/t' }] }], volumes: [{ name: 't', projected: { sources: [source] } }] }));
        assert.equal(made.code, 0, made.stderr);
        const token = await until('the token file', async () => (await k(['exec', 'token', '--', 'cat', '/t/token'])).stdout || undefined);
        const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
        assert.deepEqual([claims.aud, claims.exp - claims.iat, claims.sub], [['vault'], 600, 'system:serviceaccount:default:default']);
    });
    it('admission refuses what berth cannot honour: ephemeralContainers on create', async () => {
        const eph = await create(podOf('eph', { containers: [bb('true')], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }));
        assert.notEqual(eph.code, 0);
        assert.match(eph.stderr, /spec\.ephemeralContainers: Forbidden: cannot be set on create/);
        assert.equal((await k(['get', 'pod', 'eph', '--ignore-not-found', '-o', 'name'])).stdout, '');
    });
});
//# sourceMappingURL=pod-fields-e2e.test.js.map