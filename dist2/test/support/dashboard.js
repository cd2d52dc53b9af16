// Starts a real `berth dashboard` process against a test server and reads the login URL it prints.
import { spawn } from 'node:child_process';
import { BERTH_BIN } from './server.js';
export async function startDashboardProcess(kubeconfig) {
    const child = spawn(process.execPath, [BERTH_BIN, 'dashboard', '--kubeconfig', kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const loginUrl = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`berth dashboard printed no URL:\n${out}`)), 20_000);
        const on = (d) => {
            out += d.toString();
            const m = /(http:\/\/127\.0\.0\.1:\d+\/login\?token=[0-9a-f]+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        };
        child.stdout.on('data', on);
        child.stderr.on('data', on);
        child.once('exit', (code) => reject(new Error(`berth dashboard exited ${code}:\n${out}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    return {
        loginUrl,
        origin: new URL(loginUrl).origin,
        stop: async () => {
            if (child.exitCode === null)
                child.kill('SIGTERM');
            await exited;
        },
    };
}
/**
 * How many Pods the page's Pod list holds (its aria-rowcount less the header row): the list is
 * windowed, so only the rows on screen are in the page.
 */
export const podsListed = (page) => page.evaluate(() => Number(document.querySelector('[data-testid=pods]')?.getAttribute('aria-rowcount') ?? 1) - 1);
/** Waits until the Pod list holds n Pods (at least n with atLeast). */
export async function waitForPodsListed(page, n, timeout, atLeast = false) {
    await page.waitForFunction(([want, min]) => {
        const listed = Number(document.querySelector('[data-testid=pods]')?.getAttribute('aria-rowcount') ?? 1) - 1;
        return min ? listed >= want : listed === want;
    }, [n, atLeast], { timeout, polling: 'raf' });
}
//# sourceMappingURL=dashboard.js.map