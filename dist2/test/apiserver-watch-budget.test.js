// The watch budget's choices, on watches whose backlog the test sets: who is cut, when, and how many.
// (apiserver-limits.test.ts drives the same budget with real clients against a real server.)
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { WatchBudget } from '../src/apiserver/handlers/watch-budget.js';
class FakeWatch {
    backlog;
    cutWith;
    constructor(backlog = 0) {
        this.backlog = backlog;
    }
    unsent() {
        return this.backlog;
    }
    cut(unsent) {
        this.cutWith = unsent;
    }
}
function setUp(total, perWatcher, n) {
    const budget = new WatchBudget(total, perWatcher);
    const ws = Array.from({ length: n }, () => new FakeWatch());
    for (const w of ws)
        budget.add(w);
    return { budget, ws };
}
it('cuts a watch past its own cap at once, with what it left unsent', () => {
    const { budget, ws } = setUp(1000, 100, 2);
    ws[0].backlog = 101;
    budget.wrote(ws[0]);
    assert.equal(ws[0].cutWith, 101);
    assert.equal(ws[1].cutWith, undefined);
    assert.equal(budget.heldBytes, 0);
});
it('past the total, cuts the largest backlogs first, down to three quarters of it', () => {
    const { budget, ws } = setUp(1000, 1000, 5);
    [400, 300, 200, 100, 50].forEach((n, i) => {
        ws[i].backlog = n;
        budget.wrote(ws[i]);
    });
    // 1050 > 1000: the 400 goes (650 ≤ 750) and nobody else.
    assert.deepEqual(ws.map((w) => w.cutWith), [400, undefined, undefined, undefined, undefined]);
    assert.equal(budget.heldBytes, 650);
});
it('recounts before cutting: clients that read since their last write are not charged for it', () => {
    const { budget, ws } = setUp(1000, 1000, 3);
    ws[0].backlog = 600;
    budget.wrote(ws[0]);
    ws[1].backlog = 300;
    budget.wrote(ws[1]);
    ws[0].backlog = 0; // its client read everything, with no write since
    ws[2].backlog = 300;
    budget.wrote(ws[2]); // 1200 as last seen, 600 in truth
    assert.deepEqual(ws.map((w) => w.cutWith), [undefined, undefined, undefined]);
    assert.equal(budget.heldBytes, 600);
});
it('forgets removed watches, and a write to a removed one changes nothing', () => {
    const { budget, ws } = setUp(1000, 1000, 2);
    ws[0].backlog = 900;
    budget.wrote(ws[0]);
    budget.remove(ws[0]);
    ws[1].backlog = 900;
    budget.wrote(ws[1]);
    budget.wrote(ws[0]);
    assert.deepEqual(ws.map((w) => w.cutWith), [undefined, undefined]);
    assert.equal(budget.heldBytes, 900);
});
//# sourceMappingURL=apiserver-watch-budget.test.js.map