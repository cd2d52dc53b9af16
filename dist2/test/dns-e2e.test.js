// Cluster DNS as a Pod sees it: `berth server` with its kubelet, real runc Pods, busybox `nslookup`
// through the resolv.conf the kubelet wrote. A ClusterIP Service by its full name and by its short name
// (the search path), a headless Service with one address per ready Pod, and an outside name forwarded to
// an upstream this test runs (named in the server's --resolv-conf), so no internet is needed.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startUpstream } from './support/dns.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { until } from './support/wait.js';
// An address of the loopback network nothing else uses, so the upstream can have port 53 as resolv.conf requires.
const UPSTREAM = '127.0.0.77';
let server;
let upstream;
let confDir;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
function podJson(name, labels, script, extra = {}) {
    return {
        apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
        spec: {
            terminationGracePeriodSeconds: 1,
            containers: [{
                    name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script],
                    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 1 },
                }],
            ...extra,
        },
    };
}
async function nslookup(name) {
    const r = await k(['exec', 'client', '--', 'nslookup', name]);
    return r.stdout + r.stderr;
}
before(async () => {
    upstream = await startUpstream({ 'outside.test': '192.0.2.7' }, { host: UPSTREAM, port: 53 });
    confDir = await mkdtemp(join(tmpdir(), 'berth-dns-conf-'));
    const resolvConf = join(confDir, 'resolv.conf');
    await writeFile(resolvConf, `nameserver ${UPSTREAM}\nsearch example.test\n`);
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-dns-'));
    await ensureTestImages(dataDir);
    server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0', '--resolv-conf', resolvConf] });
    const items = [
        podJson('db-0', { app: 'db' }, 'touch /tmp/ready; exec sleep 3600', { hostname: 'db-0', subdomain: 'db' }),
        podJson('db-1', { app: 'db' }, 'touch /tmp/ready; exec sleep 3600'),
        podJson('db-2', { app: 'db' }, 'exec sleep 3600'), // never ready
        // The client is also the web Service's one backend: a Pod fewer to start.
        podJson('client', { app: 'web' }, 'touch /tmp/ready; exec sleep 3600'),
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] } },
    ];
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    assert.equal(r.code, 0, r.stderr);
    await until('the Pods Running', async () => {
        const out = (await k(['get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.phase} {end}'])).stdout.trim().split(' ');
        return out.length === 4 && out.every((p) => p === 'Running');
    }, 90_000);
});
after(async () => {
    if (server) {
        await k(['delete', 'pods', '--all', '--grace-period=1']);
        await server.dispose();
    }
    await upstream?.close();
    if (confDir)
        await rm(confDir, { recursive: true, force: true });
});
describe('cluster DNS from a Pod', () => {
    it('the kubelet writes resolv.conf for ClusterFirst: the node\'s DNS, the namespace\'s search path, ndots:5', async () => {
        const conf = (await k(['exec', 'client', '--', 'cat', '/etc/resolv.conf'])).stdout;
        assert.match(conf, /^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local example\.test$/m);
        assert.match(conf, /^nameserver 10\.\d+\.0\.1$/m);
        assert.match(conf, /^options ndots:5$/m);
    });
    it('resolves a Service by its full name and by its short name through the search path', async () => {
        const ip = (await k(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
        assert.match(ip, /^10\.43\.\d+\.\d+$/);
        const full = await nslookup('web.default.svc.cluster.local');
        assert.match(full, new RegExp(`Address:\\s+${ip.replace(/\./g, '\\.')}\\b`), full);
        const short = await nslookup('web');
        assert.match(short, new RegExp(`Name:\\s+web\\.default\\.svc\\.cluster\\.local\\s+Address:\\s+${ip.replace(/\./g, '\\.')}`), short);
    });
    it('a headless Service answers one address per ready Pod, and a Pod\'s hostname under its subdomain', async () => {
        const ips = async (pods) => Promise.all(pods.map(async (p) => (await k(['get', 'pod', p, '-o', 'jsonpath={.status.podIP}'])).stdout));
        const [ready0, ready1, notReady] = await ips(['db-0', 'db-1', 'db-2']);
        const out = await until('both ready db Pods in DNS', async () => {
            const o = await nslookup('db.default.svc.cluster.local');
            return o.includes(ready0) && o.includes(ready1) ? o : false;
        }, 30_000);
        assert.ok(!out.includes(`${notReady}\n`), `the Pod that is not ready is left out:\n${out}`);
        const host = await nslookup('db-0.db.default.svc.cluster.local');
        assert.match(host, new RegExp(`Address:\\s+${ready0.replace(/\./g, '\\.')}`), host);
    });
    it('a name outside the cluster is forwarded to the host\'s resolver; an unknown cluster name is NXDOMAIN', async () => {
        const out = await nslookup('outside.test');
        assert.match(out, /Address:\s+192\.0\.2\.7/, out);
        assert.ok(upstream.queries.includes('outside.test A'), upstream.queries.join(', '));
        assert.match(await nslookup('nope.default.svc.cluster.local'), /NXDOMAIN/);
        assert.ok(!upstream.queries.some((q) => q.startsWith('nope.default.svc.cluster.local ')), 'the cluster zone is not forwarded');
    });
    it('the kube-dns Service stands in kube-system on the tenth Service address', async () => {
        const r = await k(['get', 'svc', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[*].name}']);
        assert.equal(r.stdout, '10.43.0.10 dns dns-tcp', r.stderr);
    });
});
//# sourceMappingURL=dns-e2e.test.js.map