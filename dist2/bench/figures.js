// `npm run bench` as a picture. Every run merges its suites' tables and series into
// bench/results/results.json (a suite run alone replaces only its own entry), and the page
// bench/results/index.html is drawn from that file: each table kept, a bar chart wherever a table
// compares systems on the same measures (berth beside the baseline measured in the same run), each
// measure against its target, and each series (bound Pods over time) as a line chart. Self-contained:
// the SVG is inline, no script, nothing fetched. `node dist/bench/figures.js` redraws the page.
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esc, fit, svgDocument } from '../src/ui/svg.js';
export const RESULTS_FILE = 'results.json';
const COLOURS = ['#1f77b4', '#d95f02', '#2a9d3a', '#7b52ab'];
/** Characters of DejaVu Sans that fit in a width at a font size (its glyphs average under 0.62 em). */
const charsIn = (px, fontSize) => Math.floor(px / (fontSize * 0.62));
const num = (c) => (typeof c === 'number' && Number.isFinite(c) ? c : undefined);
const figure = (v) => v.toFixed(Math.abs(v) < 10 && !Number.isInteger(v) ? 2 : 0);
/** A label cut to fit its room, the whole text in its tooltip; class "label" is what the overlap test measures. */
function label(x, y, text, room, attrs = '', fontSize = 12) {
    return `<text class="label" x="${x}" y="${y}" font-size="${fontSize}"${attrs}><title>${esc(text)}</title>${esc(fit(text, charsIn(room, fontSize)))}</text>`;
}
/** A grouped bar chart for a table whose rows are systems: a group per numeric column, each on its own scale (columns differ in unit). */
export function comparisonChart(rows) {
    const [head, ...body] = rows;
    // Rows that are measures against targets are not systems to compare: targetChart draws them.
    if (head.includes('target'))
        return undefined;
    const systems = body.filter((r) => !/^ratio/i.test(String(r[0])) && r.slice(1).filter((c) => num(c) !== undefined).length >= 2);
    const cols = head.map((_, i) => i).filter((i) => i > 0 && systems.every((r) => num(r[i]) !== undefined) && !/^n$/i.test(String(head[i])));
    if (systems.length < 2 || cols.length === 0)
        return undefined;
    const [left, barH, gap, width, valueRoom] = [120, 16, 14, 640, 70];
    // The key, a system per line, above the bars.
    const top = 12 + systems.length * 16;
    const groupH = systems.length * barH + gap;
    const out = [];
    systems.forEach((r, k) => out.push(`<rect x="8" y="${k * 16 + 6}" width="10" height="10" fill="${COLOURS[k % COLOURS.length]}"/>`, label(24, k * 16 + 15, String(r[0]), width - 32, '', 11)));
    cols.forEach((i, g) => {
        const y0 = top + g * groupH;
        const max = Math.max(...systems.map((r) => num(r[i])), 1e-9);
        out.push(label(8, y0 + (systems.length * barH) / 2 + 4, String(head[i]), left - 16, ' font-weight="bold"'));
        systems.forEach((r, k) => {
            const v = num(r[i]);
            const w = Math.max(1, (v / max) * (width - left - valueRoom));
            out.push(`<rect x="${left}" y="${y0 + k * barH}" width="${w.toFixed(1)}" height="${barH - 3}" fill="${COLOURS[k % COLOURS.length]}"/>`);
            out.push(label(left + w + 4, y0 + k * barH + barH - 5, figure(v), valueRoom - 6, '', 11));
        });
    });
    return svgDocument(width, top + cols.length * groupH, out);
}
/**
 * For a table of measures with a "target" column ("≤ 300 ms", "no frame > 100 ms"): each measure's
 * p50 and max as bars on its own scale, the target as a line across them, red when max passes it.
 */
export function targetChart(rows) {
    const [head, ...body] = rows;
    const [t, p50, max] = ['target', 'p50 ms', 'max ms'].map((c) => head.indexOf(c));
    if (t < 0 || p50 < 0 || max < 0)
        return undefined;
    const measured = body.map((r) => ({ r, limit: Number(/(\d+(?:\.\d+)?)\s*ms/.exec(String(r[t]))?.[1]) })).filter((m) => m.limit > 0 && num(m.r[max]) !== undefined);
    if (!measured.length)
        return undefined;
    const [left, barW, rowH, right] = [300, 320, 46, 100];
    const out = [label(left, 16, 'max (dark), p50 (light); the line: the target', barW + right, ' fill="#555"', 11)];
    measured.forEach(({ r, limit }, i) => {
        const y = 30 + i * rowH;
        const [a, b] = [num(r[p50]) ?? 0, num(r[max])];
        const scale = barW / Math.max(limit * 1.5, b, a);
        const over = b > limit;
        out.push(label(8, y + 14, String(r[0]), left - 16));
        out.push(label(8, y + 30, `target ${String(r[t])}`, left - 16, ' fill="#555"', 11));
        out.push(`<rect x="${left}" y="${y + 2}" width="${Math.max(1, b * scale).toFixed(1)}" height="14" fill="${over ? '#c62828' : '#2a9d3a'}"/>`);
        out.push(`<rect x="${left}" y="${y + 18}" width="${Math.max(1, Math.max(0, a) * scale).toFixed(1)}" height="10" fill="${over ? '#ef9a9a' : '#a5d6a7'}"/>`);
        out.push(`<line x1="${left + limit * scale}" y1="${y - 2}" x2="${left + limit * scale}" y2="${y + 32}" stroke="#222" stroke-width="2"/>`);
        out.push(label(left + barW + 10, y + 14, `max ${figure(b)} ms`, right - 12, '', 11), label(left + barW + 10, y + 28, `p50 ${figure(a)} ms`, right - 12, '', 11));
    });
    return svgDocument(left + barW + right, 30 + measured.length * rowH, out);
}
/** A series as a line with labelled axes: 0, half and the whole of each. */
export function lineChart(s) {
    const [w, h, left, right, top, bottom] = [640, 360, 64, 24, 40, 48];
    const maxX = Math.max(...s.points.map((p) => p[0]), 1e-9);
    const maxY = Math.max(...s.points.map((p) => p[1]), 1e-9);
    const x = (v) => left + ((w - left - right) * v) / maxX;
    const y = (v) => h - bottom - ((h - top - bottom) * v) / maxY;
    const path = s.points.map(([a, b], k) => `${k ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ');
    const out = [
        label(8, 18, s.title, w - 16, ' font-weight="bold"'),
        `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="#222"/>`,
        `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="#222"/>`,
    ];
    for (const f of [0, 0.5, 1]) {
        out.push(`<line x1="${x(f * maxX)}" y1="${h - bottom}" x2="${x(f * maxX)}" y2="${h - bottom + 4}" stroke="#222"/>`, label(x(f * maxX), h - bottom + 16, figure(f * maxX), 40, ' text-anchor="middle"', 11));
        out.push(`<line x1="${left - 4}" y1="${y(f * maxY)}" x2="${left}" y2="${y(f * maxY)}" stroke="#222"/>`, label(left - 6, y(f * maxY) + 4, figure(f * maxY), left - 10, ' text-anchor="end"', 11));
    }
    out.push(label(left, h - 10, s.x, w - left - right), label(left + 8, top - 4, s.y, w - left - right, ' fill="#555"', 11));
    out.push(`<path d="${path}" fill="none" stroke="${COLOURS[0]}" stroke-width="2"/>`);
    return svgDocument(w, h, out);
}
function htmlTable(rows) {
    const cell = (c) => esc(typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c);
    const [head, ...body] = rows;
    return `<table><tr>${head.map((c) => `<th>${cell(c)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}
export function figuresPage(results) {
    const sections = results.suites.map((s) => `<section id="${esc(s.name)}"><h2>${esc(s.name)}</h2><p class="when">run ${esc(s.at.slice(0, 16).replace('T', ' '))} UTC, load average ${s.load.map((l) => l.toFixed(1)).join(' ')}</p>
${s.tables.map((t) => `${comparisonChart(t) ?? targetChart(t) ?? ''}${htmlTable(t)}`).join('\n')}
${(s.series ?? []).map(lineChart).join('\n')}</section>`);
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>berth benchmarks</title>
<style>body{font:14px 'DejaVu Sans',sans-serif;margin:16px;max-width:960px;color:#1d2329}table{border-collapse:collapse;margin:8px 0 24px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}svg{display:block;margin-top:8px;max-width:100%;height:auto}.when{color:#555}nav a{margin-right:10px}</style></head>
<body><h1>berth benchmarks</h1><p>Drawn by <code>npm run bench</code> from <code>${RESULTS_FILE}</code>; each suite as last run, with the machine's load then.</p>
<nav>${results.suites.map((s) => `<a href="#${esc(s.name)}">${esc(s.name)}</a>`).join('')}</nav>
${sections.join('\n')}
</body></html>
`;
}
async function readResults(dir) {
    try {
        return JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8'));
    }
    catch {
        return { suites: [] };
    }
}
/** Keeps the suites just run in the results file (over their previous runs), and draws the page from it. */
export async function recordSuites(dir, suites) {
    const results = await readResults(dir);
    const at = new Date().toISOString();
    for (const s of suites) {
        const entry = { ...s, at, load: loadavg() };
        const i = results.suites.findIndex((o) => o.name === s.name);
        if (i >= 0)
            results.suites[i] = entry;
        else
            results.suites.push(entry);
    }
    await writeFile(join(dir, RESULTS_FILE), JSON.stringify(results, null, 1) + '\n');
    return writeFiguresPage(dir);
}
/** Draws dir/index.html from dir/results.json. */
export async function writeFiguresPage(dir) {
    const out = join(dir, 'index.html');
    await writeFile(out, figuresPage(await readResults(dir)));
    return out;
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const { RESULTS_DIR } = await import('./stats.js');
    process.stdout.write(`${await writeFiguresPage(process.argv[2] ?? RESULTS_DIR)}\n`);
}
//# sourceMappingURL=figures.js.map