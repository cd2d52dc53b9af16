// A Pod's identity with the real kubelet (runc): the default ServiceAccount of a new namespace, the
// kube-api-access volume (token, ca.crt, namespace) the admission adds and the kubelet fills with a
// token bound to the Pod, and the API server reached from inside the Pod on the Pods' gateway with that
// token: authenticated (403, not 401) and held to what RBAC grants its ServiceAccount (bound to view:
// lists Pods, may not delete one). Run under the e2e lock (real bridge and pod CIDR).
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:tls';
import { after, before, test } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The gateway of the default pod CIDR 10.88.0.0/16: where the API server listens for Pods. */
const GATEWAY = '10.88.0.1';
let server;
let k;
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-sa-e2e-'));
    await buildImage('debian', { store: new ImageStore({ root: join(dataDir, 'images') }) });
    server = await startNodeServer(dataDir);
    k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
async function exec(pod, script) {
    const r = await k(['exec', pod, '--', 'sh', '-c', script]);
    return r.stdout + r.stderr;
}
test('a new namespace gets its default ServiceAccount and kube-root-ca.crt with the cluster CA', async () => {
    assert.equal((await k(['create', 'namespace', 'team-a'])).code, 0);
    await until('default ServiceAccount in team-a', async () => (await k(['get', 'serviceaccount', 'default', '-n', 'team-a'])).code === 0);
    const ca = await until('kube-root-ca.crt in team-a', async () => {
        const r = await k(['get', 'configmap', 'kube-root-ca.crt', '-n', 'team-a', '-o', 'jsonpath={.data.ca\\.crt}']);
        return r.code === 0 && r.stdout ? r.stdout : undefined;
    });
    assert.ok(new X509Certificate(ca).subject.includes('CN=berth-ca'));
});
test('a Pod gets its token, ca.crt and namespace, reaches the API server on the gateway with the token, and is refused pods', async () => {
    const run = await k(['run', 'who', '--image=busybox', '--restart=Never', '--', 'sleep', '3600']);
    assert.equal(run.code, 0, run.stderr);
    await until('who Running', async () => (await k(['get', 'pod', 'who', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running');
    const spec = JSON.parse((await k(['get', 'pod', 'who', '-o', 'json'])).stdout);
    assert.equal(spec.spec.serviceAccountName, 'default');
    assert.match(spec.spec.volumes[0].name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal((await exec('who', `cat ${MOUNT}/namespace`)), 'default');
    const caInPod = await exec('who', `cat ${MOUNT}/ca.crt`);
    assert.ok(new X509Certificate(caInPod).subject.includes('CN=berth-ca'));
    assert.match(await exec('who', `touch ${MOUNT}/x 2>&1 || echo refused`), /Read-only file system/);
    // The token is bound to this Pod: TokenReview says whose it is.
    const token = await exec('who', `cat ${MOUNT}/token`);
    const review = await k(['create', '--validate=false', '-o', 'json', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }));
    const status = JSON.parse(review.stdout).status;
    assert.equal(status.authenticated, true);
    assert.equal(status.user.username, 'system:serviceaccount:default:default');
    assert.deepEqual(status.user.extra['authentication.kubernetes.io/pod-name'], ['who']);
    // The serving certificate names the gateway (and the kubernetes Service's names) and chains to ca.crt.
    const port = new URL(server.url).port;
    const cert = new X509Certificate(await servingCert(port));
    assert.ok(cert.checkIP(GATEWAY), cert.subjectAltName);
    assert.ok(cert.checkHost('kubernetes.default.svc.cluster.local'), cert.subjectAltName);
    assert.ok(cert.checkIP('10.43.0.1'), cert.subjectAltName);
    assert.ok(cert.verify(new X509Certificate(caInPod).publicKey));
    // Deleting the Pod revokes the token bound to it.
    assert.equal((await k(['delete', 'pod', 'who', '--grace-period=1'])).code, 0);
    const after = await k(['create', '--validate=false', '-o', 'jsonpath={.status.authenticated}', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }));
    assert.equal(after.stdout, '');
});
test('client-node inside a Pod, with the in-cluster configuration, lists Pods as its ServiceAccount bound to view, and may not delete one', async () => {
    // This host's node and the project's node_modules, bound into Debian: a real TLS client that checks
    // the serving certificate against the mounted ca.crt. KUBERNETES_SERVICE_HOST/PORT name the gateway
    // listener directly (the kubernetes Service and its variables come with the Services work).
    const port = new URL(server.url).port;
    const script = await readFile(join(FIXTURES, 'incluster-client.mjs'), 'utf8');
    assert.equal((await k(['create', 'configmap', 'incluster', `--from-literal=incluster.mjs=${script}`])).code, 0);
    assert.equal((await k(['create', 'rolebinding', 'default-view', '--clusterrole=view', '--serviceaccount=default:default'])).code, 0);
    const pod = {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'incluster' },
        spec: {
            restartPolicy: 'Never',
            containers: [{
                    name: 'client', image: 'debian', workingDir: '/app', command: ['/usr/local/bin/node', '/app/incluster.mjs'],
                    env: [{ name: 'KUBERNETES_SERVICE_HOST', value: GATEWAY }, { name: 'KUBERNETES_SERVICE_PORT', value: port }],
                    volumeMounts: [
                        { name: 'node', mountPath: '/usr/local/bin/node', readOnly: true },
                        { name: 'modules', mountPath: '/app/node_modules', readOnly: true },
                        { name: 'loader', mountPath: '/app/clientnode.js', readOnly: true },
                        { name: 'script', mountPath: '/app/incluster.mjs', subPath: 'incluster.mjs' },
                    ],
                }],
            volumes: [
                { name: 'node', hostPath: { path: process.execPath, type: 'File' } },
                { name: 'modules', hostPath: { path: await realpath(join(ROOT, 'node_modules')), type: 'Directory' } },
                { name: 'loader', hostPath: { path: join(ROOT, 'dist', 'test', 'support', 'clientnode.js'), type: 'File' } },
                { name: 'script', configMap: { name: 'incluster' } },
            ],
        },
    };
    assert.equal((await k(['create', '-f', '-'], JSON.stringify(pod))).code, 0);
    await until('incluster Succeeded', async () => {
        const phase = (await k(['get', 'pod', 'incluster', '-o', 'jsonpath={.status.phase}'])).stdout;
        if (phase === 'Failed')
            throw new Error((await k(['logs', 'incluster'])).stdout);
        return phase === 'Succeeded';
    }, 60_000);
    const seen = JSON.parse((await k(['logs', 'incluster'])).stdout);
    assert.equal(seen.server, `https://${GATEWAY}:${port}`);
    assert.equal(seen.withToken.code, 200, JSON.stringify(seen.withToken));
    assert.ok(seen.withToken.items >= 1, 'it sees at least itself');
    assert.equal(seen.delete.code, 403);
    assert.equal(seen.delete.body.message, 'pods "incluster" is forbidden: User "system:serviceaccount:default:default" cannot delete resource "pods" in API group "" in the namespace "default"');
    assert.equal(seen.anonymous.code, 401, 'the same request without the token');
});
test('automountServiceAccountToken: false on the Pod keeps the credentials out', async () => {
    const r = await k(['run', 'nocreds', '--image=busybox', '--restart=Never', '--overrides={"spec":{"automountServiceAccountToken":false}}', '--', 'sleep', '3600']);
    assert.equal(r.code, 0, r.stderr);
    await until('nocreds Running', async () => (await k(['get', 'pod', 'nocreds', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running');
    assert.match(await exec('nocreds', `ls ${MOUNT} 2>&1; true`), /No such file or directory/);
});
/** The API server's serving certificate (DER) as the gateway listener presents it. */
function servingCert(port) {
    return new Promise((resolve, reject) => {
        const s = connect({ host: GATEWAY, port: Number(port), rejectUnauthorized: false }, () => {
            resolve(s.getPeerCertificate().raw);
            s.end();
        });
        s.on('error', reject);
    });
}
//# sourceMappingURL=serviceaccount-e2e.test.js.map