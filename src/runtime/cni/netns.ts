// Persistent network namespaces: a bind-mounted nsfs file under a directory berth owns, so the CNI
// plugins have a path to configure before the pause process exists, and the namespace outlives restarts.
// Its loopback is brought up by the same process that makes it, rather than by CNI's loopback plugin:
// one short program per Pod instead of two.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { unmount } from '../../util/mounts.js';
import { runChecked, type HostCommands } from '../../util/host-command.js';

export async function createNetns(host: HostCommands, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '');
  await runChecked('unshare', [`--net=${path}`, 'ip', 'link', 'set', 'lo', 'up'], {}, host);
}

/** Unmounts and deletes the namespace file; a missing or already unmounted file is not an error. */
export async function removeNetns(path: string): Promise<void> {
  await unmount(path);
  await rm(path, { force: true });
}
