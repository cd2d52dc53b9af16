// A Deployment on the real kubelet: its Pods run under runc and the rollout completes; deleting it
// takes the Pods down. (Uses runc, CNI and a server with its agent: run under the e2e lock.)
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
let server;
// A shell that leaves on SIGTERM: `sleep` as PID 1 ignores it, so each delete would wait out the 30 s grace period.
const SERVE = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
const k = (args) => kubectl(server.kubeconfig, args);
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-workloads-e2e-'));
    const store = new ImageStore({ root: join(dataDir, 'images') });
    for (const name of ['pause', 'busybox'])
        await buildImage(name, { store, log: (l) => process.stderr.write(`  [build ${name}] ${l}\n`) });
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
});
after(async () => {
    await server.dispose();
});
it('a 2-replica Deployment runs on the kubelet, rolls out, and goes with its Pods', async () => {
    const r = await k(['create', 'deployment', 'web', '--image=busybox', '--replicas=2', '--', ...SERVE]);
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'deploy/web', '--timeout=90s']);
    assert.equal(status.code, 0, status.stderr);
    const pods = await k(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.status.phase} {.status.containerStatuses[0].ready}{"\\n"}{end}']);
    assert.deepEqual(pods.stdout.trim().split('\n'), ['Running true', 'Running true']);
    const get = await k(['get', 'deploy', 'web']);
    assert.match(get.stdout, /^web\s+2\/2\s+2\s+2\s+/m);
    assert.equal((await k(['delete', 'deploy', 'web'])).code, 0);
    await until('the Pods gone', async () => (await k(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout.trim() === '', 60_000, 250);
});
it('a StatefulSet runs on the kubelet: web-0 reaches Running and Ready with its stable hostname', async () => {
    const sts = {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web' },
        spec: {
            serviceName: 'web',
            replicas: 1,
            selector: { matchLabels: { app: 'sts-web' } },
            template: { metadata: { labels: { app: 'sts-web' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: SERVE }] } },
        },
    };
    const r = await kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: JSON.stringify(sts) });
    assert.equal(r.code, 0, r.stderr);
    const status = await k(['rollout', 'status', 'sts/web', '--timeout=90s']);
    assert.equal(status.code, 0, status.stderr);
    const pod = await k(['get', 'pod', 'web-0', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].ready}']);
    assert.equal(pod.stdout, 'Running true');
    const host = await k(['exec', 'web-0', '--', 'hostname']);
    assert.equal(host.stdout.trim(), 'web-0');
    assert.match((await k(['get', 'sts', 'web'])).stdout, /^web\s+1\/1\s/m);
    assert.equal((await k(['delete', 'sts', 'web'])).code, 0);
    await until('web-0 gone', async () => (await k(['get', 'pods', '-l', 'app=sts-web', '-o', 'name'])).stdout.trim() === '', 60_000, 250);
});
//# sourceMappingURL=workloads-e2e.test.js.map