// Services through the node's proxy, end to end: a real `berth server` with its kubelet runs busybox
// httpd Pods under runc, the real kubectl makes the Services, and another Pod (or this host) connects
// through the kernel's nftables rules the proxy wrote: ClusterIP spread over two endpoints, NodePort,
// endpoints following readiness, refusal at once without endpoints, hairpin, ClientIP affinity,
// `kubectl port-forward svc/…`, the rules gone with the Service, and with `berth killall`.

import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { internalIPv4 } from '../src/kubelet/nodeInfo.js';
import { hostNamesFor } from '../src/runtime/host-names.js';
import { ensureTestImages, freePort } from './support/images.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

let server: TestServer;
let table: string;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const forwarders = new Set<ChildProcess>();

async function apply(obj: Record<string, unknown>): Promise<void> {
  const r = await k(['apply', '-f', '-'], JSON.stringify(obj));
  assert.equal(r.code, 0, r.stderr);
}

/** A busybox httpd on 8080 answering /hostname with the Pod's name, Ready while /tmp/ready exists. */
function webPod(name: string, labels: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [{
        name: 'web', image: 'busybox', imagePullPolicy: 'Never',
        command: ['sh', '-c', 'touch /tmp/ready && exec httpd -f -p 8080 -h /etc'],
        ports: [{ name: 'http', containerPort: 8080 }],
        readinessProbe: { exec: { command: ['test', '-f', '/tmp/ready'] }, periodSeconds: 1, failureThreshold: 1 },
      }],
    },
  };
}

function service(name: string, selector: Record<string, string>, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec } };
}

const clusterIP = async (name: string) => (await k(['get', 'svc', name, '-o', 'jsonpath={.spec.clusterIP}'])).stdout;

/** Runs a shell script in a Pod; returns its exit code and output (stdout then stderr). */
async function sh(pod: string, script: string): Promise<{ code: number; out: string }> {
  const r = await k(['exec', pod, '--', 'sh', '-c', script]);
  return { code: r.code, out: r.stdout + r.stderr };
}

/** The hostnames that answered n requests from `pod` to url (one connection each). */
async function answers(pod: string, url: string, n: number): Promise<string[]> {
  // Debian's static busybox wget crashes with -T: timeout bounds each request instead.
  const r = await sh(pod, `for i in $(seq ${n}); do timeout 3 wget -q -O - ${url}/hostname || echo failed; done`);
  return r.out.trim().split('\n');
}

/** Waits until every one of n requests is answered, by one of `names`; returns the answers. */
async function untilServedBy(pod: string, url: string, names: string[], n = 10): Promise<string[]> {
  return until(`${url} from ${pod} answered by ${names.join(' or ')}`, async () => {
    const got = await answers(pod, url, n);
    return got.every((h) => names.includes(h)) && got;
  }, 60_000, 300);
}

function hostGet(host: string, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-proxy-'));
  await ensureTestImages(dataDir);
  server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
  table = (await hostNamesFor(dataDir)).proxyTable;
  await apply(webPod('web-1', { app: 'web', id: '1' }));
  await apply(webPod('web-2', { app: 'web', id: '2' }));
  await apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client' },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['sleep', '3600'] }] },
  });
  await apply(service('web', { app: 'web' }, { type: 'NodePort' }));
  const r = await k(['wait', '--for=condition=Ready', 'pod/web-1', 'pod/web-2', 'pod/client', '--timeout=120s']);
  assert.equal(r.code, 0, r.stderr);
});

after(async () => {
  for (const c of forwarders) c.kill('SIGKILL');
  if (!server) return;
  const listed = () => execFileSync('nft', ['list', 'table', 'ip', table], { stdio: 'pipe' });
  // A stopped proxy leaves its rules in place, as kube-proxy does; killall takes them.
  await server.stop();
  assert.doesNotThrow(listed);
  await server.dispose();
  assert.throws(listed);
});

describe('Services through the node proxy', () => {
  it('spreads a ClusterIP\'s connections over both ready endpoints', async () => {
    const ip = await clusterIP('web');
    assert.match(ip, /^10\.43\.\d+\.\d+$/);
    await untilServedBy('client', `http://${ip}`, ['web-1', 'web-2']);
    const got = await answers('client', `http://${ip}`, 30);
    assert.ok(got.includes('web-1') && got.includes('web-2'), `30 requests reached both Pods: ${got.join(' ')}`);
  });

  it('answers on the NodePort at the node\'s address, from a Pod and from the host', async () => {
    const port = Number((await k(['get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].nodePort}'])).stdout);
    assert.ok(port >= 30000 && port <= 32767, String(port));
    const node = internalIPv4();
    await untilServedBy('client', `http://${node}:${port}`, ['web-1', 'web-2']);
    assert.match(await hostGet(node, port, '/hostname'), /^web-[12]\n$/);
  });

  it('sends nothing to a Pod that is not Ready, and takes it back when it is', async () => {
    const ip = await clusterIP('web');
    assert.equal((await sh('web-2', 'rm /tmp/ready')).code, 0);
    await until('web-2 not Ready', async () => (await k(['get', 'pod', 'web-2', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout === 'False');
    const got = await untilServedBy('client', `http://${ip}`, ['web-1'], 20);
    assert.deepEqual([...new Set(got)], ['web-1']);
    assert.equal((await sh('web-2', 'touch /tmp/ready')).code, 0);
    await until('web-2 serves again', async () => (await answers('client', `http://${ip}`, 20)).includes('web-2'), 60_000, 300);
  });

  it('refuses connections at once to a Service without endpoints, from a Pod and from the host', async () => {
    await apply(service('nothing', { app: 'none' }));
    const ip = await clusterIP('nothing');
    await until('the refusal programmed', () => execFileSync('nft', ['list', 'map', 'ip', table, 'no-endpoint-services'], { encoding: 'utf8' }).includes(ip));
    const r = await sh('client', `timeout 10 wget -q -O - http://${ip}/`);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /Connection refused/);
    // Timed from the connect alone: the kubectl exec above takes seconds on a loaded machine.
    const t0 = Date.now();
    const code = await new Promise<string>((resolve) => {
      const s = connect({ host: ip, port: 80 });
      s.on('connect', () => resolve('connected'));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    assert.equal(code, 'ECONNREFUSED');
    assert.ok(Date.now() - t0 < 5000, `refused in ${Date.now() - t0} ms, not after a timeout`);
  });

  it('lets a Pod reach itself through its own Service (hairpin)', async () => {
    await apply(service('self', { id: '1' }));
    const got = await untilServedBy('web-1', `http://${await clusterIP('self')}`, ['web-1'], 5);
    assert.deepEqual(got, Array(5).fill('web-1'));
  });

  it('keeps a client on one endpoint under sessionAffinity ClientIP', async () => {
    await apply(service('sticky', { app: 'web' }, { sessionAffinity: 'ClientIP' }));
    const ip = await clusterIP('sticky');
    const got = await untilServedBy('client', `http://${ip}`, ['web-1', 'web-2'], 20);
    assert.equal(new Set(got).size, 1, `20 requests, one endpoint: ${got.join(' ')}`);
  });

  it('forwards kubectl port-forward svc/web to one of its Pods', async () => {
    const port = await freePort();
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, 'port-forward', 'svc/web', `${port}:80`], { stdio: ['ignore', 'pipe', 'pipe'] });
    forwarders.add(child);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    try {
      await until('port-forward listening', () => out.includes(`Forwarding from 127.0.0.1:${port} -> 8080`), 30_000);
      assert.match(await hostGet('127.0.0.1', port, '/hostname'), /^web-[12]\n$/);
    } finally {
      child.kill('SIGTERM');
      forwarders.delete(child);
    }
  });

  it('removes a Service\'s rules when it is deleted', async () => {
    const ip = await clusterIP('sticky');
    const programmed = () => execFileSync('nft', ['list', 'table', 'ip', table], { encoding: 'utf8' });
    assert.ok(programmed().includes(ip));
    assert.equal((await k(['delete', 'svc', 'sticky'])).code, 0);
    await until('the rules of sticky gone', () => !programmed().includes(ip) && !programmed().includes('default/sticky/'));
  });
});
