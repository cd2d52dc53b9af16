// The API server's REST semantics, against a real `berth server` over HTTPS on a real SQLite file.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiFor, unscheduledPod as pod } from './support/api.js';
import { startServer } from './support/server.js';
import { withServer } from './support/suite.js';
import { HttpsTransport } from '../src/client/https-transport.js';
import { loadKubeconfig } from '../src/client/kubeconfig.js';

// These pods name a scheduler nobody runs, so the in-process scheduler never races the test's writes.

const srv = withServer();
const P = '/api/v1/namespaces/default/pods';


describe('create, get, update', () => {
  it('creates a pod with server-set metadata, defaults and Pending phase', async () => {
    const r = await srv.api.call('POST', P, pod('a'));
    assert.equal(r.status, 201);
    const m = r.body.metadata;
    assert.match(m.uid, /^[0-9a-f-]{36}$/);
    assert.match(m.resourceVersion, /^\d+$/);
    assert.match(m.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(m.namespace, 'default');
    assert.equal(r.body.spec.restartPolicy, 'Always');
    assert.equal(r.body.spec.containers[0].imagePullPolicy, 'Always');
    assert.equal(r.body.status.phase, 'Pending');
    const g = await srv.api.call('GET', `${P}/a`);
    assert.equal(g.status, 200);
    assert.equal(g.body.metadata.uid, m.uid);
  });

  it('refuses a duplicate name with 409 AlreadyExists', async () => {
    const r = await srv.api.call('POST', P, pod('a'));
    assert.equal(r.status, 409);
    assert.equal(r.body.reason, 'AlreadyExists');
    assert.equal(r.body.message, 'pods "a" already exists');
  });

  it('generates names from generateName', async () => {
    const r = await srv.api.call('POST', P, { ...pod(''), metadata: { generateName: 'web-' } });
    assert.equal(r.status, 201);
    assert.match(r.body.metadata.name, /^web-[a-z0-9]{5}$/);
  });

  it('answers a stale resourceVersion with 409 Conflict and changes nothing', async () => {
    const cur = (await srv.api.call('GET', `${P}/a`)).body;
    const first = await srv.api.call('PUT', `${P}/a`, { ...cur, metadata: { ...cur.metadata, labels: { v: '1' } } });
    assert.equal(first.status, 200);
    const stale = await srv.api.call('PUT', `${P}/a`, { ...cur, metadata: { ...cur.metadata, labels: { v: '2' } } });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.reason, 'Conflict');
    assert.deepEqual((await srv.api.call('GET', `${P}/a`)).body.metadata.labels, { v: '1' });
  });

  it('lets only /status change the status, and keeps status on spec updates', async () => {
    const cur = (await srv.api.call('GET', `${P}/a`)).body;
    const s = await srv.api.call('PUT', `${P}/a/status`, { ...cur, status: { ...cur.status, phase: 'Running' } });
    assert.equal(s.status, 200);
    assert.equal(s.body.status.phase, 'Running');
    const m = await srv.api.call('PATCH', `${P}/a`, { status: { phase: 'Failed' }, metadata: { annotations: { x: 'y' } } });
    assert.equal(m.status, 200);
    assert.equal(m.body.status.phase, 'Running');
    assert.equal(m.body.metadata.annotations.x, 'y');
  });

  it('applies JSON patch', async () => {
    const r = await srv.api.call('PATCH', `${P}/a`, [{ op: 'add', path: '/metadata/labels/extra', value: 'yes' }], { 'Content-Type': 'application/json-patch+json' });
    assert.equal(r.status, 200);
    assert.equal(r.body.metadata.labels.extra, 'yes');
  });
  it('lands every one of many racing patches of one object while other kinds are written meanwhile', async () => {
    // Each patch that loses a race retries on the newer object; the store's latest revision is then
    // often another kind's, which a retry must not wait for (it would wait for the next write of a Pod).
    const CM = '/api/v1/namespaces/default/configmaps';
    assert.equal((await srv.api.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raced' } })).status, 201);
    const n = 8;
    const results = await Promise.all(Array.from({ length: n }, async (_, i) => {
      const patched = srv.api.call('PATCH', `${CM}/raced`, { data: { [`k${i}`]: 'v' } }, { 'Content-Type': 'application/merge-patch+json' });
      const other = srv.api.call('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: `race-${i}` } });
      return [(await patched).status, (await other).status];
    }));
    assert.deepEqual(results, Array.from({ length: n }, () => [200, 201]));
    assert.equal(Object.keys((await srv.api.call('GET', `${CM}/raced`)).body.data).length, n);
  });
});

describe('bad input', () => {
  it('rejects an invalid pod with 422 and field causes, storing nothing', async () => {
    const bad = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'c' }] } };
    const r = await srv.api.call('POST', P, bad);
    assert.equal(r.status, 422);
    assert.equal(r.body.reason, 'Invalid');
    const fields = r.body.details.causes.map((c: { field: string }) => c.field);
    assert.ok(fields.includes('metadata.name'), JSON.stringify(r.body));
    assert.ok(fields.includes('spec.containers[0].image'), JSON.stringify(r.body));
    assert.equal((await srv.api.call('GET', `${P}/Bad_Name`)).status, 404);
  });

  it('rejects malformed JSON, wrong kinds and unknown fields under Strict with 400', async () => {
    const malformed = await srv.api.call('POST', P, '{"apiVersion": "v1", "kind": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.kind, 'Status');
    const wrongKind = await srv.api.call('POST', P, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' } });
    assert.equal(wrongKind.status, 400);
    const strict = await srv.api.call('POST', `${P}?fieldValidation=Strict`, { ...pod('strict'), spec: { containers: [{ name: 'c', image: 'i', bogus: 1 }] } });
    assert.equal(strict.status, 400);
    assert.match(strict.body.message, /unknown field "spec\.containers\[0\]\.bogus"/);
    assert.equal((await srv.api.call('GET', `${P}/strict`)).status, 404);
  });

  it('answers a strategic merge patch that breaks apiVersion with 422 on "patch", not 500', async () => {
    const r = await srv.api.call('PATCH', `${P}/a`, { apiVersion: { not: 'a string' } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.details.causes[0].message, 'Invalid value: "map[apiVersion:map[not:a string]]": unrecognized type: string');
    assert.equal(r.body.kind, 'Status');
    assert.equal((await srv.api.call('GET', `${P}/a`)).body.apiVersion, 'v1');
  });

  it('refuses bodies over 3 MiB with 413', async () => {
    const big = pod('big', { metadata: { name: 'big', annotations: { a: 'x'.repeat(3.5 * 1024 * 1024) } } });
    const r = await srv.api.call('POST', P, big);
    assert.equal(r.status, 413);
  });

  it('answers a non-numeric resourceVersion and unknown paths with 4xx Status', async () => {
    const r = await srv.api.call('GET', `${P}?resourceVersion=abc`);
    assert.equal(r.status, 400);
    const nf = await srv.api.call('GET', '/api/v1/nopes');
    assert.equal(nf.status, 404);
    assert.equal(nf.body.kind, 'Status');
  });

  it('refuses objects in a missing namespace', async () => {
    const r = await srv.api.call('POST', '/api/v1/namespaces/nowhere/pods', pod('x'));
    assert.equal(r.status, 404);
    assert.equal(r.body.message, 'namespaces "nowhere" not found');
  });
});

describe('list and watch', () => {
  it('pages with limit and continue, and filters by label and field', async () => {
    for (let i = 0; i < 5; i++) await srv.api.call('POST', P, pod(`page-${i}`, { metadata: { name: `page-${i}`, labels: { tier: i % 2 ? 'odd' : 'even' } } }));
    const first = await srv.api.call('GET', `${P}?labelSelector=tier&limit=2`);
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.metadata.continue);
    const second = await srv.api.call('GET', `${P}?labelSelector=tier&limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    const third = await srv.api.call('GET', `${P}?labelSelector=tier&limit=2&continue=${encodeURIComponent(second.body.metadata.continue)}`);
    const names = [...first.body.items, ...second.body.items, ...third.body.items].map((p: any) => p.metadata.name);
    assert.deepEqual(names, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    const odd = await srv.api.call('GET', `${P}?labelSelector=tier%3Dodd`);
    assert.deepEqual(odd.body.items.map((p: any) => p.metadata.name), ['page-1', 'page-3']);
    const unbound = await srv.api.call('GET', `/api/v1/pods?fieldSelector=spec.nodeName%3D,metadata.name%3Dpage-2`);
    assert.deepEqual(unbound.body.items.map((p: any) => p.metadata.name), ['page-2']);
    const badField = await srv.api.call('GET', `${P}?fieldSelector=spec.bogus%3Dx`);
    assert.equal(badField.status, 400);
  });

  it('watches from a resourceVersion and sees ADDED, MODIFIED, DELETED in order', async () => {
    const rv = (await srv.api.call('GET', P)).body.metadata.resourceVersion;
    const ac = new AbortController();
    const events = await srv.api.watch(`${P}?watch=true&resourceVersion=${rv}&labelSelector=w%3D1`, ac.signal);
    await srv.api.call('POST', P, pod('w', { metadata: { name: 'w', labels: { w: '1' } } }));
    await srv.api.call('PATCH', `${P}/w`, { metadata: { annotations: { step: '2' } } });
    await srv.api.call('DELETE', `${P}/w`);
    const seen: string[] = [];
    for await (const ev of events) {
      seen.push(`${ev.type}:${ev.object.metadata.name}`);
      if (seen.length === 3) break;
    }
    ac.abort();
    assert.deepEqual(seen, ['ADDED:w', 'MODIFIED:w', 'DELETED:w']);
  });

  it('gives a watcher the very bytes of the object each write answered with, and a no-op write no new revision', async () => {
    const t = new HttpsTransport(await loadKubeconfig(srv.server.kubeconfig));
    try {
      const ac = new AbortController();
      const rv = (await srv.api.call('GET', P)).body.metadata.resourceVersion;
      const { lines } = await t.stream({ method: 'GET', path: `${P}?watch=true&resourceVersion=${rv}&labelSelector=bytes%3D1`, signal: ac.signal });
      const headers = { 'Content-Type': 'application/json' };
      const created = await t.request({ method: 'POST', path: P, headers, body: JSON.stringify(pod('bytes', { metadata: { name: 'bytes', labels: { bytes: '1' } } })) });
      const patched = await t.request({ method: 'PATCH', path: `${P}/bytes`, headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { annotations: { step: '2' } } }) });
      const status = await t.request({ method: 'PATCH', path: `${P}/bytes/status`, headers: { 'Content-Type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'add', path: '/status/message', value: 'hi' }]) });
      const got = await t.request({ method: 'GET', path: `${P}/bytes`, headers });
      assert.deepEqual([created.status, patched.status, status.status], [201, 200, 200]);
      const answered = [created.body, patched.body, status.body];
      const seen: string[] = [];
      for await (const line of lines) if (seen.push(line) === 3) break;
      ac.abort();
      assert.deepEqual(seen, answered.map((body, i) => `{"type":"${i ? 'MODIFIED' : 'ADDED'}","object":${body}}`));
      assert.equal(got.body, status.body, 'a read is the same text too');
      // The same patch again changes nothing: the same object at the same resourceVersion.
      const again = await t.request({ method: 'PATCH', path: `${P}/bytes`, headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ metadata: { annotations: { step: '2' } } }) });
      assert.equal(again.body, status.body);
    } finally {
      t.close();
    }
  });

  it('sends a selector transition as ADDED and DELETED', async () => {
    await srv.api.call('POST', P, pod('t', { metadata: { name: 't', labels: {} } }));
    const rv = (await srv.api.call('GET', `${P}/t`)).body.metadata.resourceVersion;
    const ac = new AbortController();
    const events = await srv.api.watch(`${P}?watch=true&resourceVersion=${rv}&labelSelector=on%3Dyes`, ac.signal);
    await srv.api.call('PATCH', `${P}/t`, { metadata: { labels: { on: 'yes' } } });
    await srv.api.call('PATCH', `${P}/t`, { metadata: { labels: { on: 'no' } } });
    const seen: string[] = [];
    for await (const ev of events) {
      seen.push(ev.type);
      if (seen.length === 2) break;
    }
    ac.abort();
    assert.deepEqual(seen, ['ADDED', 'DELETED']);
  });

  it('answers a watch from a revision older than the window with an ERROR 410 Expired event', async () => {
    const small = await startServer({ args: ['--watch-cache-size', '5'] });
    const sapi = await apiFor(small.kubeconfig);
    try {
      const CM = '/api/v1/namespaces/default/configmaps';
      const first = await sapi.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-0' } });
      for (let i = 1; i < 20; i++) await sapi.call('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } });
      const ac = new AbortController();
      const events = await sapi.watch(`${CM}?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`, ac.signal);
      const seen = [];
      for await (const ev of events) seen.push(ev);
      ac.abort();
      assert.equal(seen.length, 1);
      assert.equal(seen[0].type, 'ERROR');
      assert.equal(seen[0].object.code, 410);
      assert.equal(seen[0].object.reason, 'Expired');
      assert.match(seen[0].object.message, /^too old resource version: \d+ \(\d+\)$/);
      // A list gives a fresh resourceVersion to resume from.
      const list = await sapi.call('GET', CM);
      assert.equal(list.body.items.filter((cm: { metadata: { name: string } }) => cm.metadata.name.startsWith('cm-')).length, 20, 'and kube-root-ca.crt');
    } finally {
      sapi.close();
      await small.dispose();
    }
  });
});

describe('deletion', () => {
  it('deletes an unbound pod at once', async () => {
    await srv.api.call('POST', P, pod('gone'));
    const r = await srv.api.call('DELETE', `${P}/gone`);
    assert.equal(r.status, 200);
    assert.equal((await srv.api.call('GET', `${P}/gone`)).status, 404);
  });

  it('deletes a bound pod gracefully: deletionTimestamp and grace, until grace 0', async () => {
    // The node must exist, or pod garbage collection removes the orphaned pod.
    assert.equal((await srv.api.call('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } })).status, 201);
    await srv.api.call('POST', P, pod('bound'));
    const b = await srv.api.call('POST', `${P}/bound/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound', annotations: { 'example.com/placed-by': 'test' } }, target: { kind: 'Node', name: 'n1' } });
    assert.equal(b.status, 201);
    const bound = (await srv.api.call('GET', `${P}/bound`)).body;
    assert.equal(bound.spec.nodeName, 'n1');
    assert.equal(bound.metadata.annotations['example.com/placed-by'], 'test', "the Binding's annotations are copied onto the Pod, as upstream's binding does");
    assert.equal(bound.status.conditions.find((c: any) => c.type === 'PodScheduled').status, 'True');
    const badNote = await srv.api.call('POST', `${P}/bound/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound', annotations: { 'bad key!': 'x' } }, target: { kind: 'Node', name: 'n2' } });
    assert.equal(badNote.status, 422, 'a Binding whose annotations are invalid is refused before anything is written');
    assert.equal(badNote.body.details.causes[0].field, 'metadata.annotations');
    const again = await srv.api.call('POST', `${P}/bound/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'n2' } });
    assert.equal(again.status, 409);
    const d = await srv.api.call('DELETE', `${P}/bound`);
    assert.equal(d.status, 200);
    assert.ok(d.body.metadata.deletionTimestamp);
    assert.equal(d.body.metadata.deletionGracePeriodSeconds, 30);
    assert.equal((await srv.api.call('GET', `${P}/bound`)).status, 200);
    const now = await srv.api.call('DELETE', `${P}/bound`, { gracePeriodSeconds: 0 });
    assert.equal(now.status, 200);
    assert.equal((await srv.api.call('GET', `${P}/bound`)).status, 404);
  });

  it('binds through its own path: uid and resourceVersion preconditions, the URL\'s name, no managedFields entry', async () => {
    await srv.api.call('POST', P, pod('placed'));
    const created = (await srv.api.call('GET', `${P}/placed`)).body;
    const bind = (meta: Record<string, unknown>) => srv.api.call('POST', `${P}/placed/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'placed', ...meta }, target: { kind: 'Node', name: 'n1' } });
    const stale = await bind({ uid: '00000000-0000-0000-0000-000000000000' });
    assert.equal(stale.status, 409, 'a decision about another Pod of the same name is refused');
    assert.match(stale.body.message, /Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: /);
    assert.equal((await bind({ resourceVersion: '1' })).status, 409, 'an older resourceVersion is refused');
    const other = await srv.api.call('POST', `${P}/placed/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'someone-else' }, target: { kind: 'Node', name: 'n1' } });
    assert.equal(other.status, 400);
    assert.equal(other.body.message, 'name in URL does not match name in Binding object');
    assert.equal((await srv.api.call('GET', `${P}/placed`)).body.spec.nodeName, undefined, 'nothing refused was written');
    assert.equal((await bind({ uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion })).status, 201);
    const bound = (await srv.api.call('GET', `${P}/placed`)).body;
    assert.equal(bound.spec.nodeName, 'n1');
    assert.deepEqual(bound.metadata.managedFields, created.metadata.managedFields, 'the binding is not a field manager\'s write, as upstream');
    await srv.api.call('DELETE', `${P}/placed`, { gracePeriodSeconds: 0 });
  });

  it('deleting a namespace removes what is in it, and nothing new gets in', async () => {
    assert.equal((await srv.api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } })).status, 201);
    assert.equal((await srv.api.call('POST', '/api/v1/namespaces/doomed/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } })).status, 201);
    const d = await srv.api.call('DELETE', '/api/v1/namespaces/doomed');
    assert.equal(d.status, 200);
    for (let i = 0; i < 50 && (await srv.api.call('GET', '/api/v1/namespaces/doomed')).status !== 404; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await srv.api.call('GET', '/api/v1/namespaces/doomed')).status, 404);
    assert.equal((await srv.api.call('GET', '/api/v1/namespaces/doomed/configmaps/c')).status, 404);
  });

  it('keeps the system namespaces', async () => {
    const r = await srv.api.call('GET', '/api/v1/namespaces');
    const names = r.body.items.map((n: any) => n.metadata.name);
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.ok(names.includes(n), n);
  });
});

describe('security', () => {
  it('answers health without credentials and everything else with 401', async () => {
    const res = await fetch(`${srv.server.url}/api/v1/namespaces`, { dispatcher: undefined } as RequestInit).catch((e: Error) => e);
    // fetch has no CA for the self-signed server: the TLS layer refuses before HTTP, as it should.
    assert.ok(res instanceof Error);
    const { request } = await import('node:https');
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        request(`${srv.server.url}${path}`, { rejectUnauthorized: false }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    assert.equal(await status('/readyz'), 200);
    assert.equal(await status('/version'), 200);
    assert.equal(await status('/api/v1/namespaces'), 401);
  });
});
