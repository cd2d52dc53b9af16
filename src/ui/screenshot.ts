// Renders a page to PNG with a headless Chromium (Debian's `chromium`), for `berth journey -o x.png`.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostCommands } from '../util/host-command.js';

export const chromiumPath = (): string => process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium that reaches nothing but what it is given (root needs --no-sandbox). */
export function chromiumFlags(profileDir: string): string[] {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profileDir}`];
}

/**
 * Shoot only a settled page: a busy machine otherwise catches a half-drawn SVG (rows missing). Every
 * compositor stage runs before the frame is drawn, and the shot waits out a virtual-time budget.
 */
const SETTLE = ['--run-all-compositor-stages-before-draw', '--virtual-time-budget=3000'];

export async function screenshotHtml(html: string, width: number, height: number, out: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-shot-'));
  try {
    const page = join(dir, 'page.html');
    await writeFile(page, html);
    const r = await hostCommands.run(chromiumPath(), [...chromiumFlags(join(dir, 'profile')), ...SETTLE, `--screenshot=${out}`, `--window-size=${width},${height}`, `file://${page}`])
      .catch((e: Error) => { throw new Error(`cannot run ${chromiumPath()} (install chromium, or write .svg): ${e.message}`); });
    if (r.code !== 0) throw new Error(`chromium exited ${r.code}: ${r.stderr.toString().slice(-2000)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
