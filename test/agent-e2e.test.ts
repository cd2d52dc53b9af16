// `berth server` and two `berth agent`s, each agent in a network namespace of its own acting as a host
// on one L2 segment (192.168.231.0/24): the join through the token and CSRs, Pods scheduled on both
// nodes reaching each other by IP (host-gw routes, pod CIDRs from --cluster-cidr), an agent killed and
// restarted adopting its running containers, and joins that must be refused.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatJoinToken, parseJoinToken } from '../src/cli/join-token.js';
import { diagnose as diagnoseWith, httpAnswerFrom, httpGetFrom, podOn, startAgent, runAgent, type TestAgent } from './support/agent.js';
import { holdHostLock } from './support/host-lock.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { createLan, LAN_HOST_IP, type Lan, type NetnsHost } from './support/netns.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const CLUSTER_CIDR = '10.201.0.0/16';
let lan: Lan | undefined;
let server: TestServer | undefined;
const agents = new Map<string, TestAgent>();
const hosts = new Map<string, NetnsHost>();
const dataDirs = new Map<string, string>();
let token = '';

const k = (args: string[], input?: string) => kubectl(server!.kubeconfig, args, input === undefined ? {} : { input });
const jsonpath = async (obj: string, path: string) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;

async function joinAgent(name: string, servers = [server!.url]): Promise<TestAgent> {
  const agent = await startAgent(hosts.get(name)!, { servers, token, dataDir: dataDirs.get(name)!, nodeName: name, args: ['--cluster-cidr', CLUSTER_CIDR, '--node-lease-duration-seconds', '4', '--kubelet-port', '0'] });
  agents.set(name, agent);
  return agent;
}

const fetchFromClient = (ip: string) => httpGetFrom(k, 'client', ip);
const diagnose = <T>(wait: Promise<T>) => diagnoseWith(k, agents, wait);

const nodeReady = (name: string) => until(`node ${name} Ready`, async () => (await jsonpath(`node/${name}`, '{.status.conditions[?(@.type=="Ready")].status}')) === 'True', 60_000);

before(async () => {
  await holdHostLock();
  lan = await createLan();
  server = await startServer({ args: ['--bind-address', LAN_HOST_IP, '--cluster-cidr', CLUSTER_CIDR, '--node-monitor-grace-period', '6s'] });
  token = (await readFile(join(server.dataDir, 'token'), 'utf8')).trim();
  for (const [name, ip] of [['agent1', '192.168.231.11'], ['agent2', '192.168.231.12']]) {
    hosts.set(name, await lan.addHost(ip));
    const dir = await mkdtemp(join(tmpdir(), `berth-${name}-`));
    await ensureTestImages(dir);
    dataDirs.set(name, dir);
  }
});

after(async () => {
  for (const a of agents.values()) await a.dispose().catch(() => undefined);
  await server?.dispose();
  await lan?.dispose();
});

describe('berth agent: a cluster of three hosts', () => {
  it('joins with the token: CSRs Approved,Issued, kubelet.kubeconfig kept, Nodes Ready with pod CIDRs from --cluster-cidr', async () => {
    // The first --server is down: the agent fails over to the next.
    await joinAgent('agent1', [`https://${LAN_HOST_IP}:1`, server!.url]);
    await joinAgent('agent2');
    await Promise.all([nodeReady('agent1'), nodeReady('agent2')]);
    const csrs = (await k(['get', 'csr', '--no-headers'])).stdout;
    assert.match(csrs, /kubernetes\.io\/kube-apiserver-client-kubelet\s+system:bootstrap:server\s+<none>\s+Approved,Issued/);
    assert.match(csrs, /kubernetes\.io\/kubelet-serving\s+system:node:agent1\s+<none>\s+Approved,Issued/);
    const kc = await readFile(join(dataDirs.get('agent1')!, 'kubelet.kubeconfig'), 'utf8');
    assert.match(kc, /client-certificate-data/);
    const cidrs = (await k(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.podCIDR}={.status.addresses[?(@.type=="InternalIP")].address} {end}'])).stdout.trim().split(' ').sort();
    const byNode = Object.fromEntries(cidrs.map((c) => c.split('=').slice(0, 2)));
    assert.deepEqual(cidrs.map((c) => c.replace(/=10\.201\.\d+\.0\/24=/, '=<a /24 of the cluster CIDR>=')), ['agent1=<a /24 of the cluster CIDR>=192.168.231.11', 'agent2=<a /24 of the cluster CIDR>=192.168.231.12']);
    assert.notEqual(byNode.agent1, byNode.agent2);
    // Each host routes the other's Pods to it.
    await diagnose(until('agent1 routes agent2\'s Pods to it', async () => /via 192\.168\.231\.12/.test((await hosts.get('agent1')!.exec(['ip', 'route', 'show', byNode.agent2])).stdout), 60_000));
  });

  it('Pods land on both nodes and one reaches the other by IP', async () => {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      podOn('client', 'agent1', 'exec sleep 3600'),
      podOn('web', 'agent2', 'mkdir /www && echo hello from agent2 > /www/index.html && exec httpd -f -p 8080 -h /www'),
    ] }));
    assert.equal(r.code, 0, r.stderr);
    await diagnose(until('both Running', async () => (await jsonpath('pods', '{.items[*].status.phase}')) === 'Running Running', 90_000));
    const wide = (await k(['get', 'pods', '-o', 'wide', '--no-headers'])).stdout;
    assert.match(wide, /^client\s+1\/1\s+Running\s+0\s+\S+\s+10\.201\.\d+\.\d+\s+agent1/m);
    assert.match(wide, /^web\s+1\/1\s+Running\s+0\s+\S+\s+10\.201\.\d+\.\d+\s+agent2/m);
    const webIP = await jsonpath('pod/web', '{.status.podIP}');
    const got = await diagnose(httpAnswerFrom(k, 'client', webIP));
    assert.match(got, /^HTTP\/1\.[01] 200 OK/);
    assert.match(got, /hello from agent2\n$/);
  });

  it('an agent killed turns its Node and Pods Unknown; restarted, it adopts its running containers', async () => {
    const containerID = await jsonpath('pod/web', '{.status.containerStatuses[0].containerID}');
    await agents.get('agent2')!.kill();
    await until('agent2 Unknown', async () => (await jsonpath('node/agent2', '{.status.conditions[?(@.type=="Ready")].status}')) === 'Unknown', 60_000);
    await until('web Unknown', async () => (await jsonpath('pod/web', '{.status.phase}')) === 'Unknown', 60_000);
    // Its container kept serving meanwhile.
    const webIP = await jsonpath('pod/web', '{.status.podIP}');
    assert.match((await fetchFromClient(webIP)).stdout, /hello from agent2\n$/);
    const restarted = await joinAgent('agent2');
    assert.doesNotMatch(restarted.logs(), /certificate signing request/);
    await nodeReady('agent2');
    await until('web Running again', async () => (await jsonpath('pod/web', '{.status.phase}')) === 'Running', 60_000);
    assert.equal(await jsonpath('pod/web', '{.status.containerStatuses[0].restartCount}'), '0');
    assert.equal(await jsonpath('pod/web', '{.status.containerStatuses[0].containerID}'), containerID);
  });

  it('refuses a wrong token, and a server whose CA is not the token\'s', async () => {
    const t = parseJoinToken(token);
    const host = hosts.get('agent1')!;
    const wrongSecret = formatJoinToken({ ...t, secret: 'x'.repeat(48) });
    const dir = await mkdtemp(join(tmpdir(), 'berth-refused-'));
    const bad = await runAgent(host, ['--server', server!.url, '--token', wrongSecret, '--data-dir', dir, '--node-name', 'intruder']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /berth: the server refused the join token \(401 Unauthorized\)/);
    const wrongCA = formatJoinToken({ ...t, caHash: 'f'.repeat(64) });
    const impostor = await runAgent(host, ['--server', server!.url, '--token', wrongCA, '--data-dir', dir, '--node-name', 'intruder']);
    assert.equal(impostor.code, 1);
    assert.match(impostor.stderr, /presents a CA whose sha256 is [0-9a-f]{64}, but the join token is for CA f{64}: refusing to join/);
    assert.equal((await k(['get', 'node', 'intruder'])).code, 1);
  });
});
