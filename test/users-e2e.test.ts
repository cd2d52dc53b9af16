// Users of a berth cluster, as an admin hands them out and they try the cluster with the real kubectl:
// `berth kubeconfig --user --group` makes a working identity that is refused (403, upstream's text)
// where it has no rights; `kubectl auth whoami` (table and -o yaml) for it, for the admin and under
// --as/--as-group; impersonation refused to a user who may not impersonate, with upstream's text for each
// kind (users, groups, service accounts, uids, extras); and --audit-log recording every request at the
// Metadata level, the impersonated user included.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request as httpsRequest } from 'node:https';
import { parse } from 'yaml';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { apiFor, type Api } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let auditLog: string;
let janeConfig: string;

function berth(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BERTH_BIN, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The status line's code of a websocket upgrade request with the kubeconfig's credentials. */
async function upgrade(kubeconfig: string, path: string, headers: Record<string, string>): Promise<number> {
  const c = await loadKubeconfig(kubeconfig);
  const url = new URL(path, c.server);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: c.ca, cert: c.cert, key: c.key, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-users-'));
  auditLog = join(dataDir, 'audit.log');
  server = await startServer({ disableAgent: true, dataDir, args: ['--audit-log', auditLog] });
  const made = await berth(['kubeconfig', '--data-dir', server.dataDir, '--user', 'jane', '--group', 'dev', '--group', 'qa', '--expiration', '24h']);
  assert.equal(made.code, 0, made.stderr);
  janeConfig = join(server.dataDir, 'jane.kubeconfig');
  await writeFile(janeConfig, made.stdout);
  // Warm kubectl's discovery cache as the admin: an identity refused discovery shows kubectl's "unknown".
  await kubectl(server.kubeconfig, ['api-resources']);
});
after(() => server?.dispose());

test('berth kubeconfig --user --group: a CA-signed identity for 24h, refused where it has no rights', async () => {
  const doc = parse(await readFile(janeConfig, 'utf8'));
  assert.equal(doc['current-context'], 'berth');
  assert.equal(doc.users[0].name, 'jane');
  const cert = new X509Certificate(Buffer.from(doc.users[0].user['client-certificate-data'], 'base64'));
  assert.equal(cert.subject, 'O=dev\nO=qa\nCN=jane');
  assert.ok(cert.checkIssued(new X509Certificate(await readFile(join(server.dataDir, 'pki', 'ca.crt')))));
  // A day from 5 minutes back (upstream's signer backdates for clock skew).
  assert.equal(Date.parse(cert.validTo) - Date.parse(cert.validFrom), 24 * 3600_000);
  assert.ok(Math.abs(Date.parse(cert.validFrom) - (Date.now() - 5 * 60_000)) < 60_000, cert.validFrom);
  for (const [args, text] of [
    [['get', 'pods'], 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"'],
    [['delete', 'namespace', 'default'], 'namespaces "default" is forbidden: User "jane" cannot delete resource "namespaces" in API group "" at the cluster scope'],
    [['get', 'secrets', '-n', 'kube-system'], 'secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "kube-system"'],
  ] as const) {
    const r = await kubectl(janeConfig, [...args]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `Error from server (Forbidden): ${text}`);
  }
  const bad = await berth(['kubeconfig', '--data-dir', server.dataDir, '--group', 'dev']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--user NAME is required/);
  const short = await berth(['kubeconfig', '--data-dir', server.dataDir, '--user', 'x', '--expiration', '5m']);
  assert.match(short.stderr, /--expiration: 5m is shorter than the 10 minutes/);
});

test('kubectl auth whoami: table and -o yaml for the user, the admin, and under --as / --as-group', async () => {
  const jane = await kubectl(janeConfig, ['auth', 'whoami']);
  assert.equal(jane.stdout, 'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [dev qa system:authenticated]\n', jane.stderr);
  const admin = await kubectl(server.kubeconfig, ['auth', 'whoami']);
  assert.equal(admin.stdout, 'ATTRIBUTE   VALUE\nUsername    berth-admin\nGroups      [system:masters system:authenticated]\n');
  const as = await kubectl(server.kubeconfig, ['auth', 'whoami', '--as', 'bob', '--as-group', 'ops', '--as-group', 'dev', '-o', 'yaml']);
  const review = parse(as.stdout);
  assert.equal(review.apiVersion, 'authentication.k8s.io/v1');
  assert.equal(review.kind, 'SelfSubjectReview');
  assert.deepEqual(review.status, { userInfo: { username: 'bob', groups: ['ops', 'dev', 'system:authenticated'] } });
  const sa = await kubectl(server.kubeconfig, ['auth', 'whoami', '--as', 'system:serviceaccount:ns1:robot']);
  assert.equal(sa.stdout, 'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:ns1:robot\nGroups      [system:serviceaccounts system:serviceaccounts:ns1 system:authenticated]\n');
  // Who may ask is RBAC's: system:basic-user is bound to system:authenticated only, so anonymous is refused, as upstream.
  const anon = await kubectl(server.kubeconfig, ['auth', 'whoami', '--as', 'system:anonymous', '-o', 'json']);
  assert.equal(anon.code, 1);
  assert.match(anon.stderr, /the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it/);
  // Impersonating as a member of system:masters is being one: the admin can act for a user in full.
  const asAdmin = await kubectl(server.kubeconfig, ['get', 'pods', '--as', 'bob', '--as-group', 'system:masters']);
  assert.equal(asAdmin.code, 0, asAdmin.stderr);
  const asBob = await kubectl(server.kubeconfig, ['get', 'pods', '--as', 'bob']);
  assert.equal(asBob.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"');
});

test('impersonation without the right to impersonate: 403 with upstream words for each kind', async () => {
  const asBob = await kubectl(janeConfig, ['get', 'pods', '--as', 'bob']);
  assert.equal(asBob.stderr.trim(), 'Error from server (Forbidden): users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
  const asSa = await kubectl(janeConfig, ['get', 'pods', '--as', 'system:serviceaccount:kube-system:default']);
  assert.equal(asSa.stderr.trim(), 'Error from server (Forbidden): serviceaccounts "default" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"');
  const api: Api = await apiFor(janeConfig);
  try {
    const calls: [Record<string, string>, number, string][] = [
      // Even as oneself: upstream checks every name asked for, the caller's own included.
      [{ 'Impersonate-User': 'jane', 'Impersonate-Group': 'system:masters' }, 403, 'users "jane" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope'],
      [{ 'Impersonate-User': 'bob', 'Impersonate-Uid': 'u-1' }, 403, 'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope'],
      [{ 'Impersonate-Group': 'ops' }, 500, 'Internal error occurred: requested [Group "ops"] without impersonating a user'],
    ];
    for (const [headers, code, message] of calls) {
      const r = await api.call('GET', '/api/v1/namespaces/default/pods', undefined, headers);
      assert.equal(r.status, code, JSON.stringify(r.body));
      assert.equal(r.body.message, message);
    }
  } finally {
    api.close();
  }
  const admin = await apiFor(server.kubeconfig);
  try {
    // The admin may: extras and a uid come through to the impersonated user, as whoami shows.
    const r = await admin.call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { 'Impersonate-User': 'bob', 'Impersonate-Uid': 'u-1', 'Impersonate-Extra-Scopes': 'view', 'Impersonate-Extra-Example.com%2fteam': 'red' });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.status.userInfo, { username: 'bob', uid: 'u-1', groups: ['system:authenticated'], extra: { scopes: ['view'], 'example.com/team': ['red'] } });
  } finally {
    admin.close();
  }
});

test('--audit-log: one audit.k8s.io/v1 Event per request at Metadata level, impersonation recorded', async () => {
  await kubectl(server.kubeconfig, ['create', 'configmap', 'audited', '--from-literal=k=v']);
  await kubectl(server.kubeconfig, ['get', 'configmap', 'audited', '--as', 'bob', '--as-group', 'system:masters']);
  await kubectl(janeConfig, ['delete', 'configmap', 'audited']);
  // An exec stream is an upgrade, audited when it ends (here refused: there is no such Pod).
  assert.equal(await upgrade(server.kubeconfig, '/api/v1/namespaces/default/pods/nope/exec?command=true&stdout=1', { 'Impersonate-User': 'bob', 'Impersonate-Group': 'system:masters' }), 404);
  type Event = Record<string, any>;
  let events: Event[] = [];
  await until('the audit lines', async () => {
    events = (await readFile(auditLog, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Event);
    return events.some((e) => e.verb === 'delete' && e.objectRef?.name === 'audited') && events.some((e) => e.objectRef?.subresource === 'exec');
  }, 60_000);
  for (const e of events) {
    assert.deepEqual([e.kind, e.apiVersion, e.level, e.stage], ['Event', 'audit.k8s.io/v1', 'Metadata', 'ResponseComplete']);
    assert.match(e.auditID, /^[0-9a-f-]{36}$/);
    assert.match(e.requestReceivedTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.ok(e.stageTimestamp >= e.requestReceivedTimestamp);
    assert.equal(e.requestObject, undefined, 'Metadata level carries no bodies');
  }
  const created = events.find((e) => e.verb === 'create' && e.objectRef?.resource === 'configmaps' && /^kubectl\//.test(e.userAgent))!;
  assert.deepEqual(created.objectRef, { resource: 'configmaps', namespace: 'default', apiVersion: 'v1' });
  assert.deepEqual(created.user, { username: 'berth-admin', groups: ['system:masters', 'system:authenticated'] });
  assert.deepEqual(created.responseStatus, { metadata: {}, code: 201 });
  assert.deepEqual(created.sourceIPs, ['127.0.0.1']);
  assert.match(created.userAgent, /^kubectl\//);
  assert.match(created.requestURI, /^\/api\/v1\/namespaces\/default\/configmaps\?/);
  const read = events.find((e) => e.verb === 'get' && e.objectRef?.name === 'audited')!;
  assert.deepEqual(read.impersonatedUser, { username: 'bob', groups: ['system:masters', 'system:authenticated'] });
  assert.equal(read.user.username, 'berth-admin');
  const refused = events.find((e) => e.verb === 'delete' && e.objectRef?.name === 'audited')!;
  assert.equal(refused.user.username, 'jane');
  assert.deepEqual(refused.responseStatus, {
    metadata: {},
    status: 'Failure',
    message: 'configmaps "audited" is forbidden: User "jane" cannot delete resource "configmaps" in API group "" in the namespace "default"',
    reason: 'Forbidden',
    code: 403,
  });
  const exec = events.find((e) => e.objectRef?.subresource === 'exec')!;
  assert.deepEqual(exec.objectRef, { resource: 'pods', namespace: 'default', name: 'nope', apiVersion: 'v1', subresource: 'exec' });
  assert.deepEqual([exec.user.username, exec.impersonatedUser.username, exec.responseStatus.code, exec.sourceIPs], ['berth-admin', 'bob', 404, ['127.0.0.1']]);
  const discovery = events.find((e) => e.requestURI.startsWith('/apis?') || e.requestURI === '/apis')!;
  assert.equal(discovery.verb, 'get');
  assert.equal(discovery.objectRef, undefined);
});
