// The per-Pod files every container of the Pod sees: written once when the sandbox is created, then
// bind-mounted, so all containers share one /etc/hosts, /etc/resolv.conf, /etc/hostname and /dev/shm.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '../cni/command.js';
import { unmount } from '../../util/mounts.js';
import { bindMount } from './oci-spec.js';
/** Writes the files and mounts the Pod's shared-memory tmpfs. */
export async function writeSandboxFiles(dir, cfg) {
    await mkdir(join(dir, 'shm'));
    await Promise.all([
        runChecked('mount', ['-t', 'tmpfs', '-o', 'nosuid,nodev,noexec,mode=1777,size=65536k', 'shm', join(dir, 'shm')]),
        writeFile(join(dir, 'hosts'), cfg.hostsFile),
        writeFile(join(dir, 'resolv.conf'), cfg.resolvConf),
        writeFile(join(dir, 'hostname'), `${cfg.hostname}\n`),
    ]);
}
/** Unmounts the shared-memory tmpfs; an unmounted one is fine. */
export async function unmountShm(dir) {
    await unmount(join(dir, 'shm'));
}
export function shmMount(dir) {
    // A host-side tmpfs: a bind from another mount namespace (the pause's /dev/shm) is refused by the kernel.
    return bindMount(join(dir, 'shm'), '/dev/shm');
}
export function sandboxMounts(dir, readOnly) {
    return [
        bindMount(join(dir, 'hosts'), '/etc/hosts', readOnly),
        bindMount(join(dir, 'resolv.conf'), '/etc/resolv.conf', readOnly),
        bindMount(join(dir, 'hostname'), '/etc/hostname', readOnly),
        // One tmpfs per Pod, so POSIX shared memory works across the Pod's shared IPC namespace.
        shmMount(dir),
    ];
}
//# sourceMappingURL=sandbox-files.js.map