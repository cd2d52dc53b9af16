// The benchmarks' figures page: a table comparing berth with its baseline becomes a bar chart (one
// group per measure, one bar per system, drawn to scale), every table is kept, plots are linked.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { comparisonChart, targetChart, writeFiguresPage } from '../bench/figures.js';

const kubelet = [
  ['2-container Pod, create → both running', 'n', 'p50 ms', 'p99 ms', 'max ms'],
  ['berth (POST → watch event)', 20, 400, 800, 900],
  ['podman kube play (baseline)', 20, 1200, 1600, 1700],
  ['ratio berth/podman', '', 0.33, 0.5, ''],
];

test('a comparison table is drawn as bars to scale; a key/value table is not', () => {
  const svg = comparisonChart(kubelet)!;
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
  const svg = targetChart(rows)!;
  const bars = [...svg.matchAll(/<rect x="300" y="\d+" width="([\d.]+)" height="14" fill="(#[0-9a-f]+)"/g)].map((m) => [Number(m[1]), m[2]]);
  // Two measures have a target (the untargeted row is left to the table); the frame gap passed its target.
  assert.deepEqual(bars.map((b) => b[1]), ['#2a9d3a', '#c62828']);
  const lines = [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]) - 300);
  // The target line sits at target/max-of-scale of the bar's width: 1000 of 1500, and 100 of 250.
  assert.ok(Math.abs(lines[0] - 320 * 1000 / 1500) < 0.5 && Math.abs(lines[1] - 320 * 100 / 250) < 0.5, String(lines));
  assert.equal(targetChart([['scheduler', 'value'], ['pods bound', 1000]]), undefined);
});

test('the page keeps every table and links the suites\' own plots', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-figures-'));
  try {
    await writeFile(join(dir, 'scheduler.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const out = await writeFiguresPage(dir, [{ name: 'kubelet', tables: [kubelet] }, { name: 'scheduler', tables: [[['scheduler', 'value'], ['pods bound', 1000]]] }]);
    const html = await readFile(out, 'utf8');
    assert.match(html, /<h2>kubelet<\/h2><svg /);
    assert.match(html, /<td>pods bound<\/td><td>1000<\/td>/);
    assert.match(html, /<img src="scheduler.svg"/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
