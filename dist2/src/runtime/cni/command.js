// Spawning a helper program and collecting what it printed: the one way runtime/ calls runc, CNI plugins
// and the namespace tools, so errors carry the program's own message.
import { spawn } from 'node:child_process';
export function runCommand(file, args, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(file, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => err.push(b));
        child.on('error', reject);
        child.on('close', (code, signal) => {
            resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
        });
        // A program that exits without reading its stdin makes the write fail with EPIPE; its exit code tells.
        child.stdin.on('error', () => { });
        child.stdin.end(opts.input ?? '');
    });
}
/** Runs the program and throws with its stderr when it fails; returns stdout. */
export async function runChecked(file, args, opts = {}) {
    const r = await runCommand(file, args, opts);
    if (r.code !== 0) {
        const msg = (r.stderr.toString().trim() || r.stdout.toString().trim()).slice(0, 2000);
        throw new Error(`${file} ${args.join(' ')}: exit ${r.code}: ${msg}`);
    }
    return r.stdout;
}
//# sourceMappingURL=command.js.map