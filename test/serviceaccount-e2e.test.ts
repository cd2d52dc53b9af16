// A Pod's identity with the real kubelet (runc): the default ServiceAccount of a new namespace, the
// kube-api-access volume (token, ca.crt, namespace) the admission adds and the kubelet fills with a
// token bound to the Pod, and the API server reached from inside the Pod on the Pods' gateway with that
// token: authenticated (403, not 401) and refused what RBAC-less berth gives nobody. Run under the
// e2e lock (real bridge and pod CIDR).

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, test } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { until } from './support/wait.js';

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The gateway of the default pod CIDR 10.88.0.0/16: where the API server listens for Pods. */
const GATEWAY = '10.88.0.1';
let server: TestServer;
let k: (args: string[], input?: string) => Promise<{ code: number; stdout: string; stderr: string }>;

before(async () => {
  server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-sa-e2e-')));
  k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
  await untilNodeReady(server);
});
after(() => disposeNodeServer(server));

async function exec(pod: string, script: string): Promise<string> {
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

  const spec = JSON.parse((await k(['get', 'pod', 'who', '-o', 'json'])).stdout) as { spec: { serviceAccountName: string; volumes: { name: string }[] } };
  assert.equal(spec.spec.serviceAccountName, 'default');
  assert.match(spec.spec.volumes[0]!.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

  assert.equal((await exec('who', `cat ${MOUNT}/namespace`)), 'default');
  const caInPod = await exec('who', `cat ${MOUNT}/ca.crt`);
  assert.ok(new X509Certificate(caInPod).subject.includes('CN=berth-ca'));
  assert.match(await exec('who', `touch ${MOUNT}/x 2>&1 || echo refused`), /Read-only file system/);

  // The token is bound to this Pod: TokenReview says whose it is.
  const token = await exec('who', `cat ${MOUNT}/token`);
  const review = await k(['create', '--validate=false', '-o', 'json', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }));
  const status = (JSON.parse(review.stdout) as { status: { authenticated: boolean; user: { username: string; extra: Record<string, string[]> } } }).status;
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

  // From inside the Pod (busybox wget: TLS without verification, so the status code is what counts).
  const api = `https://${GATEWAY}:${port}/api/v1/namespaces/default/pods`;
  const withToken = await exec('who', `wget -q -O- --no-check-certificate --header "Authorization: Bearer $(cat ${MOUNT}/token)" ${api} 2>&1; true`);
  assert.match(withToken, /403 Forbidden/);
  const anonymous = await exec('who', `wget -q -O- --no-check-certificate ${api} 2>&1; true`);
  assert.match(anonymous, /401 Unauthorized/);

  // Deleting the Pod revokes the token bound to it.
  assert.equal((await k(['delete', 'pod', 'who', '--grace-period=1'])).code, 0);
  const after = await k(['create', '--validate=false', '-o', 'jsonpath={.status.authenticated}', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }));
  assert.equal(after.stdout, '');
});

test('automountServiceAccountToken: false on the Pod keeps the credentials out', async () => {
  const r = await k(['run', 'nocreds', '--image=busybox', '--restart=Never', '--overrides={"spec":{"automountServiceAccountToken":false}}', '--', 'sleep', '3600']);
  assert.equal(r.code, 0, r.stderr);
  await until('nocreds Running', async () => (await k(['get', 'pod', 'nocreds', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running');
  assert.match(await exec('nocreds', `ls ${MOUNT} 2>&1; true`), /No such file or directory/);
});

/** The API server's serving certificate (DER) as the gateway listener presents it. */
function servingCert(port: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: GATEWAY, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate().raw);
      s.end();
    });
    s.on('error', reject);
  });
}
