// Root filesystems for runtime tests without an image store: a busybox tree built from the host's
// static busybox, a provider that gives each container its own writable overlay, and a runtime over them.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecked, runCommand } from '../../src/runtime/cni/command.js';
import { CniNetwork } from '../../src/runtime/cni/network.js';
import { hostNamesFor } from '../../src/runtime/host-names.js';
import { cleanupAll } from '../../src/runtime/runc/cleanup.js';
import { makePauseRootfs } from '../../src/runtime/runc/pause.js';
import { RuncRuntime } from '../../src/runtime/runc/runtime.js';
import { exists } from '../../src/util/fs.js';
import { holdHostLock } from './host-lock.js';
const BUSYBOX = '/bin/busybox';
/** Builds a minimal busybox root filesystem in dir (idempotent). */
export async function makeBusyboxRootfs(dir) {
    if (await exists(join(dir, 'bin/busybox')))
        return dir;
    for (const d of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp', 'root', 'var'])
        await mkdir(join(dir, d), { recursive: true });
    await copyFile(BUSYBOX, join(dir, 'bin/busybox'));
    const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => a && a !== 'busybox');
    await Promise.all(applets.map((a) => symlink('busybox', join(dir, 'bin', a))));
    return dir;
}
/** A RootfsProvider giving each container a writable overlay over the base tree, as an image store would. */
export function overlayRootfsProvider(base, workDir) {
    return {
        async prepareRootfs(_imageRef, containerId) {
            const dir = join(workDir, containerId);
            await Promise.all(['upper', 'work', 'merged'].map((d) => mkdir(join(dir, d), { recursive: true })));
            const opts = `lowerdir=${base},upperdir=${dir}/upper,workdir=${dir}/work`;
            await runChecked('mount', ['-t', 'overlay', 'overlay', '-o', opts, join(dir, 'merged')]);
            return join(dir, 'merged');
        },
        async releaseRootfs(containerId) {
            const dir = join(workDir, containerId);
            await runCommand('umount', [join(dir, 'merged')]);
            await rm(dir, { recursive: true, force: true });
        },
    };
}
/**
 * A RuncRuntime over fresh temp state laid out as a node's data dir (runtime/, cni/), with that data
 * dir's bridge and cgroup names and its own pod CIDR, so parallel tests never meet.
 */
export async function makeTestRuntime() {
    await holdHostLock();
    const dir = await mkdtemp(join(tmpdir(), 'berth-rt-'));
    const tag = Math.floor(Math.random() * 0xffff);
    const { bridge, cgroupRoot } = await hostNamesFor(dir);
    const podCIDR = `10.${200 + (tag % 50)}.${tag >> 8}.0/24`;
    const base = await makeBusyboxRootfs(join(dir, 'busybox'));
    const pauseRootfs = await makePauseRootfs(join(dir, 'pause'));
    const rootfs = overlayRootfsProvider(base, join(dir, 'rootfs'));
    const cni = new CniNetwork({ binDir: '/usr/lib/cni', podCIDR, bridge, stateDir: join(dir, 'cni') });
    const root = join(dir, 'runtime');
    const opts = { root, rootfs, pauseRootfs, cni, cgroupRoot };
    return {
        dir, bridge, cgroupRoot, podCIDR, opts,
        runtime: new RuncRuntime(opts),
        /** A second instance over the same state, as after a kubelet restart. */
        reopen: () => new RuncRuntime(opts),
        logPath: (name) => join(dir, 'logs', `${name}.log`),
        async cleanup() {
            await cleanupAll(root, { cni, rootfs, cgroupRoot });
            await rm(dir, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=rootfs.js.map