// The API server's limits, against a real `berth server`: what a patch may do, how large a stored
// object may be, what a continue token may say, where a subPath may point, how much memory watches
// for slow clients may hold, and what happens when the store's write-ahead log is lost.

import assert from 'node:assert/strict';
import { copyFile, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Agent, get, request } from 'node:https';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { apiFor, unscheduledPod as pod } from './support/api.js';
import { startServer } from './support/server.js';
import { withServer } from './support/suite.js';

const CM = '/api/v1/namespaces/default/configmaps';
const P = '/api/v1/namespaces/default/pods';
const MiB = 1024 * 1024;
const JSON_PATCH = { 'Content-Type': 'application/json-patch+json' };

const configMap = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

const srv = withServer();


describe('JSON patch limits', () => {
  it('refuses a copy bomb as it grows, fast, and stays up with the object unchanged', async () => {
    const made = await srv.api.call('POST', CM, configMap('bomb', { a: 'x' }));
    assert.equal(made.status, 201);
    // 2 KB of patch: each copy doubles /data, 30 of them would make 2^30 copies of it.
    const ops: unknown[] = [{ op: 'add', path: '/data', value: { seed: 'y'.repeat(1000) } }];
    for (let i = 0; i < 30; i++) ops.push({ op: 'copy', from: '/data', path: `/data/d${i}` });
    const t0 = Date.now();
    const r = await srv.api.call('PATCH', `${CM}/bomb`, ops, JSON_PATCH);
    const ms = Date.now() - t0;
    assert.equal(r.status, 422, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.body.reason, 'Invalid');
    assert.match(r.body.message, /^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/);
    assert.ok(ms < 5000, `refused after ${ms} ms`);
    const now = await srv.api.call('GET', `${CM}/bomb`);
    assert.equal(now.status, 200, 'the server still answers');
    assert.equal(now.body.metadata.resourceVersion, made.body.metadata.resourceVersion);
    assert.deepEqual(now.body.data, { a: 'x' });
  });

  it('applies 10,000 operations and refuses 10,001 with 413', async () => {
    await srv.api.call('POST', CM, configMap('ops'));
    const op = (i: number) => ({ op: 'add', path: '/data/k', value: String(i) });
    const ok = await srv.api.call('PATCH', `${CM}/ops`, Array.from({ length: 10_000 }, (_, i) => op(i)), JSON_PATCH);
    assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 300));
    assert.deepEqual(ok.body.data, { k: '9999' });
    const tooMany = await srv.api.call('PATCH', `${CM}/ops`, Array.from({ length: 10_001 }, (_, i) => op(i)), JSON_PATCH);
    assert.equal(tooMany.status, 413);
    assert.equal(tooMany.body.reason, 'RequestEntityTooLarge');
    assert.equal(tooMany.body.message, 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
    assert.equal((await srv.api.call('GET', `${CM}/ops`)).body.metadata.resourceVersion, ok.body.metadata.resourceVersion);
  });
});

describe('request body size', () => {
  /** A POST whose body goes in pieces with no length declared (chunked): what the client gets back, or how it was cut off. */
  const sendChunked = async (path: string, pieces: string[]): Promise<{ status?: number; body?: any; cut?: string }> => {
    const cfg = await loadKubeconfig(srv.server.kubeconfig);
    return new Promise((resolve) => {
      const req = request(`${srv.server.url}${path}`, { method: 'POST', ca: cfg.ca, cert: cfg.cert, key: cfg.key, headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ cut: e.code ?? e.message }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ cut: e.code ?? e.message }));
      void (async () => {
        for (const p of pieces) {
          if (!req.write(p)) await new Promise((r) => req.once('drain', r));
          await new Promise((r) => setImmediate(r));
        }
        req.end();
      })().catch(() => undefined);
    });
  };

  it('reads a body that arrives in pieces', async () => {
    const text = JSON.stringify(configMap('pieces', { v: 'x'.repeat(100_000) }));
    const pieces = Array.from({ length: 10 }, (_, i) => text.slice((i * text.length) / 10, ((i + 1) * text.length) / 10));
    const r = await sendChunked(CM, pieces);
    assert.equal(r.status, 201, JSON.stringify(r).slice(0, 300));
    assert.equal(r.body.data.v.length, 100_000);
  });

  it('does not take a body of more than 3 MiB sent without a length, and stays up', async () => {
    const r = await sendChunked(CM, [`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"huge"},"data":{"v":"`, ...Array.from({ length: 13 }, () => 'x'.repeat(256 * 1024)), '"}}']);
    // Cut off, or told: either way nothing is stored.
    if (r.status !== undefined) assert.equal(r.status, 413, JSON.stringify(r).slice(0, 300));
    assert.equal((await srv.api.call('GET', `${CM}/huge`)).status, 404);
    assert.equal((await srv.api.call('GET', CM)).status, 200);
  });
});

describe('stored object size', () => {
  const refusedTooLarge = (r: { status: number; body: any }): void => {
    assert.equal(r.status, 413, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.body.kind, 'Status');
    assert.equal(r.body.reason, 'RequestEntityTooLarge');
    assert.equal(r.body.message, 'etcdserver: request is too large');
  };

  const bigPod = (name: string, bytes: number) =>
    pod(name, { spec: { containers: [{ name: 'c', image: 'busybox', env: [{ name: 'BIG', value: 'a'.repeat(bytes) }] }] } });
  /** n labels of about 80 bytes each: labels have no limit on their number. */
  const labels = (n: number, tag: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${tag}${i}`, 'v'.repeat(63)]));

  it("stores a 1.4 MiB Pod and refuses a 1.6 MiB one (etcd's 1.5 MiB), storing nothing", async () => {
    assert.equal((await srv.api.call('POST', P, bigPod('big-ok', 1.4 * MiB))).status, 201);
    refusedTooLarge(await srv.api.call('POST', P, bigPod('big', 1.6 * MiB)));
    assert.equal((await srv.api.call('GET', `${P}/big`)).status, 404);
    // A ConfigMap that large never gets that far: its data may hold 1 MiB, as upstream validates.
    const cm = await srv.api.call('POST', CM, configMap('big', { v: 'a'.repeat(1.6 * MiB) }));
    assert.equal(cm.status, 422);
  });

  it('refuses patches that grow a Pod past the limit, though each is small, and stores nothing', async () => {
    const made = await srv.api.call('POST', P, bigPod('grow', MiB));
    assert.equal(made.status, 201);
    const rv = made.body.metadata.resourceVersion;
    // 8,000 labels: 0.6 MiB more, by each kind of patch; the limit is the stored object's.
    refusedTooLarge(await srv.api.call('PATCH', `${P}/grow`, { metadata: { labels: labels(8000, 'm') } }));
    refusedTooLarge(await srv.api.call('PATCH', `${P}/grow`, { metadata: { labels: labels(8000, 's') } }, { 'Content-Type': 'application/strategic-merge-patch+json' }));
    refusedTooLarge(await srv.api.call('PATCH', `${P}/grow`, [{ op: 'add', path: '/metadata/labels', value: labels(8000, 'j') }], JSON_PATCH));
    const now = await srv.api.call('GET', `${P}/grow`);
    assert.equal(now.body.metadata.resourceVersion, rv, 'nothing was stored');
    assert.deepEqual(now.body.metadata.labels, { app: 'web' });
    // A small patch still applies.
    assert.equal((await srv.api.call('PATCH', `${P}/grow`, { metadata: { labels: { small: 'yes' } } })).status, 200);
  });
});

describe('continue tokens', () => {
  const token = (t: unknown): string => Buffer.from(JSON.stringify(t)).toString('base64url');

  it('pages with the tokens it hands out and refuses forged ones with 400', async () => {
    for (let i = 0; i < 3; i++) await srv.api.call('POST', P, pod(`page-${i}`, { metadata: { name: `page-${i}`, labels: { page: 'yes' } } }));
    const first = await srv.api.call('GET', `${P}?labelSelector=page&limit=2`);
    const cont = first.body.metadata.continue as string;
    const rv = JSON.parse(Buffer.from(cont, 'base64url').toString()).rv as number;
    const next = await srv.api.call('GET', `${P}?labelSelector=page&limit=2&continue=${cont}`);
    assert.deepEqual(next.body.items.map((p: any) => p.metadata.name), ['page-2']);
    assert.equal(next.body.metadata.resourceVersion, String(rv));

    const bad: Array<[string, RegExp]> = [
      [token({ v: 'meta.k8s.io/v1', rv: 1e308, start: 'default/page-0' }), /incorrect encoded start resourceVersion/],
      [token({ v: 'meta.k8s.io/v1', rv: 0, start: 'default/page-0' }), /incorrect encoded start resourceVersion/],
      [token({ v: 'meta.k8s.io/v1', rv: 1.5, start: 'default/page-0' }), /incorrect encoded start resourceVersion/],
      [token({ v: 'meta.k8s.io/v1', rv: rv + 1_000_000, start: 'default/page-0' }), /incorrect encoded start resourceVersion/],
      [token({ v: 'meta.k8s.io/v1', rv, start: '../../secrets/default/x' }), /^invalid continue token: continue key is not valid: \.\.\/\.\.\/secrets/],
      [token({ v: 'meta.k8s.io/v1', rv, start: '' }), /encoded start key empty/],
      [token({ v: 'meta.k8s.io/v2', rv, start: 'default/page-0' }), /server does not recognize this encoded version/],
      ['bm90IGpzb24', /^invalid continue token: continue key is not valid: /],
    ];
    for (const [t, why] of bad) {
      const r = await srv.api.call('GET', `${P}?limit=2&continue=${t}`);
      assert.equal(r.status, 400, `${Buffer.from(t, 'base64url').toString()}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.reason, 'BadRequest');
      assert.match(r.body.message, /^invalid continue token: continue key is not valid/);
      assert.match(r.body.message, why);
    }
    // A negative revision continues at the latest one, as kube-apiserver reads it.
    const latest = await srv.api.call('GET', `${P}?labelSelector=page&limit=2&continue=${token({ ...JSON.parse(Buffer.from(cont, 'base64url').toString()), rv: -5 })}`);
    assert.deepEqual(latest.body.items.map((p: any) => p.metadata.name), ['page-2']);
    const withRv = await srv.api.call('GET', `${P}?limit=2&resourceVersion=${rv}&continue=${cont}`);
    assert.equal(withRv.status, 400);
    assert.equal(withRv.body.message, 'specifying resource version is not allowed when using continue');
  });
});

describe('subPath and subPathExpr', () => {
  it("refuses '..' and absolute paths with 422, as upstream words it", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ subPathExpr: '../$(X)' }, 'spec.containers[0].volumeMounts.subPathExpr', `Invalid value: "../$(X)": must not contain '..'`],
      [{ subPathExpr: '/etc' }, 'spec.containers[0].volumeMounts.subPathExpr', 'Invalid value: "/etc": must be a relative path'],
      [{ subPath: 'a/../../b' }, 'spec.containers[0].volumeMounts.subPath', `Invalid value: "a/../../b": must not contain '..'`],
    ];
    for (const [mount, field, message] of cases) {
      const p = pod('subpath', {
        spec: {
          volumes: [{ name: 'v', emptyDir: {} }],
          containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'v', mountPath: '/v', ...mount }] }],
        },
      });
      const r = await srv.api.call('POST', P, p);
      assert.equal(r.status, 422, JSON.stringify(mount));
      assert.deepEqual(r.body.details.causes, [{ reason: 'FieldValueInvalid', field, message }]);
    }
    assert.equal((await srv.api.call('GET', `${P}/subpath`)).status, 404);
  });
});

/** /proc's view of a process's resident memory, in bytes. */
async function rss(pid: number): Promise<number> {
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

describe('watch memory', () => {
  it('cuts the slowest watchers when all of them together hold more than the budget; readers keep going', { timeout: 240_000 }, async () => {
    const BUDGET = 48 * MiB;
    const SLOW = 30;
    // 40 writes of 256 KiB: 10 MiB for each watcher, under its own 16 MiB cap, but 300 MiB for all 30.
    const WRITES = 40;
    const VALUE = 'v'.repeat(256 * 1024);
    const s = await startServer({ args: ['--watch-memory-budget', '48Mi'] });
    const sapi = await apiFor(s.kubeconfig);
    const cfg = await loadKubeconfig(s.kubeconfig);
    const agent = new Agent({ ca: cfg.ca, cert: cfg.cert, key: cfg.key, maxSockets: Infinity });
    const slow: IncomingMessage[] = [];
    const ac = new AbortController();
    try {
      const made = await sapi.call('POST', CM, configMap('churn', { v: '' }));
      const rv0 = made.body.metadata.resourceVersion;
      // Clients that open a watch and never read it.
      for (let i = 0; i < SLOW; i++) {
        slow.push(
          await new Promise<IncomingMessage>((resolve, reject) => {
            get(`${s.url}${CM}?watch=true&resourceVersion=${rv0}`, { agent }, (res) => {
              res.pause();
              resolve(res);
            }).once('error', reject);
          }),
        );
      }
      // And one that reads everything.
      const events = await sapi.watch(`${CM}?watch=true&resourceVersion=${rv0}`, ac.signal);
      const seen: number[] = [];
      const reading = (async () => {
        for await (const ev of events) {
          // The namespace's own objects (kube-root-ca.crt, made by a controller) may appear too.
          if (ev.object.metadata.name !== 'churn') continue;
          assert.equal(ev.type, 'MODIFIED', JSON.stringify(ev).slice(0, 300));
          seen.push(Number(ev.object.data.n));
          if (seen.length === WRITES) return;
        }
      })();
      const base = await rss(s.process.pid!);
      let peak = base;
      const sampler = setInterval(() => void rss(s.process.pid!).then((n) => (peak = Math.max(peak, n)), () => undefined), 50);
      try {
        for (let n = 1; n <= WRITES; n++) {
          const r = await sapi.call('PUT', `${CM}/churn`, configMap('churn', { v: VALUE, n: String(n) }));
          assert.equal(r.status, 200);
        }
        await reading;
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, await rss(s.process.pid!));
      // Unbounded, the 30 watchers would hold their 300 MiB; bounded, the budget plus the garbage of the writes.
      const grew = peak - base;
      assert.ok(grew < BUDGET + 160 * MiB, `server RSS grew by ${Math.round(grew / MiB)} MiB (base ${Math.round(base / MiB)} MiB)`);
      assert.deepEqual(seen, Array.from({ length: WRITES }, (_, i) => i + 1), 'the reading watcher saw every write, in order');

      // The slow clients, reading at last: most were cut, and what a cut one got ends without the later writes.
      const outcomes = await Promise.all(
        slow.map(
          (res) =>
            new Promise<{ cut: boolean; error: any }>((resolve) => {
              // Only the tail matters (a cut stream ends with its ERROR), and a stream counts as not cut
              // when it goes quiet without ending: draining 30 backlogs takes a while on a loaded machine.
              let text = '';
              const done = (cut: boolean) => resolve({ cut, error: text.split('\n').map((l) => l && l.startsWith('{"type":"ERROR"') ? JSON.parse(l) : null).find(Boolean) });
              // Cut long ago (its socket closed while the test was still writing): no event is left to come.
              if (res.destroyed) return done(true);
              let timer = setTimeout(() => done(false), 5000);
              res.setEncoding('utf8');
              res.on('data', (d: string) => {
                text += d;
                if (text.length > 128 * 1024) text = text.slice(-64 * 1024);
                clearTimeout(timer);
                timer = setTimeout(() => done(false), 5000);
              });
              res.once('end', () => (clearTimeout(timer), done(true)));
              res.once('error', () => (clearTimeout(timer), done(true)));
              res.once('aborted', () => (clearTimeout(timer), done(true)));
              res.resume();
            }),
        ),
      );
      const cut = outcomes.filter((o) => o.cut);
      assert.ok(cut.length >= SLOW / 2, `only ${cut.length} of ${SLOW} slow watchers were cut`);
      for (const o of cut) {
        if (!o.error) continue; // its unread rest, ERROR included, was dropped with the connection
        assert.equal(o.error.object.code, 410);
        assert.equal(o.error.object.reason, 'Expired');
        assert.match(o.error.object.message, /^too slow: /);
      }
    } finally {
      ac.abort();
      for (const res of slow) res.destroy();
      agent.destroy();
      sapi.close();
      await s.dispose();
    }
  });
});

describe('write-ahead log', () => {
  it('refuses to start when the WAL holding acknowledged writes was removed, and starts once it is back', { timeout: 300_000 }, async () => {
    const s = await startServer();
    const db = join(s.dataDir, 'state.db');
    try {
      const sapi = await apiFor(s.kubeconfig);
      const made = await sapi.call('POST', CM, configMap('acked', { k: 'v' }));
      assert.equal(made.status, 201);
      sapi.close();
      await s.kill();
      await copyFile(`${db}-wal`, `${db}-wal.saved`);
      await rm(`${db}-wal`);
      await assert.rejects(startServer({ dataDir: s.dataDir }), (e: Error) => {
        assert.match(e.message, /exited with 1/);
        assert.match(e.message, /state\.db may have lost acknowledged writes: its write-ahead log .*state\.db-wal, which held the writes after revision \d+, is gone/);
        assert.match(e.message, /Put the -wal file back; or, to accept the loss, delete .*state\.db-walguard/);
        return true;
      });
      await copyFile(`${db}-wal.saved`, `${db}-wal`);
      const again = await startServer({ dataDir: s.dataDir });
      const aapi = await apiFor(again.kubeconfig);
      const got = await aapi.call('GET', `${CM}/acked`);
      assert.equal(got.status, 200);
      assert.equal(got.body.metadata.resourceVersion, made.body.metadata.resourceVersion);
      aapi.close();
      // A clean stop leaves nothing in the WAL: removing it then loses nothing, and the server starts.
      await again.stop();
      await rm(`${db}-wal`, { force: true });
      const third = await startServer({ dataDir: s.dataDir });
      const tapi = await apiFor(third.kubeconfig);
      assert.equal((await tapi.call('GET', `${CM}/acked`)).status, 200);
      tapi.close();
      await third.stop();
    } finally {
      await s.dispose();
    }
  });
});
