// Cluster DNS in its own thread, as `berth server` runs it: a server with no agent (so no Pods) answering
// on loopback (--dns-address) a Service there at start and one created after, over real UDP queries,
// forwarding other names to the resolver its --resolv-conf names, and stopping with the server. And the
// thread's death survived: a new thread answers on the same port, from informers of its own. It runs at a
// higher priority than the server's other threads (as root, which the tests are).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { startNodeDNS } from '../src/dns/node.js';
import { ask, encodeQuery, startUpstream, udpExchange } from './support/dns.js';
import { kubectl } from './support/kubectl.js';
import { BERTH_BIN, startServer, type TestServer } from './support/server.js';
import { until } from './support/wait.js';

// A loopback address no other test's upstream takes, so this one can have port 53 as resolv.conf requires.
const UPSTREAM = '127.0.0.78';

let server: TestServer;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let confDir: string;
let dnsPort: number;
const k = (args: string[]) => kubectl(server.kubeconfig, args);

/** The A records' addresses DNS gives for the name, or its rcode when it has none. */
async function addresses(port: number, name: string): Promise<string> {
  const r = await ask(port, name, 'A');
  return r.answers?.length ? r.answers.map((a) => ('data' in a ? String(a.data) : '')).join(',') : r.rcode;
}

async function clusterIP(name: string): Promise<string> {
  const r = await k(['get', 'svc', name, '-o', 'jsonpath={.spec.clusterIP}']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  upstream = await startUpstream({ 'outside.test': '192.0.2.7' }, { host: UPSTREAM, port: 53 });
  confDir = await mkdtemp(join(tmpdir(), 'berth-dns-thread-'));
  await writeFile(join(confDir, 'resolv.conf'), `nameserver ${UPSTREAM}\n`);
  server = await startServer({ args: ['--dns-address', '127.0.0.1:0', '--resolv-conf', join(confDir, 'resolv.conf')] });
  dnsPort = Number(/cluster DNS answering on 127\.0\.0\.1:(\d+)/.exec(server.logs())?.[1]);
});

after(async () => {
  await server?.dispose();
  await upstream?.close();
  if (confDir) await rm(confDir, { recursive: true, force: true });
});

describe('cluster DNS in its own thread of berth server', () => {
  it('says where it answers, and answers the Service that was there at start at once', async () => {
    assert.ok(dnsPort > 0, server.logs());
    assert.equal(await addresses(dnsPort, 'kubernetes.default.svc.cluster.local'), '10.43.0.1');
    assert.equal(await addresses(dnsPort, 'nope.default.svc.cluster.local'), 'NXDOMAIN');
  });

  it('answers a Service created after it started, and forwards other names to the host\'s resolver', async () => {
    const r = await k(['create', 'service', 'clusterip', 'web', '--tcp', '80:8080']);
    assert.equal(r.code, 0, r.stderr);
    const ip = await clusterIP('web');
    await until('web in DNS', async () => (await addresses(dnsPort, 'web.default.svc.cluster.local')) === ip, 30_000);
    assert.equal(await addresses(dnsPort, 'outside.test'), '192.0.2.7');
    assert.ok(upstream.queries.includes('outside.test A'), upstream.queries.join(', '));
  });

  it('answers from a thread that runs ahead of the server\'s others (nice -5), the rest at the process\'s', async () => {
    const pid = server.process.pid!;
    // The nice value, field 19 of stat(5), of each of the server's threads.
    const nices = (await readdir(`/proc/${pid}/task`)).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
    assert.equal(nices.filter((n) => n === -5).length, 1, `one thread at -5: ${nices.join(' ')}`);
    assert.ok(nices.filter((n) => n === 0).length >= 2, `the others at 0: ${nices.join(' ')}`);
  });

  it('refuses --dns-address beside the agent, whose node\'s DNS has its own address, and one that is no IP:PORT', async () => {
    const refused = (args: string[]) => new Promise<string>((resolve) => {
      execFile(process.execPath, [BERTH_BIN, 'server', '--data-dir', confDir, '--port', '0', ...args], (err, _out, stderr) => resolve(`${err?.code} ${stderr}`));
    });
    const [beside, bad] = await Promise.all([refused(['--dns-address', '127.0.0.1:0']), refused(['--disable-agent', '--dns-address', 'localhost:53'])]);
    assert.match(beside, /^1 .*--dns-address: only with --disable-agent/s);
    assert.match(bad, /^1 .*--dns-address: "localhost:53" is not IP:PORT/s);
  });

  it('a thread that dies is followed by another on the same port, which sees the cluster anew', async () => {
    const kc = await loadKubeconfig(server.kubeconfig);
    const logs: string[] = [];
    const stop = new AbortController();
    const dns = await startNodeDNS({
      servers: [server.url], ca: kc.ca!.toString(), identity: { cert: kc.cert!.toString(), key: kc.key!.toString() }, userAgent: 'dns-thread-test',
      address: '127.0.0.1', port: 0, domain: 'cluster.local', log: (m) => logs.push(m), resolvConfPath: join(confDir, 'resolv.conf'),
    }, stop.signal);
    try {
      assert.equal(await addresses(dns.port, 'kubernetes.default.svc.cluster.local'), '10.43.0.1');
      const first = dns.thread;
      await first.terminate();
      assert.equal(await udpExchange(dns.port, encodeQuery('kubernetes.default.svc.cluster.local', 'A'), '127.0.0.1', 200), null, 'nobody answers while no thread runs');
      const r = await k(['create', 'service', 'clusterip', 'db', '--tcp', '5432:5432']);
      assert.equal(r.code, 0, r.stderr);
      const ip = await clusterIP('db');
      await until('the next thread answering db', async () => (await addresses(dns.port, 'db.default.svc.cluster.local').catch(() => '')) === ip, 30_000);
      assert.notEqual(dns.thread, first);
      assert.ok(logs.some((l) => /the DNS thread died \(exit code 1\); starting another in 1000 ms/.test(l)), logs.join('\n'));
    } finally {
      stop.abort();
      await dns.stopped;
    }
    assert.equal(await udpExchange(dns.port, encodeQuery('kubernetes.default.svc.cluster.local', 'A'), '127.0.0.1', 500), null, 'stopped, it answers no more');
  });

  it('stops with the server', async () => {
    await server.stop();
    assert.equal(server.process.exitCode, 0, server.logs());
    assert.equal(await udpExchange(dnsPort, encodeQuery('kubernetes.default.svc.cluster.local', 'A'), '127.0.0.1', 500), null);
  });
});
