// `berth agent --pod-network vxlan`: two agents in network namespaces on different subnets
// (192.168.233.0/24 and 192.168.234.0/24) joined only through a router namespace, so a host-gw route
// (next hop the other node's IP) could not be made; the server is this machine, on the first subnet.
// Pods on both nodes reach each other over the overlay (its device's counters rise), each node's VTEP
// MAC is on its Node, and a Node deleted takes the other node's entries for it along.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Node } from '../src/api/types.js';
import { desiredOverlay, VTEP_MAC_ANNOTATION, VXLAN_DEVICE } from '../src/cli/agent/vxlan.js';
import { diagnose as diagnoseWith, httpAnswerFrom, podOn, runAgent, startAgent, type TestAgent } from './support/agent.js';
import { holdHostLock } from './support/host-lock.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { createLan, type Lan, type NetnsHost } from './support/netns.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const CLUSTER_CIDR = '10.202.0.0/16';
const HOSTS = [['agent1', '192.168.233.11'], ['agent2', '192.168.234.12']] as const;
let lan: Lan | undefined;
let server: TestServer | undefined;
const agents = new Map<string, TestAgent>();
const hosts = new Map<string, NetnsHost>();
let token = '';

const k = (args: string[], input?: string) => kubectl(server!.kubeconfig, args, input === undefined ? {} : { input });
const jsonpath = async (obj: string, path: string) => (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
const diagnose = <T>(wait: Promise<T>) => diagnoseWith(k, agents, wait);
const inHost = async (name: string, args: string[]) => (await hosts.get(name)!.exec(args)).stdout;
const txPackets = async (name: string) => (JSON.parse(await inHost(name, ['ip', '-j', '-s', 'link', 'show', 'dev', VXLAN_DEVICE])) as { stats64: { tx: { packets: number } } }[])[0]!.stats64.tx.packets;

before(async () => {
  await holdHostLock();
  lan = await createLan(['192.168.233', '192.168.234']);
  server = await startServer({ args: ['--bind-address', lan.hostIP, '--cluster-cidr', CLUSTER_CIDR, '--node-monitor-grace-period', '6s'] });
  token = (await readFile(join(server.dataDir, 'token'), 'utf8')).trim();
  for (const [name, ip] of HOSTS) hosts.set(name, await lan.addHost(ip));
});

after(async () => {
  for (const a of agents.values()) await a.dispose().catch(() => undefined);
  await server?.dispose();
  await lan?.dispose();
});

describe('berth agent --pod-network vxlan: nodes on two subnets', () => {
  it('wants entries for every other node with a VTEP MAC and an IPv4 address, none for itself', () => {
    const node = (name: string, ip: string, podCIDR: string, mac?: string): Node => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name, ...(mac ? { annotations: { [VTEP_MAC_ANNOTATION]: mac } } : {}) },
      spec: { podCIDR }, status: { addresses: [{ type: 'InternalIP', address: ip }] },
    });
    const t = desiredOverlay([
      node('self', '192.0.2.1', '10.202.1.0/24', '02:00:00:00:00:01'),
      node('peer', '192.0.2.2', '10.202.2.0/24', '02:00:00:00:00:0A'),
      node('no-mac-yet', '192.0.2.3', '10.202.3.0/24'),
      node('bad-mac', '192.0.2.4', '10.202.4.0/24', 'not a mac'),
      node('v6', '2001:db8::5', '10.202.5.0/24', '02:00:00:00:00:05'),
    ], 'self');
    assert.deepEqual([...t.routes], [['10.202.2.0/24', '10.202.2.0']]);
    assert.deepEqual([...t.neighbours], [['10.202.2.0', '02:00:00:00:00:0a']]);
    assert.deepEqual([...t.fdb], [['02:00:00:00:00:0a', '192.0.2.2']]);
  });

  it('refuses an unknown --pod-network', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-refused-'));
    const r = await runAgent(hosts.get('agent1')!, ['--server', server!.url, '--token', token, '--data-dir', dir, '--pod-network', 'flannel']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--pod-network: "flannel" is not one of host-gw, vxlan/);
  });

  it('the nodes are not on one segment: agent1 cannot route to agent2 host-gw style', async () => {
    const r = await hosts.get('agent1')!.exec(['ip', 'route', 'add', '10.202.250.0/24', 'via', '192.168.234.12']).then(() => '', (e: Error) => e.message);
    assert.match(r, /Nexthop has invalid gateway|Network is unreachable/);
  });

  it('joins both, each publishing its VTEP MAC, and routes the other\'s pod CIDR through the overlay', async () => {
    for (const [name] of HOSTS) {
      const dataDir = await mkdtemp(join(tmpdir(), `berth-${name}-`));
      await ensureTestImages(dataDir);
      agents.set(name, await startAgent(hosts.get(name)!, { servers: [server!.url], token, dataDir, nodeName: name, args: ['--pod-network', 'vxlan', '--cluster-cidr', CLUSTER_CIDR, '--kubelet-port', '0'] }));
    }
    const macs = new Map<string, string>();
    for (const [name] of HOSTS) {
      await diagnose(until(`${name}'s VTEP MAC on its Node`, async () => (await jsonpath(`node/${name}`, `{.metadata.annotations.${VTEP_MAC_ANNOTATION.replace(/\./g, '\\.')}}`)) !== '', 30_000));
      const mac = await jsonpath(`node/${name}`, `{.metadata.annotations.${VTEP_MAC_ANNOTATION.replace(/\./g, '\\.')}}`);
      const link = (JSON.parse(await inHost(name, ['ip', '-j', '-d', 'link', 'show', 'dev', VXLAN_DEVICE])) as { address: string; mtu: number; linkinfo: { info_data: { id: number; port: number; local: string; learning: boolean } } }[])[0]!;
      assert.equal(link.address, mac);
      assert.deepEqual({ id: link.linkinfo.info_data.id, port: link.linkinfo.info_data.port, local: link.linkinfo.info_data.local, learning: link.linkinfo.info_data.learning, mtu: link.mtu }, { id: 1, port: 8472, local: hosts.get(name)!.ip, learning: false, mtu: 1450 });
      macs.set(name, mac);
    }
    const cidr2 = await jsonpath('node/agent2', '{.spec.podCIDR}');
    assert.match(cidr2, /^10\.202\.\d+\.0\/24$/);
    const vtep2 = cidr2.replace(/\/24$/, '');
    await diagnose(until('agent1 routes agent2\'s Pods over the overlay', async () => new RegExp(`via ${vtep2.replace(/\./g, '\\.')} dev berth\\.1 proto 231 onlink`).test(await inHost('agent1', ['ip', 'route', 'show', cidr2])), 60_000));
    assert.match(await inHost('agent1', ['ip', 'neigh', 'show', 'dev', VXLAN_DEVICE]), new RegExp(`^${vtep2.replace(/\./g, '\\.')} lladdr ${macs.get('agent2')} PERMANENT`, 'm'));
    assert.match(await inHost('agent1', ['bridge', 'fdb', 'show', 'dev', VXLAN_DEVICE]), new RegExp(`^${macs.get('agent2')} dst 192\\.168\\.234\\.12 self permanent`, 'm'));
  });

  it('a Pod on agent1 reaches a Pod on agent2 by IP, through the VXLAN device', async () => {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      podOn('client', 'agent1', 'exec sleep 3600'),
      // ~110 KB: full-sized segments must fit the overlay's smaller MTU too.
      podOn('web', 'agent2', 'mkdir /www && seq 1 20000 > /www/index.html && echo hello over vxlan >> /www/index.html && exec httpd -f -p 8080 -h /www'),
    ] }));
    assert.equal(r.code, 0, r.stderr);
    await diagnose(until('both Running', async () => (await jsonpath('pods', '{.items[*].status.phase}')) === 'Running Running', 90_000));
    const webIP = await jsonpath('pod/web', '{.status.podIP}');
    assert.match(webIP, /^10\.202\./);
    const sentBefore = await Promise.all([txPackets('agent1'), txPackets('agent2')]);
    const got = await diagnose(httpAnswerFrom(k, 'client', webIP));
    assert.match(got, /^HTTP\/1\.[01] 200 OK/);
    assert.match(got, /\n19999\n20000\nhello over vxlan\n$/);
    assert.ok(got.length > 108_000, `only ${got.length} bytes came`);
    // The request left agent1 through its VXLAN device and the answer agent2 through its own.
    const sentAfter = await Promise.all([txPackets('agent1'), txPackets('agent2')]);
    assert.ok(sentAfter[0] > sentBefore[0] && sentAfter[1] > sentBefore[1], `tx packets on ${VXLAN_DEVICE}: ${sentBefore} before, ${sentAfter} after`);
  });

  it('a Node deleted takes the other node\'s route, neighbour and fdb entries for it', async () => {
    const cidr2 = await jsonpath('node/agent2', '{.spec.podCIDR}');
    await agents.get('agent2')!.stop();
    assert.equal((await k(['delete', 'node', 'agent2'])).code, 0);
    await diagnose(until('agent1 forgot agent2', async () => {
      const left = [await inHost('agent1', ['ip', 'route', 'show', cidr2]), await inHost('agent1', ['ip', 'neigh', 'show', 'dev', VXLAN_DEVICE, 'nud', 'permanent']), await inHost('agent1', ['bridge', 'fdb', 'show', 'dev', VXLAN_DEVICE])];
      return left.every((l) => !/192\.168\.234\.12|lladdr|via/.test(l));
    }, 60_000));
  });
});
