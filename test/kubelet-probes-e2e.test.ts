// Probes as a user meets them: the real kubectl against `berth server` with its kubelet (runc, CNI,
// the offline busybox image), busybox httpd serving in the Pod and the kubelet probing it from the
// host. A readiness probe on a missing file keeps the Pod 0/1 with the Unhealthy event in describe
// until the file appears; a failing liveness probe restarts the container; TCP probes pass; a gRPC
// probe is accepted; two handlers in one probe are refused.

import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import type { TestServer } from './support/server.js';
import { kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';

let server: TestServer;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });

before(async () => {
  server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-probes-')));
  await untilNodeReady(server);
});
after(() => disposeNodeServer(server));

const httpd = (probes: object) => ({
  name: 'app', image: 'busybox', imagePullPolicy: 'Never',
  command: ['sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www'],
  ports: [{ name: 'http', containerPort: 8080 }],
  ...probes,
});
const fast = { periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 1 };

async function create(name: string, container: object): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { terminationGracePeriodSeconds: 1, containers: [container] } };
  const r = await k(['apply', '-f', '-'], JSON.stringify(pod));
  assert.equal(r.code, 0, r.stderr);
}

/** NAME READY STATUS RESTARTS of `kubectl get pod` (RESTARTS without its "(5s ago)"). */
async function row(name: string): Promise<{ ready: string; status: string; restarts: number }> {
  const [, ready = '', status = '', restarts = '0'] = (await k(['get', 'pod', name, '--no-headers'])).stdout.trim().split(/\s+/);
  return { ready, status, restarts: Number(restarts) };
}

const describePod = async (name: string) => (await k(['describe', 'pod', name])).stdout;

describe('probes', { concurrency: true }, () => {
  it('a readiness probe on a missing path keeps the Pod 0/1 with an Unhealthy event, and 1/1 once the file is there', async () => {
    await create('ready', httpd({ readinessProbe: { httpGet: { path: '/ready', port: 'http' }, ...fast } }));
    await until('ready Running', async () => (await row('ready')).status === 'Running');
    const text = await until('the Unhealthy event', async () => {
      const d = await describePod('ready');
      return d.includes('Readiness probe failed: HTTP probe failed with statuscode: 404') && d;
    }, 60_000);
    assert.match(text, /Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 404/);
    assert.match(text, /^\s+Ready:\s+False$/m);
    assert.equal((await row('ready')).ready, '0/1');
    const touch = await k(['exec', 'ready', '--', 'touch', '/www/ready']);
    assert.equal(touch.code, 0, touch.stderr);
    await until('READY 1/1', async () => (await row('ready')).ready === '1/1', 60_000);
    assert.equal((await row('ready')).restarts, 0);
  });

  it('a failing liveness probe restarts the container, with Unhealthy and Killing events', async () => {
    await create('live', httpd({ livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, ...fast, failureThreshold: 2, terminationGracePeriodSeconds: 1 } }));
    await until('RESTARTS above 0', async () => (await row('live')).restarts >= 1, 30_000);
    const d = await describePod('live');
    assert.match(d, /Warning\s+Unhealthy\s+.*Liveness probe failed: HTTP probe failed with statuscode: 404/);
    assert.match(d, /Normal\s+Killing\s+.*Container app failed liveness probe, will be restarted/);
  });

  it('tcpSocket probes pass: 1/1 and no restarts; a gRPC probe is accepted and probed', async () => {
    // httpd needs a moment to listen on a loaded machine: a liveness probe that may fail once would restart
    // it (as upstream's would), so this one tolerates a slow start.
    await create('tcp', httpd({ readinessProbe: { tcpSocket: { port: 'http' }, ...fast }, livenessProbe: { tcpSocket: { port: 8080 }, ...fast, failureThreshold: 5 } }));
    await until('tcp 1/1', async () => (await row('tcp')).ready === '1/1', 60_000);
    await create('grpc', httpd({ readinessProbe: { grpc: { port: 9090 }, ...fast } }));
    // (kubectl describe needs the service defaulted to "": it dereferences it unchecked.)
    const d = await until('the gRPC probe failed (nothing serves 9090)', async () => {
      const text = await describePod('grpc');
      return text.includes('Readiness probe failed:') && text;
    }, 60_000);
    assert.match(d, /Readiness:\s+grpc <pod>:9090  delay=0s timeout=1s period=1s #success=1 #failure=1/);
    assert.match(d, /Readiness probe failed: timeout: failed to connect service "[\d.]+:9090" within 1s: dial tcp [\d.]+:9090: connect: connection refused/);
    assert.equal((await row('grpc')).ready, '0/1');
    const tcp = await row('tcp');
    assert.deepEqual([tcp.ready, tcp.restarts], ['1/1', 0]);
  });

  it('a probe with two handlers is refused with upstream\'s message', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two' }, spec: { containers: [httpd({ livenessProbe: { tcpSocket: { port: 8080 }, grpc: { port: 8080 } } })] } };
    const r = await k(['apply', '-f', '-'], JSON.stringify(pod));
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /spec\.containers\[0\]\.livenessProbe\.grpc: Forbidden: may not specify more than 1 handler type/);
  });
});
