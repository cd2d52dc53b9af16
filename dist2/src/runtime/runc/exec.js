// Running extra processes inside a container with `runc exec`, which joins every namespace of the
// container and reuses its process settings (env, user, cwd, capabilities).
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RUNC } from './runc-cli.js';
/** Runs cmd to completion collecting its output; on timeout the process is killed inside the container. */
export function execSync(runc, id, cmd, timeoutSeconds) {
    const pidFile = join(tmpdir(), `berth-exec-${randomBytes(6).toString('hex')}.pid`);
    const child = spawn(RUNC, runc.execArgs(id, cmd, { pidFile }), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let timedOut = false;
    const timer = timeoutSeconds > 0
        ? setTimeout(async () => {
            timedOut = true;
            // Killing runc alone would leave the process running in the container: kill the process itself.
            const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
            if (pid > 0)
                process.kill(pid, 'SIGKILL');
            else
                child.kill('SIGKILL');
        }, timeoutSeconds * 1000)
        : undefined;
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            void rm(pidFile, { force: true });
            resolve({ exitCode: code ?? (signal ? 137 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut: timedOut || undefined });
        });
    });
}
/** Runs cmd wired to the caller's streams (no terminal: see terminal.ts) and resolves with its exit code. */
export function execStreams(runc, id, cmd, streams) {
    const child = spawn(RUNC, runc.execArgs(id, cmd), {
        stdio: [streams.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (streams.stdin && child.stdin) {
        child.stdin.on('error', () => { }); // the process may exit without reading all input
        streams.stdin.pipe(child.stdin);
    }
    const [stdout, stderr] = [child.stdout, child.stderr];
    if (streams.stdout)
        stdout.pipe(streams.stdout, { end: false });
    else
        stdout.resume();
    if (streams.stderr)
        stderr.pipe(streams.stderr, { end: false });
    else
        stderr.resume();
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => {
            if (streams.stdin && child.stdin)
                streams.stdin.unpipe(child.stdin);
            resolve(code ?? (signal ? 128 : 1));
        });
    });
}
//# sourceMappingURL=exec.js.map