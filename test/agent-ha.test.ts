// An agent under two berth servers on one etcd member (loopback port 23850): both servers on this
// machine's address on the test's L2 segment, the agent in a network namespace given both as --server.
// Certificates from CSRs live 30 s (--cluster-signing-duration): the running agent renews them and its
// kubelet presents the new serving certificate, still Ready and serving logs after the first expired.
// Then the server the agent talks to is killed: the agent fails over, its Node stays Ready (its Lease
// keeps being renewed past the grace period) and its Pod keeps running.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { startAgent, type TestAgent } from './support/agent.js';
import { startEtcd, type TestEtcd } from './support/etcd.js';
import { holdHostLock } from './support/host-lock.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { createLan, LAN_HOST_IP, type Lan, type NetnsHost } from './support/netns.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const CLUSTER_CIDR = '10.201.0.0/16';
const NODE_IP = '192.168.231.31';
const KUBELET_PORT = 10250;
const LEADER_FLAGS = ['--leader-elect-lease-duration', '3s', '--leader-elect-renew-deadline', '2s', '--leader-elect-retry-period', '500ms'];

let lan: Lan | undefined;
let etcd: TestEtcd | undefined;
const servers: TestServer[] = [];
let host: NetnsHost;
let agent: TestAgent | undefined;

const k = (i: number, args: string[], input?: string) => kubectl(servers[i]!.kubeconfig, args, input === undefined ? {} : { input });
const jsonpath = async (i: number, obj: string, path: string) => (await k(i, ['get', obj, '-o', `jsonpath=${path}`])).stdout;
/** The server's URL as the agent's host reaches it. */
const lanURL = (s: TestServer) => `https://${LAN_HOST_IP}:${new URL(s.url).port}`;

/** The certificate the kubelet's endpoint presents now. */
function kubeletCertificate(): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: NODE_IP, port: KUBELET_PORT, rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw));
    });
    socket.once('error', reject);
  });
}

before(async () => {
  await holdHostLock();
  lan = await createLan();
  etcd = await startEtcd({ clientPort: 23850, peerPort: 23851 });
  const args = ['--datastore-endpoint', etcd.endpoint, '--bind-address', LAN_HOST_IP, '--cluster-cidr', CLUSTER_CIDR, '--node-monitor-grace-period', '8s', '--cluster-signing-duration', '30s', ...LEADER_FLAGS];
  servers.push(await startServer({ args }));
  const token = (await readFile(join(servers[0]!.dataDir, 'token'), 'utf8')).trim();
  servers.push(await startServer({ args: [...args, '--token', token] }));
  host = await lan.addHost(NODE_IP);
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-agent-ha-'));
  await ensureTestImages(dataDir);
  agent = await startAgent(host, { servers: servers.map(lanURL), token, dataDir, nodeName: 'ha-node', args: ['--cluster-cidr', CLUSTER_CIDR, '--node-lease-duration-seconds', '4', '--kubelet-port', String(KUBELET_PORT)] });
});

after(async () => {
  await agent?.dispose().catch(() => undefined);
  for (const s of servers) await s.dispose().catch(() => undefined);
  await etcd?.stop();
  await lan?.dispose();
});

/** What a failing wait shows: the agent's last words. */
async function diagnose<T>(wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- agent:\n${agent!.logs().slice(-4000)}`);
  }
}

const ready = async (i: number) => (await jsonpath(i, 'node/ha-node', '{.status.conditions[?(@.type=="Ready")].status}')) === 'True';

describe('an agent given two servers on one etcd', () => {
  it('renews its short-lived certificates while running: the kubelet presents the new one and still serves logs after the first expired', async () => {
    await diagnose(until('ha-node Ready', () => ready(0), 60_000));
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ticker' }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] }] } };
    assert.equal((await k(0, ['apply', '-f', '-'], JSON.stringify(pod))).code, 0);
    await diagnose(until('ticker Running', async () => (await jsonpath(0, 'pod/ticker', '{.status.phase}')) === 'Running', 60_000));
    const first = await kubeletCertificate();
    const firstExpiry = Date.parse(first.validTo);
    assert.ok(firstExpiry - Date.now() <= 30_000, `the serving certificate lives until ${first.validTo}, past --cluster-signing-duration`);
    const renewed = await diagnose(until('a new serving certificate', async () => {
      const now = await kubeletCertificate().catch(() => undefined);
      return now && now.serialNumber !== first.serialNumber ? now : undefined;
    }, 60_000, 500));
    assert.ok(Date.parse(renewed.validTo) > firstExpiry);
    // The new kubelet serves before the agent's line about it has come through its stderr pipe.
    await diagnose(until('the agent says it renewed', () => /certificates renewed/.test(agent!.logs()), 30_000));
    await new Promise((r) => setTimeout(r, Math.max(0, firstExpiry - Date.now() + 1000)));
    // Past the first certificates' end: the API server reaches the kubelet (it checks its serving certificate) and the node reports.
    const logs = await k(0, ['logs', 'ticker', '--tail', '1']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /^tick$/m);
    assert.equal(await ready(0), true);
    assert.match((await k(0, ['get', 'csr', '--no-headers'])).stdout, /kube-apiserver-client-kubelet\s+system:node:ha-node\s+<none>\s+Approved,Issued/);
  });

  it('fails over when the server it talks to dies: its Node stays Ready and its Pod keeps running', async () => {
    const renewTime = async () => Date.parse((await k(1, ['get', 'lease', 'ha-node', '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}'])).stdout);
    // The agent talks to the first of its servers while it answers.
    await servers[0]!.kill();
    const killedAt = Date.now();
    // Past the node monitor's grace period (8 s): a node not heard of would be Unknown by now.
    await diagnose(until('the Lease renewed through the other server, past the grace period', async () => {
      const r = await renewTime().catch(() => 0);
      return Date.now() - killedAt > 12_000 && r > killedAt + 8_000 ? true : undefined;
    }, 60_000, 500).then(() => undefined, (e: Error) => Promise.reject(new Error(`${e.message} (kube-node-lease)`))));
    assert.equal(await ready(1), true);
    assert.equal(await jsonpath(1, 'pod/ticker', '{.status.phase}'), 'Running');
    assert.equal(await jsonpath(1, 'pod/ticker', '{.status.containerStatuses[0].restartCount}'), '0');
    const logs = await k(1, ['logs', 'ticker', '--tail', '1']);
    assert.equal(logs.code, 0, logs.stderr);
  });
});
