// The suite runs two test files at once; files that use the host's runc, CNI bridge, pod CIDR and nftables (or a
// browser, heavy enough to disturb timings) take this lock first, so at most one of them runs at a time. The lock is
// held by a `flock` child until this process exits: its stdin is our pipe, so it ends when we do, however we end.
// A run wrapped by hand in `flock /tmp/berth-e2e.lock …` already holds it through an ancestor, and does not wait.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
const LOCK = '/tmp/berth-e2e.lock';
let held;
/** Resolves once this test process holds the host lock; later calls share the first. */
export function holdHostLock() {
    held ??= heldByAncestor() ? Promise.resolve() : new Promise((resolve, reject) => {
        const child = spawn('flock', ['-x', LOCK, 'sh', '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`flock ${LOCK} ended with ${code}`)));
        child.stdout.once('data', () => {
            // Neither the child nor its pipes may keep the test process alive.
            child.unref();
            child.stdout.destroy();
            child.stdin.unref();
            resolve();
        });
    });
    return held;
}
/** Whether the process holding LOCK (per /proc/locks) is this process or one of its ancestors. */
function heldByAncestor() {
    let ino;
    try {
        ino = statSync(LOCK).ino;
    }
    catch {
        return false;
    }
    const holders = new Set(readFileSync('/proc/locks', 'utf8').split('\n')
        .map((line) => line.split(/\s+/))
        .filter((f) => f[1] === 'FLOCK' && f[5]?.split(':')[2] === String(ino))
        .map((f) => Number(f[4])));
    for (let pid = process.pid; pid > 1;) {
        if (holders.has(pid))
            return true;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    return false;
}
//# sourceMappingURL=host-lock.js.map