// Service-account tokens against a real `berth server` (no kubelet) and the real kubectl: `kubectl
// create token`, TokenReview, a kubeconfig holding a token, the 401s for every kind of bad token, the
// Forbidden an authenticated service account gets, TokenRequest's validation, ServiceAccount admission,
// and the issuer discovery documents that let anyone verify a token offline.

import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { issueCertificate } from '../src/apiserver/auth/certs.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const FORBIDDEN_PODS = 'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"';
let server: TestServer;
let ca: string;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });

before(async () => {
  server = await startServer();
  ca = await readFile(join(server.dataDir, 'pki', 'ca.crt'), 'utf8');
  await until('the default ServiceAccount', async () => (await k(['get', 'serviceaccount', 'default'])).code === 0);
});
after(() => server.dispose());

/** A request with a bearer token and no client certificate. */
function bearer(path: string, token: string | undefined): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    request(`${server.url}${path}`, { ca, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text }));
    }).on('error', reject).end();
  });
}

async function createToken(args: string[]): Promise<string> {
  const r = await k(['create', 'token', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

async function review(token: string, audiences?: string[]): Promise<any> {
  const r = await k(['create', '--validate=false', '-o', 'json', '-f', '-'], JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, ...(audiences ? { audiences } : {}) } }));
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).status;
}

const pods = '/api/v1/namespaces/default/pods';

test('kubectl create token: an ES256 JWT with upstream claims, accepted by TokenReview, forbidden pods with a token kubeconfig', async () => {
  const token = await createToken(['default', '--duration=20m']);
  const header = decodeProtectedHeader(token);
  assert.equal(header.alg, 'ES256');
  const claims = decodeJwt(token) as any;
  const uid = (await k(['get', 'serviceaccount', 'default', '-o', 'jsonpath={.metadata.uid}'])).stdout;
  assert.equal(claims.iss, ISSUER);
  assert.deepEqual(claims.aud, [ISSUER]);
  assert.equal(claims.sub, 'system:serviceaccount:default:default');
  assert.equal(claims.exp - claims.iat, 1200);
  assert.equal(claims.nbf, claims.iat);
  assert.deepEqual(claims['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'default', uid } });

  const status = await review(token);
  assert.equal(status.authenticated, true);
  assert.deepEqual(status.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
  assert.equal(status.user.uid, uid);
  assert.deepEqual(status.audiences, [ISSUER]);
  assert.deepEqual((await review(token, ['vault'])).authenticated, undefined, 'not a token for another audience');

  const kubeconfig = join(await mkdtemp(join(tmpdir(), 'berth-token-kc-')), 'config');
  await writeFile(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: sa',
    `clusters: [{name: berth, cluster: {server: "${server.url}", certificate-authority-data: ${Buffer.from(ca).toString('base64')}}}]`,
    `users: [{name: sa, user: {token: "${token}"}}]`,
    'contexts: [{name: sa, context: {cluster: berth, user: sa}}]', '',
  ].join('\n'));
  const discovery = await kubectl(kubeconfig, ['get', '--raw', '/api']);
  assert.equal(discovery.code, 0, discovery.stderr);
  const get = await kubectl(kubeconfig, ['get', 'pods']);
  assert.equal(get.code, 1);
  assert.equal(get.stderr.trim(), `Error from server (Forbidden): ${FORBIDDEN_PODS}`);
  const raw = await bearer(pods, token);
  assert.equal(raw.status, 403);
  assert.equal(raw.body.message, FORBIDDEN_PODS);
});

test('bad tokens are 401 Unauthorized: garbage, forged, another key, another audience, a deleted ServiceAccount or Pod', async () => {
  const good = await createToken(['default']);
  const [h, p, sig] = good.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  const forged = [h, Buffer.from(JSON.stringify({ ...payload, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url'), sig].join('.');
  const { privateKey } = await generateKeyPair('ES256');
  const otherKey = await new SignJWT(payload).setProtectedHeader(decodeProtectedHeader(good) as { alg: string; kid: string }).sign(privateKey);
  const otherAudience = await createToken(['default', '--audience', 'vault']);

  assert.equal(((await k(['create', 'serviceaccount', 'temp'])).code), 0);
  const ofTemp = await createToken(['temp']);
  assert.equal((await bearer(pods, ofTemp)).status, 403, 'valid while the account exists');
  assert.equal((await k(['delete', 'serviceaccount', 'temp'])).code, 0);
  assert.equal((await k(['create', 'serviceaccount', 'temp'])).code, 0, 'a new account of the same name is another account');

  assert.equal((await k(['run', 'holder', '--image=busybox', '--restart=Never'])).code, 0);
  const ofPod = await createToken(['default', '--bound-object-kind', 'Pod', '--bound-object-name', 'holder']);
  const podUid = (await k(['get', 'pod', 'holder', '-o', 'jsonpath={.metadata.uid}'])).stdout;
  assert.deepEqual((decodeJwt(ofPod) as any)['kubernetes.io'].pod, { name: 'holder', uid: podUid });
  assert.equal((await bearer(pods, ofPod)).status, 403, 'valid while the Pod exists');
  assert.equal((await k(['delete', 'pod', 'holder', '--grace-period=0', '--force'])).code, 0);

  for (const [what, token] of Object.entries({ garbage: 'not-a-jwt', forged, otherKey, otherAudience, deletedAccount: ofTemp, deletedPod: ofPod })) {
    const r = await bearer(pods, token);
    assert.equal(r.status, 401, what);
    assert.deepEqual([r.body.reason, r.body.message], ['Unauthorized', 'Unauthorized'], what);
    assert.equal((await review(token)).authenticated, undefined, what);
  }
  assert.equal((await bearer(pods, undefined)).status, 401, 'no credentials at all');
});

test('TokenRequest and ServiceAccount admission refuse as upstream does', async () => {
  const short = await k(['create', 'token', 'default', '--duration=5m']);
  assert.match(short.stderr, /TokenRequest\.authentication\.k8s\.io "default" is invalid: spec\.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes/);
  const missing = await k(['create', 'token', 'nobody']);
  assert.match(missing.stderr, /serviceaccounts "nobody" not found/);
  const run = await k(['run', 'ghost', '--image=busybox', '--overrides={"spec":{"serviceAccountName":"ghost"}}']);
  assert.equal(run.stderr.trim(), 'Error from server (Forbidden): pods "ghost" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
  // The deprecated field alone names the account, and is mirrored from serviceAccountName.
  assert.equal((await k(['run', 'legacy', '--image=busybox', '--overrides={"spec":{"serviceAccount":"temp"}}'])).code, 0);
  assert.equal((await k(['get', 'pod', 'legacy', '-o', 'jsonpath={.spec.serviceAccountName}/{.spec.serviceAccount}'])).stdout, 'temp/temp');
  // An account that opts out of the token mount; a Pod's own true wins over it.
  await k(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet' }, automountServiceAccountToken: false }));
  assert.equal((await k(['run', 'quiet', '--image=busybox', '--overrides={"spec":{"serviceAccountName":"quiet"}}'])).code, 0);
  assert.equal((await k(['get', 'pod', 'quiet', '-o', 'jsonpath={.spec.volumes}'])).stdout, '');
  assert.equal((await k(['run', 'loud', '--image=busybox', '--overrides={"spec":{"serviceAccountName":"quiet","automountServiceAccountToken":true}}'])).code, 0);
  assert.match((await k(['get', 'pod', 'loud', '-o', 'jsonpath={.spec.containers[0].volumeMounts[0].mountPath}'])).stdout, /^\/var\/run\/secrets\/kubernetes\.io\/serviceaccount$/);
  const other = await k(['create', 'token', 'temp', '--bound-object-kind', 'Pod', '--bound-object-name', 'quiet']);
  assert.match(other.stderr, /cannot bind token for serviceaccount "temp" to pod running with serviceaccount "quiet"/);
});

test('issuer discovery: a service account reads the OIDC document and JWKS, and the JWKS verifies its token', async () => {
  const token = await createToken(['default']);
  const config = await bearer('/.well-known/openid-configuration', token);
  assert.equal(config.status, 200);
  assert.equal(config.body.issuer, ISSUER);
  assert.equal(config.body.jwks_uri, `${ISSUER}/openid/v1/jwks`);
  const jwks = await bearer('/openid/v1/jwks', token);
  assert.equal(jwks.status, 200);
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), { issuer: ISSUER, audience: ISSUER });
  assert.equal(payload.sub, 'system:serviceaccount:default:default');
  assert.equal((await bearer('/openid/v1/jwks', undefined)).status, 401);
});

test('a kubelet gets tokens only bound to Pods on its own node (node authorizer and NodeRestriction)', async () => {
  const node = await issueCertificate(join(server.dataDir, 'pki'), 'node-n1', { cn: 'system:node:n1', orgs: ['system:nodes'] }, 'client');
  await k(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }));
  const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }] } });
  assert.equal((await k(['create', '-f', '-'], JSON.stringify(pod('on-n1', 'n1')))).code, 0);
  assert.equal((await k(['create', '-f', '-'], JSON.stringify(pod('elsewhere')))).code, 0);
  const asNode = (sa: string, boundTo?: string): Promise<{ status: number; body: any }> => new Promise((resolve, reject) => {
    const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { ...(boundTo ? { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: boundTo } } : {}) } });
    const req = request(`${server.url}/api/v1/namespaces/default/serviceaccounts/${sa}/token`, { method: 'POST', ca, cert: node.cert, key: node.key, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject).end(body);
  });
  const ok = await until('the node authorizer sees on-n1', async () => {
    const r = await asNode('default', 'on-n1');
    return r.status === 201 ? r : undefined;
  });
  assert.equal((decodeJwt(ok.body.status.token) as any)['kubernetes.io'].node.name, 'n1');
  assert.deepEqual(await asNode('default').then((r) => [r.status, r.body.message]), [403, 'serviceaccounts "default" is forbidden: node requested token not bound to a pod']);
  assert.deepEqual(await asNode('default', 'elsewhere').then((r) => [r.status, r.body.message]), [403, 'serviceaccounts "default" is forbidden: node requested token bound to a pod scheduled on a different node']);
  assert.equal((await asNode('temp', 'on-n1')).status, 403, 'an account no Pod of n1 uses');
});

test('the signing key survives a restart: a token issued before it still authenticates', async () => {
  const token = await createToken(['default']);
  await server.stop();
  server = await startServer({ dataDir: server.dataDir });
  assert.equal((await bearer(pods, token)).status, 403);
});
