// The journey as a standalone HTML page: the picture and, below it, the same steps as text.
import { journeySvg } from './journeySvg.js';
import { journeyText } from './journeyText.js';
import { esc } from './svg.js';
export function journeyPage(pod, steps, waiting) {
    const svg = journeySvg(pod, steps, waiting);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg);
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(`journey of ${pod.metadata.namespace}/${pod.metadata.name}`)}</title>
<style>body{margin:0;background:#fff}pre{font:12px 'DejaVu Sans Mono',monospace;margin:16px}</style></head>
<body>${svg}<pre>${esc(journeyText(pod, steps, waiting))}</pre></body></html>`;
    // The screenshot shows the picture; the text below is for the reader of the page.
    return { html, width: Number(w), height: Number(h) };
}
//# sourceMappingURL=journeyPage.js.map