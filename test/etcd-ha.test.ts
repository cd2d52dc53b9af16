// Two berth servers on a 3-member etcd cluster (real processes on loopback, ports 23800-23805): the
// second joins with the first's token and takes the cluster's CA from etcd; a wrong token (or one naming
// another CA) is refused;
// a write through one is seen by the other's watchers; the scheduler and controllers hold Leases in
// kube-system; and during a stream of 1,000 writes through a client that fails over between the two,
// killing the etcd leader and then the leading berth server loses no acknowledged write, writes resume
// within 5 s, and the scheduler's leadership moves to the survivor.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isApiError } from '../src/api/errors.js';
import type { ConfigMap, Endpoints, KObject, Lease, Node, Pod, Service } from '../src/api/types.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { configMaps, endpoints, leases, nodes, pods, services } from '../src/client/resources.js';
import { RestClient } from '../src/client/rest.js';
import { startEtcdCluster, type TestEtcdCluster } from './support/etcd.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

/** In this file's range of ports (23800-23899), on 127.0.0.2 and 127.0.0.3. */
const API_PORT = 23810;
/** Short Leases, so that leadership moves within the test's 5 s. */
const LEADER_FLAGS = ['--leader-elect-lease-duration', '3s', '--leader-elect-renew-deadline', '2s', '--leader-elect-retry-period', '500ms'];

async function clientOf(kubeconfig: string, url: string): Promise<RestClient> {
  return new RestClient(new HttpsTransport({ ...(await loadKubeconfig(kubeconfig)), server: url }));
}

/** Whether `server` logged that it leads `lease`, and has not since lost it. */
function leads(server: TestServer, lease: string): boolean {
  const log = server.logs();
  return log.lastIndexOf(`became the leader of ${lease}`) > log.lastIndexOf(`lost the lease ${lease}`);
}

/** `berth server` that is expected to fail: its exit code and what it said. */
function failedStart(dataDir: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BERTH_BIN, 'server', '--data-dir', dataDir, '--port', '0', '--disable-agent', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('listening on')) child.kill();
    });
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

const readyNode = (name: string): Node => ({
  metadata: { name },
  status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

describe('two berth servers on a 3-member etcd', () => {
  let etcd: TestEtcdCluster;
  let servers: TestServer[] = [];
  let token: string;
  const clients: RestClient[] = [];

  before(async () => {
    etcd = await startEtcdCluster(23800);
    // The test's Node has no kubelet: a long grace keeps it schedulable.
    // A Service range of 28 usable addresses, so that servers picking at random meet.
    const args = ['--datastore-endpoint', etcd.endpoints, '--node-monitor-grace-period', '600s', '--service-cidr', '10.96.0.0/27', ...LEADER_FLAGS];
    // Two addresses, one port, as API servers behind the kubernetes Service are meant to be.
    const at = (i: number) => ['--bind-address', `127.0.0.${2 + i}`, '--port', String(API_PORT)];
    const first = await startServer({ args: [...args, ...at(0)] });
    token = (await readFile(join(first.dataDir, 'token'), 'utf8')).trim();
    const second = await startServer({ args: [...args, ...at(1), '--token', token] });
    servers = [first, second];
    for (const s of servers) clients.push(await clientOf(first.kubeconfig, s.url));
  });
  after(async () => {
    for (const c of clients) c.transport.close();
    for (const s of servers) await s.dispose();
    await etcd?.stop();
  });

  it('shares one CA: the first server\'s kubeconfig works against the second, and its token is the same', async () => {
    assert.equal((await readFile(join(servers[1]!.dataDir, 'pki', 'ca.crt'), 'utf8')), await readFile(join(servers[0]!.dataDir, 'pki', 'ca.crt'), 'utf8'));
    assert.equal((await readFile(join(servers[1]!.dataDir, 'token'), 'utf8')).trim(), token);
    const ns = await clients[1]!.get<KObject>({ group: '', version: 'v1', plural: 'namespaces', namespaced: false, kind: 'Namespace' }, undefined, 'default');
    assert.equal(ns.metadata.name, 'default');
  });

  it('refuses a second server with a wrong token, or none, saying why', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-test-'));
    try {
      const wrong = token.replace(/:[^:]+$/, ':not-the-secret-0123456789');
      const refused = await failedStart(dataDir, ['--datastore-endpoint', etcd.endpoints, '--token', wrong]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /--token: wrong token: it does not open this datastore's cluster secrets/);
      // The right secret with another CA's hash: not this cluster.
      const otherCa = token.replace(/^K10[0-9a-f]{64}/, `K10${'0'.repeat(64)}`);
      const foreign = await failedStart(dataDir, ['--datastore-endpoint', etcd.endpoints, '--token', otherCa]);
      assert.notEqual(foreign.code, 0);
      assert.match(foreign.stderr, /--token: the token's CA hash does not match the cluster's CA in the datastore/);
      const none = await failedStart(dataDir, ['--datastore-endpoint', etcd.endpoints]);
      assert.notEqual(none.code, 0);
      assert.match(none.stderr, /the datastore already holds a cluster: join it with --token/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("feeds each server's watch cache from etcd: a write through one reaches the other's watchers", async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const ev of clients[1]!.watch<ConfigMap>(configMaps, 'default', { resourceVersion: '0' }, ac.signal)) if (ev.type === 'ADDED') seen.push(ev.object.metadata.name!);
    })().catch(() => undefined);
    try {
      await clients[0]!.create(configMaps, 'default', { metadata: { name: 'through-first' }, data: { a: '1' } });
      await until('the second server to stream the first one\'s write', () => seen.includes('through-first'), 60_000);
      // And a read there finds it too.
      assert.equal((await clients[1]!.get<ConfigMap>(configMaps, 'default', 'through-first')).data?.a, '1');
    } finally {
      ac.abort();
      await watching;
    }
  });

  it('elects one scheduler and one controller manager: kubectl shows the Leases\' holders', async () => {
    await until('both Leases to be held', () => servers.some((s) => leads(s, 'kube-scheduler')) && servers.some((s) => leads(s, 'kube-controller-manager')), 30_000);
    assert.equal(servers.filter((s) => leads(s, 'kube-scheduler')).length, 1, 'one scheduler leads');
    const got = await kubectl(servers[1]!.kubeconfig, ['get', 'lease', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.holderIdentity}{"\\n"}{end}']);
    assert.equal(got.code, 0, got.stderr);
    const holders = Object.fromEntries(got.stdout.trim().split('\n').map((l) => l.split('=')));
    assert.match(holders['kube-scheduler'] ?? '', /^.+_[0-9a-f-]{36}$/);
    assert.match(holders['kube-controller-manager'] ?? '', /^.+_[0-9a-f-]{36}$/);
  });

  it("lists both servers in the kubernetes Service's endpoints", async () => {
    const addresses = await until('both servers in the endpoints', async () => {
      const ep = await clients[0]!.get<Endpoints>(endpoints, 'default', 'kubernetes');
      const ips = (ep.subsets?.[0]?.addresses ?? []).map((a) => a.ip).join(',');
      return ips === '127.0.0.2,127.0.0.3' && ep.subsets?.[0]?.ports?.[0]?.port === API_PORT && ips;
    }, 30_000);
    assert.equal(addresses, '127.0.0.2,127.0.0.3');
  });

  it('never hands out one cluster IP or node port twice, whichever server each Service goes through', async () => {
    const svc = (name: string, spec: Record<string, unknown> = {}): KObject => ({ metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
    // 24 of the 28 addresses at once, half through each server.
    const made = await Promise.all(Array.from({ length: 24 }, (_, i) => clients[i % 2]!.create<Service>(services, 'default', svc(`s-${i}`))));
    const ips = made.map((m) => m.spec.clusterIP);
    assert.equal(new Set(ips).size, 24, `distinct cluster IPs: ${ips.join(' ')}`);
    // One address, one node port, asked for by name through both at once: one Service each gets it.
    const twice = (name: string, spec: Record<string, unknown>) => Promise.allSettled(clients.map((c, i) => c.create<Service>(services, 'default', svc(`${name}-${i}`, spec))));
    const ipRace = await twice('ip', { clusterIP: '10.96.0.30' }).then((r) => r.filter((x) => x.status === 'fulfilled').length);
    const alive = (await clients[0]!.list<Service>(services, 'default')).items.filter((x) => x.spec.clusterIP === '10.96.0.30');
    assert.equal(alive.length, 1, 'one Service has the named address');
    assert.ok(ipRace <= 1);
    const portRace = await twice('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 31234 }] });
    assert.equal(portRace.filter((x) => x.status === 'fulfilled').length, 1);
    const refused = portRace.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    assert.match(String(refused.reason), /provided port is already allocated/);
    // Deleting a Service frees its port for the other server.
    const holder = (portRace.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<Service>).value.metadata.name!;
    await clients[0]!.delete(services, 'default', holder);
    await until('the port to be free through the other server', () => clients[1]!.create(services, 'default', svc('np-again', { type: 'NodePort', ports: [{ port: 80, nodePort: 31234 }] })).then(() => true, () => false), 60_000);
  });

  it('loses no acknowledged write of 1,000 when the etcd leader and then the leading berth server die; writes resume within 5 s and scheduling moves', async (t) => {
    await clients[0]!.create(nodes, undefined, readyNode('ha-node'));
    await until('a scheduler to lead', () => servers.some((s) => leads(s, 'kube-scheduler')), 30_000);
    const doomed = servers.findIndex((s) => leads(s, 'kube-scheduler'));
    const survivor = 1 - doomed;
    const acked = new Set<string>();
    let at = 0;
    let killedServerAt = 0;
    let firstAckAfterKill = 0;
    // A client that stays with a server until a request fails, then moves to the other.
    let current = doomed;
    const write = async (name: string): Promise<void> => {
      for (let tries = 0; ; tries++) {
        const c = clients[current]!;
        try {
          await withTimeout(c.create(configMaps, 'default', { metadata: { name }, data: { n: name } }), 3000);
          break;
        } catch (e) {
          // A retry that finds the name taken: the earlier try was stored after all.
          if (tries > 0 && isApiError(e, 'AlreadyExists')) break;
          if (tries > 200) throw e;
          if (clients[current] === c) current = 1 - current;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      acked.add(name);
      if (killedServerAt && !firstAckAfterKill) firstAckAfterKill = Date.now();
    };
    const lanes = Array.from({ length: 8 }, async () => {
      while (at < 1000) {
        const i = at++;
        if (i === 300) etcd.members[await etcd.leader()]!.process.kill('SIGKILL');
        if (i === 600) {
          await servers[doomed]!.kill();
          killedServerAt = Date.now();
        }
        await write(`w-${String(i).padStart(4, '0')}`);
      }
    });
    await Promise.all(lanes);
    assert.equal(acked.size, 1000);
    const resumedMs = firstAckAfterKill - killedServerAt;
    assert.ok(resumedMs <= 5000, `writes resumed ${resumedMs} ms after the berth server died`);
    t.diagnostic(`writes resumed ${resumedMs} ms after the berth server died`);
    const stored = new Set((await clients[survivor]!.list<ConfigMap>(configMaps, 'default')).items.map((c) => c.metadata.name!));
    const lost = [...acked].filter((n) => !stored.has(n));
    assert.deepEqual(lost, [], 'every acknowledged write is stored');

    // The scheduler now runs on the survivor: a Pod made after the kill is bound.
    await clients[survivor]!.create(pods, 'default', { metadata: { name: 'after-failover' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const node = await until('the Pod to be bound', async () => (await clients[survivor]!.get<Pod>(pods, 'default', 'after-failover')).spec.nodeName, 30_000);
    assert.equal(node, 'ha-node');
    assert.ok(leads(servers[survivor]!, 'kube-scheduler'), 'the survivor leads the scheduler');
    const lease = await clients[survivor]!.get<Lease>(leases, 'kube-system', 'kube-scheduler');
    assert.ok((lease.spec?.leaseTransitions ?? 0) >= 1, 'the Lease changed hands');
    // And the dead server's address leaves the kubernetes Service's endpoints once its Lease expires.
    const left = await until('the endpoints to list the survivor alone', async () => {
      const ep = await clients[survivor]!.get<Endpoints>(endpoints, 'default', 'kubernetes');
      const ips = (ep.subsets?.[0]?.addresses ?? []).map((a) => a.ip);
      return ips.length === 1 && ips[0];
    }, 60_000);
    assert.equal(left, `127.0.0.${2 + survivor}`);
  });
});

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}
