// Debian's Chromium driven by playwright-core, headless, for tests that must see what a user sees.
// Screenshots go to test-artifacts/ (kept after the run, ignored by git).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../src/ui/screenshot.js';
import { holdHostLock } from './host-lock.js';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-artifacts');
export async function launchBrowser() {
    await holdHostLock();
    mkdirSync(ARTIFACTS, { recursive: true });
    // --user-data-dir is playwright's to give (it makes and removes its own), so only the other flags pass.
    const flags = chromiumFlags('').filter((f) => !f.startsWith('--user-data-dir') && f !== '--headless');
    return chromium.launch({ executablePath: chromiumPath(), headless: true, args: flags, timeout: 30_000 });
}
//# sourceMappingURL=browser.js.map