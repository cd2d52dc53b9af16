// The real `kubectl port-forward` against `berth server` with its kubelet: kubectl 1.32 (SPDY/3.1
// tunnelled in WebSocket messages) and 1.27 (SPDY/3.1 on a plain HTTP upgrade), through the API
// server's relay to the kubelet and into a busybox httpd in a real Pod. Pages, a 1 MiB download, a
// 256 KiB upload (both beyond SPDY's 64 KiB initial window), concurrent connections, and the error a
// closed port gives.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { ensureTestImages, freePort } from './support/images.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';
const LINE = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n';
const BIG = 1024 * 1024;

let server: TestServer;
let home: string;
const k = (args: string[], input?: string) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const forwarders = new Set<ChildProcess>();


interface Forward {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Runs `kubectl port-forward pod/NAME LOCAL:REMOTE` until it says it is forwarding. */
async function portForward(bin: string, pod: string, remote: number, extra: string[] = []): Promise<Forward> {
  const port = await freePort();
  const child = spawn(bin, ['--kubeconfig', server.kubeconfig, 'port-forward', `pod/${pod}`, `${port}:${remote}`, ...extra], {
    env: { ...process.env, HOME: home, KUBECACHEDIR: join(home, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  forwarders.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await Promise.race([
    until(`kubectl port-forward to listen (${bin})`, async () => out.includes(`Forwarding from 127.0.0.1:${port} -> ${remote}`), 30_000),
    exited.then(() => {
      throw new Error(`kubectl port-forward exited: ${out}`);
    }),
  ]);
  return {
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      forwarders.delete(child);
    },
  };
}

function http(port: number, path: string, body?: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', agent: false, timeout: 20_000, headers: body ? { 'Content-Length': String(body.length), 'Content-Type': 'application/octet-stream' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

// httpd with a page, a 1 MiB file of known content, and a CGI that counts what is POSTed to it.
const WEB_SCRIPT = [
  'mkdir -p /www/cgi-bin',
  'echo hello-from-berth > /www/index.html',
  `yes ${LINE.trim()} | head -c ${BIG} > /www/big.txt`,
  `printf '%s\\n' '#!/bin/sh' 'printf "Content-Type: text/plain\\r\\n\\r\\n"' 'wc -c' > /www/cgi-bin/count`,
  'chmod +x /www/cgi-bin/count',
  'exec httpd -f -p 8080 -h /www',
].join(' && ');

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'berth-podfwd-home-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-podfwd-'));
  await ensureTestImages(dataDir);
  server = await startServer({ dataDir, disableAgent: false, args: ['--kubelet-port', '0'] });
  const r = await k(['apply', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'pf-web' },
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', WEB_SCRIPT] }] },
  }));
  assert.equal(r.code, 0, r.stderr);
  await until('pf-web Running', async () => (await k(['get', 'pod', 'pf-web', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running');
});

after(async () => {
  for (const c of forwarders) c.kill('SIGKILL');
  if (!server) return;
  // Graceful and waited for, then killall as the backstop, before the data dir goes.
  await k(['delete', 'pods', '--all', '--grace-period=1']);
  await server.dispose();
  await rm(home, { recursive: true, force: true });
});

const BIG_EXPECTED = LINE.repeat(Math.ceil(BIG / LINE.length)).slice(0, BIG);

for (const [label, bin, upgrade] of [['kubectl 1.32 (WebSocket tunnel)', KUBECTL, 'GET'], ['kubectl 1.27 (SPDY upgrade)', KUBECTL_127, 'POST']] as const) {
  describe(label, () => {
    it('forwards a page, a 1 MiB download and a 256 KiB upload, also concurrently', async () => {
      // -v=6 logs the upgrade request: GET for the WebSocket tunnel, POST for the SPDY upgrade.
      const fwd = await portForward(bin, 'pf-web', 8080, ['-v=6']);
      try {
        // The server may still be writing its files when the Pod turns Running.
        const page = await until('the page through the tunnel', async () => {
          const r = await http(fwd.port, '/index.html');
          return r.status === 200 && r.body.toString();
        }, 60_000);
        assert.equal(page, 'hello-from-berth\n');

        const big = await until('big.txt complete', async () => {
          const r = await http(fwd.port, '/big.txt');
          return r.status === 200 && r.body.length === BIG && r.body;
        }, 60_000);
        assert.ok(big.equals(Buffer.from(BIG_EXPECTED)), 'the 1 MiB download arrives intact');

        const upload = Buffer.alloc(256 * 1024, 'x');
        const counted = await http(fwd.port, '/cgi-bin/count', upload);
        assert.equal(counted.status, 200, counted.body.toString());
        assert.equal(counted.body.toString().trim(), String(upload.length));

        // Several connections at once: each gets its own stream pair.
        const all = await Promise.all(Array.from({ length: 6 }, (_, i) => http(fwd.port, i % 2 ? '/big.txt' : '/index.html')));
        for (const [i, r] of all.entries()) {
          assert.equal(r.status, 200);
          if (i % 2) assert.equal(r.body.length, BIG);
          else assert.equal(r.body.toString(), 'hello-from-berth\n');
        }
        assert.match(fwd.output(), new RegExp(`${upgrade} https://\\S+/pods/pf-web/portforward 101 Switching Protocols`));
        assert.doesNotMatch(fwd.output(), /error forwarding|an error occurred/i);
      } finally {
        await fwd.stop();
      }
    });

    it('reports a closed port in the Pod as kubectl port-forward errors do', async () => {
      const fwd = await portForward(bin, 'pf-web', 9999);
      try {
        await http(fwd.port, '/').then(
          (r) => assert.fail(`expected the connection to fail, got ${r.status}`),
          () => {},
        );
        await until('the error in kubectl output', async () => /error forwarding port 9999 to pod/.test(fwd.output()), 60_000).catch((e: Error) => assert.fail(`${e.message}; kubectl said: ${fwd.output()}`));
      } finally {
        await fwd.stop();
      }
    });
  });
}

describe('the channel WebSocket variant (as @kubernetes/client-node speaks it)', () => {
  it('carries an HTTP exchange on channel 0 after the port prefixes', async () => {
    const cfg = await loadKubeconfig(server.kubeconfig);
    const url = `${cfg.server.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/pf-web/portforward?ports=8080`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], { ca: cfg.ca, cert: cfg.cert, key: cfg.key });
    const data: Buffer[] = [];
    const prefixes: Array<[number, number]> = [];
    const seen = new Set<number>();
    const closed = new Promise<void>((resolve, reject) => {
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    ws.on('message', (m: Buffer) => {
      const ch = m[0];
      let body = m.subarray(1);
      if (!seen.has(ch)) {
        seen.add(ch);
        prefixes.push([ch, body.readUInt16LE(0)]);
        body = body.subarray(2);
      }
      if (ch === 0) data.push(body);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    assert.equal(ws.protocol, 'v4.channel.k8s.io');
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET /big.txt HTTP/1.0\r\nHost: x\r\n\r\n')]));
    await closed; // httpd closes after an HTTP/1.0 response, and the server then closes the WebSocket
    assert.deepEqual(prefixes.sort(), [[0, 8080], [1, 8080]]);
    const text = Buffer.concat(data).toString();
    assert.match(text, /^HTTP\/1\.[01] 200/);
    assert.equal(text.slice(text.indexOf('\r\n\r\n') + 4), BIG_EXPECTED);
  });
});

describe('refusals', () => {
  it('a Pod that does not exist is a NotFound from kubectl', async () => {
    const r = await k(['port-forward', 'pod/nope', '18080:80'], undefined);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /not found/);
  });
});
