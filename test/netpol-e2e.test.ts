// NetworkPolicy enforced on a real node: `berth server` with its kubelet, real busybox Pods serving
// httpd, the real kubectl applying policies, and connections tried from inside the Pods with nc. Each
// case applies its policies, checks who gets through (a reply proves both directions), deletes them and
// checks that traffic is back. Prints how long a new policy takes to reach the kernel.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { apiFor, type Api } from './support/api.js';
import { ensureTestImages } from './support/images.js';
import { kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const run = promisify(execFile);
let server: TestServer;
let api: Api;
let table: string;
const ips: Record<string, string> = {};
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });

// Every Pod serves its own name on 8080 (the port named http) and on 9090 (unnamed).
const PODS = [
  { ns: 'default', name: 'web', labels: { app: 'web' } },
  { ns: 'default', name: 'client-a', labels: { role: 'allowed' } },
  { ns: 'default', name: 'client-b', labels: { role: 'denied' } },
  { ns: 'team-a', name: 'client-c', labels: { role: 'allowed' } },
];

function podManifest(p: (typeof PODS)[number]): Record<string, unknown> {
  const script = `echo ${p.name} > /tmp/index.html && httpd -p 9090 -h /tmp && exec httpd -f -p 8080 -h /tmp`;
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { namespace: p.ns, name: p.name, labels: p.labels },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ports: [{ name: 'http', containerPort: 8080 }] }] },
  };
}


const netnsOf: Record<string, string> = {};
const REQUEST = `printf 'GET / HTTP/1.0\\r\\n\\r\\n'`;

/**
 * Whether `from` gets `to`'s page on port (at `to`'s Pod IP unless an address is given): a dropped SYN
 * gives up after a second. nc runs in the Pod's own network namespace, so its packets are the Pod's;
 * kubectl exec would send the same ones at ten times the cost (see the first case).
 */
async function reaches(from: string, to: string, port = 8080, address = ips[to]): Promise<boolean> {
  const r = await run('nsenter', [`--net=${netnsOf[from]}`, 'busybox', 'sh', '-c', `${REQUEST} | busybox nc -w 1 ${address} ${port}`]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return r.stdout.trimEnd().endsWith(`\n${to}`);
}

type Case = [from: string, to: string, want: boolean, port?: number, address?: string];

async function expectReach(cases: Case[]): Promise<void> {
  const got = await Promise.all(cases.map(([from, to, , port, address]) => reaches(from, to, port, address)));
  const wrong = cases.filter((c, i) => got[i] !== c[2]).map(([from, to, want, port, address]) => `${from} → ${to} at ${address ?? ips[to]}:${port ?? 8080} ${want ? 'blocked' : 'got through'}`);
  assert.deepEqual(wrong, [], 'connections that did not go as the policies say');
}

async function nftTable(): Promise<string> {
  return run('nft', ['list', 'table', 'inet', table]).then((r) => r.stdout, () => '');
}

function policy(name: string, spec: Record<string, unknown>, ns = 'default'): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

/** Applies policies, runs check, deletes them and waits for the table to be gone again. */
async function withPolicies(policies: Record<string, unknown>[], check: () => Promise<void>): Promise<void> {
  const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: policies }));
  assert.equal(r.code, 0, r.stderr);
  // A policy with rules shows in the table by name; one without, by the drop it adds.
  const meta = (p: Record<string, unknown>) => p.metadata as { namespace: string; name: string };
  const hasRules = (p: Record<string, unknown>) => { const spec = p.spec as { ingress?: unknown[]; egress?: unknown[] }; return !!(spec.ingress?.length || spec.egress?.length); };
  const names = policies.filter(hasRules).map((p) => `${meta(p).namespace}/${meta(p).name}`);
  const dropOnly = policies.some((p) => !hasRules(p));
  await until('the policies in the node table', async () => {
    const t = await nftTable();
    return names.every((n) => t.includes(`"${n}"`)) && (!dropOnly || t.includes('not allowed by any policy'));
  }, 60_000, 20);
  try {
    await check();
  } finally {
    assert.equal((await k(['delete', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: policies }))).code, 0);
    await until('the node table to be removed', async () => (await nftTable()) === '', 60_000, 20);
  }
}

/** Milliseconds from creating a web-from-allowed policy through the API to its rules in the kernel. */
async function timeToEnforce(name: string): Promise<number> {
  const t0 = performance.now();
  const created = await api.call('POST', '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', policy(name, { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'allowed' } } }] }] }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await until('the policy in the kernel', async () => (await nftTable()).includes(`"default/${name}"`), 60_000, 2);
  return performance.now() - t0;
}

before(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-netpol-'));
  await ensureTestImages(dataDir);
  table = (await hostNamesFor(dataDir)).networkPolicyTable;
  // What an earlier run of this node might have left: the first sync must replace it.
  await run('nft', ['add', 'table', 'inet', table]);
  await run('nft', ['add', 'chain', 'inet', table, 'forward', '{ type filter hook forward priority filter; policy drop; }']);
  server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
  api = await apiFor(server.kubeconfig);
  assert.equal((await k(['create', 'namespace', 'team-a'])).code, 0);
  assert.equal((await k(['label', 'namespace', 'team-a', 'team=a'])).code, 0);
  const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: PODS.map(podManifest) }));
  assert.equal(r.code, 0, r.stderr);
  for (const p of PODS) {
    ips[p.name] = await until(`${p.name} Ready`, async () => {
      const pod = (await api.call('GET', `/api/v1/namespaces/${p.ns}/pods/${p.name}`)).body;
      return pod.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True') && pod.status.podIP;
    });
  }
  // Each Pod's network namespace, found by the address in it.
  const nsDir = join(dataDir, 'runtime', 'netns');
  for (const file of await readdir(nsDir)) {
    const out = (await run('nsenter', [`--net=${join(nsDir, file)}`, 'ip', '-4', '-o', 'addr', 'show', 'eth0'])).stdout;
    const pod = Object.keys(ips).find((name) => out.includes(` ${ips[name]}/`));
    if (pod) netnsOf[pod] = join(nsDir, file);
  }
  assert.deepEqual(Object.keys(netnsOf).sort(), PODS.map((p) => p.name).sort());
  await until('every httpd serving', async () => (await Promise.all(PODS.map((p) => reaches('web', p.name)))).every(Boolean), 60_000, 200);
});

after(async () => {
  if (!server) return;
  api?.close();
  await k(['delete', 'pods', '--all', '--all-namespaces', '--grace-period=1']);
  await server.dispose();
});

describe('NetworkPolicy on a real node', () => {
  it('without policies every Pod reaches every other', async () => {
    const viaKubectl = await k(['exec', 'client-b', '--', 'sh', '-c', `${REQUEST} | nc -w 1 ${ips.web} 8080`]);
    assert.match(viaKubectl.stdout, /\nweb\n$/, viaKubectl.stderr);
    await expectReach([['client-a', 'web', true], ['client-b', 'web', true], ['client-c', 'web', true], ['web', 'client-b', true, 9090]]);
    assert.equal(await nftTable(), '', 'no policy, no table (and the stale one made before the start is gone)');
  });

  it('allows one client by Pod label and denies another; deleting the policy restores traffic', async () => {
    // The first policy of the cluster also makes the node list every Pod and Namespace.
    const first = await timeToEnforce('by-label');
    process.stdout.write(`# NetworkPolicy create → enforced (nft table written): first policy ${first.toFixed(0)} ms\n`);
    assert.ok(first < 3000, `enforced after ${first} ms`);
    await expectReach([['client-a', 'web', true], ['client-b', 'web', false], ['client-c', 'web', false], ['web', 'client-b', true]]);
    assert.equal((await k(['delete', 'netpol', 'by-label'])).code, 0);
    await until('the table removed', async () => (await nftTable()) === '', 60_000, 20);
    await expectReach([['client-b', 'web', true], ['client-c', 'web', true]]);
    const again = await timeToEnforce('by-label-again');
    process.stdout.write(`# NetworkPolicy create → enforced (nft table written): with Pods already watched ${again.toFixed(0)} ms\n`);
    assert.ok(again < 2000, `enforced after ${again} ms`);
    assert.equal((await k(['delete', 'netpol', 'by-label-again'])).code, 0);
    await until('the table removed', async () => (await nftTable()) === '', 60_000, 20);
  });

  it('allows by namespace label', async () => {
    await withPolicies([policy('by-ns', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] })], () =>
      expectReach([['client-c', 'web', true], ['client-a', 'web', false]]));
  });

  it('allows an ipBlock less its except', async () => {
    await withPolicies([policy('by-cidr', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: [`${ips['client-b']}/32`] } }] }] })], () =>
      expectReach([['client-a', 'web', true], ['client-c', 'web', true], ['client-b', 'web', false]]));
  });

  it('allows a named port (resolved on the Pod) and no other', async () => {
    await withPolicies([policy('by-port', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] })], () =>
      expectReach([['client-a', 'web', true, 8080], ['client-a', 'web', false, 9090], ['client-a', 'client-b', true, 9090]]));
  });

  it('egress: denied, then allowed to one Pod only', async () => {
    await withPolicies([policy('egress-deny', { podSelector: { matchLabels: { role: 'allowed' } }, policyTypes: ['Egress'] })], () =>
      expectReach([['client-a', 'web', false], ['client-a', 'client-b', false], ['client-b', 'client-a', true]]));
    await withPolicies([
      policy('egress-deny', { podSelector: { matchLabels: { role: 'allowed' } }, policyTypes: ['Egress'] }),
      policy('egress-web', { podSelector: { matchLabels: { role: 'allowed' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] }),
    ], () => expectReach([['client-a', 'web', true], ['client-a', 'web', false, 9090], ['client-a', 'client-b', false]]));
  });

  it('default-deny-all ingress isolates every Pod of the namespace; the node itself still reaches them', async () => {
    await withPolicies([policy('default-deny', { podSelector: {} })], async () => {
      await expectReach([['client-a', 'web', false], ['web', 'client-b', false], ['client-c', 'client-a', false], ['client-a', 'client-c', true]]);
      const fromNode = await fetch(`http://${ips.web}:8080/`).then((r) => r.text());
      assert.equal(fromNode, 'web\n', 'the node reaches its Pods (probes must)');
    });
  });

  it('replies of allowed connections pass whatever the other direction says', async () => {
    await withPolicies([
      policy('web-no-egress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] }),
      policy('client-no-ingress', { podSelector: { matchLabels: { role: 'allowed' } }, policyTypes: ['Ingress'] }),
    ], () => expectReach([['client-a', 'web', true], ['web', 'client-a', false], ['web', 'client-b', false]]));
  });

  it('a connection through a DNAT (as to a Service) is judged on the Pod IP it reaches', async () => {
    // A Service address of our own, translated in prerouting the way the Service proxy does.
    const VIP = '198.18.7.7';
    const dnat = 'berth-netpol-test-dnat';
    await run('nft', ['add', 'table', 'ip', dnat]);
    await run('nft', ['add', 'chain', 'ip', dnat, 'prerouting', '{ type nat hook prerouting priority dstnat; }']);
    await run('nft', ['add', 'rule', 'ip', dnat, 'prerouting', 'ip', 'daddr', VIP, 'tcp', 'dport', '80', 'dnat', 'to', `${ips.web}:8080`]);
    try {
      await expectReach([['client-b', 'web', true, 80, VIP]]);
      await withPolicies([policy('web-from-allowed', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'allowed' } } }] }] })], () =>
        expectReach([['client-a', 'web', true, 80, VIP], ['client-b', 'web', false, 80, VIP]]));
      // Egress to the Pod is what counts, not to the address the client dialled.
      await withPolicies([
        policy('a-to-web', { podSelector: { matchLabels: { role: 'allowed' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] }),
        policy('b-to-vip', { podSelector: { matchLabels: { role: 'denied' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${VIP}/32` } }] }] }),
      ], () => expectReach([['client-a', 'web', true, 80, VIP], ['client-b', 'web', false, 80, VIP]]));
    } finally {
      await run('nft', ['delete', 'table', 'ip', dnat]);
    }
  });

  it('berth killall removes the table', async () => {
    const r = await k(['apply', '-f', '-'], JSON.stringify(policy('stays', { podSelector: {} })));
    assert.equal(r.code, 0, r.stderr);
    await until('the table', async () => (await nftTable()).includes('not allowed by any policy'), 60_000, 20);
    await server.stop();
    assert.ok((await nftTable()).includes('not allowed by any policy'), 'the rules outlive the server, as the Pods do');
    await run(process.execPath, [join(server.process.spawnargs[1]!), 'killall', '--data-dir', server.dataDir]);
    assert.equal(await nftTable(), '');
  });
});
