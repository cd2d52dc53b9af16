import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue, runWorkers } from '../src/client/workqueue.js';
test('duplicate adds collapse into one key', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    assert.equal(q.length, 2);
    assert.equal(await q.get(), 'a');
    assert.equal(await q.get(), 'b');
});
test('a key added while processing is handed out again only after done', async () => {
    const q = new WorkQueue();
    q.add('a');
    const k = await q.get();
    q.add('a');
    assert.equal(q.length, 0, 'not queued while a worker holds it');
    let second;
    void q.get().then((x) => (second = x));
    await new Promise((r) => setImmediate(r));
    assert.equal(second, undefined);
    q.done(k);
    await new Promise((r) => setImmediate(r));
    assert.equal(second, 'a');
});
test('waiting get receives a key added later, and undefined on shutdown', async () => {
    const q = new WorkQueue();
    const p = q.get();
    q.add('x');
    assert.equal(await p, 'x');
    const p2 = q.get();
    q.shutDown();
    assert.equal(await p2, undefined);
});
test('per-key exponential backoff, forget resets it', () => {
    const q = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 50, burst: 1000 });
    assert.deepEqual([q.nextDelay('k'), q.nextDelay('k'), q.nextDelay('k'), q.nextDelay('k')], [10, 20, 40, 50]);
    assert.equal(q.numRequeues('k'), 4);
    assert.equal(q.nextDelay('other'), 10);
    q.forget('k');
    assert.equal(q.nextDelay('k'), 10);
});
test('the shared bucket limits the overall retry rate', () => {
    const q = new WorkQueue({ baseDelayMs: 1, qps: 10, burst: 2 });
    assert.equal(q.nextDelay('a'), 1);
    assert.equal(q.nextDelay('b'), 1);
    const third = q.nextDelay('c');
    assert.ok(third >= 90 && third <= 100, `third retry waits for a token (${third})`);
});
test('addRateLimited delivers the key after the delay', async () => {
    const q = new WorkQueue({ baseDelayMs: 20 });
    const t0 = Date.now();
    q.addRateLimited('k');
    assert.equal(q.length, 0);
    assert.equal(await q.get(), 'k');
    assert.ok(Date.now() - t0 >= 15);
});
test('runWorkers never runs one key twice at once and retries failures', async () => {
    const q = new WorkQueue({ baseDelayMs: 1 });
    const running = new Set();
    const seen = [];
    let failOnce = true;
    const ac = new AbortController();
    const done = runWorkers(q, 4, async (key) => {
        assert.ok(!running.has(key), 'concurrent processing of ' + key);
        running.add(key);
        await new Promise((r) => setTimeout(r, 5));
        running.delete(key);
        seen.push(key);
        if (key === 'b' && failOnce) {
            failOnce = false;
            throw new Error('boom');
        }
    }, ac.signal);
    q.add('a');
    q.add('b');
    await new Promise((r) => setTimeout(r, 1));
    q.add('a');
    q.add('a');
    await new Promise((r) => setTimeout(r, 60));
    ac.abort();
    await done;
    assert.equal(seen.filter((k) => k === 'a').length, 2);
    assert.equal(seen.filter((k) => k === 'b').length, 2);
});
//# sourceMappingURL=client-workqueue.test.js.map