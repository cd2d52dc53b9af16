// Runs the real kubectl against a test server, with its own HOME so discovery caches never leak
// between tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const home = mkdtempSync(join(tmpdir(), 'berth-kubectl-home-'));
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
export function kubectl(kubeconfig, args, opts = {}) {
    return new Promise((resolve) => {
        const child = execFile(opts.bin ?? KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env: { ...process.env, HOME: home, KUBECACHEDIR: join(home, 'cache'), ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? (err.code) : 1) : 0;
            resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
        });
        if (opts.input !== undefined)
            child.stdin.end(opts.input);
    });
}
//# sourceMappingURL=kubectl.js.map