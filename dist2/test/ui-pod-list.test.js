// The dashboard's Pod list underneath: objects kept in key order as random watch events come (the
// same order a sort of the whole list would give, without one per event), and the window of rows a
// screen shows. Rerun one case with LIST_SEED=<seed>.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedList } from '../src/ui/keyedList.js';
import { rowWindow } from '../src/ui/rowWindow.js';
import { prng } from './support/prng.js';
// CI replays a fixed seed; anywhere else each run explores a new one.
const seed = process.env.LIST_SEED ? Number(process.env.LIST_SEED) : process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;
test(`random adds, updates and deletes keep the list in key order, each key once (seed ${seed})`, () => {
    const r = prng(seed);
    const list = new KeyedList((o) => `${o.ns}/${o.name}`);
    const model = new Map();
    for (let step = 0; step < 5000; step++) {
        const o = { ns: r.pick(['default', 'kube-system', 'a']), name: `p-${r.int(300)}`, v: step };
        const key = `${o.ns}/${o.name}`;
        if (r.chance(0.3)) {
            list.delete(o);
            model.delete(key);
        }
        else {
            list.set(o);
            model.set(key, o);
        }
        if (r.chance(0.002)) {
            list.clear();
            model.clear();
        }
        if (step % 97 === 0 || step === 4999) {
            const want = [...model].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
            assert.deepEqual(list.items(), want, `after step ${step} (seed ${seed})`);
            assert.equal(list.size, model.size);
        }
    }
});
test('items() is a snapshot: later events do not change what a page holds', () => {
    const list = new KeyedList((o) => o.name);
    list.set({ ns: '', name: 'b', v: 1 });
    const held = list.items();
    list.set({ ns: '', name: 'a', v: 2 });
    list.set({ ns: '', name: 'b', v: 3 });
    assert.deepEqual(held, [{ ns: '', name: 'b', v: 1 }]);
    assert.deepEqual(list.items().map((o) => o.v), [2, 3]);
});
test('the window covers the rows on screen and a few either side, within the list', () => {
    // The list starts 200 px down an 800 px viewport: rows 0..22 show (600 / 28), plus 10 after.
    assert.deepEqual(rowWindow(1000, 28, 200, 800), { first: 0, end: 32 });
    // Scrolled 2,800 px past the list's top: row 100 is at the top of the screen.
    assert.deepEqual(rowWindow(1000, 28, -2800, 800), { first: 90, end: 139 });
    // Scrolled to the end; and a list shorter than the screen.
    assert.deepEqual(rowWindow(1000, 28, -27200, 800), { first: 961, end: 1000 });
    assert.deepEqual(rowWindow(5, 28, 0, 800), { first: 0, end: 5 });
    // The list below the screen, or emptied under a scrolled page: nothing to draw.
    assert.deepEqual(rowWindow(1000, 28, 900, 800, 0), { first: 0, end: 0 });
    assert.deepEqual(rowWindow(0, 28, -5000, 800), { first: 0, end: 0 });
});
//# sourceMappingURL=ui-pod-list.test.js.map