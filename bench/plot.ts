// Line charts of figures over time for the benchmarks' SVG output: several series on one pair of axes.

import { esc, svgDocument } from '../src/ui/svg.js';

export interface Series {
  name: string;
  /** [seconds, value] in time order. */
  points: [number, number][];
}

const COLOURS = ['#1f77b4', '#d95f02', '#2a9d3a', '#7b52ab'];

/** One chart at (0, top) of a w × h box: title, axes scaled to the largest value, a legend. */
export function lineChart(title: string, unit: string, series: Series[], top = 0, w = 720, h = 300): string[] {
  const pad = { l: 70, r: 20, t: 34, b: 40 };
  const all = series.flatMap((s) => s.points);
  const maxT = Math.max(0.1, ...all.map((p) => p[0]));
  const maxV = Math.max(1, ...all.map((p) => p[1]));
  const x = (t: number): string => (pad.l + ((w - pad.l - pad.r) * t) / maxT).toFixed(1);
  const y = (v: number): string => (top + h - pad.b - ((h - pad.t - pad.b) * v) / maxV).toFixed(1);
  const out = [
    `<text x="${pad.l}" y="${top + 18}" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${pad.l}" y1="${y(0)}" x2="${w - pad.r}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${pad.l}" y1="${y(maxV)}" x2="${pad.l}" y2="${y(0)}" stroke="black"/>`,
    `<text x="${(pad.l + w - pad.r) / 2}" y="${top + h - 6}" text-anchor="middle" fill="#555">seconds</text>`,
  ];
  // Ticks at 0, half and the whole of each axis, so a reader can place a point without guessing.
  for (const f of [0, 0.5, 1]) {
    out.push(`<line x1="${pad.l - 4}" y1="${y(f * maxV)}" x2="${pad.l}" y2="${y(f * maxV)}" stroke="black"/>`);
    out.push(`<text x="${pad.l - 6}" y="${Number(y(f * maxV)) + 4}" text-anchor="end">${Math.round(f * maxV)}${f === 1 ? ` ${esc(unit)}` : ''}</text>`);
    out.push(`<line x1="${x(f * maxT)}" y1="${y(0)}" x2="${x(f * maxT)}" y2="${Number(y(0)) + 4}" stroke="black"/>`);
    out.push(`<text x="${x(f * maxT)}" y="${Number(y(0)) + 16}" text-anchor="${f === 1 ? 'end' : f ? 'middle' : 'start'}">${(f * maxT).toFixed(0)} s</text>`);
  }
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const d = s.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t)},${y(v)}`).join(' ');
    if (d) out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<rect x="${pad.l + 200 + k * 160}" y="${top + 8}" width="10" height="10" fill="${colour}"/><text x="${pad.l + 214 + k * 160}" y="${top + 17}" font-size="11">${esc(s.name)}</text>`);
  });
  return out;
}

/** Charts stacked in one SVG document. */
export function chartsDocument(charts: ((top: number) => string[])[], w = 720, h = 300): string {
  return svgDocument(w, h * charts.length, charts.flatMap((c, i) => c(i * h)));
}
