// The Pod's confinement fields through the real kubectl against `berth server` with its kubelet (runc,
// the offline busybox image): seccompProfile (RuntimeDefault, Unconfined, Localhost, a missing file),
// appArmorProfile on a host without AppArmor, hostUsers: false on a runtime without user namespaces,
// and recursiveReadOnly over a hostPath with a mount below it. One server; the tests run concurrently.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hostAppArmorEnabled } from '../src/kubelet/securityProfiles.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';
let server;
let dataDir;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const get = async (obj, path) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
const create = (manifest) => k(['create', '-f', '-'], JSON.stringify(manifest));
const podOf = (name, spec) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { terminationGracePeriodSeconds: 1, restartPolicy: 'Never', ...spec },
});
const bb = (script, extra = {}) => ({ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ...extra });
async function logsWhenDone(name) {
    await until(`${name} done`, async () => ['Succeeded', 'Failed'].includes(await get(`pod/${name}`, '{.status.phase}')), 90_000);
    return (await k(['logs', name])).stdout;
}
async function waitingOf(name) {
    return until(`${name} waiting`, async () => {
        const w = await get(`pod/${name}`, '{.status.containerStatuses[0].state.waiting.reason}|{.status.containerStatuses[0].state.waiting.message}');
        return w.startsWith('Create') && w;
    }, 30_000);
}
before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'berth-pod-security-'));
    server = await startNodeServer(dataDir);
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
describe('pod security fields', { concurrency: true }, () => {
    // unshare(2) is what RuntimeDefault denies a container without CAP_SYS_ADMIN, and a new user namespace needs no capability.
    const tryUnshare = 'unshare -U true 2>&1; echo rc=$?';
    it('seccompProfile RuntimeDefault (pod level) denies unshare(2); the container\'s Unconfined overrides it; unset means unconfined', async () => {
        const pod = { seccompProfile: { type: 'RuntimeDefault' } };
        assert.equal((await create(podOf('sc-default', { securityContext: pod, containers: [bb(tryUnshare)] }))).code, 0);
        assert.equal((await create(podOf('sc-unconfined', { securityContext: pod, containers: [bb(tryUnshare, { securityContext: { seccompProfile: { type: 'Unconfined' } } })] }))).code, 0);
        assert.equal((await create(podOf('sc-unset', { containers: [bb(tryUnshare)] }))).code, 0);
        const [denied, allowed, unset] = await Promise.all([logsWhenDone('sc-default'), logsWhenDone('sc-unconfined'), logsWhenDone('sc-unset')]);
        assert.match(denied, /Operation not permitted\nrc=1/);
        assert.equal(allowed.trim(), 'rc=0');
        assert.equal(unset.trim(), 'rc=0');
        // What the shell needs still works under the default filter.
        assert.equal((await create(podOf('sc-default-works', { containers: [bb('echo hi > /tmp/f && cat /tmp/f && wc -c < /tmp/f', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })] }))).code, 0);
        assert.equal((await logsWhenDone('sc-default-works')).trim(), 'hi\n3');
    });
    it('seccompProfile Localhost: a profile under <data-dir>/kubelet/seccomp is applied; a missing one is CreateContainerError with containerd\'s words', async () => {
        const root = join(dataDir, 'kubelet', 'seccomp', 'profiles');
        await mkdir(root, { recursive: true });
        await writeFile(join(root, 'no-mkdir.json'), JSON.stringify({
            defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
        }));
        const local = (p) => ({ seccompProfile: { type: 'Localhost', localhostProfile: p } });
        assert.equal((await create(podOf('sc-local', { containers: [bb('mkdir /tmp/d 2>&1; echo rc=$?', { securityContext: local('profiles/no-mkdir.json') })] }))).code, 0);
        assert.equal((await create(podOf('sc-missing', { securityContext: local('profiles/absent.json'), containers: [bb('true')] }))).code, 0);
        assert.match(await logsWhenDone('sc-local'), /Operation not permitted\nrc=1/);
        const path = join(dataDir, 'kubelet', 'seccomp', 'profiles', 'absent.json');
        assert.equal(await waitingOf('sc-missing'), `CreateContainerError|failed to generate seccomp spec opts: cannot load seccomp profile "${path}": open ${path}: no such file or directory`);
    });
    it('appArmorProfile: refused by the kubelet (reason AppArmor) on a host without AppArmor; Unconfined runs', { skip: hostAppArmorEnabled() && 'this host has AppArmor' }, async () => {
        const aa = (type) => ({ appArmorProfile: { type } });
        assert.equal((await create(podOf('aa-default', { securityContext: aa('RuntimeDefault'), containers: [bb('echo ran')] }))).code, 0);
        assert.equal((await create(podOf('aa-unconfined', { containers: [bb('echo ran', { securityContext: aa('Unconfined') })] }))).code, 0);
        await until('aa-default Failed', async () => (await get('pod/aa-default', '{.status.phase}')) === 'Failed', 30_000);
        assert.equal(await get('pod/aa-default', '{.status.reason}|{.status.message}'), 'AppArmor|Cannot enforce AppArmor: AppArmor is not enabled on the host');
        const events = await k(['get', 'events', '--field-selector', 'involvedObject.name=aa-default,reason=AppArmor', '-o', 'jsonpath={.items[*].message}']);
        assert.equal(events.stdout, 'Cannot enforce AppArmor: AppArmor is not enabled on the host');
        assert.equal(await get('pod/aa-default', '{.status.containerStatuses[0].state.running}'), '');
        assert.equal((await logsWhenDone('aa-unconfined')).trim(), 'ran');
    });
    it('hostUsers: false is refused at sandbox creation (the runtime makes no user namespaces), with upstream\'s words', async () => {
        assert.equal((await create(podOf('userns', { hostUsers: false, containers: [bb('cat /proc/self/uid_map')] }))).code, 0);
        const message = await until('FailedCreatePodSandBox', async () => (await k(['get', 'events', '--field-selector', 'involvedObject.name=userns,reason=FailedCreatePodSandBox', '-o', 'jsonpath={.items[0].message}'])).stdout, 30_000);
        assert.equal(message, 'Failed to create pod sandbox: RuntimeClass handler "" does not support user namespaces');
        assert.equal(await get('pod/userns', '{.status.phase}'), 'Pending');
        // The node says so up front, as a kubelet does for its runtime handlers.
        const features = await get('nodes', '{.items[0].status.runtimeHandlers[0].name}|{.items[0].status.runtimeHandlers[0].features}');
        assert.equal(features, '|{"recursiveReadOnlyMounts":true,"userNamespaces":false}');
    });
    it('recursiveReadOnly: Enabled makes a mount below a hostPath read-only too; a plain readOnly mount leaves it writable', async () => {
        const host = await mkdtemp(join(tmpdir(), 'berth-rro-'));
        await mkdir(join(host, 'sub'));
        execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', join(host, 'sub')]);
        try {
            const touch = 'touch /rro/sub/a 2>&1; echo rro=$?; touch /ro/sub/b 2>&1; echo ro=$?; touch /ro/top 2>&1; echo top=$?';
            assert.equal((await create(podOf('rro', {
                volumes: [{ name: 'h', hostPath: { path: host } }],
                containers: [bb(touch, { volumeMounts: [
                            { name: 'h', mountPath: '/rro', readOnly: true, recursiveReadOnly: 'Enabled' },
                            { name: 'h', mountPath: '/ro', readOnly: true },
                        ] })],
            }))).code, 0);
            const out = await logsWhenDone('rro');
            assert.match(out, /rro=1/);
            assert.match(out, /Read-only file system/);
            assert.match(out, /ro=0/);
            assert.match(out, /top=1/);
        }
        finally {
            await k(['delete', 'pod', 'rro', '--grace-period=1']);
            execFileSync('umount', [join(host, 'sub')]);
        }
    });
    it('admission: bad profiles, recursiveReadOnly without readOnly, and hostUsers: false with host namespaces are refused with upstream\'s words', async () => {
        const bad = await create(podOf('bad', {
            hostUsers: false, hostNetwork: true,
            securityContext: { seccompProfile: { type: 'Localhost' }, appArmorProfile: { type: 'Unconfined', localhostProfile: 'x' } },
            volumes: [{ name: 'v', emptyDir: {} }],
            containers: [bb('true', {
                    securityContext: { seccompProfile: { type: 'Strict' }, appArmorProfile: { type: 'Localhost', localhostProfile: ' p ' } },
                    volumeMounts: [{ name: 'v', mountPath: '/v', recursiveReadOnly: 'Enabled' }],
                })],
        }));
        assert.notEqual(bad.code, 0);
        for (const want of [
            'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
            'spec.securityContext.appArmorProfile.localhostProfile: Invalid value: "x": can only be set when AppArmor type is Localhost',
            'spec.containers[0].securityContext.seccompProfile.type: Unsupported value: "Strict": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
            'spec.containers[0].securityContext.appArmorProfile.localhostProfile: Invalid value: " p ": must not be padded with whitespace',
            'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true',
            'spec.hostNetwork: Forbidden: when `hostUsers` is false',
        ])
            assert.ok(bad.stderr.includes(want), `${want}\nin\n${bad.stderr}`);
    });
});
//# sourceMappingURL=pod-security-e2e.test.js.map