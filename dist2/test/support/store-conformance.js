// The Backend contract, written once against the interface and run against every implementation
// (test/store-conformance.test.ts runs it on SQLite, test/store-etcd.test.ts on a real etcd).
// Plus a property test: random op sequences applied to the store and to a plain in-memory model.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StoreError } from '../../src/store/types.js';
import { prng } from './prng.js';
const enc = new TextEncoder();
const dec = new TextDecoder();
const b = (s) => enc.encode(s);
const s = (v) => dec.decode(v);
async function rejectsWith(p, code) {
    try {
        await p;
    }
    catch (e) {
        assert.ok(e instanceof StoreError, `expected StoreError ${code}, got ${String(e)}`);
        assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
        return e;
    }
    assert.fail(`expected StoreError ${code}, but it succeeded`);
}
/** The promise's value, or 'timeout' after ms (the timer keeps the process alive meanwhile). */
async function within(p, ms) {
    let timer;
    try {
        return await Promise.race([p, new Promise((res) => (timer = setTimeout(() => res('timeout'), Math.max(ms, 0))))]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** Reads n events from a watch, failing if they do not arrive within ms. */
async function take(it, n, ms = 5000) {
    const out = [];
    const deadline = Date.now() + ms;
    while (out.length < n) {
        const r = await within(nextOf(it), deadline - Date.now());
        if (r === 'timeout')
            assert.fail(`watch delivered ${out.length} of ${n} events in ${ms} ms: ${JSON.stringify(out.map(brief))}`);
        if (r.done)
            assert.fail(`watch ended after ${out.length} of ${n} events`);
        out.push(r.value);
    }
    return out;
}
/** The next event if one arrives within ms, else null (the pending read is left to the next caller). */
const pendingReads = new WeakMap();
function nextOf(it) {
    const p = pendingReads.get(it) ?? it.next();
    pendingReads.delete(it);
    return p;
}
async function quiet(it, ms = 30) {
    const p = nextOf(it);
    const r = await within(p, ms);
    if (r === 'timeout') {
        pendingReads.set(it, p);
        return null;
    }
    return r.done ? null : r.value;
}
function brief(e) {
    return `${e.type} ${e.kv.key}@${e.kv.modRevision}`;
}
export function backendConformance(name, newHarness) {
    describe(`Backend conformance: ${name}`, () => {
        let h;
        let store;
        before(async () => {
            h = await newHarness();
            store = await h.open({ compactIntervalMs: 0 });
        });
        after(async () => {
            await store.close();
            await h.dispose();
        });
        it('creates, gets, updates and deletes with revisions', async () => {
            const r0 = await store.revision();
            const c = await store.create('/t/crud/a', b('one'));
            assert.ok(c > r0, `create revision ${c} not after ${r0}`);
            assert.equal(await store.revision(), c);
            const got = await store.get('/t/crud/a');
            assert.deepEqual({ ...got, value: s(got.value) }, { key: '/t/crud/a', value: 'one', createRevision: c, modRevision: c });
            const u = await store.update('/t/crud/a', b('two'), c);
            assert.ok(u > c);
            const got2 = (await store.get('/t/crud/a'));
            assert.equal(s(got2.value), 'two');
            assert.equal(got2.createRevision, c, 'an update keeps createRevision');
            assert.equal(got2.modRevision, u);
            const d = await store.delete('/t/crud/a', u);
            assert.ok(d > u);
            assert.equal(await store.get('/t/crud/a'), null);
            assert.equal(await store.revision(), d);
            // A key created again is a new object: new createRevision.
            const c2 = await store.create('/t/crud/a', b('three'));
            assert.ok(c2 > d);
            assert.equal((await store.get('/t/crud/a')).createRevision, c2);
            const d2 = await store.delete('/t/crud/a');
            assert.ok(d2 > c2, 'an unconditional delete succeeds');
            assert.equal(await store.get('/t/crud/missing'), null);
            assert.equal((await store.get('/t/crud/a')), null);
        });
        it('reports AlreadyExists, Conflict and NotFound as StoreError codes and changes nothing', async () => {
            const c = await store.create('/t/err/a', b('v1'));
            const rev = await store.revision();
            await rejectsWith(store.create('/t/err/a', b('dup')), 'AlreadyExists');
            const conflict = await rejectsWith(store.update('/t/err/a', b('stale'), c - 1), 'Conflict');
            assert.equal(conflict.currentRevision, c, 'Conflict carries the current revision');
            await rejectsWith(store.update('/t/err/missing', b('x'), c), 'NotFound');
            await rejectsWith(store.delete('/t/err/missing'), 'NotFound');
            await rejectsWith(store.delete('/t/err/a', c + 1000), 'Conflict');
            assert.equal(await store.revision(), rev, 'failed writes use no revision');
            assert.equal(s((await store.get('/t/err/a')).value), 'v1');
            const d = await store.delete('/t/err/a', c);
            await rejectsWith(store.update('/t/err/a', b('gone'), c), 'NotFound');
            await rejectsWith(store.delete('/t/err/a', d), 'NotFound');
        });
        it('refuses a write over maxRequestBytes as TooLarge, writing nothing; one at the limit is stored', async () => {
            const key = '/t/size/a';
            const limit = store.maxRequestBytes;
            assert.ok(limit >= 1024 * 1024, `limit ${limit}`);
            const fits = new Uint8Array(limit - Buffer.byteLength(key)).fill(0x61);
            const c = await store.create(key, fits);
            const rev = await store.revision();
            await rejectsWith(store.create('/t/size/b', new Uint8Array(limit).fill(0x62)), 'TooLarge');
            await rejectsWith(store.update(key, new Uint8Array(fits.length + 1).fill(0x63), c), 'TooLarge');
            assert.equal(await store.revision(), rev, 'refused writes use no revision');
            assert.equal(await store.get('/t/size/b'), null);
            assert.equal((await store.get(key)).modRevision, c);
            await store.delete(key);
        });
        it('keeps failing and succeeding writes of one group commit independent', async () => {
            await store.create('/t/batch/x', b('x'));
            const results = await Promise.allSettled([
                store.create('/t/batch/a', b('a')),
                store.create('/t/batch/x', b('dup')),
                store.create('/t/batch/b', b('b')),
                store.update('/t/batch/nope', b('n'), 1),
                store.create('/t/batch/c', b('c')),
            ]);
            assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
            assert.equal(results[1].reason.code, 'AlreadyExists');
            assert.equal(results[3].reason.code, 'NotFound');
            const listed = await store.list('/t/batch/');
            assert.deepEqual(listed.kvs.map((kv) => [kv.key, s(kv.value)]), [['/t/batch/a', 'a'], ['/t/batch/b', 'b'], ['/t/batch/c', 'c'], ['/t/batch/x', 'x']]);
        });
        it('gives every write of a concurrent burst a distinct, increasing revision', async () => {
            const start = await store.revision();
            const revs = await Promise.all(Array.from({ length: 300 }, (_, i) => store.create(`/t/burst/${String(i).padStart(3, '0')}`, b(String(i)))));
            assert.equal(new Set(revs).size, revs.length, 'revisions are unique');
            if (h.issueOrder)
                for (let i = 1; i < revs.length; i++)
                    assert.ok(revs[i] > revs[i - 1], 'writes issued in order commit in order');
            assert.ok(revs[0] > start);
            assert.equal(await store.revision(), Math.max(...revs));
            const l = await store.list('/t/burst/');
            assert.equal(l.kvs.length, 300);
            for (const kv of l.kvs)
                assert.equal(kv.modRevision, revs[Number(s(kv.value))]);
            assert.ok(l.revision >= Math.max(...revs));
        });
        it('lists by prefix in key order, with limit, after and more, without deleted keys', async () => {
            for (const k of ['/t/list/b', '/t/list/a', '/t/list/d', '/t/list/c', '/t/listx/a', '/t/lis', '/t/list'])
                await store.create(k, b(k));
            await store.delete('/t/list/c');
            const all = await store.list('/t/list/');
            assert.deepEqual(all.kvs.map((kv) => kv.key), ['/t/list/a', '/t/list/b', '/t/list/d']);
            assert.equal(all.more, false);
            assert.equal(all.revision, await store.revision());
            assert.deepEqual(all.kvs.map((kv) => s(kv.value)), ['/t/list/a', '/t/list/b', '/t/list/d']);
            const p1 = await store.list('/t/list/', { limit: 2 });
            assert.deepEqual(p1.kvs.map((kv) => kv.key), ['/t/list/a', '/t/list/b']);
            assert.equal(p1.more, true);
            const p2 = await store.list('/t/list/', { limit: 2, after: '/t/list/b' });
            assert.deepEqual(p2.kvs.map((kv) => kv.key), ['/t/list/d']);
            assert.equal(p2.more, false);
            const exact = await store.list('/t/list/', { limit: 3 });
            assert.equal(exact.more, false, 'a limit equal to the count is not "more"');
            assert.deepEqual((await store.list('/t/list/', { after: '/t/list/a' })).kvs.map((kv) => kv.key), ['/t/list/b', '/t/list/d']);
            assert.deepEqual((await store.list('/t/list/', { after: '/t/a' })).kvs.length, 3, 'after before the prefix starts at the prefix');
            assert.deepEqual((await store.list('/t/list/', { after: '/t/list/d' })).kvs, []);
            assert.deepEqual((await store.list('/t/list/', { after: '/t/z' })).kvs, []);
            assert.deepEqual((await store.list('/t/listx/')).kvs.map((kv) => kv.key), ['/t/listx/a']);
            assert.deepEqual((await store.list('/t/nothing/')).kvs, []);
        });
        it('lists a range as it stood at a past revision, with the rest counted, until compaction takes it', async () => {
            await store.create('/t/snap/a', b('a1'));
            await store.create('/t/snap/b', b('b1'));
            const at = await store.create('/t/snap/c', b('c1'));
            await store.update('/t/snap/a', b('a2'), (await store.get('/t/snap/a')).modRevision);
            await store.delete('/t/snap/b');
            await store.create('/t/snap/0', b('new'));
            const then = await store.list('/t/snap/', { revision: at, limit: 1, count: true });
            assert.deepEqual(then.kvs.map((kv) => s(kv.value)), ['a1']);
            assert.equal(then.revision, at);
            assert.equal(then.more, true);
            assert.equal(then.remaining, 2);
            const rest = await store.list('/t/snap/', { revision: at, after: '/t/snap/a' });
            assert.deepEqual(rest.kvs.map((kv) => s(kv.value)), ['b1', 'c1']);
            assert.deepEqual((await store.list('/t/snap/', { revision: 0 })).kvs.map((kv) => s(kv.value)), ['new', 'a2', 'c1'], 'revision 0 is the current one');
            await store.compact(at);
            assert.deepEqual((await store.list('/t/snap/', { revision: at })).kvs.map((kv) => s(kv.value)), ['a1', 'b1', 'c1'], 'the compaction revision itself stays whole');
            await store.compact(at + 1);
            await rejectsWith(store.list('/t/snap/', { revision: at }), 'Expired');
        });
        it('replays a watch from a revision, then follows, with prevKv, filtered by prefix', async () => {
            await store.create('/t/w/a', b('a1'));
            const from = await store.revision();
            const ua = await store.update('/t/w/a', b('a2'), from);
            await store.create('/t/other/x', b('not mine'));
            const cb = await store.create('/t/w/b', b('b1'));
            const da = await store.delete('/t/w/a');
            const ac = new AbortController();
            const it = store.watch('/t/w/', from, ac.signal)[Symbol.asyncIterator]();
            const replay = await take(it, 3);
            assert.deepEqual(replay.map(brief), [`put /t/w/a@${ua}`, `put /t/w/b@${cb}`, `delete /t/w/a@${da}`]);
            assert.equal(s(replay[0].kv.value), 'a2');
            assert.equal(s(replay[0].prevKv.value), 'a1');
            assert.equal(replay[0].prevKv.modRevision, from);
            assert.equal(replay[1].prevKv, undefined, 'a create has no prevKv');
            assert.equal(replay[1].kv.createRevision, cb);
            assert.equal(s(replay[2].prevKv.value), 'a2', 'a delete carries the deleted value');
            assert.equal(replay[2].prevKv.modRevision, ua);
            // Live events follow, in order, and only under the prefix.
            await store.create('/t/wx', b('outside'));
            const cc = await store.create('/t/w/c', b('c1'));
            const uc = await store.update('/t/w/c', b('c2'), cc);
            const live = await take(it, 2);
            assert.deepEqual(live.map(brief), [`put /t/w/c@${cc}`, `put /t/w/c@${uc}`]);
            assert.equal(s(live[1].prevKv.value), 'c1');
            assert.equal(await quiet(it), null, 'no events outside the prefix');
            // Aborting ends the iteration.
            ac.abort();
            await store.create('/t/w/d', b('after abort'));
            const end = await within(nextOf(it), 2000);
            assert.notEqual(end, 'timeout', 'an aborted watch ends');
            assert.equal(end.done, true);
        });
        it('watches from the current revision see only later writes; many watchers see the same order', async () => {
            const from = await store.revision();
            const acs = [new AbortController(), new AbortController(), new AbortController()];
            const its = acs.map((ac) => store.watch('/t/wm/', from, ac.signal)[Symbol.asyncIterator]());
            const revs = await Promise.all(Array.from({ length: 40 }, (_, i) => store.create(`/t/wm/${i}`, b(String(i)))));
            // In commit order, whatever the order the writes were issued in.
            const committed = [...revs].sort((x, y) => x - y);
            for (const it of its) {
                const evs = await take(it, 40);
                assert.deepEqual(evs.map((e) => e.kv.modRevision), committed);
            }
            for (const ac of acs)
                ac.abort();
        });
        it('compacts history: old watches fail Expired, newest values survive, deleted keys stay deleted', async () => {
            const gone = await store.create('/t/c/gone', b('g1'));
            const keep = await store.create('/t/c/keep', b('k1'));
            let keepRev = await store.update('/t/c/keep', b('k2'), keep);
            const stable = await store.create('/t/c/stable', b('s1'));
            await store.compact(await store.revision());
            // Writes after one compaction, then a second compaction: the history of both rounds must fold.
            keepRev = await store.update('/t/c/keep', b('k3'), keepRev);
            await store.delete('/t/c/gone', gone);
            const mid = await store.revision();
            await store.update('/t/c/keep', b('k4'), keepRev);
            await store.compact(mid);
            const ac = new AbortController();
            const old = store.watch('/t/c/', stable - 1, ac.signal)[Symbol.asyncIterator]();
            await rejectsWith(old.next(), 'Expired');
            // From the compaction revision on, the history is whole.
            const ok = store.watch('/t/c/', mid, ac.signal)[Symbol.asyncIterator]();
            const evs = await take(ok, 1);
            assert.equal(s(evs[0].kv.value), 'k4');
            assert.equal(s(evs[0].prevKv.value), 'k3', 'prevKv of the first event after the compaction point survives');
            ac.abort();
            assert.equal(await store.get('/t/c/gone'), null, 'a key deleted before a compaction stays deleted');
            assert.equal(s((await store.get('/t/c/keep')).value), 'k4');
            assert.equal(s((await store.get('/t/c/stable')).value), 's1');
            assert.equal((await store.get('/t/c/stable')).modRevision, stable);
            assert.deepEqual((await store.list('/t/c/')).kvs.map((kv) => kv.key), ['/t/c/keep', '/t/c/stable']);
            // The deleted key can be created again.
            await store.create('/t/c/gone', b('g2'));
            assert.equal(s((await store.get('/t/c/gone')).value), 'g2');
        });
        it('never moves the revision backwards across a reopen, even when compaction dropped the newest rows', async () => {
            const c = await store.create('/t/re/a', b('a'));
            await store.update('/t/re/a', b('b'), c);
            const d = await store.delete('/t/re/a');
            await store.compact(d);
            const before = await store.revision();
            assert.equal(before, d);
            await store.close();
            store = await h.open({ compactIntervalMs: 0 });
            const after = await store.revision();
            assert.ok(after >= before, `revision went from ${before} to ${after} across a reopen`);
            // A watch from the current revision is not expired, and sees the next write.
            const ac = new AbortController();
            const it = store.watch('/t/re/', after, ac.signal)[Symbol.asyncIterator]();
            const n = await store.create('/t/re/a', b('again'));
            assert.ok(n > before);
            assert.equal((await take(it, 1))[0].kv.modRevision, n);
            ac.abort();
        });
        it('close() flushes queued writes, rejects later ones and does not crash', async () => {
            const pending = store.create('/t/close/a', b('queued'));
            await store.close();
            const rev = await pending;
            assert.ok(rev > 0);
            await assert.rejects(store.create('/t/close/b', b('late')));
            // Give any timers left behind by the closed store a chance to fire (and crash, if they would).
            await new Promise((r) => setTimeout(r, 50));
            store = await h.open({ compactIntervalMs: 0 });
            assert.equal(s((await store.get('/t/close/a')).value), 'queued');
            assert.equal(await store.get('/t/close/b'), null);
        });
        it('keeps the storage bounded under endless churn with automatic compaction', async () => {
            await store.close();
            store = await h.open({ retainRevisions: 500, compactIntervalMs: 10 });
            const keys = Array.from({ length: 50 }, (_, i) => `/t/churn/${String(i).padStart(2, '0')}`);
            const value = (round, i) => b(`${round}:${i}:`.padEnd(1024, 'x'));
            const revs = await Promise.all(keys.map((k, i) => store.create(k, value(0, i))));
            const rounds = 400; // 400 × 50 = 20,000 updates
            const sizes = [];
            const startRev = revs[0];
            for (let round = 1; round <= rounds; round++) {
                const next = await Promise.all(keys.map((k, i) => store.update(k, value(round, i), revs[i])));
                next.forEach((r, i) => (revs[i] = r));
                // Let the compaction timer run between group commits.
                await new Promise((r) => setImmediate(r));
                if (round % 100 === 0)
                    sizes.push(await h.sizeBytes());
            }
            const written = 20_000 * 1024;
            const [, second, , last] = sizes;
            // What is retained (~1,000 revisions of 1 KiB) plus a write-ahead log that checkpoints at ~4 MiB.
            assert.ok(last < 8 * 1024 * 1024, `storage is ${last} bytes after ${written} bytes of updates`);
            assert.ok(last <= second * 1.1 + 256 * 1024, `storage keeps growing: ${sizes.join(' → ')} bytes`);
            // Compaction happened, and kept every newest value.
            const ac = new AbortController();
            await rejectsWith(store.watch('/t/churn/', startRev, ac.signal)[Symbol.asyncIterator]().next(), 'Expired');
            ac.abort();
            const l = await store.list('/t/churn/');
            assert.deepEqual(l.kvs.map((kv) => kv.key), keys);
            l.kvs.forEach((kv, i) => assert.equal(s(kv.value), s(value(rounds, i))));
            await store.close();
            store = await h.open({ compactIntervalMs: 0 });
            assert.equal((await store.list('/t/churn/')).kvs.length, 50);
        });
    });
    describe(`Backend property test: ${name}`, () => {
        // CI replays fixed seeds so a landing never depends on luck; anywhere else each run explores new ones.
        const seeds = process.env.STORE_SEED
            ? [Number(process.env.STORE_SEED)]
            : Array.from({ length: 12 }, (_, i) => (process.env.CI ? 0x9e3779b9 * (i + 1) : Math.random() * 2 ** 32) >>> 0);
        for (const seed of seeds) {
            it(`random op sequences match a model (seed ${seed})`, async () => {
                const h = await newHarness();
                try {
                    await runModel(h, seed, 400);
                }
                catch (e) {
                    const err = e;
                    err.message = `seed ${seed} (rerun with STORE_SEED=${seed}): ${err.message}`;
                    throw err;
                }
                finally {
                    await h.dispose();
                }
            });
        }
    });
}
const KEYS = ['/m/a/1', '/m/a/2', '/m/a/3', '/m/ab/1', '/m/b/1', '/m/b/2', '/m/b/3', '/m/c'];
const PREFIXES = ['/m/', '/m/a/', '/m/a', '/m/ab/', '/m/b/', '/m/c', '/m/z/'];
async function runModel(h, seed, steps) {
    const r = prng(seed);
    let store = await h.open({ compactIntervalMs: 0 });
    const model = new Map();
    const history = [];
    let rev = await store.revision();
    // Revisions before the store's first one are not the model's: only its own history is asked about.
    const base = rev;
    let compacted = base;
    let valueN = 0;
    const log = [];
    const ctx = () => `after ops:\n  ${log.slice(-8).join('\n  ')}`;
    const settle = async (p) => {
        try {
            return { ok: await p };
        }
        catch (e) {
            if (e instanceof StoreError)
                return { err: e.code };
            throw e;
        }
    };
    /** The model's answer to a write, or the error it expects. */
    const expectWrite = (op) => {
        const cur = model.get(op.key);
        if (op.kind === 'create')
            return cur ? 'AlreadyExists' : null;
        if (!cur)
            return 'NotFound';
        if (op.expect !== undefined && op.expect !== cur.modRevision)
            return 'Conflict';
        return null;
    };
    const applyWrite = (op, newRev) => {
        assert.ok(newRev > rev, `revision ${newRev} is not after ${rev} (${op.kind} ${op.key}); ${ctx()}`);
        rev = newRev;
        const cur = model.get(op.key);
        const prev = cur ? { value: cur.value, modRevision: cur.modRevision } : undefined;
        if (op.kind === 'delete') {
            model.delete(op.key);
            history.push({ type: 'delete', key: op.key, rev: newRev, prev });
        }
        else {
            const createRevision = op.kind === 'create' ? newRev : cur.createRevision;
            model.set(op.key, { value: op.value, createRevision, modRevision: newRev });
            history.push({ type: 'put', key: op.key, value: op.value, createRevision, rev: newRev, prev });
        }
    };
    const randomWrite = () => {
        const key = r.pick(KEYS);
        const cur = model.get(key);
        const kind = r.pick(['create', 'create', 'update', 'update', 'update', 'delete']);
        // Mostly the right revision; sometimes a stale, future or other key's revision.
        const good = cur?.modRevision ?? rev;
        const expect = r.chance(0.75) ? good : r.pick([good - 1, good + 1, rev, 1, Math.max(1, rev - r.int(10))]);
        if (kind === 'create')
            return { kind, key, value: `v${++valueN}` };
        if (kind === 'update')
            return { kind, key, value: `v${++valueN}`, expect };
        return { kind, key, expect: r.chance(0.3) ? undefined : expect };
    };
    const checkKV = (kv, key, where) => {
        const m = model.get(key);
        if (!m)
            return assert.equal(kv, null, `${where}: ${key} should be absent; ${ctx()}`);
        assert.ok(kv, `${where}: ${key} should exist; ${ctx()}`);
        assert.deepEqual({ key: kv.key, value: s(kv.value), createRevision: kv.createRevision, modRevision: kv.modRevision }, { key, ...m }, `${where}: ${key}; ${ctx()}`);
    };
    for (let step = 0; step < steps; step++) {
        const dice = r.next();
        if (dice < 0.45) {
            const op = randomWrite();
            log.push(`${op.kind} ${op.key} expect=${op.expect}`);
            const want = expectWrite(op);
            const p = op.kind === 'create' ? store.create(op.key, b(op.value)) : op.kind === 'update' ? store.update(op.key, b(op.value), op.expect) : store.delete(op.key, op.expect);
            const got = await settle(p);
            if (want)
                assert.deepEqual(got, { err: want }, `${op.kind} ${op.key}; ${ctx()}`);
            else {
                assert.ok('ok' in got, `${op.kind} ${op.key} failed with ${JSON.stringify(got)}; ${ctx()}`);
                applyWrite(op, got.ok);
            }
        }
        else if (dice < 0.6) {
            // A concurrent burst on distinct keys: each outcome is independent of commit order.
            const keys = new Set();
            const ops = Array.from({ length: 2 + r.int(5) }, randomWrite).filter((o) => !keys.has(o.key) && keys.add(o.key));
            log.push(`burst ${ops.map((o) => `${o.kind} ${o.key}`).join(', ')}`);
            const wants = ops.map(expectWrite);
            const gots = await Promise.all(ops.map((op) => settle(op.kind === 'create' ? store.create(op.key, b(op.value)) : op.kind === 'update' ? store.update(op.key, b(op.value), op.expect) : store.delete(op.key, op.expect))));
            const applied = [];
            ops.forEach((op, i) => {
                if (wants[i])
                    assert.deepEqual(gots[i], { err: wants[i] }, `burst ${op.kind} ${op.key}; ${ctx()}`);
                else {
                    const g = gots[i];
                    assert.ok('ok' in g, `burst ${op.kind} ${op.key} failed with ${JSON.stringify(g)}; ${ctx()}`);
                    applied.push([op, g.ok]);
                }
            });
            applied.sort((x, y) => x[1] - y[1]);
            for (const [op, at] of applied)
                applyWrite(op, at);
        }
        else if (dice < 0.72) {
            const key = r.pick(KEYS);
            log.push(`get ${key}`);
            checkKV(await store.get(key), key, 'get');
        }
        else if (dice < 0.84) {
            const prefix = r.pick(PREFIXES);
            const limit = r.chance(0.5) ? 1 + r.int(4) : undefined;
            const afterKey = r.chance(0.4) ? r.pick([...KEYS, '/m/', '/a', '/z']) : undefined;
            log.push(`list ${prefix} limit=${limit} after=${afterKey}`);
            const l = await store.list(prefix, { limit, after: afterKey });
            const all = [...model.keys()].filter((k) => k.startsWith(prefix) && (afterKey === undefined || k > afterKey)).sort();
            const want = limit === undefined ? all : all.slice(0, limit);
            assert.deepEqual(l.kvs.map((kv) => kv.key), want, `list ${prefix}; ${ctx()}`);
            for (const kv of l.kvs)
                checkKV(kv, kv.key, 'list');
            assert.equal(l.more, limit !== undefined && all.length > limit, `list more; ${ctx()}`);
            assert.equal(l.revision, rev, `list revision; ${ctx()}`);
        }
        else if (dice < 0.87) {
            // A list as the range stood at a past revision: the model replays its history up to there.
            const prefix = r.pick(PREFIXES);
            // 0 asks for the current revision, as etcd reads it.
            const at = rev > base && r.chance(0.9) ? base + 1 + r.int(rev - base) : 0;
            const limit = r.chance(0.5) ? 1 + r.int(4) : undefined;
            const afterKey = r.chance(0.4) ? r.pick([...KEYS, '/m/']) : undefined;
            log.push(`list ${prefix} at ${at} limit=${limit} after=${afterKey} (compacted ${compacted})`);
            const p = store.list(prefix, { limit, after: afterKey, revision: at, count: true });
            if (at && at < compacted) {
                await rejectsWith(p, 'Expired');
                continue;
            }
            const then = new Map();
            for (const e of history) {
                if (at && e.rev > at)
                    break;
                if (e.type === 'delete')
                    then.delete(e.key);
                else
                    then.set(e.key, { value: e.value, createRevision: e.createRevision, modRevision: e.rev });
            }
            const l = await p;
            const all = [...then.keys()].filter((k) => k.startsWith(prefix) && (afterKey === undefined || k > afterKey)).sort();
            const want = limit === undefined ? all : all.slice(0, limit);
            assert.deepEqual(l.kvs.map((kv) => ({ key: kv.key, value: s(kv.value), createRevision: kv.createRevision, modRevision: kv.modRevision })), want.map((key) => ({ key, ...then.get(key) })), `list ${prefix} at ${at}; ${ctx()}`);
            assert.equal(l.more, limit !== undefined && all.length > limit, `list at more; ${ctx()}`);
            assert.equal(l.remaining, all.length - want.length, `list at remaining; ${ctx()}`);
            assert.equal(l.revision, at || rev, `list at revision; ${ctx()}`);
        }
        else if (dice < 0.9) {
            const at = compacted + r.int(Math.max(1, rev - compacted + 1));
            log.push(`compact ${at}`);
            await store.compact(at);
            compacted = Math.max(compacted, Math.min(at, rev));
        }
        else if (dice < 0.98) {
            const prefix = r.pick(PREFIXES);
            const from = base + r.int(rev - base + 1);
            log.push(`watch ${prefix} from ${from} (compacted ${compacted})`);
            const ac = new AbortController();
            const it = store.watch(prefix, from, ac.signal)[Symbol.asyncIterator]();
            try {
                if (from < compacted) {
                    await rejectsWith(it.next(), 'Expired');
                    continue;
                }
                const want = history.filter((e) => e.rev > from && e.key.startsWith(prefix));
                const got = await take(it, want.length);
                const norm = (e) => ({
                    type: e.type,
                    key: e.kv.key,
                    ...(e.type === 'put' ? { value: s(e.kv.value), createRevision: e.kv.createRevision } : {}),
                    rev: e.kv.modRevision,
                    prev: e.prevKv ? { value: s(e.prevKv.value), modRevision: e.prevKv.modRevision } : undefined,
                });
                assert.deepEqual(got.map(norm), want, `watch ${prefix} from ${from}; ${ctx()}`);
                const extra = await quiet(it, 5);
                assert.equal(extra && brief(extra), null, `watch ${prefix} from ${from} delivered an extra event; ${ctx()}`);
            }
            finally {
                ac.abort();
            }
        }
        else {
            log.push('reopen');
            await store.close();
            store = await h.open({ compactIntervalMs: 0 });
            const after = await store.revision();
            assert.ok(after >= rev, `revision went from ${rev} to ${after} across a reopen; ${ctx()}`);
            rev = after;
        }
    }
    // Final state, then the same state from a reopened file.
    for (let pass = 0; pass < 2; pass++) {
        const l = await store.list('/m/');
        assert.deepEqual(l.kvs.map((kv) => kv.key), [...model.keys()].sort(), `final list (pass ${pass}); ${ctx()}`);
        for (const key of KEYS)
            checkKV(await store.get(key), key, `final get (pass ${pass})`);
        const last = await store.revision();
        assert.ok(last >= rev, `revision ${last} < ${rev} (pass ${pass})`);
        await store.close();
        store = await h.open({ compactIntervalMs: 0 });
    }
    await store.close();
}
//# sourceMappingURL=store-conformance.js.map