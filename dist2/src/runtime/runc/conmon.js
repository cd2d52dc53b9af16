// Starting a container under conmon, the monitor that owns its stdio: conmon runs `runc create`, then
// stays as the container's parent writing CRI-format logs and, at exit, the exit code (and an `oom`
// marker) to files, all independent of berth's own process, which may restart meanwhile.
import { spawn } from 'node:child_process';
const CONMON = 'conmon';
/** Resolves with the container's pid once `runc create` succeeded; the container waits for `runc start`. */
export function launchConmon(o) {
    const args = [
        '--api-version', '1', '-c', o.id, '-u', o.id, '-n', o.name, '-r', o.runc,
        '--runtime-arg', '--root', '--runtime-arg', o.runcRoot,
        '-b', o.bundle, '-p', o.pidFile, '-P', o.conmonPidFile, '-l', `k8s-file:${o.logPath}`,
        '--exit-dir', o.exitDir, '--persist-dir', o.persistDir, '--socket-dir-path', o.persistDir,
        '--log-level', 'error',
    ];
    if (o.tty)
        args.push('-t');
    if (o.stdin)
        args.push('-i');
    if (o.stdin && !o.stdinOnce)
        args.push('--leave-stdin-open');
    // conmon reports the outcome of `runc create` as JSON on the fd named by _OCI_SYNCPIPE.
    const child = spawn(CONMON, args, {
        detached: true,
        // conmon also drops its `oom` marker in its working directory: keep that inside the bundle.
        cwd: o.bundle,
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
        env: { ...process.env, _OCI_SYNCPIPE: '3' },
    });
    child.unref();
    const sync = child.stdio[3];
    return new Promise((resolve, reject) => {
        let text = '';
        const done = (err, pid) => {
            sync.removeAllListeners();
            sync.destroy();
            if (err)
                reject(err);
            else
                resolve(pid);
        };
        child.on('error', (e) => done(e));
        sync.on('data', (b) => {
            text += b.toString();
            const line = text.split('\n', 1)[0];
            if (line.length === text.length)
                return; // conmon ends each message with a newline
            const msg = parseMessage(line);
            if (typeof msg.data === 'number' && msg.data > 0)
                done(null, msg.data);
            else
                done(new Error(`runc create failed: ${msg.message ?? JSON.stringify(msg)}`));
        });
        sync.on('end', () => done(new Error(`conmon exited before reporting the container: ${text}`)));
    });
}
function parseMessage(line) {
    try {
        return JSON.parse(line);
    }
    catch {
        return { message: line };
    }
}
//# sourceMappingURL=conmon.js.map