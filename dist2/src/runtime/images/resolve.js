// Resolves paths taken from layers and archives inside a root directory, one component at a time,
// as openat2(2) does with RESOLVE_IN_ROOT or RESOLVE_BENEATH: no path, `..` or symlink can lead out.
// The trees resolved here are ours alone (fresh directories under the 0700 image store), so nothing
// changes between a lookup and its use and a user-space walk is as safe as the system call.
import { lstatSync, mkdirSync, readlinkSync } from 'node:fs';
import { ImageError } from './errors.js';
/** Linux's limit on symlinks followed in one lookup. */
const MAX_LINKS = 40;
function fail(name, why) {
    throw new ImageError('ErrImagePull', `"${name}" ${why}`);
}
/**
 * The components of a path an archive names: relative, leading `/` and `.` dropped as tar does,
 * `..` refused (no legitimate archive needs one, and GNU tar refuses them too).
 */
export function pathComponents(name, opts) {
    if (name.includes('\0'))
        fail(name, 'contains a NUL byte');
    if (name.startsWith('/') && !opts.allowAbsolute)
        fail(name, 'is an absolute path');
    const parts = name.split('/').filter((c) => c !== '' && c !== '.');
    if (parts.includes('..'))
        fail(name, 'contains a ".." component');
    return parts;
}
export function lstatOrUndefined(path) {
    try {
        return lstatSync(path);
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** Walks `components` from `root`; every component but (without followFinal) the last must end at a directory. */
export function resolveInside(root, components, opts) {
    const shown = components.join('/');
    const stack = [];
    const queue = [...components];
    let links = 0;
    const at = () => (stack.length ? `${root}/${stack.join('/')}` : root);
    while (queue.length > 0) {
        const c = queue.shift();
        if (c === '' || c === '.')
            continue;
        if (c === '..') {
            if (stack.length > 0)
                stack.pop();
            else if (opts.containment === 'beneath')
                fail(shown, 'leads outside the archive');
            continue;
        }
        const last = queue.length === 0;
        const path = `${at()}/${c}`;
        const st = lstatOrUndefined(path);
        if (last && (st ? !(st.isSymbolicLink() && opts.followFinal) : !opts.create)) {
            stack.push(c);
            return { path, stat: st };
        }
        if (!st) {
            if (!opts.create)
                fail(shown, `does not exist (no "${[...stack, c].join('/')}")`);
            mkdirSync(path, { mode: 0o755 });
            stack.push(c);
        }
        else if (st.isSymbolicLink()) {
            if (++links > MAX_LINKS)
                fail(shown, 'has too many levels of symbolic links');
            const target = readlinkSync(path);
            if (target.startsWith('/')) {
                if (opts.containment === 'beneath')
                    fail(shown, `goes through a symlink to the absolute path "${target}"`);
                stack.length = 0;
            }
            queue.unshift(...target.split('/'));
        }
        else if (st.isDirectory()) {
            stack.push(c);
        }
        else {
            fail(shown, `goes through "${[...stack, c].join('/')}", which is not a directory`);
        }
    }
    return { path: at(), stat: lstatSync(at()) };
}
//# sourceMappingURL=resolve.js.map