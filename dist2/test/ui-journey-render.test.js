// The journey picture as a browser draws it (Debian's Chromium): no two labels overlap, for a
// recorded Pod and for a crowded one with many steps in the same millisecond and long messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { journeySteps } from '../src/ui/journeySteps.js';
import { journeySvg } from '../src/ui/journeySvg.js';
import { explainWait } from '../src/ui/journeyWait.js';
import { ARTIFACTS, launchBrowser } from './support/browser.js';
const recorded = (name) => JSON.parse(readFileSync(new URL(`../../test/fixtures/journey/${name}.json`, import.meta.url), 'utf8'));
let browser;
before(async () => (browser = await launchBrowser()));
after(() => browser?.close());
/** The boxes of every label as laid out by the browser, after its fonts are in. */
async function labelBoxes(svg, png) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    try {
        await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
        await page.screenshot({ path: join(ARTIFACTS, png), fullPage: true });
        return await page.$$eval('text.label', (els) => els.map((el) => {
            const r = el.getBoundingClientRect();
            return { text: el.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
        }));
    }
    finally {
        await page.close();
    }
}
function overlaps(boxes) {
    const bad = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i], boxes[j]];
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
                bad.push(`"${a.text}" × "${b.text}"`);
        }
    }
    return bad;
}
test('labels of a recorded crash-looping Pod never overlap and stay inside the picture', async () => {
    const { pod, events } = recorded('crash');
    const svg = journeySvg(pod, journeySteps(pod, events), explainWait(pod, events, { now: Date.now() }));
    const boxes = await labelBoxes(svg, 'journey-crash.png');
    assert.ok(boxes.length > 20);
    assert.deepEqual(overlaps(boxes), []);
    const width = Number(/width="(\d+)"/.exec(svg)[1]);
    for (const b of boxes)
        assert.ok(b.x >= 0 && b.x + b.w <= width, `"${b.text}" inside the picture`);
});
test('a crowded journey (same millisecond, long messages, every lane) keeps its labels apart', async () => {
    const { pod, events } = recorded('web');
    const at = events[0].eventTime;
    const crowd = [...events];
    for (let i = 0; i < 12; i++) {
        crowd.push({ metadata: { name: `f${i}` }, involvedObject: { uid: pod.metadata.uid, fieldPath: `spec.containers{c${i}}` }, reason: i % 2 ? 'Failed' : 'Pulling', eventTime: at, message: `Pulling image "registry.example/a/very/long/image/name/number/${i}:with-a-long-tag" ${'x'.repeat(i * 10)}` });
    }
    const svg = journeySvg(pod, journeySteps(pod, crowd), 'waiting for a node: ' + '0/3 nodes are available: 3 Insufficient cpu. '.repeat(8));
    const boxes = await labelBoxes(svg, 'journey-crowded.png');
    assert.deepEqual(overlaps(boxes), []);
});
//# sourceMappingURL=ui-journey-render.test.js.map