// Tiny helpers for writing SVG by hand: escaping and a document wrapper.
export function esc(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
/** At most `n` characters, an ellipsis marking the cut (keep the full text in a <title>). */
export function fit(s, n) {
    return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
export function svgDocument(width, height, body) {
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`,
        `<rect width="100%" height="100%" fill="#ffffff"/>`,
        ...body,
        '</svg>',
    ].join('\n');
}
//# sourceMappingURL=svg.js.map