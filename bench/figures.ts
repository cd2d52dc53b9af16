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

function htmlTable(rows: Row[]): string {
  const cell = (c: string | number) => esc(typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c);
  const [head, ...body] = rows;
  return `<table><tr>${head.map((c) => `<th>${cell(c)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

export async function writeFiguresPage(dir: string, suites: Suite[]): Promise<string> {
  const plots = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.svg'));
  const sections = suites.map((s) => `<h2>${esc(s.name)}</h2>${s.tables.map((t) => `${comparisonChart(t) ?? ''}${htmlTable(t)}`).join('\n')}`);
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
