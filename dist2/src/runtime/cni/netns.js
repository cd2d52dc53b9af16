// Persistent network namespaces: a bind-mounted nsfs file under a directory berth owns, so the CNI
// plugins have a path to configure before the pause process exists, and the namespace outlives restarts.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { unmount } from '../../util/mounts.js';
import { runChecked } from './command.js';
export async function createNetns(path) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '');
    await runChecked('unshare', [`--net=${path}`, 'true']);
}
/** Unmounts and deletes the namespace file; a missing or already unmounted file is not an error. */
export async function removeNetns(path) {
    await unmount(path);
    await rm(path, { force: true });
}
//# sourceMappingURL=netns.js.map