// The journey as a picture: a sequence diagram with the seed's actors as lanes, one row per step
// (so no two labels share a line), arrows where the flow passes from one actor to the next, the
// offset on the left and the time each step took as a bar on the right.
import { ACTORS, formatDuration, journeyOrigin, slowestStep } from './journeySteps.js';
import { esc, fit, svgDocument } from './svg.js';
const COLOURS = { 'api server': '#1f77b4', scheduler: '#d95f02', kubelet: '#2a9d3a', runtime: '#7b52ab' };
const G = {
    offsetRight: 104,
    laneLeft: 114,
    laneW: 100,
    labelLeft: 530,
    labelChars: 50,
    barLeft: 900,
    barW: 100,
    width: 1080,
    top: 84,
    rowH: 24,
    wrapChars: 140,
};
const laneX = (actor) => G.laneLeft + ACTORS.indexOf(actor) * G.laneW + G.laneW / 2;
/** Words in lines of at most `n` characters. */
export function wrap(s, n) {
    const lines = [];
    let line = '';
    for (const w of s.split(/\s+/)) {
        if (line && line.length + 1 + w.length > n) {
            lines.push(line);
            line = '';
        }
        line = line ? `${line} ${w}` : fit(w, n);
    }
    if (line)
        lines.push(line);
    return lines;
}
/**
 * Offset column text: exact for precise steps; for the others the span their moment lies in
 * ("−693…0 ms": some time in the 693 ms before the first exact step).
 */
export function offsetText(s, origin) {
    if (s.precise)
        return `+${formatDuration(s.at - origin)}`;
    const [lo, hi] = [s.at - origin, (s.until ?? s.at + 1000) - origin];
    const wide = Math.max(Math.abs(lo), Math.abs(hi)) >= 1000;
    const n = (v) => {
        const t = wide ? (v / 1000).toFixed(1) : String(Math.round(v));
        return /^-?0(\.0)?$/.test(t) ? '0' : t.startsWith('-') ? `−${t.slice(1)}` : `+${t}`;
    };
    return `${n(lo)}…${n(hi)} ${wide ? 's' : 'ms'}`;
}
export function podTitle(pod) {
    const st = pod.status;
    const ready = st?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    return `Pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''} — ${st?.phase ?? 'Pending'}${ready ? ', Ready' : ''}${pod.spec.nodeName ? ` on ${pod.spec.nodeName}` : ''}`;
}
export function journeySvg(pod, steps, waiting) {
    const origin = journeyOrigin(steps);
    const slowest = slowestStep(steps);
    const gaps = steps.map((s, i) => (i > 0 && s.precise && steps[i - 1].precise ? s.at - steps[i - 1].at : 0));
    const maxGap = Math.max(1, ...gaps);
    const waitLines = waiting ? wrap(`Now: ${waiting}`, G.wrapChars) : [];
    const bottom = G.top + steps.length * G.rowH;
    const height = bottom + 20 + waitLines.length * 18 + 10;
    const rowY = (i) => G.top + i * G.rowH + G.rowH / 2;
    const body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        `<text class="label" x="10" y="26" font-size="16" font-weight="bold">${esc(podTitle(pod))}</text>`,
        `<text class="label" x="${G.offsetRight}" y="60" text-anchor="end" fill="#555">offset</text>`,
        `<text class="label" x="${G.labelLeft}" y="60" fill="#555">step</text>`,
        `<text class="label" x="${G.barLeft}" y="60" fill="#555">took</text>`,
    ];
    steps.forEach((_s, i) => {
        const y = rowY(i);
        if (i === slowest)
            body.push(`<rect x="4" y="${y - G.rowH / 2}" width="${G.width - 8}" height="${G.rowH}" fill="#fff4c2"/>`);
        else if (i % 2 === 1)
            body.push(`<rect x="4" y="${y - G.rowH / 2}" width="${G.width - 8}" height="${G.rowH}" fill="#f6f7f9"/>`);
    });
    for (const a of ACTORS) {
        body.push(`<text class="label" x="${laneX(a)}" y="60" text-anchor="middle" font-weight="bold" fill="${COLOURS[a]}">${a}</text>`);
        body.push(`<line x1="${laneX(a)}" y1="68" x2="${laneX(a)}" y2="${bottom}" stroke="${COLOURS[a]}" stroke-opacity="0.35" stroke-width="2"/>`);
    }
    steps.forEach((s, i) => {
        if (i === 0)
            return;
        const p = steps[i - 1];
        const [x1, y1, x2, y2] = [laneX(p.actor), rowY(i - 1), laneX(s.actor), rowY(i)];
        // Between actors the flow is an arrow (a write one side watches); within one actor a plain line.
        // --i orders the steps, for a page that animates the flow (the dashboard); elsewhere it is inert.
        body.push(p.actor === s.actor
            ? `<line class="flow" style="--i:${i}" x1="${x1}" y1="${y1 + 5}" x2="${x2}" y2="${y2 - 5}" stroke="#999"/>`
            : `<line class="flow" style="--i:${i}" x1="${x1}" y1="${y1}" x2="${x2 + (x2 > x1 ? -6 : 6)}" y2="${y2}" stroke="#555" stroke-width="1.3" marker-end="url(#arrow)"/>`);
    });
    steps.forEach((s, i) => {
        const y = rowY(i);
        const x = laneX(s.actor);
        const colour = s.warning ? '#c62828' : COLOURS[s.actor];
        body.push(`<line x1="${x + 7}" y1="${y}" x2="${G.labelLeft - 6}" y2="${y}" stroke="#ccc" stroke-dasharray="2 3"/>`);
        body.push(`<circle class="step" style="--i:${i}" cx="${x}" cy="${y}" r="5.5" fill="${colour}"${s.precise ? '' : ' fill-opacity="0.35" stroke-dasharray="2 2"'} stroke="${colour}"/>`);
        body.push(`<text class="label" x="${G.offsetRight}" y="${y + 4}" text-anchor="end" font-family="DejaVu Sans Mono, monospace" font-size="11">${esc(offsetText(s, origin))}</text>`);
        body.push(`<text class="label" x="${G.labelLeft}" y="${y + 4}"${s.warning ? ' fill="#c62828"' : ''}${i === slowest ? ' font-weight="bold"' : ''}><title>${esc(s.label)}</title>${esc(fit(s.label, G.labelChars))}</text>`);
        if (gaps[i] > 0) {
            const w = Math.max(1, (gaps[i] / maxGap) * G.barW * 0.6);
            body.push(`<rect x="${G.barLeft}" y="${y - 5}" width="${w.toFixed(1)}" height="10" fill="${i === slowest ? '#e6a700' : '#9bb'}"/>`);
            body.push(`<text class="label" x="${G.barLeft + w + 4}" y="${y + 4}" font-size="11">${esc(formatDuration(gaps[i]))}${i === slowest ? ' slowest' : ''}</text>`);
        }
    });
    waitLines.forEach((l, i) => {
        body.push(`<text class="label" x="10" y="${bottom + 24 + i * 18}" font-size="13" fill="#8a4b00" font-weight="${i === 0 ? 'bold' : 'normal'}">${esc(l)}</text>`);
    });
    return svgDocument(G.width, height, body);
}
//# sourceMappingURL=journeySvg.js.map