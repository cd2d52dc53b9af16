// A kubelet whose view of the node survives what breaks under it, through the real kubectl against
// `berth server` with its kubelet (real runc, conmon, the offline busybox image):
// - conmon killed with kill -9, then the container's process (or not): nobody will ever record the exit,
//   so the container is terminated (ContainerStatusUnknown, 137) and restarted per restartPolicy, not
//   shown Running forever, nor left running unmonitored beside its replacement;
// - the server restarted with `--kubelet-port 0` (a new port): the Node's daemonEndpoints follow at
//   once, so `kubectl logs` works right after the restart instead of ECONNREFUSED for 5 minutes.
// The tests run in order on one data dir.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAlive } from '../src/runtime/runc/process-state.js';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
let server;
let dataDir;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const jsonpath = async (obj, path) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
const nodePort = async () => Number(await jsonpath('nodes', '{.items[0].status.daemonEndpoints.kubeletEndpoint.Port}'));
async function apply(pod) {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod }));
    assert.equal(r.code, 0, r.stderr);
}
const pidIn = (file) => Number.parseInt(readFileSync(file, 'utf8'), 10);
before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'berth-recovery-'));
    server = await startNodeServer(dataDir);
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
describe('kubelet state after failures', () => {
    // Both the probe's order (conmon, then the process) and conmon alone, which leaves a process nobody monitors.
    for (const [name, killProcess] of [['lost', true], ['orphan', false]]) {
        it(`kill -9 of conmon${killProcess ? ', then of the container' : ' alone'}: terminated with ContainerStatusUnknown/137 and restarted`, async () => {
            await apply({ metadata: { name }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', 'echo started; exec sleep 3600'] }] } });
            await until(`${name} Running`, async () => (await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].state.running.startedAt}')) !== '');
            const id = (await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].containerID}')).replace(/^runc:\/\//, '');
            const bundle = join(dataDir, 'runtime', 'containers', id);
            const conmon = pidIn(join(bundle, 'conmon.pid'));
            const pid = pidIn(join(bundle, 'pid'));
            assert.match(readFileSync(`/proc/${conmon}/cmdline`, 'utf8'), /^conmon\0/);
            process.kill(conmon, 'SIGKILL');
            if (killProcess)
                process.kill(pid, 'SIGKILL');
            const killedAt = Date.now();
            await until('restartCount 1 and Running again', async () => (await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].restartCount}')) === '1' &&
                (await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].state.running.startedAt}')) !== '', 20_000);
            const seconds = (Date.now() - killedAt) / 1000;
            assert.ok(seconds < 15, `restarted after ${seconds} s`);
            const last = JSON.parse(await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].lastState.terminated}'));
            assert.equal(last.reason, 'ContainerStatusUnknown');
            assert.equal(last.exitCode, 137);
            assert.equal(last.message, 'The container could not be located when the pod was terminated');
            assert.notEqual((await jsonpath(`pod/${name}`, '{.status.containerStatuses[0].containerID}')).replace(/^runc:\/\//, ''), id);
            assert.match((await k(['get', 'pod', name, '--no-headers'])).stdout, new RegExp(`^${name}\\s+1/1\\s+Running\\s+1 \\(`));
            // One instance runs, not the unmonitored one beside it.
            assert.equal(await isAlive(pid), false);
        });
    }
    it('a restart with --kubelet-port 0 publishes the new port at once; kubectl logs works right away', async () => {
        await until('lost logs', async () => (await k(['logs', 'lost'])).stdout.includes('started'));
        const before = await nodePort();
        await server.stop();
        server = await startNodeServer(dataDir);
        const restartedAt = Date.now();
        const after = await until('a new kubelet port on the Node', async () => {
            const p = await nodePort();
            return p !== before && p;
        }, 5_000, 50);
        const seconds = (Date.now() - restartedAt) / 1000;
        assert.ok(seconds < 5, `port published after ${seconds} s`);
        assert.ok(after > 0);
        const logs = await k(['logs', 'lost']);
        assert.equal(logs.code, 0, logs.stderr);
        assert.match(logs.stdout, /started/);
    });
});
//# sourceMappingURL=kubelet-recovery.test.js.map