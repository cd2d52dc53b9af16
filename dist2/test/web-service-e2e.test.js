// What a new user tries first, on a real node (kubelet, runc, CNI, the Service proxy and cluster DNS):
// `kubectl create deployment web --image=nginx --replicas=3 && kubectl expose deployment web --port 80`,
// then another Pod fetches nginx's page by the Service's short name, its full DNS name and its ClusterIP.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-web-e2e-'));
    // nginx comes from the build cache (a minute with mmdebstrap on a machine that never built it).
    await buildImage('nginx', { store: new ImageStore({ root: join(dataDir, 'images') }) });
    server = await startNodeServer(dataDir);
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
/** Runs a busybox Pod to completion and returns what it printed. */
async function runOnce(name, script, extra = {}) {
    const pod = {
        apiVersion: 'v1', kind: 'Pod', metadata: { name },
        spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script] }], ...extra },
    };
    const created = await k(['apply', '-f', '-'], JSON.stringify(pod));
    assert.equal(created.code, 0, created.stderr);
    await until(`${name} finished`, async () => /Succeeded|Failed/.test((await k(['get', 'pod', name, '-o', 'jsonpath={.status.phase}'])).stdout), 120_000);
    return (await k(['logs', name])).stdout;
}
it('create deployment + expose: another Pod gets nginx\'s page by short name, full name and ClusterIP', async () => {
    const created = await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
    assert.equal(created.code, 0, created.stderr);
    const exposed = await k(['expose', 'deployment', 'web', '--port', '80']);
    assert.equal(exposed.code, 0, exposed.stderr);
    const rollout = await k(['rollout', 'status', 'deployment/web', '--timeout=180s']);
    assert.equal(rollout.code, 0, rollout.stderr);
    const clusterIP = (await k(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    assert.match(clusterIP, /^10\.43\.\d+\.\d+$/);
    await until('3 endpoints', async () => (await k(['get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[0].addresses[*].ip}'])).stdout.split(' ').filter(Boolean).length === 3, 60_000);
    const out = await runOnce('client', `for u in web web.default.svc.cluster.local ${clusterIP}; do echo "== $u"; wget -qO- http://$u/ | grep -o '<title>.*</title>'; done`);
    assert.equal(out, [`== web`, '<title>Welcome to nginx!</title>', '== web.default.svc.cluster.local', '<title>Welcome to nginx!</title>', `== ${clusterIP}`, '<title>Welcome to nginx!</title>', ''].join('\n'));
    // `kubectl get all` shows the Deployment, its ReplicaSet, its Pods and the Service.
    const all = (await k(['get', 'all'])).stdout;
    for (const row of [/^service\/web\s+ClusterIP\s+10\.43\./m, /^service\/kubernetes\s+ClusterIP\s+10\.43\.0\.1\s/m, /^deployment\.apps\/web\s+3\/3\s/m, /^replicaset\.apps\/web-[a-z0-9]+\s+3\s+3\s+3\s/m, /^pod\/web-[a-z0-9]+-[a-z0-9]+\s+1\/1\s+Running\s/m]) {
        assert.match(all, row);
    }
});
//# sourceMappingURL=web-service-e2e.test.js.map