// Metrics as a user meets them: the real kubectl against `berth server` with its kubelet (runc, the
// offline busybox image). A Pod burning a CPU quota and holding memory shows in `kubectl top pod` with
// the figures its cgroup shows at the same moment (read here from the cgroup files, within 20%);
// `kubectl top node` shows the node; the kubelet serves /stats/summary and /metrics/resource; the API
// server's /metrics counts the requests made; a node's identity is refused both.

import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatQuantity, parseQuantity } from '../src/api/quantity.js';
import { issueCertificate, type KeyPair } from '../src/apiserver/auth/certs.js';
import { kubeconfigYaml } from '../src/cli/kubeconfig.js';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';

let server: TestServer;
let nodeKubeconfig: string;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });

/** The CPU quota the burner runs under: a steady rate whatever else the machine does. */
const QUOTA_MILLIS = 300;
const HOLD_MIB = 40;

before(async () => {
  server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-metrics-')));
  await untilNodeReady(server);
  const pki = join(server.dataDir, 'pki');
  const node = (await k(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout;
  const pair = await issueCertificate(pki, 'test-node', { cn: `system:node:${node}`, orgs: ['system:nodes'] }, 'client');
  nodeKubeconfig = join(server.dataDir, 'node.kubeconfig');
  await writeFile(nodeKubeconfig, kubeconfigYaml(server.url, await readFile(join(pki, 'ca.crt'), 'utf8'), pair, 'node'));
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'burn', labels: { app: 'burn' } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{
        name: 'burn', image: 'busybox', imagePullPolicy: 'Never',
        // The shell holds HOLD_MIB of 'a's in a variable, then spins.
        command: ['sh', '-c', `v=$(dd if=/dev/zero bs=1M count=${HOLD_MIB} 2>/dev/null | tr '\\0' a); while :; do :; done`],
        resources: { limits: { cpu: `${QUOTA_MILLIS}m`, memory: '256Mi' } },
      }],
    },
  };
  const r = await k(['apply', '-f', '-'], JSON.stringify(pod));
  assert.equal(r.code, 0, r.stderr);
  await until('burn Running', async () => (await k(['get', 'pod', 'burn', '--no-headers'])).stdout.includes('Running'));
});
after(() => disposeNodeServer(server));

// ---- the cgroup files, read here independently of the kubelet ----

const CG = '/sys/fs/cgroup';

/** CPU ns and working-set bytes of the Pod's cgroup (its containers and the pause process). */
async function podCgroup(uid: string): Promise<{ at: number; cpuNs: number; workingSet: number }> {
  const dir = `${(await hostNamesFor(server.dataDir)).cgroupRoot}/pod-${uid}`;
  const stat = (file: string, key: string) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(readFileSync(file, 'utf8'))?.[1] ?? NaN);
  const at = Date.now();
  if (existsSync(`${CG}/cgroup.controllers`)) {
    const usage = Number(readFileSync(`${CG}${dir}/memory.current`, 'utf8'));
    return { at, cpuNs: stat(`${CG}${dir}/cpu.stat`, 'usage_usec') * 1000, workingSet: usage - stat(`${CG}${dir}/memory.stat`, 'inactive_file') };
  }
  const usage = Number(readFileSync(`${CG}/memory${dir}/memory.usage_in_bytes`, 'utf8'));
  return { at, cpuNs: Number(readFileSync(`${CG}/cpuacct${dir}/cpuacct.usage`, 'utf8')), workingSet: usage - stat(`${CG}/memory${dir}/memory.stat`, 'total_inactive_file') };
}

const millis = (q: string): number => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
const mib = (q: string): number => Number(q.replace(/Mi$/, ''));
const within = (got: number, want: number, what: string): void =>
  assert.ok(Math.abs(got - want) <= 0.2 * want, `${what}: kubectl top says ${got}, the cgroup ${want.toFixed(1)}`);

/** GET on the kubelet's own endpoint with the given client certificate. */
function kubelet(path: string, client: KeyPair, port: number): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, key: client.key, cert: client.cert, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('metrics', () => {
  it('kubectl top pod shows the CPU and memory the cgroup shows', async () => {
    const uid = (await k(['get', 'pod', 'burn', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    // The memory is all held once the variable is filled.
    await until('the memory held', async () => (await podCgroup(uid)).workingSet > HOLD_MIB * 1024 * 1024, 30_000);
    const before = await podCgroup(uid);
    const top = await until('kubectl top pod', async () => {
      const r = await k(['top', 'pod', 'burn', '--no-headers']);
      return r.code === 0 && r.stdout.trim();
    }, 30_000);
    const after = await podCgroup(uid);
    const [name, cpu = '', memory = ''] = top.split(/\s+/);
    assert.equal(name, 'burn');
    const cgroupMillis = (after.cpuNs - before.cpuNs) / 1e6 / ((after.at - before.at) / 1000);
    within(millis(cpu), cgroupMillis, 'CPU (millicores)');
    assert.ok(millis(cpu) > QUOTA_MILLIS / 2, `the burner is seen burning: ${cpu}`);
    within(mib(memory), after.workingSet / 1024 / 1024, 'memory (MiB)');

    const all = await k(['top', 'pod', '-A', '--no-headers']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^default\s+burn\s+\d+m\s+\d+Mi\s*$/m);
    const selected = await k(['top', 'pod', '-l', 'app=burn', '--no-headers']);
    assert.match(selected.stdout, /^burn\s/m);
    const none = await k(['top', 'pod', '-l', 'app=none']);
    assert.match(none.stdout + none.stderr, /No resources found in default namespace/);
  });

  it('serves PodMetrics and NodeMetrics as metrics-server does', async () => {
    const raw = await k(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/burn']);
    assert.equal(raw.code, 0, raw.stderr);
    const pm = JSON.parse(raw.stdout);
    assert.equal(pm.kind, 'PodMetrics');
    assert.equal(pm.apiVersion, 'metrics.k8s.io/v1beta1');
    assert.deepEqual(pm.metadata.labels, { app: 'burn' });
    assert.match(pm.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(pm.window, /^\d+(\.\d+)?s$/);
    assert.deepEqual(pm.containers.map((c: { name: string }) => c.name), ['burn']);
    const missing = await k(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope']);
    assert.match(missing.stderr, /pods\.metrics\.k8s\.io "nope" not found/);
    const nodes = JSON.parse((await k(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes'])).stdout);
    assert.equal(nodes.kind, 'NodeMetrics' + 'List');
    assert.equal(nodes.items.length, 1);
    // Upstream prints the canonical form: 687500000 nanocores is "687500u", 1500000 is "1500u".
    const nodeCpu = nodes.items[0].usage.cpu as string;
    assert.match(nodeCpu, /^\d+[num]?$/);
    assert.equal(formatQuantity(parseQuantity(nodeCpu)), nodeCpu, 'the CPU is in canonical form');
    assert.ok(parseQuantity(nodeCpu).nanos > 0n, `the node is seen using CPU: ${nodeCpu}`);
  });

  it('kubectl top node shows the node with its share of the allocatable', async () => {
    const r = await until('kubectl top node', async () => {
      const x = await k(['top', 'node', '--no-headers']);
      return x.code === 0 && x.stdout.trim();
    }, 30_000);
    const [, cpu = '', cpuPct = '', memory = '', memPct = ''] = r.split(/\s+/);
    assert.match(cpu, /^\d+m$/);
    assert.match(cpuPct, /^\d+%$/);
    assert.match(memPct, /^\d+%$/);
    // The node's working set, as /proc/meminfo gives it now.
    const info = readFileSync('/proc/meminfo', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key.replace(/[()]/g, '\\$&')}:\\s+(\\d+) kB$`, 'm').exec(info)?.[1]);
    within(mib(memory), (kb('MemTotal') - kb('MemFree') - kb('Inactive(file)')) / 1024, 'node memory (MiB)');
  });

  it('the kubelet serves its summary and resource metrics to the API server alone', async () => {
    const port = Number((await k(['get', 'nodes', '-o', 'jsonpath={.items[0].status.daemonEndpoints.kubeletEndpoint.Port}'])).stdout);
    const pki = join(server.dataDir, 'pki');
    const apiClient = { key: await readFile(join(pki, 'apiserver-kubelet-client.key'), 'utf8'), cert: await readFile(join(pki, 'apiserver-kubelet-client.crt'), 'utf8') };
    const summary = await kubelet('/stats/summary', apiClient, port);
    assert.equal(summary.status, 200, summary.body);
    const s = JSON.parse(summary.body);
    const burn = s.pods.find((p: { podRef: { name: string } }) => p.podRef.name === 'burn');
    assert.ok(burn, summary.body);
    assert.ok(burn.containers[0].memory.workingSetBytes > HOLD_MIB * 1024 * 1024);
    assert.ok(s.node.memory.workingSetBytes > 0 && s.node.cpu.usageCoreNanoSeconds > 0);
    const metrics = await kubelet('/metrics/resource', apiClient, port);
    assert.equal(metrics.status, 200);
    assert.match(metrics.type, /^text\/plain; version=0\.0\.4/);
    assert.match(metrics.body, /^container_cpu_usage_seconds_total\{container="burn",namespace="default",pod="burn"\} [\d.e+]+ \d+$/m);
    assert.match(metrics.body, /^container_memory_working_set_bytes\{container="burn",namespace="default",pod="burn"\} \d+ \d+$/m);
    assert.match(metrics.body, /^pod_memory_working_set_bytes\{namespace="default",pod="burn"\} \d+ \d+$/m);
    assert.match(metrics.body, /^node_cpu_usage_seconds_total [\d.e+]+ \d+$/m);
    const nodeClient = { key: await readFile(join(pki, 'test-node.key'), 'utf8'), cert: await readFile(join(pki, 'test-node.crt'), 'utf8') };
    assert.equal((await kubelet('/stats/summary', nodeClient, port)).status, 401);
  });

  it("the API server's /metrics counts requests for the admin and refuses a node", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await k(['get', 'configmaps'])).code, 0);
    const text = (await k(['get', '--raw', '/metrics'])).stdout;
    const count = Number(/^apiserver_request_total\{verb="LIST",dry_run="",group="",version="v1",resource="configmaps",subresource="",scope="namespace",component="apiserver",code="200"\} (\d+)$/m.exec(text)?.[1]);
    assert.ok(count >= 3, `three LISTs of configmaps counted:\n${text.slice(0, 2000)}`);
    assert.match(text, /^# TYPE apiserver_request_duration_seconds histogram$/m);
    assert.match(text, /^apiserver_request_duration_seconds_bucket\{verb="LIST",.*resource="configmaps",.*le="\+Inf"\} \d+$/m);
    assert.match(text, /^apiserver_registered_watchers\{group="",version="v1",kind="Pod"\} [1-9]\d*$/m);
    assert.match(text, /^apiserver_storage_objects\{resource="pods"\} 1$/m);
    assert.match(text, /^etcd_request_duration_seconds_count\{operation="update",type="pods"\} [1-9]\d*$/m);
    assert.match(text, /^apiserver_longrunning_requests\{verb="WATCH",.*resource="pods".*\} [1-9]\d*$/m);

    const refused = await kubectl(nodeKubeconfig, ['get', '--raw', '/metrics']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /forbidden: User "system:node:[^"]+" cannot get path "\/metrics"/);
    const top = await kubectl(nodeKubeconfig, ['get', '--raw', '/apis/metrics.k8s.io/v1beta1/pods']);
    assert.match(top.stderr, /pods\.metrics\.k8s\.io is forbidden: User "system:node:[^"]+" cannot list resource "pods" in API group "metrics\.k8s\.io" at the cluster scope/);
  });
});
