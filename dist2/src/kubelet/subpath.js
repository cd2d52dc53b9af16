// A volumeMount's subPath, opened inside its volume and bind-mounted from the open file, so nothing a
// container put into the volume (a symlink out of it, a `..` link, a rename raced in between) makes
// the kubelet create or mount anything outside the volume: the CVE-2017-1002101 class.
//
// Node has no openat(2), but a path through /proc/self/fd/N starts at the open directory itself, not
// at its name, so "/proc/self/fd/N/name" opened with O_NOFOLLOW is openat(N, name, O_NOFOLLOW), and
// mkdir on it is mkdirat. Every step is taken from an already-opened parent; nothing is looked up by
// its full path after the walk began. The result is mounted from /proc/<pid>/fd/N, the very file found.
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, constants, fstatSync, mkdirSync, openSync, readlinkSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { isMountPoint } from '../util/mounts.js';
const run = promisify(execFile);
/** Not in fs.constants; the same value on every Linux architecture Node runs on (not alpha, parisc, sparc). */
const O_PATH = 0o10000000;
/** As the kernel's own limit on symlinks followed in one lookup. */
const MAX_LINKS = 40;
/** Which step failed, for the kubelet's two messages ("create subPath directory" / "prepare subPath"). */
export class SubPathError extends Error {
    step;
    constructor(step, message) {
        super(message);
        this.step = step;
        this.name = 'SubPathError';
    }
}
const at = (dirFd, name) => `/proc/self/fd/${dirFd}/${name}`;
function openNoFollow(path) {
    try {
        return openSync(path, O_PATH | constants.O_NOFOLLOW);
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** mkdirat(parent, name); true when this call made it. A racing creator is fine: the caller opens what is there. */
function makeDir(parent, name, mode) {
    try {
        mkdirSync(at(parent, name), { mode });
        return true;
    }
    catch (e) {
        if (e.code === 'EEXIST')
            return false;
        throw new SubPathError('create', `cannot create ${name}: ${e.message}`);
    }
}
/**
 * An O_PATH descriptor of root/subPath that never left root: a symlink is followed only while it stays
 * inside (absolute targets and `..` above root are refused), and missing directories are created with
 * root's mode. subPath itself must already be relative and free of `..`. The caller closes the result.
 */
export function openInVolume(root, subPath) {
    const dirs = [openSync(root, O_PATH | constants.O_DIRECTORY)];
    const mode = fstatSync(dirs[0]).mode & 0o7777;
    const todo = subPath.split('/').filter((s) => s !== '' && s !== '.').reverse();
    let links = 0;
    try {
        while (todo.length > 0) {
            const name = todo.pop();
            if (name === '..') {
                if (dirs.length === 1)
                    throw new SubPathError('prepare', `${subPath} leads out of the volume`);
                closeSync(dirs.pop());
                continue;
            }
            const parent = dirs[dirs.length - 1];
            let fd = openNoFollow(at(parent, name));
            let made = false;
            if (fd === undefined) {
                made = makeDir(parent, name, mode);
                fd = openSync(at(parent, name), O_PATH | constants.O_NOFOLLOW);
            }
            dirs.push(fd); // held from here on, so the finally below closes it whatever happens
            const st = fstatSync(fd);
            if (st.isSymbolicLink()) {
                closeSync(dirs.pop());
                const target = readlinkSync(at(parent, name));
                if (++links > MAX_LINKS)
                    throw new SubPathError('prepare', `too many symlinks in ${subPath}`);
                if (target.startsWith('/'))
                    throw new SubPathError('prepare', `${subPath} follows a symlink to ${target}, outside the volume`);
                todo.push(...target.split('/').filter((s) => s !== '' && s !== '.').reverse());
                continue;
            }
            // The volume's mode rather than the umask's, set through the descriptor: by name it could be a link by now.
            if (made && st.isDirectory())
                chmodSync(`/proc/self/fd/${fd}`, mode);
            if (todo.length > 0 && !st.isDirectory())
                throw new SubPathError('prepare', `${subPath}: ${name} is not a directory`);
        }
        return dirs.pop();
    }
    finally {
        for (const fd of dirs)
            closeSync(fd);
    }
}
/**
 * Binds root/subPath onto target (a path only the kubelet writes, made a file or a directory to match),
 * replacing what an earlier start of the container bound there.
 */
export async function bindSubPath(root, subPath, target) {
    let fd;
    try {
        fd = openInVolume(root, subPath);
    }
    catch (e) {
        throw e instanceof SubPathError ? e : new SubPathError('prepare', e.message);
    }
    try {
        while (await isMountPoint(target))
            await run('umount', [target]);
        await rm(target, { recursive: true, force: true });
        await mkdir(dirname(target), { recursive: true, mode: 0o750 });
        if (fstatSync(fd).isDirectory())
            await mkdir(target);
        else
            await writeFile(target, '', { flag: 'wx' });
        // --no-canonicalize: mount(8) must hand the kernel the fd's path as is, not resolve it by name.
        await run('mount', ['--no-canonicalize', '--bind', `/proc/${process.pid}/fd/${fd}`, target]);
    }
    catch (e) {
        throw new SubPathError('prepare', e.message);
    }
    finally {
        closeSync(fd);
    }
}
//# sourceMappingURL=subpath.js.map