// Small helpers for benchmark figures: percentiles, aligned tables, and where results are written.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** bench/results/ in the source tree (this file runs from dist/bench/). */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results');
export function percentile(sorted, p) {
    if (!sorted.length)
        return NaN;
    const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[i];
}
export function summarize(samples) {
    const s = [...samples].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, n: s.length };
}
/** Every table printed so far, for the figures page (bench/figures.ts). */
export const printedTables = [];
/** Every series drawn so far (bound Pods over time…), for the figures page. */
export const plottedSeries = [];
export function plot(series) {
    plottedSeries.push(series);
}
export function table(rows) {
    printedTables.push(rows);
    const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c)));
    const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
    return cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
//# sourceMappingURL=stats.js.map