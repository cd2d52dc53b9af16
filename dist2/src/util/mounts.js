// The host's mount table as this process sees it, and unmounting what berth mounted under a folder
// before that folder is removed: a recursive delete would otherwise walk into a bind mount's source.
// Clean-up must not stop at a busy mount: one that will not go now is detached lazily, so the folder
// can be deleted and the kernel frees the mount when its last user leaves.
import { execFile } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
const run = promisify(execFile);
/** Mount points from /proc/self/mountinfo, with its octal escapes (\040 for a space) decoded. */
export async function mountPoints() {
    const text = await readFile('/proc/self/mountinfo', 'utf8');
    return text.split('\n').filter(Boolean).map((l) => (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8))));
}
export async function isMountPoint(path) {
    return (await mountPoints()).includes(path);
}
/** Mount points at or below dir, deepest first (the order they must be unmounted in). */
export async function mountsUnder(dir) {
    const real = await realpath(dir).catch(() => dir);
    const under = (await mountPoints()).filter((m) => m === real || m.startsWith(`${real}/`));
    return [...new Set(under)].sort((a, b) => b.length - a.length);
}
const stderrOf = (e) => String(e.stderr ?? e.message).trim();
/** Unmounts path (every mount stacked on it), detaching lazily what is busy; a path not mounted is fine. */
export async function unmount(path) {
    const real = await realpath(path).catch(() => path);
    // Each round removes the top mount of a stack; more than a few rounds means a loop, not a stack.
    for (let round = 0; round < 8; round++) {
        if (!(await mountPoints()).includes(real))
            return;
        try {
            await run('umount', [real]);
        }
        catch (e) {
            await run('umount', ['-l', real]).catch((lazy) => {
                throw new Error(`umount ${real}: ${stderrOf(e)}; umount -l: ${stderrOf(lazy)}`);
            });
        }
    }
    throw new Error(`umount ${real}: still mounted`);
}
/** Unmounts everything at or below dir; returns what could not be unmounted rather than stopping there. */
export async function unmountAllUnder(dir) {
    const errors = [];
    for (const m of await mountsUnder(dir))
        await unmount(m).catch((e) => errors.push(e));
    return errors;
}
/** Unmounts everything at or below dir, or throws: nothing below it may be deleted while mounted. */
export async function unmountUnder(dir) {
    const [first] = await unmountAllUnder(dir);
    if (first)
        throw first;
}
//# sourceMappingURL=mounts.js.map