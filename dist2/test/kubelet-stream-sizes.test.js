// Terminal sizes as exec and attach clients send them: what counts as a size, a flood of resizes
// reaching the runtime as its newest one rather than as a queue, and input held until sizes are applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTerminalSize, SizeFeed } from '../src/kubelet/server/streams.js';
test('a resize message is {"Width","Height"} with positive integers up to 65535; anything else is no size', () => {
    assert.deepEqual(parseTerminalSize('{"Width":80,"Height":24}'), { width: 80, height: 24 });
    assert.deepEqual(parseTerminalSize('{"Height":65535,"Width":1,"Extra":true}'), { width: 1, height: 65535 });
    for (const bad of ['', 'null', '[]', '{}', '{"Width":80}', '{"Width":0,"Height":24}', '{"Width":-1,"Height":24}', '{"Width":80.5,"Height":24}',
        '{"Width":"80","Height":"24"}', '{"Width":65536,"Height":24}', '{"Width":1e308,"Height":24}', '{"Width":80,"Height":24', '\u0000\u0001']) {
        assert.equal(parseTerminalSize(bad), null, JSON.stringify(bad));
    }
});
test('sizes sent faster than they are applied reach the runtime as the newest one', async () => {
    const feed = new SizeFeed();
    const seen = [];
    const applied = (async () => {
        for await (const s of feed) {
            seen.push(s.width);
            await new Promise((r) => setTimeout(r, 20)); // applying one takes a while (a process, a fifo write)
        }
    })();
    feed.push({ width: 1, height: 1 });
    await new Promise((r) => setImmediate(r));
    for (let w = 2; w <= 1000; w++)
        feed.push({ width: w, height: 1 });
    await new Promise((r) => setTimeout(r, 50));
    feed.push({ width: 2000, height: 1 });
    feed.close();
    feed.push({ width: 3000, height: 1 }); // after the session: dropped
    await applied;
    assert.deepEqual(seen, [1, 1000, 2000]);
});
test('terminal input waits for the first size and for one being applied, not for a runtime that takes none', async () => {
    const feed = new SizeFeed();
    const order = [];
    const input = (label) => feed.settled().then(() => order.push(label));
    const applying = [];
    const applied = (async () => {
        for await (const s of feed) {
            order.push(`size ${s.width}`);
            await new Promise((r) => applying.push(r)); // applying it takes until the test says so
        }
    })();
    const typedFirst = input('typed before any size'); // kubectl sends what was typed as it connects
    await new Promise((r) => setTimeout(r, 20));
    feed.push({ width: 81, height: 25 });
    await new Promise((r) => setTimeout(r, 20));
    feed.push({ width: 80, height: 24 });
    const typedDuring = input('typed while a size is applied');
    await new Promise((r) => setTimeout(r, 20));
    applying.shift()();
    await new Promise((r) => setTimeout(r, 20));
    applying.shift()();
    await Promise.all([typedFirst, typedDuring]);
    assert.deepEqual(order, ['size 81', 'size 80', 'typed before any size', 'typed while a size is applied']);
    feed.close();
    await applied;
    const unread = new SizeFeed();
    unread.push({ width: 80, height: 24 });
    await unread.settled(); // resolves after its bound: nothing takes the size
    let second = false;
    void unread.settled().then(() => (second = true));
    await new Promise((r) => setImmediate(r));
    assert.ok(second, 'once a wait has run out, input no longer waits');
});
//# sourceMappingURL=kubelet-stream-sizes.test.js.map