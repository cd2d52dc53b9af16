// CertificateSigningRequests as a user meets them with the real kubectl: openssl genrsa + req, the CSR
// created with kubectl, `kubectl certificate approve`, the certificate fetched from status.certificate
// and used, valid for the expirationSeconds asked; `kubectl get csr` columns; deny; the kubelet signer's
// rules (a Failed condition); malformed requests refused with upstream's 422 and nothing stored; and a
// user without rights refused the approval.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { stringify } from 'yaml';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'berth-csr-'));

before(async () => {
  server = await startServer({ disableAgent: true });
});
after(async () => {
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A key and a PEM request for subj, made as the Kubernetes docs tell a user to. */
function keyAndRequest(name: string, subj: string, keyArgs = ['genrsa']): { key: string; csr: string } {
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', [...keyArgs, '-out', key], { stdio: 'ignore' });
  const csr = execFileSync('openssl', ['req', '-new', '-key', key, '-subj', subj], { encoding: 'utf8' });
  return { key, csr };
}

function csrManifest(name: string, csr: string, spec: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: { request: Buffer.from(csr).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec },
  });
}

async function ok(args: string[], input?: string): Promise<string> {
  const r = await kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function issued(name: string): Promise<string> {
  let pem = '';
  await until(`${name} issued`, async () => {
    const b64 = await ok(['get', 'csr', name, '-o', 'jsonpath={.status.certificate}']);
    pem = Buffer.from(b64, 'base64').toString('utf8');
    return pem.includes('BEGIN CERTIFICATE');
  }, 60_000);
  return pem;
}

test('openssl req → kubectl create → certificate approve → status.certificate is a working client certificate for its expirationSeconds', async () => {
  const { key, csr } = keyAndRequest('jane', '/CN=jane/O=dev');
  assert.match(await ok(['create', '-f', '-'], csrManifest('jane', csr, { expirationSeconds: 3600 })), /certificatesigningrequest.certificates.k8s.io\/jane created/);
  const pending = await ok(['get', 'csr', 'jane']);
  assert.match(pending, /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\n/);
  assert.match(pending, /\njane\s+\d+s\s+kubernetes.io\/kube-apiserver-client\s+berth-admin\s+60m\s+Pending\n/);
  assert.match(await ok(['certificate', 'approve', 'jane']), /certificatesigningrequest.certificates.k8s.io\/jane approved/);
  const pem = await issued('jane');
  assert.match(await ok(['get', 'csr', 'jane']), /\njane\s+\S+\s+kubernetes.io\/kube-apiserver-client\s+berth-admin\s+60m\s+Approved,Issued\n/);
  const cert = new X509Certificate(pem);
  assert.equal(cert.subject, 'CN=jane\nO=dev');
  assert.ok(cert.checkIssued(new X509Certificate(execFileSync('cat', [join(server.dataDir, 'pki', 'ca.crt')]))));
  // Short-lived (under 8 h): valid from 5 minutes back until an hour from signing, as upstream's signer.
  const lifetime = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
  assert.ok(Math.abs(lifetime - 65 * 60_000) <= 2_000, `lifetime ${lifetime} ms`);
  assert.ok(Math.abs(Date.parse(cert.validTo) - (Date.now() + 3600_000)) < 60_000, cert.validTo);
  const yaml = JSON.parse(await ok(['get', 'csr', 'jane', '-o', 'json']));
  assert.equal(yaml.spec.username, 'berth-admin', 'the requester is stamped by the server');
  assert.deepEqual(yaml.spec.groups, ['system:masters', 'system:authenticated']);
  assert.equal(yaml.status.conditions[0].reason, 'KubectlApprove');

  // The certificate as jane's credentials: she is who it says, and may do nothing yet.
  const crt = join(dir, 'jane.crt');
  writeFileSync(crt, pem);
  const kc = join(dir, 'jane.kubeconfig');
  execFileSync('cp', [server.kubeconfig, kc]);
  await kubectl(kc, ['config', 'set-credentials', 'admin', `--client-certificate=${crt}`, `--client-key=${key}`, '--embed-certs']);
  const whoami = await kubectl(kc, ['auth', 'whoami']);
  assert.equal(whoami.stdout, 'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [dev system:authenticated]\n', whoami.stderr);
  const denied = await kubectl(kc, ['get', 'pods']);
  assert.equal(denied.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
});

test('a denied request gets no certificate; the requester is the impersonated user under --as', async () => {
  const { csr } = keyAndRequest('eve', '/CN=eve');
  await ok(['create', '-f', '-', '--as', 'alice', '--as-group', 'system:masters'], csrManifest('eve', csr));
  assert.match(await ok(['certificate', 'deny', 'eve']), /certificatesigningrequest.certificates.k8s.io\/eve denied/);
  assert.match(await ok(['get', 'csr', 'eve']), /\neve\s+\S+\s+kubernetes.io\/kube-apiserver-client\s+alice\s+<none>\s+Denied\n/);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await ok(['get', 'csr', 'eve', '-o', 'jsonpath={.status.certificate}']), '');
  const spec = JSON.parse(await ok(['get', 'csr', 'eve', '-o', 'jsonpath={.spec}']));
  assert.deepEqual([spec.username, spec.groups], ['alice', ['system:masters', 'system:authenticated']]);
});

test("the kubelet signer signs a node's own identity and fails anything else, with upstream's reasons", async () => {
  const node = keyAndRequest('n1', '/O=system:nodes/CN=system:node:n1', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
  const kubelet = { signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'], expirationSeconds: 86400 };
  await ok(['create', '-f', '-'], csrManifest('node-n1', node.csr, kubelet));
  const bad = keyAndRequest('bad', '/O=dev/CN=system:node:n2');
  await ok(['create', '-f', '-'], csrManifest('node-bad', bad.csr, kubelet));
  // The field a signer selects its requests by.
  const mine = await ok(['get', 'csr', '--field-selector', `spec.signerName=${kubelet.signerName}`, '-o', 'name']);
  assert.equal(mine, 'certificatesigningrequest.certificates.k8s.io/node-bad\ncertificatesigningrequest.certificates.k8s.io/node-n1\n');
  await ok(['certificate', 'approve', 'node-n1', 'node-bad']);
  const cert = new X509Certificate(await issued('node-n1'));
  assert.equal(cert.subject, 'O=system:nodes\nCN=system:node:n1');
  assert.ok(Math.abs(Date.parse(cert.validTo) - Date.parse(cert.validFrom) - 86400_000) < 2_000, 'a day, backdated 5 minutes');
  await until('node-bad failed', async () => /Approved,Failed/.test(await ok(['get', 'csr', 'node-bad'])), 60_000);
  const failed = JSON.parse(await ok(['get', 'csr', 'node-bad', '-o', 'json'])).status.conditions.find((c: { type: string }) => c.type === 'Failed');
  assert.deepEqual([failed.status, failed.reason, failed.message], ['True', 'SignerValidationFailure', 'subject organization is not system:nodes']);
});

test('malformed requests are refused as upstream refuses them (422), and nothing is stored', async () => {
  const r = await kubectl(server.kubeconfig, ['create', '-f', '-'], {
    input: stringify({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'junk' }, spec: { request: Buffer.from('hi').toString('base64'), signerName: 'example', usages: ['client auth', 'fly', 'client auth'], expirationSeconds: 599 } }),
  });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'The CertificateSigningRequest "junk" is invalid: \n' +
      '* spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST\n' +
      '* spec.usages[1]: Unsupported value: "fly": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"\n' +
      '* spec.usages[2]: Duplicate value: "client auth"\n' +
      "* spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form 'example.com/signer-name'\n" +
      '* spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)\n',
  );
  const { csr } = keyAndRequest('nosigner', '/CN=x');
  const noSigner = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: csrManifest('nosigner', csr, { signerName: undefined, usages: undefined }) });
  assert.equal(noSigner.stderr, 'The CertificateSigningRequest "nosigner" is invalid: \n* spec.usages: Required value\n* spec.signerName: Required value\n');
  const notBase64 = await kubectl(server.kubeconfig, ['create', '-f', '-', '--validate=false'], { input: csrManifest('b64', '', { request: 'not*base64' }) });
  assert.match(notBase64.stderr, /cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 3/);
  const left = await ok(['get', 'csr', '-o', 'name']);
  assert.doesNotMatch(left, /junk|nosigner|b64/);
});

test('approval needs rights: a user without them is refused, and the request stays pending', async () => {
  const { csr } = keyAndRequest('sly', '/CN=sly');
  await ok(['create', '-f', '-'], csrManifest('sly', csr));
  const r = await kubectl(server.kubeconfig, ['certificate', 'approve', 'sly', '--as', 'sly']);
  assert.equal(r.stderr.trim(), 'Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io "sly" is forbidden: User "sly" cannot get resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope');
  assert.match(await ok(['get', 'csr', 'sly']), /\nsly\s+.*\sPending\n/);
});
