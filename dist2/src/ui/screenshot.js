// Renders a page to PNG with a headless Chromium (Debian's `chromium`), for `berth journey -o x.png`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export const chromiumPath = () => process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
/** Flags for a headless Chromium that reaches nothing but what it is given (root needs --no-sandbox). */
export function chromiumFlags(profileDir) {
    return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profileDir}`];
}
/**
 * Shoot only a settled page: a busy machine otherwise catches a half-drawn SVG (rows missing). Every
 * compositor stage runs before the frame is drawn, and the shot waits out a virtual-time budget.
 */
const SETTLE = ['--run-all-compositor-stages-before-draw', '--virtual-time-budget=3000'];
export async function screenshotHtml(html, width, height, out) {
    const dir = await mkdtemp(join(tmpdir(), 'berth-shot-'));
    try {
        const page = join(dir, 'page.html');
        await writeFile(page, html);
        await new Promise((resolve, reject) => {
            const p = spawn(chromiumPath(), [...chromiumFlags(join(dir, 'profile')), ...SETTLE, `--screenshot=${out}`, `--window-size=${width},${height}`, `file://${page}`], { stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            p.stderr.on('data', (d) => (err = (err + d.toString()).slice(-2000)));
            p.on('error', (e) => reject(new Error(`cannot run ${chromiumPath()} (install chromium, or write .svg): ${e.message}`)));
            p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chromium exited ${code}: ${err}`))));
        });
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
}
//# sourceMappingURL=screenshot.js.map