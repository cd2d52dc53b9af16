// The benchmarks' figures page: a table comparing berth with its baseline becomes a bar chart (one
// group per measure, one bar per system, drawn to scale), measures are drawn against their targets,
// every table is kept; the page is drawn from the results file a run leaves (a suite run alone
// replaces only its own entry), and in Chromium none of its labels overlap.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { comparisonChart, lineChart, recordSuites, RESULTS_FILE, targetChart, writeFiguresPage } from '../bench/figures.js';
import { ARTIFACTS, launchBrowser } from './support/browser.js';
const kubelet = [
    ['2-container Pod, create → both running', 'n', 'p50 ms', 'p99 ms', 'max ms'],
    ['berth (POST → watch event)', 20, 400, 800, 900],
    ['podman kube play (baseline)', 20, 1200, 1600, 1700],
    ['ratio berth/podman', '', 0.33, 0.5, ''],
];
test('a comparison table is drawn as bars to scale; a key/value table is not', () => {
    const svg = comparisonChart(kubelet);
    const widths = [...svg.matchAll(/<rect x="120" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // p50, p99, max for berth and podman (n and the ratio row are not measures to compare).
    assert.equal(widths.length, 6);
    assert.ok(Math.abs(widths[1] / widths[0] - 3) < 0.01, String(widths)); // podman's p50 bar three times berth's
    assert.match(svg, /podman kube play \(baseline\)/);
    assert.equal(comparisonChart([['scheduler', 'value'], ['pods bound', 1000], ['bound rate (pods/s)', 812.5]]), undefined);
});
test('measures against targets: a bar per measure to its target\'s scale, red past the target, never a system comparison', () => {
    const rows = [
        ['measure', 'p50 ms', 'max ms', 'n', 'target'],
        ['first Pods painted', 400, 600, 5, '≤ 1000 ms'],
        ['frame gap', 17, 250, 300, 'no frame > 100 ms'],
        ['all drawn', 900, 1200, 5, ''],
    ];
    assert.equal(comparisonChart(rows), undefined);
    const svg = targetChart(rows);
    const bars = [...svg.matchAll(/<rect x="300" y="\d+" width="([\d.]+)" height="14" fill="(#[0-9a-f]+)"/g)].map((m) => [Number(m[1]), m[2]]);
    // Two measures have a target (the untargeted row is left to the table); the frame gap passed its target.
    assert.deepEqual(bars.map((b) => b[1]), ['#2a9d3a', '#c62828']);
    const lines = [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]) - 300);
    // The target line sits at target/max-of-scale of the bar's width: 1000 of 1500, and 100 of 250.
    assert.ok(Math.abs(lines[0] - 320 * 1000 / 1500) < 0.5 && Math.abs(lines[1] - 320 * 100 / 250) < 0.5, String(lines));
    assert.equal(targetChart([['scheduler', 'value'], ['pods bound', 1000]]), undefined);
});
const dashboard = [
    ['measure', 'p50 ms', 'max ms', 'n', 'target'],
    ['first Pods painted (of 1000)', 297.4, 391.6, 5, '≤ 1000 ms'],
    ['all 1000 Pods listed', 938, 1119.4, 5, ''],
    ['kubectl run returned → row on the page, a long measure name', -19.69, 26.38, 10, '≤ 300 ms'],
    ['frame gap, 100 Pods churning', 16.7, 133.4, 542, 'no frame > 100 ms'],
];
const bound = { title: 'Pods bound over time', x: 'seconds since the first create', y: 'Pods bound', points: Array.from({ length: 301 }, (_, i) => [i / 10, Math.round(30000 * Math.min(1, (i / 300) ** 0.8))]) };
test('a run keeps its suites in the results file, beside the others\' last runs, and the page is drawn from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-figures-'));
    try {
        await recordSuites(dir, [{ name: 'kubelet', tables: [kubelet] }, { name: 'scheduler', tables: [[['scheduler', 'value'], ['pods bound', 1000]]], series: [bound] }]);
        await recordSuites(dir, [{ name: 'scheduler', tables: [[['scheduler', 'value'], ['pods bound', 2000]]], series: [bound] }]);
        const results = JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8'));
        assert.deepEqual(results.suites.map((s) => s.name), ['kubelet', 'scheduler']);
        assert.equal(results.suites[1].load.length, 3);
        const html = await readFile(await writeFiguresPage(dir), 'utf8');
        assert.match(html, /<h2>kubelet<\/h2><p class="when">run \d{4}-\d\d-\d\d \d\d:\d\d UTC, load average [\d.]+ [\d.]+ [\d.]+<\/p>\n<svg /);
        assert.match(html, /<td>pods bound<\/td><td>2000<\/td>/);
        assert.doesNotMatch(html, /<td>1000<\/td>/);
        assert.match(html, /Pods bound over time/);
        assert.doesNotMatch(html, /<script|<img|https?:\/\/(?!www\.w3\.org)/);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('the bound-Pods line runs from the origin to the last point, its axes labelled', () => {
    const svg = lineChart(bound);
    const d = /<path d="M([\d.]+),([\d.]+) .*L([\d.]+),([\d.]+)"/.exec(svg);
    // 640 × 360, axes from (64, 312) to (616, 40): the first point at the origin, the last at the top right.
    assert.deepEqual(d.slice(1).map(Number), [64, 312, 616, 40]);
    for (const l of ['30000', '15000', '30', 'seconds since the first create'])
        assert.match(svg, new RegExp(`>${l}</text>`));
});
test('in Chromium, no two labels of a chart overlap and each stays inside its chart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-figures-'));
    const browser = await launchBrowser();
    try {
        const many = [['3-system comparison with long names', 'p50 ms', 'p99 ms', 'max ms'], ...['berth (POST → watch event, in-process transport)', 'podman kube play (baseline)', 'a third system with a name far longer than any legend has room for'].map((n, k) => [n, 10 ** k, 2 * 10 ** k, 123456.789 * k])];
        await recordSuites(dir, [{ name: 'kubelet', tables: [kubelet, many] }, { name: 'dashboard', tables: [dashboard] }, { name: 'scheduler', tables: [[['scheduler', 'value'], ['pods bound', 30000]]], series: [bound] }]);
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        await page.goto(`file://${await writeFiguresPage(dir)}`);
        await page.screenshot({ path: join(ARTIFACTS, 'bench-figures.png'), fullPage: true });
        const charts = await page.$$eval('svg', (svgs) => svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            return { box: { x: box.x, y: box.y, w: box.width, h: box.height }, labels: [...svg.querySelectorAll('text.label')].map((t) => {
                    const r = t.getBoundingClientRect();
                    return { text: t.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
                }) };
        }));
        // The kubelet's two comparisons, the dashboard's targets, the scheduler's line.
        assert.equal(charts.length, 4);
        for (const { box, labels } of charts) {
            assert.ok(labels.length >= 6);
            for (const a of labels) {
                assert.ok(a.x >= box.x - 0.5 && a.x + a.w <= box.x + box.w + 0.5 && a.y >= box.y - 0.5 && a.y + a.h <= box.y + box.h + 0.5, `"${a.text}" inside its chart`);
                for (const b of labels) {
                    if (a !== b)
                        assert.ok(!(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h), `"${a.text}" overlaps "${b.text}"`);
                }
            }
        }
    }
    finally {
        await browser.close();
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=bench-figures.test.js.map