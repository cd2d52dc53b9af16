// A Deployment exposed as a Service on a real node (kubelet, runc, CNI): the EndpointSlice and Endpoints
// list the two Pods' IPs once they are Ready, and follow readiness: a Pod whose readiness probe starts
// failing moves to notReadyAddresses (ready: false in its slice) and comes back when it passes again.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const json = async (args) => JSON.parse((await k([...args, '-o', 'json'])).stdout || 'null');
before(async () => {
    server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-services-e2e-')));
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
it('kubectl create deployment + expose: endpoints are the Ready Pods\' IPs and follow their readiness', async () => {
    // busybox httpd serves /www; the readiness probe reads /ready, which the test removes to fail it.
    const deployment = {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
            replicas: 2, selector: { matchLabels: { app: 'web' } },
            template: {
                metadata: { labels: { app: 'web' } },
                spec: {
                    terminationGracePeriodSeconds: 1,
                    containers: [{
                            name: 'httpd', image: 'busybox', imagePullPolicy: 'Never',
                            command: ['sh', '-c', 'mkdir -p /www && echo hello > /www/index.html && touch /www/ready && exec httpd -f -p 8080 -h /www'],
                            ports: [{ name: 'http', containerPort: 8080 }],
                            readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 1, failureThreshold: 1 },
                        }],
                },
            },
        },
    };
    const applied = await k(['apply', '-f', '-'], JSON.stringify(deployment));
    assert.equal(applied.code, 0, applied.stderr);
    const exposed = await k(['expose', 'deployment', 'web', '--port', '80', '--target-port', 'http']);
    assert.equal(exposed.code, 0, exposed.stderr);
    const svc = await json(['get', 'svc', 'web']);
    assert.match(svc.spec.clusterIP, /^10\.43\.\d+\.\d+$/);
    const podIPs = await until('two Ready Pods', async () => {
        const pods = (await json(['get', 'pods', '-l', 'app=web'])).items;
        const ready = pods.filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        return ready.length === 2 ? ready.map((p) => p.status.podIP).sort() : undefined;
    }, 120_000);
    const ep = await until('Endpoints with both', async () => {
        const subsets = (await json(['get', 'ep', 'web'])).subsets;
        const ips = (subsets?.[0]?.addresses ?? []).map((a) => a.ip).sort();
        return JSON.stringify(ips) === JSON.stringify(podIPs) ? subsets : undefined;
    }, 30_000);
    assert.deepEqual(ep[0].ports, [{ port: 8080, protocol: 'TCP' }]);
    const slice = (await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'])).items[0];
    assert.deepEqual(slice.endpoints.map((e) => e.addresses[0]).sort(), podIPs);
    assert.ok(slice.endpoints.every((e) => e.conditions.ready && e.nodeName && e.targetRef.kind === 'Pod'));
    assert.match((await k(['get', 'ep', 'web'])).stdout, new RegExp(`^web\\s+${podIPs.map((ip) => `${ip.replace(/\./g, '\\.')}:8080`).join(',')}\\s`, 'm'));
    // One Pod's readiness fails: its address becomes not ready, and ready again when the probe passes.
    const victim = (await json(['get', 'pods', '-l', 'app=web'])).items.find((p) => p.status.podIP === podIPs[0]).metadata.name;
    assert.equal((await k(['exec', victim, '--', 'rm', '/www/ready'])).code, 0);
    await until('the address not ready', async () => {
        const s = (await json(['get', 'ep', 'web'])).subsets ?? [];
        return s[0]?.notReadyAddresses?.[0]?.ip === podIPs[0] && s[0]?.addresses?.length === 1;
    }, 30_000);
    const notReady = (await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'])).items[0].endpoints.find((e) => e.addresses[0] === podIPs[0]);
    assert.deepEqual(notReady.conditions, { ready: false, serving: false, terminating: false });
    assert.equal((await k(['exec', victim, '--', 'touch', '/www/ready'])).code, 0);
    await until('ready again', async () => ((await json(['get', 'ep', 'web'])).subsets?.[0]?.addresses?.length === 2 ? true : undefined), 30_000);
});
//# sourceMappingURL=services-e2e.test.js.map