// kubectl debug against `berth server` with its kubelet (runc, conmon, the offline busybox image), with
// kubectl 1.27 and 1.33: an ephemeral container targeting one container sees that container's processes
// and no other's, reports Running and Terminated in ephemeralContainerStatuses, is never restarted, and
// can be attached to (once attach is served); `--copy-to` makes a running copy of the Pod.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
const KUBECTLS = [KUBECTL, '/usr/lib/google-cloud-sdk/bin/kubectl.1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].filter((b, i, all) => existsSync(b) && all.indexOf(b) === i);
let server;
let api;
const k = (args, opts = {}) => kubectl(server.kubeconfig, args, opts);
async function ephemeralStatus(pod, name) {
    const p = (await api.call('GET', `/api/v1/namespaces/default/pods/${pod}`)).body;
    return (p.status?.ephemeralContainerStatuses ?? []).find((s) => s.name === name);
}
/** The debug container kubectl named: "Defaulting debug container name to debugger-xxxxx." */
function debuggerName(r) {
    const m = /Defaulting debug container name to (debugger-\w+)\./.exec(r.stdout + r.stderr);
    assert.ok(m, r.stdout + r.stderr);
    return m[1];
}
before(async () => {
    server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-debug-')));
    api = await apiFor(server.kubeconfig);
    await untilNodeReady(server);
    // Two containers, each in its own pid namespace: only the target's processes may show in the debugger.
    const pod = {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'target', labels: { app: 'dbg' } },
        spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
                { name: 'app', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3601'] },
                { name: 'side', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3602'] },
            ],
        },
    };
    assert.equal((await k(['create', '-f', '-'], { input: JSON.stringify(pod) })).code, 0);
    await until('target Running', async () => (await k(['get', 'pod', 'target', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
});
after(async () => {
    api?.close();
    await disposeNodeServer(server);
});
describe('kubectl debug', () => {
    for (const bin of KUBECTLS) {
        it(`${bin.split('/').pop()}: debug --target runs once in the target's pid namespace; its status goes Terminated and stays`, async () => {
            const r = await k(['debug', 'target', '--image=busybox', '--target=app', '--', 'ps', '-o', 'pid,args'], { bin });
            assert.equal(r.code, 0, r.stderr);
            const name = debuggerName(r);
            const done = await until(`${name} terminated`, async () => (await ephemeralStatus('target', name))?.state.terminated && (await ephemeralStatus('target', name)), 60_000);
            assert.deepEqual({ exitCode: done.state.terminated.exitCode, reason: done.state.terminated.reason, ready: done.ready, restartCount: done.restartCount }, { exitCode: 0, reason: 'Completed', ready: false, restartCount: 0 });
            const logs = await k(['logs', 'target', '-c', name], { bin });
            assert.equal(logs.code, 0, logs.stderr);
            assert.match(logs.stdout, /^\s*1 sleep 3601$/m, logs.stdout);
            assert.doesNotMatch(logs.stdout, /sleep 3602/);
            // The Pod's own containers kept running, and nothing restarted the finished debugger.
            const pod = (await api.call('GET', '/api/v1/namespaces/default/pods/target')).body;
            assert.deepEqual(pod.status.containerStatuses.map((s) => [s.name, !!s.state.running, s.restartCount]), [['app', true, 0], ['side', true, 0]]);
            assert.equal(pod.status.phase, 'Running');
        });
    }
    it('a long-running debug container is Running (never Ready), shows the target\'s processes to exec, and is not restarted once it ends', async () => {
        const r = await k(['debug', 'target', '--image=busybox', '--image-pull-policy=Never', '--target=side', '--', 'sh', '-c', 'until [ -e /tmp/stop ]; do sleep 0.2; done; exit 3']);
        assert.equal(r.code, 0, r.stderr);
        const name = debuggerName(r);
        const running = await until(`${name} running`, async () => (await ephemeralStatus('target', name))?.state.running && (await ephemeralStatus('target', name)), 60_000);
        assert.equal(running.ready, false);
        const ps = await k(['exec', 'target', '-c', name, '--', 'ps', '-o', 'args']);
        assert.equal(ps.code, 0, ps.stderr);
        assert.match(ps.stdout, /sleep 3602/);
        assert.match(ps.stdout, /until \[ -e \/tmp\/stop \]/);
        assert.doesNotMatch(ps.stdout, /sleep 3601/);
        // Told to end, it ends for good, failed as it is: ephemeral containers are never restarted.
        const stop = await k(['exec', 'target', '-c', name, '--', 'touch', '/tmp/stop']);
        assert.equal(stop.code, 0, stop.stderr);
        const ended = await until(`${name} terminated`, async () => (await ephemeralStatus('target', name))?.state.terminated && (await ephemeralStatus('target', name)), 30_000);
        assert.deepEqual([ended.state.terminated.exitCode, ended.restartCount], [3, 0]);
        await new Promise((res) => setTimeout(res, 2_000));
        assert.ok((await ephemeralStatus('target', name))?.state.terminated, 'still terminated');
    });
    it('debug -i attaches to the ephemeral container', async () => {
        const r = await k(['debug', '-i', 'target', '--image=busybox', '--image-pull-policy=Never', '--target=app', '--', 'sh'], { input: 'ps -o args; exit 0\n' });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /sleep 3601/);
    });
    it('debug --copy-to makes a copy of the Pod (sent as protobuf) with the debug container, and it runs', async () => {
        for (const [i, bin] of KUBECTLS.entries()) {
            const copy = `copy-${i}`;
            const r = await k(['debug', 'target', `--copy-to=${copy}`, '--image=busybox', '--image-pull-policy=Never', '--', 'sleep', '3604'], { bin });
            assert.equal(r.code, 0, r.stderr);
            await until(`${copy} Running`, async () => (await k(['get', 'pod', copy, '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 60_000);
            const names = (await k(['get', 'pod', copy, '-o', 'jsonpath={.status.containerStatuses[*].name}'])).stdout.split(' ');
            assert.deepEqual(names.slice(0, 2), ['app', 'side']);
            assert.match(names[2] ?? '', /^debugger-\w+$/);
        }
    });
});
//# sourceMappingURL=debug-e2e.test.js.map