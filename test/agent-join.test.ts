// The join without a node's runtime: a server (--disable-agent) and the agent's join steps as a new
// host takes them: CA checked against the token, the bootstrap user allowed only CSRs, certificates
// issued through auto-approved CSRs and kept, renewal as the node itself, pod CIDRs handed to Nodes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Node } from '../src/api/types.js';
import { connectAs, ensureIdentities, fetchVerifiedCA, requestIdentities } from '../src/cli/agent/join.js';
import { desiredRoutes } from '../src/cli/agent/host-gw.js';
import { parseJoinToken } from '../src/cli/join-token.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { nodes, pods } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let dataDir: string;
let tokenText: string;

before(async () => {
  server = await startServer({ args: ['--cluster-cidr', '10.201.0.0/22'] });
  tokenText = (await readFile(join(server.dataDir, 'token'), 'utf8')).trim();
  dataDir = await mkdtemp(join(tmpdir(), 'berth-join-'));
});

after(async () => {
  await server.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const k = (args: string[]) => kubectl(server.kubeconfig, args);

describe('joining a cluster', () => {
  it('the bootstrap user may ask for certificates and nothing else', async () => {
    const { ca } = await fetchVerifiedCA([server.url], parseJoinToken(tokenText));
    const bootstrap = new RestClient(new HttpsTransport({ server: server.url, ca: Buffer.from(ca), token: tokenText }));
    await assert.rejects(bootstrap.list(pods, 'default'), /pods is forbidden: User "system:bootstrap:server" cannot list resource "pods" in API group "" in the namespace "default"/);
    const stranger = new RestClient(new HttpsTransport({ server: server.url, ca: Buffer.from(ca), token: tokenText.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) }));
    await assert.rejects(stranger.list(pods, 'default'), /Unauthorized/);
  });

  it('issues every identity through CSRs kubectl shows Approved,Issued, keeps them and reuses them', async () => {
    const token = parseJoinToken(tokenText);
    const { ca } = await fetchVerifiedCA([server.url], token);
    const o = { servers: [server.url], token, tokenText, dataDir, nodeName: 'joiner', nodeIP: '192.0.2.7', ca };
    const ids = await ensureIdentities(o);
    assert.equal(new X509Certificate(ids.node.cert).subject, 'O=system:nodes\nCN=system:node:joiner');
    assert.match(new X509Certificate(ids.serving.cert).subjectAltName ?? '', /DNS:joiner, IP Address:192\.0\.2\.7/);
    assert.equal(new X509Certificate(ids.proxy.cert).subject, 'CN=system:kube-proxy');
    const csrs = (await k(['get', 'csr', '--no-headers'])).stdout.trim().split('\n');
    assert.equal(csrs.length, 6);
    assert.ok(csrs.every((l) => /Approved,Issued$/.test(l)), csrs.join('\n'));
    assert.ok(csrs.some((l) => /kube-apiserver-client-kubelet\s+system:bootstrap:server/.test(l)));
    // The kept identities are taken again without a request.
    const again = await ensureIdentities(o);
    assert.equal(again.node.cert, ids.node.cert);
    assert.equal((await k(['get', 'csr', '--no-headers'])).stdout.trim().split('\n').length, 6);
    // Renewal asks as the node itself (selfnodeclient), not with the token.
    const renewed = await requestIdentities({ ...o, tokenText: 'unused', current: ids.node });
    assert.notEqual(renewed.node.cert, ids.node.cert);
    assert.match((await k(['get', 'csr', '--no-headers'])).stdout, /kube-apiserver-client-kubelet\s+system:node:joiner\s+<none>\s+Approved,Issued/);
    assert.equal(await readFile(join(dataDir, 'agent-pki', 'serving.crt'), 'utf8'), renewed.serving.cert);
  });

  it('--tls-san puts another name and address in the server\'s certificate, which a node can join by', async () => {
    const other = await startServer({ args: ['--bind-address', '0.0.0.0', '--tls-san', 'berth-api.example,127.0.0.5', '--tls-san', '10.9.8.7'] });
    try {
      const port = new URL(other.url).port;
      const otherToken = (await readFile(join(other.dataDir, 'token'), 'utf8')).trim();
      const sans = new X509Certificate(await readFile(join(other.dataDir, 'pki', 'serving.crt'))).subjectAltName ?? '';
      for (const name of ['DNS:berth-api.example', 'IP Address:127.0.0.5', 'IP Address:10.9.8.7']) assert.ok(sans.split(', ').includes(name), sans);
      // Joined at the extra address: the CA is checked against the token, then TLS checks the name.
      const at = (ip: string) => ({ servers: [`https://${ip}:${port}`], token: parseJoinToken(otherToken), tokenText: otherToken, dataDir, nodeName: 'by-san', nodeIP: '192.0.2.8' });
      const { ca } = await fetchVerifiedCA(at('127.0.0.5').servers, parseJoinToken(otherToken));
      const dir = await mkdtemp(join(tmpdir(), 'berth-join-san-'));
      try {
        const ids = await ensureIdentities({ ...at('127.0.0.5'), dataDir: dir, ca });
        assert.equal(new X509Certificate(ids.node.cert).subject, 'O=system:nodes\nCN=system:node:by-san');
        // An address not in the certificate is refused by TLS.
        await assert.rejects(ensureIdentities({ ...at('127.0.0.6'), dataDir: await mkdtemp(join(tmpdir(), 'berth-join-san-')), ca }), /IP: 127\.0\.0\.6 is not in the cert's list/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } finally {
      await other.dispose();
    }
    const bad = spawnSync(process.execPath, [BERTH_BIN, 'server', '--tls-san', 'not a name', '--data-dir', dataDir], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--tls-san: "not a name" is neither a DNS name nor an IP address/);
  });

  it('a server with another CA is refused before anything is sent', async () => {
    const wrong = parseJoinToken(tokenText.replace(/^K10./, (m) => `K10${m[3] === 'a' ? 'b' : 'a'}`));
    await assert.rejects(fetchVerifiedCA([server.url], wrong), /presents a CA whose sha256 is [0-9a-f]{64}, but the join token is for CA [0-9a-f]{64}: refusing to join/);
  });

  it('hands Nodes a /24 each from --cluster-cidr; a node\'s own --pod-cidr is kept; nodes route to the others', async () => {
    const ids = await ensureIdentities({ servers: [server.url], token: parseJoinToken(tokenText), tokenText, dataDir, nodeName: 'joiner', nodeIP: '192.0.2.7', ca: (await fetchVerifiedCA([server.url], parseJoinToken(tokenText))).ca });
    const asNode = connectAs([server.url], ids.ca, ids.node, 'test');
    await asNode.create(nodes, undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'joiner' }, spec: {} });
    const kubectlNode = (name: string, spec: object) => kubectl(server.kubeconfig, ['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec }) });
    assert.equal((await kubectlNode('own', { podCIDR: '10.201.1.0/24', podCIDRs: ['10.201.1.0/24'] })).code, 0);
    for (const n of ['n2', 'n3']) assert.equal((await kubectlNode(n, {})).code, 0);
    const asProxy = connectAs([server.url], ids.ca, ids.proxy, 'test');
    const got = await until('pod CIDRs for all', async () => {
      const list = (await asProxy.list<Node>(nodes, undefined)).items;
      return list.every((n) => n.spec?.podCIDR) ? Object.fromEntries(list.map((n) => [n.metadata.name, n.spec!.podCIDR])) : undefined;
    }, 30_000);
    assert.equal(got.own, '10.201.1.0/24');
    assert.deepEqual(new Set([got.joiner, got.n2, got.n3]), new Set(['10.201.0.0/24', '10.201.2.0/24', '10.201.3.0/24']));
    // A fifth node finds the /22 full: it waits without a CIDR.
    assert.equal((await kubectlNode('n5', {})).code, 0);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await asProxy.get<Node>(nodes, undefined, 'n5')).spec?.podCIDR, undefined);
    const withIPs = (await asProxy.list<Node>(nodes, undefined)).items.map((n, i) => ({ ...n, status: { addresses: [{ type: 'InternalIP', address: `192.0.2.${10 + i}` }] } }));
    const routes = desiredRoutes(withIPs, 'joiner');
    assert.equal(routes.has(got.joiner!), false);
    assert.equal(routes.size, 3);
    assert.equal(routes.get(got.own!), withIPs.find((n) => n.metadata.name === 'own')!.status.addresses[0].address);
  });
});
