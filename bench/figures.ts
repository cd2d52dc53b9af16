// `npm run bench` as a picture: bench/results/index.html, every table the benchmarks printed, with a
// bar chart wherever a table compares systems on the same measures (berth against its baseline),
// and the SVG plots the suites drew themselves. Self-contained: no script, nothing fetched.

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { esc, svgDocument } from '../src/ui/svg.js';

export type Row = (string | number)[];
export interface Suite { name: string; tables: Row[][] }

const COLOURS = ['#1f77b4', '#d95f02', '#2a9d3a', '#7b52ab'];
const num = (c: string | number | undefined): number | undefined => (typeof c === 'number' && Number.isFinite(c) ? c : undefined);

/** A grouped bar chart for a table whose rows are systems and whose numeric columns share a unit. */
export function comparisonChart(rows: Row[]): string | undefined {
  const [head, ...body] = rows;
  // Rows that are measures against targets are not systems to compare: targetChart draws them.
  if (head.includes('target')) return undefined;
  const systems = body.filter((r) => !/^ratio/i.test(String(r[0])) && r.slice(1).filter((c) => num(c) !== undefined).length >= 2);
  const cols = head.map((_, i) => i).filter((i) => i > 0 && systems.every((r) => num(r[i]) !== undefined) && !/^n$/i.test(String(head[i])));
  if (systems.length < 2 || cols.length === 0) return undefined;
  const max = Math.max(...systems.flatMap((r) => cols.map((i) => num(r[i])!)));
  const [left, barH, gap, width] = [120, 16, 14, 640];
  const groupH = systems.length * barH + gap;
  const body2: string[] = [];
  cols.forEach((i, g) => {
    const y0 = 30 + g * groupH;
    body2.push(`<text x="8" y="${y0 + (systems.length * barH) / 2 + 4}" font-weight="bold">${esc(String(head[i]))}</text>`);
    systems.forEach((r, k) => {
      const v = num(r[i])!;
      const w = Math.max(1, (v / max) * (width - left - 90));
      body2.push(`<rect x="${left}" y="${y0 + k * barH}" width="${w.toFixed(1)}" height="${barH - 3}" fill="${COLOURS[k % COLOURS.length]}"/>`);
      body2.push(`<text x="${left + w + 4}" y="${y0 + k * barH + barH - 5}" font-size="11">${v.toFixed(v < 10 ? 2 : 0)}</text>`);
    });
  });
  systems.forEach((r, k) => body2.push(`<rect x="${8 + k * 300}" y="8" width="10" height="10" fill="${COLOURS[k % COLOURS.length]}"/><text x="${22 + k * 300}" y="17" font-size="11">${esc(String(r[0]).slice(0, 44))}</text>`));
  return svgDocument(width, 30 + cols.length * groupH + 10, body2);
}

/**
 * For a table of measures with a "target" column ("≤ 300 ms", "no frame > 100 ms"): each measure's
 * p50 and max as bars on its own scale, the target as a line across them, red when max passes it.
 */
export function targetChart(rows: Row[]): string | undefined {
  const [head, ...body] = rows;
  const [t, p50, max] = ['target', 'p50 ms', 'max ms'].map((c) => head.indexOf(c));
  if (t < 0 || p50 < 0 || max < 0) return undefined;
  const measured = body.map((r) => ({ r, limit: Number(/(\d+(?:\.\d+)?)\s*ms/.exec(String(r[t]))?.[1]) })).filter((m) => m.limit > 0 && num(m.r[max]) !== undefined);
  if (!measured.length) return undefined;
  const [left, barW, rowH] = [300, 320, 46];
  const out: string[] = [`<text x="${left}" y="16" font-size="11" fill="#555">p50 (light) and max (dark), to each target's scale; the line is the target</text>`];
  measured.forEach(({ r, limit }, i) => {
    const y = 30 + i * rowH;
    const [a, b] = [num(r[p50]) ?? 0, num(r[max])!];
    const scale = barW / Math.max(limit * 1.5, b, a);
    const over = b > limit;
    out.push(`<text x="8" y="${y + 14}" font-size="12">${esc(String(r[0]).slice(0, 44))}</text>`);
    out.push(`<text x="8" y="${y + 30}" font-size="11" fill="#555">target ${esc(String(r[t]))}</text>`);
    out.push(`<rect x="${left}" y="${y + 2}" width="${Math.max(1, b * scale).toFixed(1)}" height="14" fill="${over ? '#c62828' : '#2a9d3a'}"/>`);
    out.push(`<rect x="${left}" y="${y + 18}" width="${Math.max(1, Math.max(0, a) * scale).toFixed(1)}" height="10" fill="${over ? '#ef9a9a' : '#a5d6a7'}"/>`);
    out.push(`<line x1="${left + limit * scale}" y1="${y - 2}" x2="${left + limit * scale}" y2="${y + 32}" stroke="#222" stroke-width="2"/>`);
    out.push(`<text x="${left + barW + 10}" y="${y + 14}" font-size="11">max ${b.toFixed(0)} ms</text><text x="${left + barW + 10}" y="${y + 28}" font-size="11">p50 ${a.toFixed(0)} ms</text>`);
  });
  return svgDocument(left + barW + 90, 30 + measured.length * rowH, out);
}

function htmlTable(rows: Row[]): string {
  const cell = (c: string | number) => esc(typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c);
  const [head, ...body] = rows;
  return `<table><tr>${head.map((c) => `<th>${cell(c)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

export async function writeFiguresPage(dir: string, suites: Suite[]): Promise<string> {
  const plots = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.svg'));
  const sections = suites.map((s) => `<h2>${esc(s.name)}</h2>${s.tables.map((t) => `${comparisonChart(t) ?? targetChart(t) ?? ''}${htmlTable(t)}`).join('\n')}`);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>berth benchmarks</title>
<style>body{font:14px 'DejaVu Sans',sans-serif;margin:16px;max-width:960px}table{border-collapse:collapse;margin:8px 0 24px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}svg{display:block;margin-top:8px}</style></head>
<body><h1>berth benchmarks</h1><p>Written by <code>npm run bench</code> on ${esc(new Date().toISOString())}.</p>
${sections.join('\n')}
${plots.map((f) => `<h2>${esc(f)}</h2><img src="${esc(f)}" alt="${esc(f)}">`).join('\n')}
</body></html>`;
  const out = join(dir, 'index.html');
  await writeFile(out, html);
  return out;
}
