// `runc exec --tty` with a real pseudo-terminal in the container. In the foreground, runc makes the
// container's pty itself (receiving its master over a socket pair, which Node cannot do) and relays it
// to the terminal runc runs on; util-linux `script` gives runc that terminal: a host pty, set raw
// before runc starts so bytes pass through untouched, while the container's pty keeps its line
// discipline (echo, CR to NL, Ctrl-C as SIGINT, Ctrl-D as end of file). runc follows the host pty's
// size (it resizes the container's pty on SIGWINCH), so a resize is `stty` on the host pty.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { RUNC } from './runc-cli.js';
/** How long a resize waits for script to have started runc. */
const CHILD_WAIT_MS = 5_000;
/** A word for `sh -c`: single-quoted, with each quote closed, escaped and reopened. */
export function shellWord(s) {
    return `'${s.replaceAll("'", `'\\''`)}'`;
}
/** Runs cmd in the container on a new terminal wired to the caller's streams; resolves with its exit code. */
export function execInTerminal(runc, id, cmd, streams) {
    const runcCommand = [RUNC, ...runc.execArgs(id, cmd, { tty: true })].map(shellWord).join(' ');
    const child = spawn('script', ['--quiet', '--return', '--echo', 'never', '--command', `stty raw -echo && exec ${runcCommand}`, '/dev/null'], {
        stdio: ['pipe', 'pipe', 'ignore'],
        env: { ...process.env, SHELL: '/bin/sh' },
    });
    child.stdin.on('error', () => { }); // the session may end while input is still on its way
    if (streams.stdin)
        streams.stdin.pipe(child.stdin);
    // Without stdin the terminal stays open (a closed one would read as end of file, ending a shell).
    if (streams.stdout)
        child.stdout.pipe(streams.stdout, { end: false });
    else
        child.stdout.resume();
    const hangUp = () => void child.kill('SIGKILL'); // the host pty closes: runc gets SIGHUP and passes it on
    streams.signal?.addEventListener('abort', hangUp, { once: true });
    if (streams.resize)
        void followSizes(child.pid, streams.resize);
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => {
            streams.signal?.removeEventListener('abort', hangUp);
            if (streams.stdin)
                streams.stdin.unpipe(child.stdin);
            resolve(code ?? (signal ? 128 : 1));
        });
    });
}
/** Applies each size to the host pty of script's child (runc), whose fd 0 it is. */
async function followSizes(scriptPid, sizes) {
    if (!scriptPid)
        return;
    let pty;
    for await (const size of sizes) {
        pty ??= await childTerminal(scriptPid);
        if (!pty)
            return;
        await new Promise((resolve) => {
            const stty = spawn('stty', ['-F', pty, 'rows', String(size.height), 'cols', String(size.width)], { stdio: 'ignore' });
            stty.on('error', () => resolve());
            stty.on('close', () => resolve());
        });
    }
}
async function childTerminal(scriptPid) {
    const deadline = Date.now() + CHILD_WAIT_MS;
    while (Date.now() < deadline) {
        const children = await readFile(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').catch(() => null);
        if (children === null)
            return undefined; // script has ended
        const pid = children.trim().split(/\s+/)[0];
        if (pid)
            return `/proc/${pid}/fd/0`;
        await new Promise((r) => setTimeout(r, 5));
    }
    return undefined;
}
//# sourceMappingURL=terminal.js.map