// Durability across kill -9: a create the server answered 201 is on disk, whole and unique, when the
// server comes back on the same data dir; and the server serves normally afterwards.
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { apiFor, pod } from './support/api.js';
import { startServer } from './support/server.js';
const P = '/api/v1/namespaces/default/pods';
const CLIENTS = 64;
let server;
after(async () => {
    await server?.dispose();
});
/** One client creating pods until the server dies under it. */
async function client(api, id, acked, stop, onCreated) {
    let answered = 0;
    let failed = 0;
    for (let i = 0; !stop.dead; i++) {
        const name = `c${id}-${i}`;
        try {
            const r = await api.call('POST', P, pod(name, { metadata: { name, labels: { client: String(id) }, annotations: { seq: String(i) } } }));
            answered++;
            if (r.status === 201) {
                acked.push({ name, uid: r.body.metadata.uid, resourceVersion: r.body.metadata.resourceVersion });
                onCreated();
            }
            else {
                assert.fail(`create ${name} answered ${r.status}: ${JSON.stringify(r.body)}`);
            }
        }
        catch (e) {
            if (e instanceof assert.AssertionError)
                throw e;
            // The connection died with the server: the outcome of this create is unknown, which is allowed.
            failed++;
            if (!stop.dead)
                await new Promise((r) => setTimeout(r, 5));
        }
    }
    return { answered, failed };
}
it('keeps every acknowledged create across kill -9 during 64 concurrent clients', { timeout: 120_000 }, async () => {
    server = await startServer();
    const apis = await Promise.all(Array.from({ length: CLIENTS }, () => apiFor(server.kubeconfig)));
    const acked = [];
    const stop = { dead: false };
    let killAt = 400 + Math.floor(Math.random() * 200);
    let killing;
    const onCreated = () => {
        if (--killAt === 0)
            killing = server.kill().then(() => void (stop.dead = true));
    };
    const results = await Promise.all(apis.map((api, i) => client(api, i, acked, stop, onCreated)));
    await killing;
    for (const a of apis)
        a.close();
    const unknown = results.reduce((n, r) => n + r.failed, 0);
    assert.ok(acked.length >= 400, `only ${acked.length} creates acknowledged before the kill`);
    server = await startServer({ dataDir: server.dataDir });
    const api = await apiFor(server.kubeconfig);
    try {
        // Every acknowledged create is readable, with the uid and resourceVersion it was acknowledged with.
        const check = async (a) => {
            const g = await api.call('GET', `${P}/${a.name}`);
            assert.equal(g.status, 200, `acknowledged pod ${a.name} is missing after the restart`);
            assert.equal(g.body.metadata.uid, a.uid, `pod ${a.name} changed uid`);
            // The scheduler may have written the status since (Unschedulable: no nodes), never an older state.
            assert.ok(Number(g.body.metadata.resourceVersion) >= Number(a.resourceVersion), `pod ${a.name} went back to resourceVersion ${g.body.metadata.resourceVersion}`);
            assert.equal(g.body.metadata.creationTimestamp !== undefined, true);
            assert.equal(g.body.metadata.name, a.name);
            assert.equal(g.body.spec.containers[0].image, 'busybox');
        };
        for (let i = 0; i < acked.length; i += 16)
            await Promise.all(acked.slice(i, i + 16).map(check));
        // The list holds each object once, every one whole; creates that were in flight may or may not be there.
        const l = await api.call('GET', P);
        assert.equal(l.status, 200);
        const names = l.body.items.map((p) => p.metadata.name);
        assert.equal(new Set(names).size, names.length, 'duplicate objects in the list');
        const uids = l.body.items.map((p) => p.metadata.uid);
        assert.equal(new Set(uids).size, uids.length, 'duplicate uids in the list');
        for (const p of l.body.items) {
            assert.match(p.metadata.name, /^c\d+-\d+$/);
            assert.equal(p.metadata.annotations.seq, p.metadata.name.split('-')[1], `pod ${p.metadata.name} is not the object its client sent`);
            assert.equal(p.metadata.labels.client, p.metadata.name.slice(1).split('-')[0]);
            assert.match(p.metadata.resourceVersion, /^\d+$/);
        }
        assert.ok(names.length >= acked.length && names.length <= acked.length + unknown + CLIENTS, `${names.length} pods for ${acked.length} acknowledged creates`);
        const lastRv = Math.max(...acked.map((a) => Number(a.resourceVersion)));
        assert.ok(Number(l.body.metadata.resourceVersion) >= lastRv, 'the list revision is not behind an acknowledged write');
        // The server answers normally: a create, a conflict, a watch, an update and a delete.
        const c = await api.call('POST', P, pod('after-crash'));
        assert.equal(c.status, 201);
        assert.ok(Number(c.body.metadata.resourceVersion) > lastRv, 'new writes get newer revisions than any acknowledged before the crash');
        assert.equal((await api.call('POST', P, pod(acked[0].name))).status, 409);
        const ac = new AbortController();
        const events = await api.watch(`${P}?watch=true&resourceVersion=${c.body.metadata.resourceVersion}`, ac.signal);
        const u = await api.call('PATCH', `${P}/after-crash`, { metadata: { labels: { x: 'y' } } });
        assert.equal(u.status, 200);
        for await (const ev of events) {
            // Other writers (the scheduler marking it Unschedulable) may come first; ours must arrive.
            assert.equal(ev.type, 'MODIFIED');
            if (ev.object.metadata.labels?.x !== 'y')
                continue;
            assert.equal(ev.object.metadata.resourceVersion, u.body.metadata.resourceVersion);
            break;
        }
        ac.abort();
        assert.equal((await api.call('DELETE', `${P}/${acked[1].name}?gracePeriodSeconds=0`)).status, 200);
        assert.equal((await api.call('GET', `${P}/${acked[1].name}`)).status, 404);
        const ready = await api.call('GET', '/readyz');
        assert.deepEqual(ready, { status: 200, body: 'ok' });
    }
    finally {
        api.close();
    }
});
//# sourceMappingURL=apiserver-crash.test.js.map